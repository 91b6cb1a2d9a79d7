import { and, asc, desc, eq, inArray, isNull, lt, or } from "drizzle-orm";
import { tickets, timeEntries, timeEntryRevisions, users, type TimeEntry } from "#db/schema";
import { can, type Actor } from "~/modules/accounts/permissions";
import { recordAudit, type AuditAction } from "~/utils/audit.server";
import { db, type Executor, type Transaction } from "~/utils/db.server";
import { AppError } from "~/utils/errors.server";
import { decodeTimeCursor, encodeCursor } from "~/utils/pagination";
import { lockOrganisationTime, reflowOrganisationFrom } from "./allocation.server";
import { loadTimeContext } from "./context.server";
import { organisationCounters, splitSums, toSplitTotals, type OrganisationCounters, type SplitTotals } from "./counters.server";
import { manualEntryStartedAt, type ManualTimeEntry } from "./manual-entry";
import { localDateAndTime } from "./periods";
import { assertMayReadOrganisation, loadTicket, type TicketRef, type TimeTicket } from "./tickets.server";
import { getRunningTimer, type RunningTimer } from "./timers.server";

/**
 * Logged time: manual entries, edits, deletes and the "not charged" override. Every change
 * runs under the organisation's time lock and reflows the organisation's allocation, so the
 * split of later entries (and the prepaid balance) follows at once. Edits and deletes are
 * for the entry's author or an admin and keep the previous values in `time_entry_revisions`.
 */

type EntrySnapshot = {
  startedAt: string;
  minutes: number;
  note: string;
  notCharged: boolean;
  notChargedReason: string | null;
  billableCancelledAt: string | null;
  deleted: boolean;
};

function snapshot(entry: TimeEntry): EntrySnapshot {
  return {
    startedAt: entry.startedAt.toISOString(),
    minutes: entry.minutes,
    note: entry.note,
    notCharged: entry.notCharged,
    notChargedReason: entry.notChargedReason,
    billableCancelledAt: entry.billableCancelledAt?.toISOString() ?? null,
    deleted: entry.deletedAt !== null,
  };
}

function assertMayLogTime(actor: Actor): void {
  if (!can(actor, "create:time-entry:any")) throw AppError.forbidden("time.error.roleCannotLog");
}

function assertMayChange(actor: Actor, entry: TimeEntry): void {
  assertMayLogTime(actor);
  if (entry.engineerId !== actor.id && actor.role !== "admin") {
    throw AppError.forbidden("time.error.notYourEntry");
  }
}

async function loadLiveEntry(tx: Executor, entryId: string): Promise<TimeEntry> {
  const [entry] = await tx.select().from(timeEntries).where(and(eq(timeEntries.id, entryId), isNull(timeEntries.deletedAt))).limit(1);
  if (!entry) throw AppError.notFound("time.error.entryGone");
  return entry;
}

function assertNotInFuture(startedAt: Date, now: Date): void {
  if (startedAt.getTime() > now.getTime()) {
    throw AppError.invalid("time.error.future", { date: ["time.field.pickEarlierDay"] });
  }
}

async function writeRevision(tx: Transaction, actor: Actor, before: TimeEntry, after: TimeEntry | null, now: Date, action: AuditAction) {
  await tx.insert(timeEntryRevisions).values({
    timeEntryId: before.id,
    changedBy: actor.id,
    changedAt: now,
    before: snapshot(before),
    after: after ? snapshot(after) : null,
  });
  await recordAudit(tx, {
    actorId: actor.id,
    action,
    entityType: "time_entry",
    entityId: before.id,
    before: snapshot(before),
    after: after ? snapshot(after) : null,
  });
}

/** Runs a change to one entry under its organisation's lock, then reflows. */
async function changeEntry(
  actor: Actor,
  entryId: string,
  now: Date,
  action: AuditAction,
  change: (tx: Transaction, entry: TimeEntry, timeZone: string) => Promise<TimeEntry | null>,
  authorise: (entry: TimeEntry) => void = (entry) => assertMayChange(actor, entry),
) {
  return db.transaction(async (tx) => {
    const found = await loadLiveEntry(tx, entryId);
    authorise(found);
    await lockOrganisationTime(tx, found.organisationId);
    // Re-read under the lock: a concurrent change may have landed first.
    const entry = await loadLiveEntry(tx, entryId);
    const context = await loadTimeContext(tx, entry.organisationId);
    const updated = await change(tx, entry, context.timeZone);
    await writeRevision(tx, actor, entry, updated, now, action);
    const from = updated && updated.startedAt < entry.startedAt ? updated.startedAt : entry.startedAt;
    const reflow = await reflowOrganisationFrom(tx, entry.organisationId, from);
    return { entryId: entry.id, ticketId: entry.ticketId, prepaidBalance: reflow.prepaidBalance };
  });
}

