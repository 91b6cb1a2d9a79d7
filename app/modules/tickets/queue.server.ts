import { and, asc, eq, ilike, isNull, sql, type SQL } from "drizzle-orm";
import { organisations, products, supportPlans, ticketTags, tickets, users } from "#db/schema";
import { db } from "~/utils/db.server";
import { AppError } from "~/utils/errors.server";
import { can, type Actor } from "../accounts/permissions";
import { escapeLike } from "../accounts/users.server";
import { ticketNumberFromSearch, queueStatuses, type QueueCursor, type QueueFilters, type QueueName } from "./queue-filters";

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

/** Rows after the cursor in (sla_due_at ASC NULLS LAST, id ASC) order. */
function afterCursor(cursor: QueueCursor | null): SQL | undefined {
  if (!cursor) return undefined;
  if (cursor.dueAt === null) return and(isNull(tickets.slaDueAt), sql`${tickets.id} > ${cursor.id}`);
  const due = cursor.dueAt.toISOString();
  return sql`(${tickets.slaDueAt} > ${due}::timestamptz or (${tickets.slaDueAt} = ${due}::timestamptz and ${tickets.id} > ${cursor.id}) or ${tickets.slaDueAt} is null)`;
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
  options: { after?: QueueCursor | null; now?: Date; pageSize?: number } = {},
): Promise<{ rows: QueueRow[]; next: QueueCursor | null }> {
  if (actor.role === "customer" || !can(actor, "read:ticket:any")) throw AppError.forbidden();
  const now = options.now ?? new Date();
  const pageSize = options.pageSize ?? QUEUE_PAGE_SIZE;
  const where = and(queueCondition(filters.queue, actor, now), ...filterConditions(filters), afterCursor(options.after ?? null));
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
    })
    .from(tickets)
    .innerJoin(organisations, eq(organisations.id, tickets.organisationId))
    .innerJoin(supportPlans, eq(supportPlans.id, tickets.planId))
    .leftJoin(products, eq(products.id, tickets.productId))
    .leftJoin(users, eq(users.id, tickets.assigneeId))
    .where(where)
    .orderBy(sql`${tickets.slaDueAt} asc nulls last`, asc(tickets.id))
    .limit(pageSize + 1);
  const page = rows.slice(0, pageSize);
  const last = page.at(-1);
  return { rows: page, next: rows.length > pageSize && last ? { dueAt: last.slaDueAt, id: last.id } : null };
}

/** Products and organisations for the filter selects (bounded lists). */
export async function queueFilterChoices(actor: Actor) {
  if (actor.role === "customer" || !can(actor, "read:ticket:any")) throw AppError.forbidden();
  const [productRows, organisationRows] = await Promise.all([
    db.select({ id: products.id, name: products.name }).from(products).orderBy(asc(products.name)).limit(500),
    db.select({ id: organisations.id, name: organisations.name }).from(organisations).orderBy(asc(organisations.name)).limit(500),
  ]);
  return { products: productRows, organisations: organisationRows };
}
