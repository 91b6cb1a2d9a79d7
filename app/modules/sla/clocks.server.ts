import { and, asc, eq, inArray, isNull, lte, sql } from "drizzle-orm";
import { organisations, slaCycles, slaEvents, ticketEvents, tickets, users, type Ticket } from "#db/schema";
import { db, type Executor } from "~/utils/db.server";
import { queueEmail } from "~/utils/email.server";
import { getEnv } from "~/utils/env.server";
import { formatDateTime, formatDuration } from "~/utils/i18n";
import { clockCycles, clockEventsByCycle, slaCycleRow, computeClocks, type ClockCycle, type ClockEvent, type ClockKind, type ClockOptions, type ClockState } from "./clocks";
import { factsFromEvents, summariseClocks, type SlaSummary } from "./facts";
import { loadPlan, type PlanWithCalendar } from "./plans.server";
import { formatDueMoment } from "./promise";
import { getSettings } from "~/modules/settings/settings.server";
import { peopleWanting } from "../notifications/notifications.server";

/**
 * SLA clocks as use cases see them. The clocks are replayed from the ticket's events
 * (clocks.ts); this file keeps three things in step with them, always inside the caller's
 * transaction — the same one that recorded the change:
 *  - the queue columns on the ticket (sla_due_at, sla_warn_at, sla_state, sla_alert_at);
 *  - sla_events: every start/pause/resume/fulfil/retarget/warn/breach, inserted with
 *    ON CONFLICT DO NOTHING, so recording is idempotent;
 *  - warning and breach emails, sent only by the transaction whose insert of the warn/breach
 *    row actually happened (a partial unique index keys them per clock cycle): once each.
 */

// Facts at the same instant replay in this order (one action may record several).
const TIE_ORDER = ["created", "status_changed", "retargeted", "customer_message", "staff_public_reply"];

export async function loadReplayInput(executor: Executor, ticket: Pick<Ticket, "id" | "priority">, plan: PlanWithCalendar) {
  const rows = await executor
    .select({ type: ticketEvents.type, at: ticketEvents.at, data: ticketEvents.data })
    .from(ticketEvents)
    .where(and(eq(ticketEvents.ticketId, ticket.id), inArray(ticketEvents.type, ["created", "customer_message", "staff_public_reply", "status_changed", "retargeted"])))
    .orderBy(asc(ticketEvents.at));
  rows.sort((a, b) => a.at.getTime() - b.at.getTime() || TIE_ORDER.indexOf(a.type) - TIE_ORDER.indexOf(b.type));
  return factsFromEvents(rows, { priority: ticket.priority, targets: plan.targets });
}

export type TicketClocks = {
  clocks: ClockState[];
  events: Array<ClockEvent & { cycleStartedAt: Date }>;
  /** Every cycle (each next_response turn), for the reports' summary table. */
  cycles: ClockCycle[];
  summary: SlaSummary;
  plan: PlanWithCalendar;
  options: ClockOptions;
};

/** The clocks of a ticket at `now` (no writes). */
export async function ticketClocks(executor: Executor, ticket: Ticket, now: Date, plan?: PlanWithCalendar): Promise<TicketClocks> {
  const loadedPlan = plan ?? (await loadPlan(executor, ticket.planId));
  const input = await loadReplayInput(executor, ticket, loadedPlan);
  const warnShare = (await getSettings(executor)).sla.warningPercent / 100;
  const options: ClockOptions = { priority: input.priority, targets: input.targets, calendar: loadedPlan.calendar, now, warnShare };
  const clocks = computeClocks(input.facts, options);
  const events = clockEventsByCycle(input.facts, options);
  const cycles = ticket.noResponseCommitment ? [] : clockCycles(input.facts, options);
  const summary: SlaSummary = ticket.noResponseCommitment
    ? { dueAt: null, warnAt: null, alertAt: null, state: "none", leadingClock: null }
    : summariseClocks(clocks, now, ticket.status);
  return { clocks, events, cycles, summary, plan: loadedPlan, options };
}

/**
 * Recomputes the ticket's clocks inside the caller's transaction (which should hold the
 * ticket row locked) and records what they say. Returns the new summary.
 */
