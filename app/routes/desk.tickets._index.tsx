import { data, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { isMessageKey, type FormMessage } from "~/utils/messages";
import { Form, Link, useActionData, useLoaderData, useNavigation, useRevalidator } from "@remix-run/react";
import { useEffect, useRef, type ChangeEvent, type MouseEvent } from "react";
import { FormError, Notice, SelectField, TextField } from "~/components/forms";
import { useI18n } from "~/components/i18n";
import { PriorityBadge, SlaCountdown, StatusBadge, useNow } from "~/components/tickets/ticket-ui";
import ticketStyles from "../components/tickets/tickets.css?url";
import type { MessageKey } from "~/locales/en";
import { can } from "~/modules/accounts/permissions";
import { calendarsByIds } from "~/modules/sla/plans.server";
import { BULK_MAX, BULK_OPERATION_NAMES, countMatching, previewBulk, TooManyTicketsError, type BulkOperationName, type BulkSelection, type BulkSummary } from "~/modules/tickets/bulk.server";
import { BULK_INLINE_MAX, startBulk } from "~/modules/tickets/bulk-runs.server";
import { BulkSummaryBlock } from "~/components/tickets/bulk-summary";
import { staffChoices } from "~/modules/tickets/desk.server";
import { hasFilterParams, PRIORITY_VALUES, QUEUES, queueStatuses } from "~/modules/tickets/queue-filters";
import { forgetQueueParams, rememberedQueueParams, rememberQueueParams } from "~/modules/tickets/queue-preferences.server";
import { queueCounts } from "~/modules/tickets/queue-counts.server";
import { listQueue, queueFilterChoices, resolveOrganisationFilter } from "~/modules/tickets/queue.server";
import { OrganisationFilter } from "~/components/tickets/organisation-filter";
import { COLUMN_SORT, COLUMNS, decodeSortCursor, encodeSortCursor, sortToParam, type Column } from "~/modules/tickets/queue-view";
import { canShareViews, deleteView, listSavedViews, queueViewFromParams, queueViewToParams, renameView, saveView } from "~/modules/tickets/saved-views.server";
import { tagChoices, tagsForTickets } from "~/modules/tickets/tags.server";
import { listMacros } from "~/modules/macros/macros.server";
import { TagChips } from "~/components/macros/macros-ui";
import { requirePermission } from "~/modules/accounts/auth.server";
import { AppError, handleAppError } from "~/utils/errors.server";

export const meta: MetaFunction = () => [{ title: "Queues · Keydesk" }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: ticketStyles }];

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

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:ticket:any");
  const url = new URL(request.url);
  if (url.searchParams.has("reset")) {
    throw redirect("/desk/tickets?queue=open", { headers: { "Set-Cookie": await forgetQueueParams() } });
  }
  // A visit without filters returns to the engineer's last ones (ADR 021).
  if (!hasViewParams(url.searchParams)) {
    throw redirect(`/desk/tickets?${(await rememberedQueueParams(request, user.id)) ?? "queue=open"}`);
  }
  // The organisation filter sends its text (`org`): resolved here to one organisation's id, so the
  // URL (and a saved view) keeps the id; a text naming none or several is said beside the field.
  let organisationText: { text: string; problem: "none" | "many" } | null = null;
  if (url.searchParams.has("org")) {
    const text = url.searchParams.get("org") ?? "";
    const match = await resolveOrganisationFilter(user, text, url.searchParams.get("organisation"));
    const params = new URLSearchParams(url.searchParams);
    params.delete("org");
    params.delete("organisation");
    if (match.ok) {
      if (match.id) params.set("organisation", match.id);
      throw redirect(`/desk/tickets?${queueViewToParams(viewOf(params))}`);
    }
    organisationText = { text: text.trim().slice(0, 100), problem: match.reason };
    url.search = params.toString();
  }
  const view = viewOf(url.searchParams);
  const { filters, sort, columns } = view;
  const now = new Date();
  const mayBulk = can(user, "update:ticket:any");
  const [page, counts, choices, staff, views, matching] = await Promise.all([
    listQueue(user, filters, { sort, cursor: decodeSortCursor(url.searchParams.get("after")), now }),
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
  return data(
    {
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
      paged: url.searchParams.has("after"),
    },
    { headers: { "Set-Cookie": await rememberQueueParams(user.id, params) } },
  );
}

type BulkChange = { op: BulkOperationName; value: string };

/** "status:pending" → the status operation with { status: "pending" }. */
function parseChange(raw: string): BulkChange | null {
  const at = raw.indexOf(":");
  const op = raw.slice(0, at) as BulkOperationName;
  const value = raw.slice(at + 1);
  return at > 0 && BULK_OPERATION_NAMES.includes(op) && value ? { op, value } : null;
}

const INPUT_FIELD: Record<BulkOperationName, string> = { assign: "assignee", status: "status", priority: "priority", tag: "tag", macro: "macro" };

type ActionResult =
  | { intent: "bulk-preview"; change: string; scope: "all" | "page"; numbers: number[]; view: string; selected: number; changing: number; background: number | null }
  | { intent: "bulk-done"; change: string; summary: BulkSummary }
  | { intent: "view-saved"; name: string }
  | { intent: "view-changed" }
  | { intent: "error"; formError: FormMessage; params?: Record<string, string | number>; values: Record<string, string> };

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "read:ticket:any");
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const values: Record<string, string> = {};
  for (const [key, value] of form.entries()) if (typeof value === "string" && key !== "ticket") values[key] = value.slice(0, 2000);
  const fail = (formError: FormMessage, status = 400, params?: Record<string, string | number>) =>
    data<ActionResult>({ intent: "error", formError, params, values }, { status });
  try {
    switch (intent) {
      case "bulk-preview":
      case "bulk-apply": {
        const change = parseChange(String(form.get("change") ?? ""));
        if (!change) return fail("bulk.invalid");
        const view = String(form.get("view") ?? "").slice(0, 2000);
        const scope = form.get("scope") === "all" ? "all" : "page";
        const numbers = form
          .getAll("ticket")
          .map((n) => Number(n))
          .filter((n) => Number.isSafeInteger(n) && n > 0);
        if (scope === "page" && numbers.length === 0) return fail("bulk.noneSelected");
        const selection: BulkSelection = scope === "all" ? { filters: queueViewFromParams(new URLSearchParams(view)).filters } : { numbers };
        const input = { [INPUT_FIELD[change.op]]: change.value };
        if (intent === "bulk-preview") {
          const preview = await previewBulk(user, change.op, input, selection);
          return data<ActionResult>({ intent: "bulk-preview", change: `${change.op}:${change.value}`, scope, numbers: preview.numbers, view, selected: preview.selected, changing: preview.changing, background: preview.selected > BULK_INLINE_MAX ? BULK_INLINE_MAX : null });
        }
        const started = await startBulk(user, change.op, input, selection);
        // Many tickets: the background job changes them; its progress page follows it live.
        if (started.kind === "queued") return redirect(`/desk/tickets/bulk/${started.runId}`);
        return data<ActionResult>({ intent: "bulk-done", change: `${change.op}:${change.value}`, summary: started.summary });
      }
      case "save-view": {
        const name = String(form.get("name") ?? "");
        await saveView(user, { name, shared: form.get("shared") === "on", params: String(form.get("view") ?? "") });
        return data<ActionResult>({ intent: "view-saved", name: name.trim() });
      }
      case "rename-view":
        await renameView(user, String(form.get("viewId") ?? ""), String(form.get("name") ?? ""));
        return data<ActionResult>({ intent: "view-changed" });
      case "delete-view":
        await deleteView(user, String(form.get("viewId") ?? ""));
        return data<ActionResult>({ intent: "view-changed" });
      default:
        return fail("bulk.invalid");
    }
  } catch (error) {
    if (error instanceof TooManyTicketsError) return fail("bulk.tooMany", 400, { max: BULK_MAX });
    if (error instanceof AppError && (error.code === "invalid" || error.code === "conflict")) return fail(error.message, error.code === "conflict" ? 409 : 400);
    if (error instanceof AppError && error.code === "forbidden") return fail(error.message, 403);
    if (error instanceof AppError && error.code === "not_found") return fail(error.message, 404);
    handleAppError(error, values); // not found becomes a response; anything else is a bug
    throw error;
  }
}

