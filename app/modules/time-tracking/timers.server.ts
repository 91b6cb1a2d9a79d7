import { eq, sql } from "drizzle-orm";
import { runningTimers, tickets, timeEntries } from "#db/schema";
import { can, type Actor } from "~/modules/accounts/permissions";
import { recordAudit } from "~/utils/audit.server";
import { db, type Executor, type Transaction } from "~/utils/db.server";
import { memoRead } from "~/utils/request-scope.server";
import { AppError } from "~/utils/errors.server";
import { lockOrganisationTime, reflowOrganisationFrom } from "./allocation.server";
import { MAX_MINUTES_PER_ENTRY } from "./manual-entry";
import { loadTicket } from "./tickets.server";
import { timerMinutes } from "./timer";

/**
 * Timers live on the server (`running_timers`, one row per engineer), so every tab and device
 * shows the same timer and the header can say where it runs.
 *
 * - Starting a timer while another runs stops the first (its entry is logged) and reports it.
 * - Starting the timer that already runs on this ticket changes nothing.
 * - Stopping logs an entry of `timerMinutes` — any started minute counts, so 61 s → 2 min —
 *   at the moment the timer started; under a second logs nothing (a double click).
 * - A timer left running for more than a day logs at most `MAX_MINUTES_PER_ENTRY` (24 h);
 *   the entry can be corrected afterwards.
 *
 * Concurrency: every timer change takes the engineer's transaction-scoped advisory lock, so
 * two starts at the same moment (two tabs) run one after the other; the primary key on
 * `running_timers.engineer_id` is the last line of defence.
 */
export type RunningTimer = { ticketId: string; ticketNumber: number; ticketSubject: string; startedAt: Date };

export type StoppedTimer = {
  ticketId: string;
  ticketNumber: number;
  startedAt: Date;
  minutes: number;
  /** The logged entry; null when the timer ran for under a second. */
  entryId: string | null;
  /** The timer ran longer than one entry may be; `minutes` is the cap. */
  capped: boolean;
};

async function lockEngineerTimer(tx: Transaction, engineerId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`keydesk:time:timer:${engineerId}`}, 0))`);
}

function assertMayLogTime(actor: Actor): void {
  if (!can(actor, "create:time-entry:any")) throw AppError.forbidden("time.error.roleCannotLog");
}

/** The timer this person has running, anywhere (staff only; customers never have one). */
export async function getRunningTimer(actor: Pick<Actor, "id" | "role">, executor: Executor = db): Promise<RunningTimer | null> {
  if (actor.role === "customer") return null;
  // The top bar and the ticket's time panel both ask on a ticket page: once per page view.
  if (executor === db) return memoRead(`timer:${actor.id}`, () => readRunningTimer(actor.id, db));
  return readRunningTimer(actor.id, executor);
}

async function readRunningTimer(engineerId: string, executor: Executor): Promise<RunningTimer | null> {
  const [row] = await executor
    .select({ ticketId: runningTimers.ticketId, ticketNumber: tickets.number, ticketSubject: tickets.subject, startedAt: runningTimers.startedAt })
    .from(runningTimers)
    .innerJoin(tickets, eq(tickets.id, runningTimers.ticketId))
    .where(eq(runningTimers.engineerId, engineerId))
    .limit(1);
  return row ?? null;
}

async function stopInTransaction(tx: Transaction, actor: Actor, now: Date, note = ""): Promise<StoppedTimer | null> {
  const [timer] = await tx.delete(runningTimers).where(eq(runningTimers.engineerId, actor.id)).returning();
  if (!timer) return null;
  const ticket = await loadTicket(tx, { id: timer.ticketId });
  // A clock that moved backwards (or a timer started "in the future") logs nothing rather than failing.
  const elapsed = timer.startedAt.getTime() <= now.getTime() ? timerMinutes(timer.startedAt, now) : 0;
  const minutes = Math.min(elapsed, MAX_MINUTES_PER_ENTRY);
  let entryId: string | null = null;
  if (minutes > 0) {
    await lockOrganisationTime(tx, ticket.organisationId);
    const [entry] = await tx
      .insert(timeEntries)
      .values({
        ticketId: ticket.id,
        organisationId: ticket.organisationId,
        engineerId: actor.id,
        source: "timer",
        startedAt: timer.startedAt,
        minutes,
        note,
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: timeEntries.id });
    entryId = entry!.id;
    await reflowOrganisationFrom(tx, ticket.organisationId, timer.startedAt);
  }
  await recordAudit(tx, {
    actorId: actor.id,
    action: "time.timer_stopped",
    entityType: "ticket",
    entityId: ticket.id,
    after: { startedAt: timer.startedAt, stoppedAt: now, minutes, entryId },
  });
  return { ticketId: ticket.id, ticketNumber: ticket.number, startedAt: timer.startedAt, minutes, entryId, capped: elapsed > minutes };
}

export async function startTimer(
  actor: Actor,
  ticketId: string,
  now = new Date(),
): Promise<{ timer: RunningTimer; alreadyRunning: boolean; stopped: StoppedTimer | null }> {
  assertMayLogTime(actor);
  return db.transaction(async (tx) => {
    await lockEngineerTimer(tx, actor.id);
    const ticket = await loadTicket(tx, { id: ticketId });
    const current = await getRunningTimer(actor, tx);
    if (current?.ticketId === ticket.id) return { timer: current, alreadyRunning: true, stopped: null };
    const stopped = current ? await stopInTransaction(tx, actor, now) : null;
    await tx.insert(runningTimers).values({ engineerId: actor.id, ticketId: ticket.id, startedAt: now });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "time.timer_started",
      entityType: "ticket",
      entityId: ticket.id,
      after: { startedAt: now, stoppedTicketId: stopped?.ticketId ?? null },
    });
    return {
      timer: { ticketId: ticket.id, ticketNumber: ticket.number, ticketSubject: ticket.subject, startedAt: now },
      alreadyRunning: false,
      stopped,
    };
  });
}

/**
 * Stops the person's timer. With `ticketId` (the panel of one ticket) only a timer on that
 * ticket is stopped: a stale tab never stops a timer that has since moved to another ticket,
 * it is told where the timer runs instead.
 */
export async function stopTimer(
  actor: Actor,
  options: { ticketId?: string; note?: string } = {},
  now = new Date(),
): Promise<{ stopped: StoppedTimer | null; runningElsewhere: RunningTimer | null }> {
  assertMayLogTime(actor);
  return db.transaction(async (tx) => {
    await lockEngineerTimer(tx, actor.id);
    const current = await getRunningTimer(actor, tx);
    if (!current) return { stopped: null, runningElsewhere: null };
    if (options.ticketId && current.ticketId !== options.ticketId) return { stopped: null, runningElsewhere: current };
    return { stopped: await stopInTransaction(tx, actor, now, options.note ?? ""), runningElsewhere: null };
  });
}