export async function recomputeTicketSla(tx: Executor, ticketId: string, now: Date): Promise<SlaSummary> {
  const [ticket] = await tx.select().from(tickets).where(eq(tickets.id, ticketId)).limit(1);
  if (!ticket) throw new Error(`Ticket ${ticketId} not found`);
  const result = await ticketClocks(tx, ticket, now);
  const { summary } = result;
  if (!ticket.noResponseCommitment) await recordClockEvents(tx, ticket, result, now);
  await storeCycles(tx, ticket, result.cycles);
  await tx
    .update(tickets)
    .set({ slaDueAt: summary.dueAt, slaWarnAt: summary.warnAt, slaAlertAt: summary.alertAt, slaState: summary.state })
    .where(eq(tickets.id, ticket.id));
  return summary;
}

/** Replaces the ticket's rows in the reports' summary table with the cycles just measured. */
export async function storeCycles(tx: Executor, ticket: Ticket, cycles: ClockCycle[]): Promise<void> {
  await tx.delete(slaCycles).where(eq(slaCycles.ticketId, ticket.id));
  if (cycles.length === 0) return;
  await tx.insert(slaCycles).values(cycles.map((c) => slaCycleRow(ticket.id, c, ticket))).onConflictDoNothing();
}

/** A ticket changed hands without its clocks changing: its cycles follow the new assignee (the reports' engineer). */
export async function syncSlaCycleAssignee(tx: Executor, ticketId: string, assigneeId: string | null): Promise<void> {
  await tx.update(slaCycles).set({ assigneeId }).where(eq(slaCycles.ticketId, ticketId));
}

async function recordClockEvents(tx: Executor, ticket: Ticket, result: TicketClocks, now: Date): Promise<void> {
  const past = result.events.filter((e) => e.at.getTime() <= now.getTime());
  if (past.length === 0) return;
  const inserted = await tx
    .insert(slaEvents)
    .values(past.map((e) => ({ ticketId: ticket.id, clock: e.clock, type: e.type, cycleStartedAt: e.cycleStartedAt, at: e.at })))
    .onConflictDoNothing()
    .returning({ clock: slaEvents.clock, type: slaEvents.type, cycleStartedAt: slaEvents.cycleStartedAt });

  // Notify for cycles still open: a clock already answered (late) is recorded, not alarmed.
  const fulfilled = new Set(past.filter((e) => e.type === "fulfil").map((e) => `${e.clock}|${e.cycleStartedAt.getTime()}`));
  const alerts = new Map<string, { clock: ClockKind; kind: "warning" | "breach" }>();
  for (const row of inserted) {
    if (row.type !== "warn" && row.type !== "breach") continue;
    const key = `${row.clock}|${row.cycleStartedAt.getTime()}`;
    if (fulfilled.has(key)) continue;
    // A warning and a breach recorded together: the breach says it all.
    if (row.type === "breach" || !alerts.has(key)) alerts.set(key, { clock: row.clock, kind: row.type === "breach" ? "breach" : "warning" });
  }
  for (const alert of alerts.values()) {
    const clock = result.clocks.find((c) => c.kind === alert.clock);
    if (clock) await notifySlaAlert(tx, ticket, clock, alert.kind, now);
  }
}

/** Emails the assignee and every team lead about a warning or a breach. */
async function notifySlaAlert(tx: Executor, ticket: Ticket, clock: ClockState, kind: "warning" | "breach", now: Date) {
  const [org] = await tx.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, ticket.organisationId)).limit(1);
  const recipients = await tx
    .select({ id: users.id, name: users.name, email: users.email, locale: users.locale, timeZone: users.timeZone, role: users.role })
    .from(users)
    .where(
      and(
        isNull(users.deactivatedAt),
        ticket.assigneeId
          ? sql`(${users.role} = 'team_lead' or ${users.id} = ${ticket.assigneeId})`
          : eq(users.role, "team_lead"),
      ),
    );
  const assignee = recipients.find((r) => r.id === ticket.assigneeId) ?? null;
  // Warnings follow each person's preferences; breaches too, except to team leads (always sent).
  const wanting = await peopleWanting(tx, recipients, kind === "warning" ? "sla_warning" : "sla_breach");
  for (const person of wanting) {
    const dueAt = clock.dueAt ?? now;
    await queueEmail(tx, {
      to: person.email,
      template: kind === "warning" ? "sla.warning" : "sla.breach",
      props: {
        locale: person.locale,
        name: person.name,
        number: ticket.number,
        subject: ticket.subject,
        organisationName: org?.name ?? "",
        clock: clock.kind,
        dueAt: formatDueMoment(dueAt, person.timeZone, person.locale, now),
        left: formatDuration(clock.remainingBusinessMinutes, person.locale),
        assigneeName: assignee?.name ?? null,
        url: `${getEnv().APP_URL}/desk/tickets/${ticket.number}`,
      },
    });
  }
}

