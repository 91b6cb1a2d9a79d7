import { and, asc, eq, ilike, isNull, sql, type SQL } from "drizzle-orm";
import { organisations, products, supportPlans, ticketTags, tickets, users } from "#db/schema";
import { db } from "~/utils/db.server";
import { AppError } from "~/utils/errors.server";
import { cleanText } from "~/utils/forms";
import { can, type Actor } from "../accounts/permissions";
import { escapeLike } from "../accounts/users.server";
import { ticketNumberFromSearch, queueStatuses, type QueueCursor, type QueueFilters, type QueueName } from "./queue-filters";
import { DEFAULT_SORT, type QueueSort, type SortCursor, type SortKey } from "./queue-view";

/**
 * Engineer queues (SPEC §3): sorted by SLA due time, nulls last, then id; paged by keyset on
 * exactly that pair, so page N costs the same as page 1. The active queues use the partial
 * indexes tickets_active_due_idx / tickets_active_assignee_due_idx — the status predicate is
 * written literally (ACTIVE) so the planner can match the index predicate.
 */
export const QUEUE_PAGE_SIZE = 50;

const ACTIVE = sql`${tickets.status} in ('new', 'open', 'pending', 'on_hold')`;

function queueCondition(queue: QueueName, actor: Actor, now: Date): SQL | undefined {
  switch (queue) {
    case "unassigned":
      return and(ACTIVE, isNull(tickets.assigneeId));
    case "mine":
      return and(ACTIVE, eq(tickets.assigneeId, actor.id));
    case "open":
      return ACTIVE;
    case "breaching":
      return and(ACTIVE, sql`${tickets.slaWarnAt} <= ${now.toISOString()}::timestamptz and ${tickets.slaDueAt} > ${now.toISOString()}::timestamptz`);
    case "breached":
      return and(ACTIVE, sql`${tickets.slaDueAt} <= ${now.toISOString()}::timestamptz`);
    case "pending":
      return eq(tickets.status, "pending");
    case "on_hold":
      return eq(tickets.status, "on_hold");
    case "all":
      return undefined;
  }
}

function filterConditions(filters: QueueFilters): SQL[] {
  const conditions: SQL[] = [];
  if (filters.productId) conditions.push(eq(tickets.productId, filters.productId));
  if (filters.organisationId) conditions.push(eq(tickets.organisationId, filters.organisationId));
  if (filters.assigneeId === "none") conditions.push(isNull(tickets.assigneeId));
  else if (filters.assigneeId) conditions.push(eq(tickets.assigneeId, filters.assigneeId));
  if (filters.priority) conditions.push(eq(tickets.priority, filters.priority));
  if (filters.status && queueStatuses(filters.queue).includes(filters.status)) conditions.push(eq(tickets.status, filters.status));
  if (filters.q) {
    const number = ticketNumberFromSearch(filters.q);
    conditions.push(number !== null ? eq(tickets.number, number) : ilike(tickets.subject, `%${escapeLike(filters.q)}%`));
  }
  if (filters.tag) conditions.push(sql`exists (select 1 from ${ticketTags} where ${ticketTags.ticketId} = ${tickets.id} and ${ticketTags.tag} = ${filters.tag})`);
  return conditions;
}

/**
 * What each sort orders by, and the SQL type its cursor value is read back as. Every sort is
 * (value <dir> NULLS LAST, id ASC), paged by keyset on exactly that pair (ADR 170). Priority and
 * status sort by their rank in the workflow, not alphabetically.
 */
const SORTS: Record<SortKey, { expr: SQL; type: "timestamptz" | "int" | "text" }> = {
  due: { expr: sql`${tickets.slaDueAt}`, type: "timestamptz" },
  number: { expr: sql`${tickets.number}`, type: "int" },
  subject: { expr: sql`${tickets.subject}`, type: "text" },
  organisation: { expr: sql`${organisations.name}`, type: "text" },
  product: { expr: sql`${products.name}`, type: "text" },
  priority: { expr: sql`(case ${tickets.priority} when 'low' then 0 when 'normal' then 1 when 'high' then 2 else 3 end)`, type: "int" },
  status: {
    expr: sql`(case ${tickets.status} when 'new' then 0 when 'open' then 1 when 'pending' then 2 when 'on_hold' then 3 when 'solved' then 4 else 5 end)`,
    type: "int",
  },
  assignee: { expr: sql`${users.name}`, type: "text" },
  created: { expr: sql`${tickets.createdAt}`, type: "timestamptz" },
};