const REFRESH_MS = 45_000;

const COLUMN_LABEL: Record<Column | "number", MessageKey> = {
  number: "ticket.number",
  subject: "ticket.subject",
  organisation: "common.organisation",
  product: "ticket.product",
  priority: "ticket.priority",
  status: "common.status",
  assignee: "ticket.assignee",
  due: "sla.due",
  created: "queue.column.created",
};

const BULK_STATUSES = ["open", "pending", "on_hold", "solved"] as const;

export default function Queues() {
  const loaded = useLoaderData<typeof loader>();
  const { filters, sort, columns, rows, next, counts, choices, staff, calendars, views, matching, rowTags, tagList } = loaded;
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t, dateTime, say } = useI18n();
  const now = useNow(loaded.now, 15_000);
  const revalidator = useRevalidator();
  const lastClicked = useRef<number | null>(null);
  const tableRef = useRef<HTMLTableElement>(null);
  const confirming = result?.intent === "bulk-preview" ? result : null;

  useEffect(() => {
    const timer = window.setInterval(() => {
      // Not while a bulk change waits for confirmation: the page under it must stay as reviewed.
      if (document.visibilityState === "visible" && revalidator.state === "idle" && !confirming) revalidator.revalidate();
    }, REFRESH_MS);
    return () => window.clearInterval(timer);
  }, [revalidator, confirming]);

  /** A catalogue key is translated; a plain message (from a rule deep in a use case) is shown as is. */
  const sayWith = (message: FormMessage, params?: Record<string, string | number>) => (typeof message === "string" && isMessageKey(message) ? t(message, params) : say(message));

  const base = new URLSearchParams(loaded.params);
  const queueLink = (queue: string) => {
    const params = new URLSearchParams(base);
    params.set("queue", queue);
    if (params.get("status") && !queueStatuses(queue as never).includes(params.get("status") as never)) params.delete("status");
    return `?${params}`;
  };
  const sortLink = (column: Column | "number") => {
    const params = new URLSearchParams(base);
    const key = COLUMN_SORT[column];
    const dir = sort.key === key && sort.dir === "asc" ? "desc" : "asc";
    const value = sortToParam({ key, dir });
    if (value) params.set("sort", value);
    else params.delete("sort");
    return `?${params}`;
  };
  const ariaSort = (column: Column | "number") => (sort.key === COLUMN_SORT[column] ? (sort.dir === "asc" ? "ascending" : "descending") : undefined);
  const shown = (column: Column) => columns.includes(column);

  /** Shift-click ticks or clears every row between the last clicked box and this one. */
  const onRowBox = (index: number) => (event: MouseEvent<HTMLInputElement>) => {
    const boxes = Array.from(tableRef.current?.querySelectorAll<HTMLInputElement>("input[data-row-box]") ?? []);
    if (event.shiftKey && lastClicked.current !== null) {
      const [from, to] = [Math.min(lastClicked.current, index), Math.max(lastClicked.current, index)];
      for (const box of boxes.slice(from, to + 1)) box.checked = event.currentTarget.checked;
    }
    lastClicked.current = index;
  };
  const onPageBox = (event: ChangeEvent<HTMLInputElement>) => {
    for (const box of tableRef.current?.querySelectorAll<HTMLInputElement>("input[data-row-box]") ?? []) box.checked = event.currentTarget.checked;
  };

  const staffName = (id: string) => (id === "me" ? loaded.me.name : id === "none" ? "" : (staff.find((s) => s.id === id)?.name ?? id));
  const changeLabel = (change: string) => {
    const [op, value = ""] = change.split(":");
    if (op === "status") return t(`ticket.status.${value}` as MessageKey);
    if (op === "priority") return t(`ticket.priority.${value}` as MessageKey);
    if (op === "tag") return tagList.find((c) => c.name === value)?.label ?? value;
    if (op === "macro") return (loaded.bulkMacros ?? []).find((m) => m.id === value)?.title ?? "";
    return staffName(value);
  };
  const confirmText = (preview: NonNullable<typeof confirming>) => {
    const [op, value] = preview.change.split(":");
    if (preview.changing === 0) return t("bulk.confirm.nothing");
    if (op === "assign" && value === "none") return t("bulk.confirm.unassign", { count: preview.changing });
    return t(`bulk.confirm.${op}` as MessageKey, { count: preview.changing, value: changeLabel(preview.change) });
  };
  const busy = navigation.state !== "idle";

  return (
    <>
      <h1>{t("queue.title")}</h1>
      <p>
        <Link to="/desk/tickets/new" className="button secondary">
          {t("onBehalf.link")}
        </Link>
      </p>
      <div className="queue-layout">
        <aside className="queue-sidebar">
          <nav aria-label={t("queue.queues")}>
            <h2 className="sidebar-heading">{t("views.builtIn")}</h2>
            <ul className="queue-tabs">
              {QUEUES.map((queue) => (
                <li key={queue}>
                  <Link to={queueLink(queue)} aria-current={filters.queue === queue && !views.some((v) => v.params === loaded.params) ? "page" : undefined}>
                    {t(`queue.name.${queue}` as MessageKey)}
                    {queue !== "all" ? <span className="count">{counts[queue]}</span> : null}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
          <nav aria-label={t("views.saved")}>
            <h2 className="sidebar-heading">{t("views.saved")}</h2>
            {views.length === 0 ? (
              <p className="muted">{t("views.none")}</p>
            ) : (
              <ul className="saved-views">
                {views.map((view) => (
                  <li key={view.id}>
                    <Link to={`?${view.params}`} aria-current={view.params === loaded.params ? "page" : undefined}>
                      {view.name}
                      <span className="count">{view.capped ? t("views.countCapped", { count: view.count }) : view.count}</span>
                    </Link>
                    {view.shared ? <span className="badge">{t("views.shared")}</span> : null}
                    {view.mine ? (
                      <details className="view-edit">
                        <summary>{t("views.edit", { name: view.name })}</summary>
                        <Form method="post" className="inline-form">
                          <input type="hidden" name="intent" value="rename-view" />
                          <input type="hidden" name="viewId" value={view.id} />
                          <TextField label={t("views.name")} name="name" defaultValue={view.name} required maxLength={80} />
                          <button type="submit">{t("views.rename")}</button>
                        </Form>
                        <details>
                          <summary>{t("views.delete")}</summary>
                          <Form method="post">
                            <input type="hidden" name="intent" value="delete-view" />
                            <input type="hidden" name="viewId" value={view.id} />
                            <p>{t("views.deleteConfirm", { name: view.name })}</p>
                            <button type="submit" className="danger">
                              {t("views.deleteYes")}
                            </button>
                          </Form>
                        </details>
                      </details>
                    ) : null}
                  </li>
                ))}
              </ul>
            )}
            <details className="view-save">
              <summary>{t("views.save")}</summary>
              <Form method="post" aria-label={t("views.save")}>
                <input type="hidden" name="intent" value="save-view" />
                <input type="hidden" name="view" value={loaded.params} />
                <TextField
                  label={t("views.name")}
                  name="name"
                  required
                  maxLength={80}
                  defaultValue={result?.intent === "error" && result.values.intent === "save-view" ? result.values.name : ""}
                />
                {loaded.mayShare ? (
                  <label className="checkbox">
                    <input type="checkbox" name="shared" /> {t("views.shareWithTeam")}
                  </label>
                ) : null}
                <button type="submit">{t("views.saveButton")}</button>
              </Form>
            </details>
          </nav>
        </aside>

        <div className="queue-main">
          <Form method="get" className="toolbar" aria-label={t("queue.filters")}>
            <input type="hidden" name="queue" value={filters.queue} />
            {base.get("sort") ? <input type="hidden" name="sort" value={base.get("sort")!} /> : null}
            {base.get("cols") ? <input type="hidden" name="cols" value={base.get("cols")!} /> : null}
            <SelectField label={t("ticket.product")} name="product" defaultValue={filters.productId ?? ""}>
              <option value="">{t("queue.any")}</option>
              {choices.products.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </SelectField>
            <SelectField label={t("ticket.priority")} name="priority" defaultValue={filters.priority ?? ""}>
              <option value="">{t("queue.any")}</option>
              {PRIORITY_VALUES.map((p) => (
                <option key={p} value={p}>
                  {t(`ticket.priority.${p}` as MessageKey)}
                </option>
              ))}
            </SelectField>
            <SelectField label={t("common.status")} name="status" defaultValue={filters.status ?? ""}>
              <option value="">{t("queue.any")}</option>
              {queueStatuses(filters.queue).map((s) => (
                <option key={s} value={s}>
                  {t(`ticket.status.${s}` as MessageKey)}
                </option>
              ))}
            </SelectField>
            <OrganisationFilter
              key={choices.organisation?.id ?? loaded.organisationText?.text ?? ""}
              label={t("common.organisation")}
              name={loaded.organisationText?.text ?? choices.organisation?.name ?? ""}
              id={choices.organisation?.id ?? null}
              errors={
                loaded.organisationText
                  ? [t(loaded.organisationText.problem === "none" ? "queue.organisationNone" : "queue.organisationMany", { text: loaded.organisationText.text })]
                  : undefined
              }
            />
            <SelectField label={t("ticket.assignee")} name="assignee" defaultValue={filters.assigneeId ?? ""}>
              <option value="">{t("queue.any")}</option>
              <option value="none">{t("queue.nobody")}</option>
              {staff.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </SelectField>
            <SelectField label={t("tags.filter")} name="tag" defaultValue={filters.tag ?? ""}>
              <option value="">{t("tags.any")}</option>
              {filters.tag && !tagList.some((c) => c.name === filters.tag) ? <option value={filters.tag}>{filters.tag}</option> : null}
              {tagList.map((c) => (
                <option key={c.name} value={c.name}>
                  {c.label}
                </option>
              ))}
            </SelectField>
            <TextField label={t("queue.search")} name="q" type="search" defaultValue={filters.q ?? ""} />
            <button type="submit">{t("common.filter")}</button>
            <Link to="?reset=1">{t("queue.reset")}</Link>
          </Form>

          <details className="column-chooser">
            <summary>{t("queue.columns")}</summary>
            <Form method="get">
              {[...base.entries()]
                .filter(([key]) => key !== "cols")
                .map(([key, value]) => (
                  <input key={key} type="hidden" name={key} value={value} />
                ))}
              <fieldset>
                <legend>{t("queue.columns")}</legend>
                {COLUMNS.map((column) => (
                  <label key={column} className="checkbox">
                    <input type="checkbox" name="cols" value={column} defaultChecked={shown(column)} /> {t(COLUMN_LABEL[column])}
                  </label>
                ))}
              </fieldset>
              <button type="submit">{t("queue.columnsApply")}</button>
            </Form>
          </details>

          {result?.intent === "error" ? <FormError message={sayWith(result.formError, result.params)} /> : null}
          {result?.intent === "view-saved" ? <Notice>{t("views.savedMessage", { name: result.name })}</Notice> : null}
          {result?.intent === "bulk-done" ? <BulkSummaryBlock summary={result.summary} changeLabel={changeLabel(result.change)} /> : null}

          {confirming ? (
            <Form method="post" className="card bulk-confirm" aria-label={t("bulk.actions")}>
              <input type="hidden" name="intent" value="bulk-apply" />
              <input type="hidden" name="change" value={confirming.change} />
              <input type="hidden" name="view" value={confirming.view} />
              <input type="hidden" name="scope" value={confirming.scope} />
              {confirming.scope === "page" ? confirming.numbers.map((n) => <input key={n} type="hidden" name="ticket" value={n} />) : null}
              <p role="status">
                <strong>{confirmText(confirming)}</strong>
                {confirming.selected > confirming.changing ? <> {t("bulk.confirm.skipped", { count: confirming.selected - confirming.changing })}</> : null}
              </p>
              {confirming.background ? <p className="hint">{t("bulk.confirm.background", { max: confirming.background })}</p> : null}
              <button type="submit" disabled={busy}>
                {t("bulk.apply")}
              </button>{" "}
              <Link to={`?${base}`}>{t("bulk.cancel")}</Link>
            </Form>
          ) : null}

          {loaded.mayBulk && rows.length > 0 && !confirming ? (
            <Form method="post" id="bulk-form" className="toolbar bulk-bar" aria-label={t("bulk.actions")}>
              <input type="hidden" name="intent" value="bulk-preview" />
              <input type="hidden" name="view" value={loaded.params} />
              <SelectField label={t("bulk.action")} name="change" defaultValue="">
                <option value="">—</option>
                <optgroup label={t("bulk.op.assign")}>
                  <option value="assign:me">{t("bulk.assignMe")}</option>
                  <option value="assign:none">{t("bulk.unassign")}</option>
                  {loaded.mayAssignOthers
                    ? staff.map((s) => (
                        <option key={s.id} value={`assign:${s.id}`}>
                          {s.name}
                        </option>
                      ))
                    : null}
                </optgroup>
                <optgroup label={t("bulk.op.status")}>
                  {BULK_STATUSES.map((s) => (
                    <option key={s} value={`status:${s}`}>
                      {t(`ticket.status.${s}` as MessageKey)}
                    </option>
                  ))}
                </optgroup>
                <optgroup label={t("bulk.op.priority")}>
                  {PRIORITY_VALUES.map((p) => (
                    <option key={p} value={`priority:${p}`}>
                      {t(`ticket.priority.${p}` as MessageKey)}
                    </option>
                  ))}
                </optgroup>
                {tagList.length > 0 ? (
                  <optgroup label={t("bulk.op.tag")}>
                    {tagList.map((c) => (
                      <option key={c.name} value={`tag:${c.name}`}>
                        {c.label}
                      </option>
                    ))}
                  </optgroup>
                ) : null}
                {loaded.bulkMacros.length > 0 ? (
                  <optgroup label={t("bulk.op.macro")}>
                    {loaded.bulkMacros.map((m) => (
                      <option key={m.id} value={`macro:${m.id}`}>
                        {m.title}
                      </option>
                    ))}
                  </optgroup>
                ) : null}
              </SelectField>
              {matching ? (
                matching.tooMany ? (
                  <p className="muted">{t("bulk.tooManyMatching", { max: loaded.bulkMax })}</p>
                ) : (
                  <label className="checkbox">
                    <input type="checkbox" name="scope" value="all" /> {t("bulk.selectAllMatching", { count: matching.count })}
                  </label>
                )
              ) : null}
              <button type="submit" disabled={busy}>
                {t("bulk.review")}
              </button>
            </Form>
          ) : null}

          {rows.length === 0 ? (
            <p className="card">{t("queue.empty")}</p>
          ) : (
            <div className="table-wrap">
              <table ref={tableRef}>
                <caption className="sr-only">{t(`queue.name.${filters.queue}` as MessageKey)}</caption>
                <thead>
                  <tr>
                    {loaded.mayBulk ? (
                      <th scope="col">
                        <input type="checkbox" aria-label={t("bulk.selectPage")} onChange={onPageBox} />
                      </th>
                    ) : null}
                    {(["number", ...COLUMNS.filter(shown)] as Array<Column | "number">).map((column) => (
                      <th key={column} scope="col" aria-sort={ariaSort(column)}>
                        <Link to={sortLink(column)} title={t("queue.sortBy", { column: t(COLUMN_LABEL[column]) })}>
                          {t(COLUMN_LABEL[column])}
                          {sort.key === COLUMN_SORT[column] ? <span aria-hidden="true">{sort.dir === "asc" ? " ▲" : " ▼"}</span> : null}
                        </Link>
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {rows.map((row, index) => (
                    <tr key={row.id} data-kbd-row="">
                      {loaded.mayBulk ? (
                        <td>
                          <input
                            type="checkbox"
                            name="ticket"
                            value={row.number}
                            form="bulk-form"
                            data-row-box=""
                            aria-label={t("bulk.selectRow", { number: row.number })}
                            onClick={onRowBox(index)}
                          />
                        </td>
                      ) : null}
                      <td>
                        <Link to={`/desk/tickets/${row.number}`}>#{row.number}</Link>
                      </td>
                      {shown("subject") ? (
                        <td>
                          <Link to={`/desk/tickets/${row.number}`}>{row.subject}</Link> <TagChips tags={rowTags[row.id]} />
                          {row.siteDown ? (
                            <>
                              {" "}
                              <span className="badge danger">{t("ticket.siteDownShort")}</span>
                            </>
                          ) : null}
                        </td>
                      ) : null}
                      {shown("organisation") ? <td>{row.organisationName}</td> : null}
                      {shown("product") ? <td>{row.productName ?? "—"}</td> : null}
                      {shown("priority") ? (
                        <td>
                          <PriorityBadge priority={row.priority} />
                        </td>
                      ) : null}
                      {shown("status") ? (
                        <td>
                          <StatusBadge status={row.status} />
                        </td>
                      ) : null}
                      {shown("assignee") ? <td>{row.assigneeName ?? <span className="muted">{t("queue.nobody")}</span>}</td> : null}
                      {shown("due") ? (
                        <td>
                          <SlaCountdown dueAt={row.slaDueAt} warnAt={row.slaWarnAt} state={row.slaState} now={now} calendar={calendars[row.calendarId]} />
                        </td>
                      ) : null}
                      {shown("created") ? <td>{dateTime(row.createdAt)}</td> : null}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <nav className="pager" aria-label={t("common.pagination")}>
            {loaded.paged ? <Link to={`?${base}`}>{t("common.first")}</Link> : null}
            {next ? (
              <Link
                to={`?${(() => {
                  const params = new URLSearchParams(base);
                  params.set("after", next);
                  return params;
                })()}`}
              >
                {t("common.next")}
              </Link>
            ) : null}
          </nav>
        </div>
      </div>
    </>
  );
}