export type SlaAlertRun = { checked: number; warnings: number; breaches: number };

/**
 * The alert job: finds tickets whose next warn/breach moment has come and recomputes them
 * (which records the sla_events rows and emails once). `now` is injected for tests; the
 * scheduler runs it every minute. Each ticket is its own short transaction; a ticket locked
 * by another instance is skipped and picked up by the next run.
 */
export async function runSlaAlerts(now: Date = new Date(), batchSize = 200): Promise<SlaAlertRun> {
  const due = await db
    .select({ id: tickets.id })
    .from(tickets)
    .where(lte(tickets.slaAlertAt, now))
    .orderBy(asc(tickets.slaAlertAt))
    .limit(batchSize);
  const run: SlaAlertRun = { checked: 0, warnings: 0, breaches: 0 };
  for (const { id } of due) {
    await db.transaction(async (tx) => {
      const [locked] = await tx
        .select({ id: tickets.id })
        .from(tickets)
        .where(and(eq(tickets.id, id), lte(tickets.slaAlertAt, now)))
        .for("update", { skipLocked: true });
      if (!locked) return;
      const before = await countThresholds(tx, id);
      await recomputeTicketSla(tx, id, now);
      const after = await countThresholds(tx, id);
      run.checked++;
      run.warnings += after.warn - before.warn;
      run.breaches += after.breach - before.breach;
    });
  }
  return run;
}

async function countThresholds(tx: Executor, ticketId: string) {
  const rows = await tx
    .select({ type: slaEvents.type, n: sql<number>`count(*)::int` })
    .from(slaEvents)
    .where(and(eq(slaEvents.ticketId, ticketId), inArray(slaEvents.type, ["warn", "breach"])))
    .groupBy(slaEvents.type);
  return {
    warn: Number(rows.find((r) => r.type === "warn")?.n ?? 0),
    breach: Number(rows.find((r) => r.type === "breach")?.n ?? 0),
  };
}

/** The engineer's SLA panel: each clock, its pauses, and the recorded event history. */
export async function slaPanel(executor: Executor, ticket: Ticket, now: Date, locale: "en" | "ru", timeZone: string) {
  const result = await ticketClocks(executor, ticket, now);
  const history = await executor
    .select()
    .from(slaEvents)
    .where(eq(slaEvents.ticketId, ticket.id))
    .orderBy(asc(slaEvents.at), asc(slaEvents.recordedAt));
  const pauses = (kind: ClockKind) => {
    const list: Array<{ from: Date; to: Date | null }> = [];
    for (const e of result.events) {
      if (e.clock !== kind) continue;
      if (e.type === "pause") list.push({ from: e.at, to: null });
      if ((e.type === "resume" || e.type === "fulfil") && list.length && list[list.length - 1].to === null) list[list.length - 1].to = e.at;
    }
    return list;
  };
  return {
    noCommitment: ticket.noResponseCommitment,
    planName: result.plan.plan.name,
    calendarName: result.plan.calendarName,
    calendarTimeZone: result.plan.calendar.timeZone,
    calendar: result.plan.calendar,
    summary: result.summary,
    clocks: result.clocks.map((c) => ({
      ...c,
      pauses: pauses(c.kind),
      elapsedText: formatDuration(c.elapsedBusinessMinutes, locale),
      remainingText: formatDuration(c.remainingBusinessMinutes, locale),
      targetText: formatDuration(c.targetMinutes, locale),
      dueText: c.dueAt ? formatDateTime(c.dueAt, locale, timeZone) : null,
    })),
    history: history.map((h) => ({ id: h.id, clock: h.clock, type: h.type, at: h.at, cycleStartedAt: h.cycleStartedAt })),
  };
}