/** Rows after the cursor in (value <dir> NULLS LAST, id ASC) order. */
function afterSortCursor(sort: QueueSort, cursor: SortCursor | null): SQL | undefined {
  if (!cursor) return undefined;
  const { expr, type } = SORTS[sort.key];
  if (cursor.value === null) return and(sql`${expr} is null`, sql`${tickets.id} > ${cursor.id}`);
  const value = sql`${cursor.value}::${sql.raw(type)}`;
  const beyond = sort.dir === "asc" ? sql`${expr} > ${value}` : sql`${expr} < ${value}`;
  return sql`(${beyond} or (${expr} = ${value} and ${tickets.id} > ${cursor.id}) or ${expr} is null)`;
}

/** The rows a queue with its filters holds (no cursor): shared by the list, bulk actions and view counts. */
export function queueWhere(actor: Actor, filters: QueueFilters, now: Date): SQL | undefined {
  return and(queueCondition(filters.queue, actor, now), ...filterConditions(filters));
}

export type QueueRow = {
  id: string;
  number: number;
  subject: string;
  status: (typeof tickets.$inferSelect)["status"];
  priority: (typeof tickets.$inferSelect)["priority"];
  siteDown: boolean;
  slaDueAt: Date | null;
  slaWarnAt: Date | null;
  slaState: (typeof tickets.$inferSelect)["slaState"];
  organisationName: string;
  productName: string | null;
  assigneeId: string | null;
  assigneeName: string | null;
  createdAt: Date;
  /** The business calendar of the ticket's plan (for a calendar-aware countdown). */
  calendarId: string;
};

export async function listQueue(
  actor: Actor,
  filters: QueueFilters,
  options: { after?: QueueCursor | null; sort?: QueueSort; cursor?: SortCursor | null; now?: Date; pageSize?: number } = {},
): Promise<{ rows: QueueRow[]; next: QueueCursor | null; nextCursor: SortCursor | null }> {
  if (actor.role === "customer" || !can(actor, "read:ticket:any")) throw AppError.forbidden();
  const now = options.now ?? new Date();
  const pageSize = options.pageSize ?? QUEUE_PAGE_SIZE;
  const sort = options.sort ?? DEFAULT_SORT;
  // The older (due, id) cursor is the due-ascending sort's cursor with the time as its value.
  const cursor = options.cursor ?? (options.after ? { value: options.after.dueAt?.toISOString() ?? null, id: options.after.id } : null);
  const { expr } = SORTS[sort.key];
  const where = and(queueWhere(actor, filters, now), afterSortCursor(sort, cursor));
  const rows = await db
    .select({
      id: tickets.id,
      number: tickets.number,
      subject: tickets.subject,
      status: tickets.status,
      priority: tickets.priority,
      siteDown: tickets.siteDown,
      slaDueAt: tickets.slaDueAt,
      slaWarnAt: tickets.slaWarnAt,
      slaState: tickets.slaState,
      organisationName: organisations.name,
      productName: products.name,
      assigneeId: tickets.assigneeId,
      assigneeName: users.name,
      createdAt: tickets.createdAt,
      calendarId: supportPlans.calendarId,
      sortValue: sql<string | null>`(${expr})::text`,
    })
    .from(tickets)
    .innerJoin(organisations, eq(organisations.id, tickets.organisationId))
    .innerJoin(supportPlans, eq(supportPlans.id, tickets.planId))
    .leftJoin(products, eq(products.id, tickets.productId))
    .leftJoin(users, eq(users.id, tickets.assigneeId))
    .where(where)
    .orderBy(sql`${expr} ${sql.raw(sort.dir)} nulls last`, asc(tickets.id))
    .limit(pageSize + 1);
  const page = rows.slice(0, pageSize).map(({ sortValue: _, ...row }) => row);
  const last = rows.slice(0, pageSize).at(-1);
  const more = rows.length > pageSize && last;
  return {
    rows: page,
    next: more ? { dueAt: last.slaDueAt, id: last.id } : null,
    nextCursor: more ? { value: last.sortValue, id: last.id } : null,
  };
}

