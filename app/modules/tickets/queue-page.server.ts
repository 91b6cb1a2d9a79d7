import { AppError } from "~/utils/errors.server";
import { can, type Actor } from "../accounts/permissions";
import { listMacros } from "../macros/macros.server";
import { calendarsByIds } from "../sla/plans.server";
import { BULK_MAX, BULK_OPERATION_NAMES, countMatching, previewBulk, type BulkOperationName, type BulkSelection } from "./bulk.server";
import { BULK_INLINE_MAX, startBulk } from "./bulk-runs.server";
import { staffChoices } from "./desk.server";
import { hasFilterParams } from "./queue-filters";
import { forgetQueueParams, rememberedQueueParams, rememberQueueParams } from "./queue-preferences.server";
import { queueCounts } from "./queue-counts.server";
import { listQueue, queueFilterChoices, resolveOrganisationFilter } from "./queue.server";
import { decodeSortCursor, encodeSortCursor } from "./queue-view";
import { canShareViews, listSavedViews, queueViewFromParams, queueViewToParams } from "./saved-views.server";
import { tagChoices, tagsForTickets } from "./tags.server";

/** The desk's queue page: which view an address asks for, the page of that view, and its bulk changes. */

type Viewer = Actor & { name: string; locale: "en" | "ru" };

/** A view's own parameters: the filters plus the sort and the chosen columns. */
function hasViewParams(params: URLSearchParams): boolean {
  return hasFilterParams(params) || params.has("sort") || params.has("cols");
}

/** The URL's view, reading the column chooser's repeated `cols` as one list. */
function viewOf(params: URLSearchParams) {
  const normalised = new URLSearchParams(params);
  const cols = params.getAll("cols").join(",");
  normalised.delete("cols");
  if (cols) normalised.set("cols", cols);
  return queueViewFromParams(normalised);
}

export type OrganisationText = { text: string; problem: "none" | "many" };

/**
 * What a queue address shows — or where it goes instead: `reset` forgets the remembered filters,
 * a visit without filters returns to the engineer's last ones (ADR 021), and the organisation
 * filter's text (`org`) is resolved to one organisation's id, so the URL (and a saved view) keeps
 * the id; a text naming none or several is said beside the field. The page remembers its filters.
 */
export async function openQueue(
  user: Viewer,
  request: Request,
): Promise<{ redirect: string; headers?: Record<string, string> } | { page: Awaited<ReturnType<typeof queuePage>>; headers: Record<string, string> }> {
  const url = new URL(request.url);
  if (url.searchParams.has("reset")) return { redirect: "/desk/tickets?queue=open", headers: { "Set-Cookie": await forgetQueueParams() } };
  if (!hasViewParams(url.searchParams)) return { redirect: `/desk/tickets?${(await rememberedQueueParams(request, user.id)) ?? "queue=open"}` };
  let organisationText: OrganisationText | null = null;
  if (url.searchParams.has("org")) {
    const text = url.searchParams.get("org") ?? "";
    const match = await resolveOrganisationFilter(user, text, url.searchParams.get("organisation"));
    const params = new URLSearchParams(url.searchParams);
    params.delete("org");
    params.delete("organisation");
    if (match.ok) {
      if (match.id) params.set("organisation", match.id);
      return { redirect: `/desk/tickets?${queueViewToParams(viewOf(params))}` };
    }
    organisationText = { text: text.trim().slice(0, 100), problem: match.reason };
    url.search = params.toString();
  }
  const page = await queuePage(user, url.searchParams, organisationText);
  return { page, headers: { "Set-Cookie": await rememberQueueParams(user.id, page.params) } };
}

/** One page of a queue view, with everything around it: counts, filters' choices, saved views, bulk choices. */
export async function queuePage(user: Viewer, searchParams: URLSearchParams, organisationText: OrganisationText | null, now = new Date()) {
  const view = viewOf(searchParams);
  const { filters, sort, columns } = view;
  const mayBulk = can(user, "update:ticket:any");
  const [page, counts, choices, staff, views, matching] = await Promise.all([
    listQueue(user, filters, { sort, cursor: decodeSortCursor(searchParams.get("after")), now }),
    queueCounts(user, now),
    queueFilterChoices(user, filters.organisationId),
    staffChoices(user),
    listSavedViews(user, now),
    mayBulk ? countMatching(user, filters, now) : Promise.resolve(null),
  ]);
  const calendars = await calendarsByIds(page.rows.map((r) => r.calendarId));
  const params = queueViewToParams(view).toString();
  const [rowTags, tagList, bulkMacros] = await Promise.all([
    tagsForTickets(user, page.rows.map((r) => r.id), user.locale),
    tagChoices(user, user.locale),
    mayBulk ? listMacros(user).then((list) => list.map((m) => ({ id: m.id, title: m.title }))) : Promise.resolve([]),
  ]);
  return {
    filters,
    sort,
    columns,
    params,
    rows: page.rows,
    next: page.nextCursor ? encodeSortCursor(page.nextCursor) : null,
    rowTags,
    tagList,
    bulkMacros,
    counts,
    choices,
    organisationText,
    staff,
    calendars,
    views,
    matching,
    me: { id: user.id, name: user.name },
    mayBulk,
    // The cap travels with the data: a constant of a .server module is not in the browser's bundle.
    bulkMax: BULK_MAX,
    mayAssignOthers: can(user, "assign:ticket:any"),
    mayShare: canShareViews(user),
    now: now.toISOString(),
    paged: searchParams.has("after"),
  };
}

/** What the bulk bar posts: the change ("status:pending"), the view, the scope and the ticked tickets. */
export type BulkRequest = { change: string; view: string; scope: unknown; tickets: unknown[] };

const INPUT_FIELD: Record<BulkOperationName, string> = { assign: "assignee", status: "status", priority: "priority", tag: "tag", macro: "macro" };

/** "status:pending" → the status operation with { status: "pending" }; the selection: all the view matches, or the ticked tickets. */
function readBulkRequest(request: BulkRequest) {
  const at = request.change.indexOf(":");
  const op = request.change.slice(0, at) as BulkOperationName;
  const value = request.change.slice(at + 1);
  if (!(at > 0 && BULK_OPERATION_NAMES.includes(op) && value)) throw AppError.invalid("bulk.invalid");
  const view = request.view.slice(0, 2000);
  const scope: "all" | "page" = request.scope === "all" ? "all" : "page";
  const numbers = request.tickets.map((n) => Number(n)).filter((n) => Number.isSafeInteger(n) && n > 0);
  if (scope === "page" && numbers.length === 0) throw AppError.invalid("bulk.noneSelected");
  const selection: BulkSelection = scope === "all" ? { filters: queueViewFromParams(new URLSearchParams(view)).filters } : { numbers };
  return { op, change: `${op}:${value}`, input: { [INPUT_FIELD[op]]: value }, view, scope, selection };
}

/** The confirmation of a bulk change: how many tickets it selects and changes, and whether a background job will do it. */
export async function previewBulkChange(user: Actor, request: BulkRequest) {
  const { op, change, input, view, scope, selection } = readBulkRequest(request);
  const preview = await previewBulk(user, op, input, selection);
  return { change, scope, numbers: preview.numbers, view, selected: preview.selected, changing: preview.changing, background: preview.selected > BULK_INLINE_MAX ? BULK_INLINE_MAX : null };
}

/** A confirmed bulk change: done now when small, else queued for the background job (its run id). */
export async function applyBulkChange(user: Actor, request: BulkRequest) {
  const { op, change, input, selection } = readBulkRequest(request);
  return { change, started: await startBulk(user, op, input, selection) };
}
