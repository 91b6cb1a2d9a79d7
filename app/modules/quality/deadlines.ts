import { addBusinessMinutes, type BusinessCalendar } from "../sla/business-hours";
import type { ComplaintState } from "./complaint-state";
import {
  BUSINESS_DAY_MINUTES,
  COMPLAINT_ANSWER_TARGET_BUSINESS_MINUTES,
  complaintAcknowledgeClockStartedAt,
  complaintAnswerClockStartedAt,
} from "./targets";

/**
 * Complaint deadlines on the business calendar, with the same warn (75 %) / breach (100 %)
 * behaviour as ticket SLA clocks. Pure: the calendar and `now` are parameters.
 *
 * - acknowledge: from receipt until acknowledged (480 business minutes);
 * - answer: from receipt — or from the customer's "not satisfied" reply — until the answer
 *   given after that start (1440 business minutes).
 */
export const COMPLAINT_WARN_FRACTION = 0.75;

export type ComplaintClock = "acknowledge" | "answer";
export type DeadlineStatus = "running" | "warning" | "breached" | "met" | "met_late";

export type ComplaintDeadline = {
  clock: ComplaintClock;
  startedAt: Date;
  warnAt: Date;
  dueAt: Date;
  /** When the target was fulfilled, or null while it runs. */
  metAt: Date | null;
};

function deadline(clock: ComplaintClock, startedAt: Date, metAt: Date | null, calendar: BusinessCalendar, acknowledgeBusinessDays: number): ComplaintDeadline {
  const minutes = clock === "acknowledge" ? acknowledgeBusinessDays * BUSINESS_DAY_MINUTES : COMPLAINT_ANSWER_TARGET_BUSINESS_MINUTES;
  return {
    clock,
    startedAt,
    warnAt: addBusinessMinutes(startedAt, minutes * COMPLAINT_WARN_FRACTION, calendar),
    dueAt: addBusinessMinutes(startedAt, minutes, calendar),
    metAt,
  };
}

/** `acknowledgeBusinessDays`: the `quality.complaintAcknowledgeBusinessDays` setting. */
export function complaintDeadlines(state: ComplaintState, calendar: BusinessCalendar, acknowledgeBusinessDays: number): ComplaintDeadline[] {
  const ackStart = complaintAcknowledgeClockStartedAt(state);
  const answerStart = complaintAnswerClockStartedAt(state);
  const answerAfterStart = state.answers.find((a) => a.answeredAt.getTime() >= answerStart.getTime()) ?? null;
  // A complaint closed without an answer after the reopen (not reachable through the state
  // machine, but possible in old data) stops the clock at closing.
  const answerMet = answerAfterStart?.answeredAt ?? (state.status === "closed" ? state.closedAt : null);
  return [
    deadline("acknowledge", ackStart, state.acknowledgedAt, calendar, acknowledgeBusinessDays),
    deadline("answer", answerStart, answerMet, calendar, acknowledgeBusinessDays),
  ];
}

export function deadlineStatus(d: ComplaintDeadline, now: Date): DeadlineStatus {
  if (d.metAt) return d.metAt.getTime() > d.dueAt.getTime() ? "met_late" : "met";
  if (now.getTime() >= d.dueAt.getTime()) return "breached";
  if (now.getTime() >= d.warnAt.getTime()) return "warning";
  return "running";
}

/** The clock a queue should show: the running one with the earliest due time. */
export function nextDeadline(deadlines: readonly ComplaintDeadline[]): ComplaintDeadline | null {
  const running = deadlines.filter((d) => !d.metAt).sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
  return running[0] ?? null;
}

export type DeadlineAlertKind = "warn" | "breach";
export type DeadlineAlert = { key: string; clock: ComplaintClock; kind: DeadlineAlertKind; deadline: ComplaintDeadline };

/** One key per clock cycle and kind: a reopened complaint's new answer clock alerts afresh. */
export function deadlineAlertKey(clock: ComplaintClock, kind: DeadlineAlertKind, startedAt: Date): string {
  return `${clock}:${kind}:${startedAt.toISOString()}`;
}

/**
 * Alerts due now and not yet sent. A clock that is already breached when first seen sends only
 * the breach (a warning after the fact is noise); met clocks send nothing.
 */
export function dueDeadlineAlerts(deadlines: readonly ComplaintDeadline[], sent: Readonly<Record<string, string>>, now: Date): DeadlineAlert[] {
  const alerts: DeadlineAlert[] = [];
  for (const d of deadlines) {
    if (d.metAt) continue;
    const breachKey = deadlineAlertKey(d.clock, "breach", d.startedAt);
    const warnKey = deadlineAlertKey(d.clock, "warn", d.startedAt);
    if (now.getTime() >= d.dueAt.getTime()) {
      if (!sent[breachKey]) alerts.push({ key: breachKey, clock: d.clock, kind: "breach", deadline: d });
    } else if (now.getTime() >= d.warnAt.getTime() && !sent[warnKey]) {
      alerts.push({ key: warnKey, clock: d.clock, kind: "warn", deadline: d });
    }
  }
  return alerts;
}