/**
 * Products for the filter select (a bounded list), and the organisation the queue is filtered
 * on, if any, by name: the organisation filter is a search field, not a list of every
 * organisation (a vendor has thousands; 500 options made the queue page 160 kB).
 */
export async function queueFilterChoices(actor: Actor, organisationId?: string) {
  if (actor.role === "customer" || !can(actor, "read:ticket:any")) throw AppError.forbidden();
  const [productRows, organisationRows] = await Promise.all([
    db.select({ id: products.id, name: products.name }).from(products).orderBy(asc(products.name)).limit(500),
    organisationId
      ? db.select({ id: organisations.id, name: organisations.name }).from(organisations).where(eq(organisations.id, organisationId)).limit(1)
      : Promise.resolve([]),
  ]);
  return { products: productRows, organisation: organisationRows[0] ?? null };
}

/** How many organisations the filter's type-ahead offers at most. */
export const ORGANISATION_SUGGESTIONS = 20;

const nameContains = (text: string) => ilike(organisations.name, `%${escapeLike(text)}%`);

/** Organisations whose name contains `q` (those starting with it first), at most 20: the organisation filter's type-ahead. */
export async function suggestOrganisations(actor: Actor, q: string): Promise<Array<{ id: string; name: string }>> {
  if (actor.role === "customer" || !can(actor, "read:ticket:any")) throw AppError.forbidden();
  const text = cleanText(q).trim().slice(0, 100);
  if (!text) return [];
  return db
    .select({ id: organisations.id, name: organisations.name })
    .from(organisations)
    .where(and(isNull(organisations.mergedIntoId), nameContains(text)))
    .orderBy(sql`${organisations.name} ilike ${`${escapeLike(text)}%`} desc`, asc(organisations.name), asc(organisations.id))
    .limit(ORGANISATION_SUGGESTIONS);
}

export type OrganisationFilterMatch = { ok: true; id: string | null } | { ok: false; reason: "none" | "many" };

/**
 * The organisation a submitted filter text names: none for an empty text; the chosen one when
 * the form still carries its id and the text is its name (two organisations may share a name);
 * else the one organisation named exactly so (case aside), else the one whose name contains the
 * text. Several candidates or none are answered as such, for the page to say.
 */
export async function resolveOrganisationFilter(actor: Actor, text: string, chosenId?: string | null): Promise<OrganisationFilterMatch> {
  if (actor.role === "customer" || !can(actor, "read:ticket:any")) throw AppError.forbidden();
  const name = cleanText(text).trim().slice(0, 100);
  if (!name) return { ok: true, id: null };
  const lower = name.toLowerCase();
  if (chosenId && UUID.test(chosenId)) {
    const [chosen] = await db.select({ id: organisations.id, name: organisations.name }).from(organisations).where(eq(organisations.id, chosenId)).limit(1);
    if (chosen && chosen.name.trim().toLowerCase() === lower) return { ok: true, id: chosen.id };
  }
  const candidates = await db
    .select({ id: organisations.id, name: organisations.name })
    .from(organisations)
    .where(and(isNull(organisations.mergedIntoId), nameContains(name)))
    .orderBy(asc(organisations.name), asc(organisations.id))
    .limit(ORGANISATION_SUGGESTIONS + 1);
  const exact = candidates.filter((c) => c.name.trim().toLowerCase() === lower);
  const pick = exact.length > 0 ? exact : candidates;
  if (pick.length === 1) return { ok: true, id: pick[0]!.id };
  return { ok: false, reason: pick.length === 0 ? "none" : "many" };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
