import { and, asc, inArray } from "drizzle-orm";
import { z } from "zod";
import { tickets } from "#db/schema";
import { db } from "~/utils/db.server";
import { AppError } from "~/utils/errors.server";
import { msg } from "~/utils/messages";
import { can, type Actor } from "../accounts/permissions";
import { PRIORITY_VALUES, type QueueFilters } from "./queue-filters";
import { queueWhere } from "./queue.server";
import { AlreadyClaimedError, assignTicket, claimTicket, setTicketPriority } from "./desk.server";
import { setTicketStatus } from "./conversation.server";
import { canTransition, type TicketStatus } from "./status";
import { assignableStaff } from "./tickets.server";
import { setTicketTagsWithin } from "./tags.server";
import { applyMacro } from "../macros/macros.server";
import type { Ticket } from "#db/schema";

/**
 * Bulk actions on the queue (ADR 172): one operation applied to many tickets, each ticket
 * through the same single-ticket use case the workspace calls — its own transaction, its own
 * audit row and ticket event, its SLA clocks paused or resumed exactly as one by one. A ticket
 * that cannot change does not stop the others; the summary says which and why.
 *
 * Operations are a registry: to add one (tags, a macro…), add an entry to BULK_OPERATIONS with
 * the zod schema of its form values, an optional `check` that says in advance why a ticket
 * cannot change (or that it already is as asked), and `apply` calling the single-ticket use case.
 */
export const BULK_MAX = 500;
/** Tickets changed at once (each its own transaction); the pool has more connections than this. */
const BULK_CONCURRENCY = 4;

/** Why a ticket could not change, as a catalogue key under "bulk.reason." plus its values. */
export type BulkReason =
  | { code: "closed" }
  | { code: "transition"; from: TicketStatus }
  | { code: "claimed"; by: string }
  | { code: "forbidden" }
  | { code: "not_found" }
  | { code: "invalid"; message: string };

export type BulkTicket = Pick<Ticket, "id" | "number" | "status" | "priority" | "assigneeId">;

export type BulkOperation<I> = {
  /** The operation's own fields of the form (everything but `op` and the selection). */
  schema: z.ZodType<I>;
  /** Whether the actor may run this operation at all with this input. */
  allowed?: (actor: Actor, input: I) => boolean;
  /** "unchanged" when the ticket already is as asked; a reason when it cannot change. */
  check?: (ticket: BulkTicket, input: I, actor: Actor) => "unchanged" | BulkReason | null;
  apply: (actor: Actor, ticket: BulkTicket, input: I, now: Date) => Promise<void>;
};

const STAFF_TARGETS = ["open", "pending", "on_hold", "solved"] as const;

const assignInput = z.object({ assignee: z.union([z.literal("me"), z.literal("none"), z.uuid()]) });
const statusInput = z.object({ status: z.enum(STAFF_TARGETS) });
const priorityInput = z.object({ priority: z.enum(PRIORITY_VALUES) });
const tagInput = z.object({ tag: z.string().trim().min(1).max(40) });
const macroInput = z.object({ macro: z.uuid() });

const notClosed = (ticket: BulkTicket): BulkReason | null => (ticket.status === "closed" ? { code: "closed" } : null);

function define<I>(operation: BulkOperation<I>): BulkOperation<I> {
  return operation;
}