export async function addManualEntry(actor: Actor, ticketId: string, input: ManualTimeEntry, now = new Date()) {
  assertMayLogTime(actor);
  return db.transaction(async (tx) => {
    const ticket = await loadTicket(tx, { id: ticketId });
    await lockOrganisationTime(tx, ticket.organisationId);
    const context = await loadTimeContext(tx, ticket.organisationId);
    const startedAt = manualEntryStartedAt(input, context.timeZone);
    assertNotInFuture(startedAt, now);
    const [entry] = await tx
      .insert(timeEntries)
      .values({
        ticketId: ticket.id,
        organisationId: ticket.organisationId,
        engineerId: actor.id,
        source: "manual",
        startedAt,
        minutes: input.minutes,
        note: input.note,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await recordAudit(tx, { actorId: actor.id, action: "time_entry.created", entityType: "time_entry", entityId: entry!.id, after: snapshot(entry!) });
    const reflow = await reflowOrganisationFrom(tx, ticket.organisationId, startedAt);
    return { entryId: entry!.id, ticketId: ticket.id, prepaidBalance: reflow.prepaidBalance };
  });
}

export async function editEntry(actor: Actor, entryId: string, input: ManualTimeEntry, now = new Date()) {
  return changeEntry(actor, entryId, now, "time_entry.updated", async (tx, entry, timeZone) => {
    const startedAt = manualEntryStartedAt(input, timeZone);
    assertNotInFuture(startedAt, now);
    const [updated] = await tx
      .update(timeEntries)
      .set({ startedAt, minutes: input.minutes, note: input.note, updatedAt: now })
      .where(eq(timeEntries.id, entry.id))
      .returning();
    return updated!;
  });
}

/** Soft delete: the row stays (with its revisions) but no longer counts anywhere. */
export async function deleteEntry(actor: Actor, entryId: string, now = new Date()) {
  return changeEntry(actor, entryId, now, "time_entry.deleted", async (tx, entry) => {
    await tx.update(timeEntries).set({ deletedAt: now, updatedAt: now }).where(eq(timeEntries.id, entry.id));
    return null;
  });
}

/** The engineer's override: the whole entry is not charged, with a reason kept for the statement. */
export async function setNotCharged(
  actor: Actor,
  entryId: string,
  input: { notCharged: true; reason: string } | { notCharged: false },
  now = new Date(),
) {
  return changeEntry(actor, entryId, now, input.notCharged ? "time_entry.not_charged" : "time_entry.charged", async (tx, entry) => {
    const [updated] = await tx
      .update(timeEntries)
      .set({ notCharged: input.notCharged, notChargedReason: input.notCharged ? input.reason : null, updatedAt: now })
      .where(eq(timeEntries.id, entry.id))
      .returning();
    return updated!;
  });
}

/**
 * Quality remedy: the billable part of an entry is waived (it becomes "not charged"; the
 * allowance and the prepaid balance are untouched). Pass the quality module's transaction as
 * `executor` to commit together with the remedy record; idempotent.
 */
export async function cancelBillable(actor: Actor, entryId: string, options: { executor?: Transaction; reason?: string } = {}, now = new Date()) {
  if (!can(actor, "apply:remedy:any")) throw AppError.forbidden();
  const run = async (tx: Transaction) => {
    const found = await loadLiveEntry(tx, entryId);
    await lockOrganisationTime(tx, found.organisationId);
    const entry = await loadLiveEntry(tx, entryId);
    if (entry.billableCancelledAt) return { entryId: entry.id, cancelledMinutes: 0, alreadyCancelled: true };
    const [updated] = await tx
      .update(timeEntries)
      .set({ billableCancelledAt: now, notChargedReason: entry.notChargedReason ?? options.reason ?? null, updatedAt: now })
      .where(eq(timeEntries.id, entry.id))
      .returning();
    await writeRevision(tx, actor, entry, updated!, now, "time_entry.billable_cancelled");
    await reflowOrganisationFrom(tx, entry.organisationId, entry.startedAt);
    return { entryId: entry.id, cancelledMinutes: entry.billableMinutes, alreadyCancelled: false };
  };
  return options.executor ? run(options.executor) : db.transaction(run);
}

// ---------------------------------------------------------------------------------------------
// Reading

export const TICKET_ENTRIES_PAGE_SIZE = 50;

export type EntryRevision = { id: string; changedAt: Date; changedByName: string | null; before: EntrySnapshot; after: EntrySnapshot | null };

export type TicketEntry = {
  id: string;
  engineerId: string;
  engineerName: string;
  source: "timer" | "manual";
  startedAt: Date;
  /** Local date and time in the organisation's zone, for the edit form. */
  localDate: string;
  localTime: string;
  minutes: number;
  note: string;
  notCharged: boolean;
  notChargedReason: string | null;
  billableCancelled: boolean;
  free: number;
  prepaid: number;
  billable: number;
  notChargedMinutes: number;
  mayChange: boolean;
  revisions: EntryRevision[];
};

/** A ticket's live time, split as last computed. */
export async function ticketTotals(executor: Executor, ticketId: string): Promise<SplitTotals> {
  const [row] = await executor
    .select(splitSums())
    .from(timeEntries)
    .where(and(eq(timeEntries.ticketId, ticketId), isNull(timeEntries.deletedAt)));
  return toSplitTotals(row);
}

export type TicketTimeSummary = {
  ticket: Pick<TimeTicket, "id" | "number" | "type">;
  totals: SplitTotals;
  counters: OrganisationCounters;
};

/**
 * What the customer sees on a ticket: time on it split into free / prepaid / billable / not
 * charged, and the organisation's free minutes left today and prepaid balance.
 */
export async function getTicketTimeSummary(actor: Actor, ref: TicketRef, now = new Date()): Promise<TicketTimeSummary> {
  if (actor.role === "customer" ? !can(actor, "read:usage:own") : !can(actor, "read:ticket:any")) throw AppError.notFound();
  return (await loadSummary(actor, ref, now)).summary;
}

async function loadSummary(actor: Actor, ref: TicketRef, now: Date) {
  const ticket = await loadTicket(db, ref);
  assertMayReadOrganisation(actor, ticket.organisationId);
  const context = await loadTimeContext(db, ticket.organisationId);
  const [totals, counters] = await Promise.all([ticketTotals(db, ticket.id), organisationCounters(db, context, now)]);
  const summary: TicketTimeSummary = { ticket: { id: ticket.id, number: ticket.number, type: ticket.type }, totals, counters };
  return { summary, context };
}

export type TicketTimePanel = TicketTimeSummary & {
  /** The viewer's own timer (on this ticket or elsewhere). */
  running: RunningTimer | null;
  entries: TicketEntry[];
  nextCursor: string | null;
  canLog: boolean;
  timeZone: string;
  /** Today in the organisation's zone: the manual form's default date. */
  today: string;
  serverNow: Date;
};

/** The engineer's time panel on the ticket workspace; entries newest first, paged by keyset. */
export async function getTicketTimePanel(
  actor: Actor,
  ref: TicketRef,
  options: { after?: string | null } = {},
  now = new Date(),
): Promise<TicketTimePanel> {
  if (!can(actor, "read:ticket:any")) throw AppError.notFound();
  const { summary, context } = await loadSummary(actor, ref, now);
  const cursor = decodeTimeCursor(options.after);
  const rows = await db
    .select({ entry: timeEntries, engineerName: users.name })
    .from(timeEntries)
    .innerJoin(users, eq(users.id, timeEntries.engineerId))
    .where(
      and(
        eq(timeEntries.ticketId, summary.ticket.id),
        isNull(timeEntries.deletedAt),
        cursor
          ? or(lt(timeEntries.startedAt, cursor.at), and(eq(timeEntries.startedAt, cursor.at), lt(timeEntries.id, cursor.id)))
          : undefined,
      ),
    )
    .orderBy(desc(timeEntries.startedAt), desc(timeEntries.id))
    .limit(TICKET_ENTRIES_PAGE_SIZE + 1);
  const page = rows.slice(0, TICKET_ENTRIES_PAGE_SIZE);
  const revisions = await revisionsOf(page.map((r) => r.entry.id));
  const last = page.at(-1);
  return {
    ...summary,
    running: await getRunningTimer(actor),
    entries: page.map(({ entry, engineerName }) => {
      const local = localDateAndTime(entry.startedAt, context.timeZone);
      return {
        id: entry.id,
        engineerId: entry.engineerId,
        engineerName,
        source: entry.source,
        startedAt: entry.startedAt,
        localDate: local.date,
        localTime: local.time,
        minutes: entry.minutes,
        note: entry.note,
        notCharged: entry.notCharged,
        notChargedReason: entry.notChargedReason,
        billableCancelled: entry.billableCancelledAt !== null,
        free: entry.freeMinutes,
        prepaid: entry.prepaidMinutes,
        billable: entry.billableMinutes,
        notChargedMinutes: entry.notChargedMinutes,
        mayChange: can(actor, "create:time-entry:any") && (entry.engineerId === actor.id || actor.role === "admin"),
        revisions: revisions.get(entry.id) ?? [],
      };
    }),
    nextCursor: rows.length > TICKET_ENTRIES_PAGE_SIZE && last ? encodeCursor([last.entry.startedAt, last.entry.id]) : null,
    canLog: can(actor, "create:time-entry:any"),
    timeZone: context.timeZone,
    today: localDateAndTime(now, context.timeZone).date,
    serverNow: now,
  };
}

async function revisionsOf(entryIds: string[]): Promise<Map<string, EntryRevision[]>> {
  const byEntry = new Map<string, EntryRevision[]>();
  if (entryIds.length === 0) return byEntry;
  const rows = await db
    .select({
      id: timeEntryRevisions.id,
      entryId: timeEntryRevisions.timeEntryId,
      changedAt: timeEntryRevisions.changedAt,
      changedByName: users.name,
      before: timeEntryRevisions.before,
      after: timeEntryRevisions.after,
    })
    .from(timeEntryRevisions)
    .leftJoin(users, eq(users.id, timeEntryRevisions.changedBy))
    .where(inArray(timeEntryRevisions.timeEntryId, entryIds))
    .orderBy(asc(timeEntryRevisions.changedAt), asc(timeEntryRevisions.id));
  for (const row of rows) {
    const list = byEntry.get(row.entryId) ?? [];
    list.push({ id: row.id, changedAt: row.changedAt, changedByName: row.changedByName, before: row.before as EntrySnapshot, after: row.after as EntrySnapshot | null });
    byEntry.set(row.entryId, list);
  }
  return byEntry;
}

/** Every revision of one entry, deleted or not (staff; the audit trail of a single entry). */
export async function getEntryHistory(actor: Actor, entryId: string): Promise<EntryRevision[]> {
  if (!can(actor, "read:ticket:any")) throw AppError.notFound();
  return (await revisionsOf([entryId])).get(entryId) ?? [];
}

export type MyEntry = { id: string; startedAt: Date; ticketNumber: number; ticketSubject: string; minutes: number; note: string; source: "timer" | "manual" };

/** The person's own entries across tickets, newest first, paged by keyset ("My time"). */
export async function listMyEntries(actor: Actor, options: { after?: string | null } = {}): Promise<{ entries: MyEntry[]; nextCursor: string | null }> {
  if (!can(actor, "create:time-entry:any")) throw AppError.notFound();
  const cursor = decodeTimeCursor(options.after);
  const rows = await db
    .select({
      id: timeEntries.id,
      startedAt: timeEntries.startedAt,
      ticketNumber: tickets.number,
      ticketSubject: tickets.subject,
      minutes: timeEntries.minutes,
      note: timeEntries.note,
      source: timeEntries.source,
    })
    .from(timeEntries)
    .innerJoin(tickets, eq(tickets.id, timeEntries.ticketId))
    .where(
      and(
        eq(timeEntries.engineerId, actor.id),
        isNull(timeEntries.deletedAt),
        cursor
          ? or(lt(timeEntries.startedAt, cursor.at), and(eq(timeEntries.startedAt, cursor.at), lt(timeEntries.id, cursor.id)))
          : undefined,
      ),
    )
    .orderBy(desc(timeEntries.startedAt), desc(timeEntries.id))
    .limit(TICKET_ENTRIES_PAGE_SIZE + 1);
  const page = rows.slice(0, TICKET_ENTRIES_PAGE_SIZE);
  const last = page.at(-1);
  return { entries: page, nextCursor: rows.length > TICKET_ENTRIES_PAGE_SIZE && last ? encodeCursor([last.startedAt, last.id]) : null };
}

/** The ticket number of an entry (for messages after an entry action). */
export async function ticketNumberOfEntry(entryId: string): Promise<number | null> {
  const [row] = await db
    .select({ number: tickets.number })
    .from(timeEntries)
    .innerJoin(tickets, eq(tickets.id, timeEntries.ticketId))
    .where(eq(timeEntries.id, entryId))
    .limit(1);
  return row?.number ?? null;
}
