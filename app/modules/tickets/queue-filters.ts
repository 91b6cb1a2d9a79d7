/**
 * Engineer queues and their filters, parsed from the URL. Pure.
 *
 * Queues: unassigned (new/unassigned), mine, open (all open), breaching (past the warning share
 * of a target, not yet due), breached (past due), pending, on_hold, and all (any status, for
 * look-ups).
 * Filters: product, priority, status, organisation, assignee ("none" = unassigned), q (a
 * ticket number "#1042"/"1042" or words of the subject), tag (a normalised tag name).
 *
 * Anything unreadable is dropped rather than rejected: a queue link must never fail.
 * Remembering: the filters (without the page cursor) are kept per user in a cookie; a visit
 * without parameters restores them (see ADR 021).
 */
import { TICKET_STATUSES, type TicketStatus } from "./status";
import { normaliseTag } from "./tags";

export const QUEUES = ["unassigned", "mine", "open", "breaching", "breached", "pending", "on_hold", "all"] as const;
export type QueueName = (typeof QUEUES)[number];

export const PRIORITY_VALUES = ["low", "normal", "high", "urgent"] as const;
export type PriorityValue = (typeof PRIORITY_VALUES)[number];

export type QueueFilters = {
  queue: QueueName;
  productId?: string;
  organisationId?: string;
  /** A user id, or "none" for unassigned tickets. */
  assigneeId?: string;
  priority?: PriorityValue;
  status?: TicketStatus;
  q?: string;
  /** A normalised tag name (tickets carrying it). */
  tag?: string;
};

export type QueueCursor = { dueAt: Date | null; id: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const FILTER_KEYS = ["queue", "product", "organisation", "assignee", "priority", "status", "q", "tag"] as const;

export function parseQueueFilters(params: URLSearchParams): QueueFilters {
  const queue = params.get("queue");
  const filters: QueueFilters = { queue: QUEUES.includes(queue as QueueName) ? (queue as QueueName) : "open" };
  const product = params.get("product");
  if (product && UUID.test(product)) filters.productId = product.toLowerCase();
  const organisation = params.get("organisation");
  if (organisation && UUID.test(organisation)) filters.organisationId = organisation.toLowerCase();
  const assignee = params.get("assignee");
  if (assignee === "none" || (assignee && UUID.test(assignee))) filters.assigneeId = assignee.toLowerCase();
  const priority = params.get("priority");
  if (PRIORITY_VALUES.includes(priority as PriorityValue)) filters.priority = priority as PriorityValue;
  const status = params.get("status");
  if (TICKET_STATUSES.includes(status as TicketStatus)) filters.status = status as TicketStatus;
  const q = params.get("q")?.trim().slice(0, 100);
  if (q) filters.q = q;
  const tag = normaliseTag(params.get("tag") ?? "");
  if (tag.ok) filters.tag = tag.tag;
  return filters;
}

/** Back to URL parameters (default queue and empty filters left out). */
export function queueFiltersToParams(filters: QueueFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.queue !== "open") params.set("queue", filters.queue);
  if (filters.productId) params.set("product", filters.productId);
  if (filters.organisationId) params.set("organisation", filters.organisationId);
  if (filters.assigneeId) params.set("assignee", filters.assigneeId);
  if (filters.priority) params.set("priority", filters.priority);
  if (filters.status) params.set("status", filters.status);
  if (filters.q) params.set("q", filters.q);
  if (filters.tag) params.set("tag", filters.tag);
  return params;
}

/** Whether the URL says anything about filters (otherwise the remembered ones apply). */
export function hasFilterParams(params: URLSearchParams): boolean {
  return FILTER_KEYS.some((key) => params.has(key));
}

/** "#1042" or "1042" → 1042; anything else is a subject search. */
export function ticketNumberFromSearch(q: string): number | null {
  const match = /^#?\s*(\d{1,9})$/.exec(q.trim());
  return match ? Number(match[1]) : null;
}

/** Keyset cursor over (sla_due_at nulls last, id): "due|id" with "-" for no due time. */
export function encodeQueueCursor(cursor: QueueCursor): string {
  return `${cursor.dueAt ? cursor.dueAt.toISOString() : "-"}|${cursor.id}`;
}

export function decodeQueueCursor(value: string | null | undefined): QueueCursor | null {
  if (!value) return null;
  const [due, id, extra] = value.split("|");
  if (extra !== undefined || !id || !UUID.test(id) || !due) return null;
  if (due === "-") return { dueAt: null, id: id.toLowerCase() };
  const dueAt = new Date(due);
  return Number.isNaN(dueAt.getTime()) ? null : { dueAt, id: id.toLowerCase() };
}

/** Which statuses a queue covers before the status filter narrows it. */
export function queueStatuses(queue: QueueName): readonly TicketStatus[] {
  switch (queue) {
    case "pending":
      return ["pending"];
    case "on_hold":
      return ["on_hold"];
    case "all":
      return TICKET_STATUSES;
    default:
      return ["new", "open", "pending", "on_hold"];
  }
}