export const BULK_OPERATIONS = {
  assign: define({
    schema: assignInput,
    // Engineers take tickets for themselves or let go of their own; leads assign anyone.
    allowed: (actor, input) => input.assignee === "me" || input.assignee === "none" || can(actor, "assign:ticket:any"),
    check: (ticket, input, actor) => {
      const target = input.assignee === "me" ? actor.id : input.assignee === "none" ? null : input.assignee;
      if (ticket.assigneeId === target) return "unchanged";
      const closed = notClosed(ticket);
      if (closed) return closed;
      if (!can(actor, "assign:ticket:any") && input.assignee === "none" && ticket.assigneeId !== actor.id) return { code: "forbidden" };
      return null;
    },
    apply: async (actor, ticket, input, now) => {
      if (input.assignee === "me" && !can(actor, "assign:ticket:any")) return claimTicket(actor, ticket.number, now);
      const target = input.assignee === "me" ? actor.id : input.assignee === "none" ? null : input.assignee;
      return assignTicket(actor, ticket.number, target, now);
    },
  }),
  status: define({
    schema: statusInput,
    check: (ticket, input) => {
      if (ticket.status === input.status) return "unchanged";
      return notClosed(ticket) ?? (canTransition(ticket.status, input.status, "staff") ? null : { code: "transition", from: ticket.status });
    },
    apply: async (actor, ticket, input, now) => {
      await setTicketStatus(actor, ticket.number, input.status, now);
    },
  }),
  priority: define({
    schema: priorityInput,
    check: (ticket, input) => (ticket.priority === input.priority ? "unchanged" : notClosed(ticket)),
    apply: (actor, ticket, input, now) => setTicketPriority(actor, ticket.number, input.priority, now),
  }),
  // Adds one tag (the ticket's other tags stay); the tag is normalised as on the ticket page.
  tag: define({
    schema: tagInput,
    allowed: (actor) => can(actor, "update:ticket:any"),
    check: (ticket) => notClosed(ticket),
    apply: async (actor, ticket, input, now) => {
      await db.transaction((tx) => setTicketTagsWithin(tx, actor, ticket.id, [input.tag], "add", now));
    },
  }),
  // The macro's reply in each customer's language, and its actions (docs/decisions/175).
  macro: define({
    schema: macroInput,
    allowed: (actor) => can(actor, "reply:ticket:any"),
    check: (ticket) => notClosed(ticket),
    apply: async (actor, ticket, input, now) => {
      await applyMacro(actor, ticket.id, input.macro, now);
    },
  }),
};

export type BulkOperationName = keyof typeof BULK_OPERATIONS;
export const BULK_OPERATION_NAMES = Object.keys(BULK_OPERATIONS) as BulkOperationName[];

/** Which tickets: the numbers ticked on the page, or every ticket the queue's filters match. */
export type BulkSelection = { numbers: number[] } | { filters: QueueFilters };

export type BulkSummary = {
  changed: number[];
  unchanged: number[];
  failed: Array<{ number: number; reason: BulkReason }>;
};

function requireBulk(actor: Actor): void {
  if (actor.role === "customer" || !can(actor, "update:ticket:any")) throw AppError.forbidden();
}

export class TooManyTicketsError extends AppError {
  constructor(readonly count: number) {
    super("invalid", msg("bulk.error.tooMany", { max: BULK_MAX }));
  }
}

/** What a bulk operation reads of each ticket. */
export const BULK_COLUMNS = { id: tickets.id, number: tickets.number, status: tickets.status, priority: tickets.priority, assigneeId: tickets.assigneeId };

/** The selected tickets in queue order (at most BULK_MAX; more is refused, never silently cut). */
export async function bulkTickets(actor: Actor, selection: BulkSelection, now = new Date()): Promise<BulkTicket[]> {
  requireBulk(actor);
  const columns = BULK_COLUMNS;
  if ("numbers" in selection) {
    const numbers = [...new Set(selection.numbers)];
    if (numbers.length > BULK_MAX) throw new TooManyTicketsError(numbers.length);
    if (numbers.length === 0) return [];
    return db.select(columns).from(tickets).where(inArray(tickets.number, numbers)).orderBy(asc(tickets.number));
  }
  const rows = await db
    .select(columns)
    .from(tickets)
    .where(and(queueWhere(actor, selection.filters, now)))
    .orderBy(asc(tickets.number))
    .limit(BULK_MAX + 1);
  if (rows.length > BULK_MAX) throw new TooManyTicketsError(rows.length);
  return rows;
}

export function parseBulkInput<N extends BulkOperationName>(name: N, values: Record<string, unknown>) {
  const parsed = (BULK_OPERATIONS[name].schema as z.ZodType).safeParse(values);
  if (!parsed.success) throw AppError.invalid("bulk.invalid", { op: ["bulk.invalid"] });
  return parsed.data as z.infer<(typeof BULK_OPERATIONS)[N]["schema"]>;
}

function reasonOf(error: unknown): BulkReason {
  if (error instanceof AlreadyClaimedError) return { code: "claimed", by: error.claimedBy };
  if (error instanceof AppError) {
    if (error.code === "forbidden") return { code: "forbidden" };
    if (error.code === "not_found") return { code: "not_found" };
    return { code: "invalid", message: error.message };
  }
  throw error;
}

/** The operation and its validated input, after checking the actor may run it at all. */
export async function prepareBulk(actor: Actor, name: BulkOperationName, values: Record<string, unknown>) {
  requireBulk(actor);
  const operation = BULK_OPERATIONS[name] as BulkOperation<unknown> | undefined;
  if (!operation) throw AppError.invalid("bulk.invalid");
  const input = parseBulkInput(name, values);
  if (operation.allowed && !operation.allowed(actor, input)) throw AppError.forbidden("tickets.error.onlyLeadsAssign");
  if (name === "assign") {
    const { assignee } = input as z.infer<typeof assignInput>;
    if (assignee !== "me" && assignee !== "none" && !(await assignableStaff(db)).some((s) => s.id === assignee)) {
      throw AppError.invalid("bulk.invalid", { assignee: ["bulk.invalid"] });
    }
  }
  return { operation, input };
}

export function emptySummary(): BulkSummary {
  return { changed: [], unchanged: [], failed: [] };
}

/**
 * Applies a prepared operation to these tickets, a few at a time, each in its own transaction
 * (the single-ticket use case's), adding each outcome to `summary`. An unexpected error (a bug,
 * the database gone) still stops the run.
 */
export async function applyBulk(
  actor: Actor,
  prepared: { operation: BulkOperation<unknown>; input: unknown },
  selected: BulkTicket[],
  summary: BulkSummary,
  now: Date,
): Promise<void> {
  const { operation, input } = prepared;
  const work: BulkTicket[] = [];
  for (const ticket of selected) {
    const verdict = operation.check?.(ticket, input, actor) ?? null;
    if (verdict === "unchanged") summary.unchanged.push(ticket.number);
    else if (verdict) summary.failed.push({ number: ticket.number, reason: verdict });
    else work.push(ticket);
  }
  // A few tickets at a time, each in its own transaction (different rows: no lock waits between them).
  let next = 0;
  const worker = async () => {
    while (next < work.length) {
      const ticket = work[next++]!;
      try {
        await operation.apply(actor, ticket, input, now);
        summary.changed.push(ticket.number);
      } catch (error) {
        summary.failed.push({ number: ticket.number, reason: reasonOf(error) });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(BULK_CONCURRENCY, work.length) }, worker));
}

/** Runs a bulk action inside the request: the selection, then every ticket, then the summary. */
export async function runBulk(actor: Actor, name: BulkOperationName, values: Record<string, unknown>, selection: BulkSelection, now = new Date()): Promise<BulkSummary> {
  const prepared = await prepareBulk(actor, name, values);
  const selected = await bulkTickets(actor, selection, now);
  const summary = emptySummary();
  await applyBulk(actor, prepared, selected, summary, now);
  return sortSummary(summary);
}

export function sortSummary(summary: BulkSummary): BulkSummary {
  summary.changed.sort((a, b) => a - b);
  summary.unchanged.sort((a, b) => a - b);
  summary.failed.sort((a, b) => a.number - b.number);
  return summary;
}

/** What the confirmation says before anything changes: how many will change, how many not. */
export async function previewBulk(
  actor: Actor,
  name: BulkOperationName,
  values: Record<string, unknown>,
  selection: BulkSelection,
  now = new Date(),
): Promise<{ selected: number; changing: number; numbers: number[] }> {
  requireBulk(actor);
  const operation = BULK_OPERATIONS[name] as BulkOperation<unknown>;
  const input = parseBulkInput(name, values);
  if (operation.allowed && !operation.allowed(actor, input)) throw AppError.forbidden("tickets.error.onlyLeadsAssign");
  const selected = await bulkTickets(actor, selection, now);
  const changing = selected.filter((ticket) => (operation.check?.(ticket, input, actor) ?? null) === null).length;
  return { selected: selected.length, changing, numbers: selected.map((t) => t.number) };
}

/** Bounded count of the tickets a queue's filters match (for "select all N matching"). */
export async function countMatching(actor: Actor, filters: QueueFilters, now = new Date()): Promise<{ count: number; tooMany: boolean }> {
  requireBulk(actor);
  const rows = await db
    .select({ id: tickets.id })
    .from(tickets)
    .where(queueWhere(actor, filters, now))
    .limit(BULK_MAX + 1);
  return { count: Math.min(rows.length, BULK_MAX), tooMany: rows.length > BULK_MAX };
}
