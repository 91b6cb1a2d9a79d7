/**
 * Stored ticket events → the facts the clocks replay (clocks.ts). Pure.
 *
 * The `created` event carries the priority and the plan's targets in force at filing; every
 * change of priority or plan is a `retargeted` event with the new priority and targets. So a
 * later edit of a plan's targets never rewrites the history of tickets already filed: open
 * tickets pick new targets only through an explicit retarget (a priority change, or an
 * organisation moved to another plan).
 */
import type { ClockKind, ClockState, TicketFact, TicketStatus } from "./clocks";
import { slaTargetsSchema, PRIORITIES, type Priority, type SlaTargets } from "./targets";

export type StoredTicketEvent = { type: string; at: Date; data: Record<string, unknown> };

export type ReplayInput = { facts: TicketFact[]; priority: Priority; targets: SlaTargets };

const STATUSES: TicketStatus[] = ["new", "open", "pending", "on_hold", "solved", "closed"];

function priorityOf(value: unknown, fallback: Priority): Priority {
  return PRIORITIES.includes(value as Priority) ? (value as Priority) : fallback;
}

function targetsOf(value: unknown, fallback: SlaTargets): SlaTargets {
  const parsed = slaTargetsSchema.safeParse(value);
  return parsed.success ? parsed.data : fallback;
}

/**
 * `fallback` is the ticket's current priority and plan targets, used when the created event
 * lacks them (tickets inserted by hand or by an import).
 */
export function factsFromEvents(events: StoredTicketEvent[], fallback: { priority: Priority; targets: SlaTargets }): ReplayInput {
  const created = events.find((e) => e.type === "created");
  const priority = priorityOf(created?.data.priority, fallback.priority);
  const targets = targetsOf(created?.data.targets, fallback.targets);
  const facts: TicketFact[] = [];
  for (const event of events) {
    switch (event.type) {
      case "created":
        facts.push({ type: "created", at: event.at });
        break;
      case "customer_message":
        facts.push({ type: "customer_message", at: event.at });
        break;
      case "staff_public_reply":
        facts.push({ type: "staff_public_reply", at: event.at });
        break;
      case "status_changed": {
        const from = event.data.from as TicketStatus;
        const to = event.data.to as TicketStatus;
        if (STATUSES.includes(to)) facts.push({ type: "status_changed", at: event.at, from: STATUSES.includes(from) ? from : "new", to });
        break;
      }
      case "retargeted":
        facts.push({
          type: "retargeted",
          at: event.at,
          priority: priorityOf(event.data.priority, priority),
          targets: targetsOf(event.data.targets, targets),
        });
        break;
    }
  }
  return { facts, priority, targets };
}

export type SlaSummary = {
  /** Earliest due time of a clock still counting (or breached); null when none runs. */
  dueAt: Date | null;
  /** Earliest 75 % moment of those clocks. */
  warnAt: Date | null;
  /** The next warn/breach moment after `now` that the alert job must record. */
  alertAt: Date | null;
  state: "none" | "ok" | "warning" | "breached" | "paused";
  /** The clock that sets dueAt. */
  leadingClock: ClockKind | null;
};

/**
 * Folds the clock states into the columns the queue sorts and colours by. A pending ticket
 * reads "paused" even when no clock is counting: nothing is owed until the customer answers.
 */
export function summariseClocks(clocks: ClockState[], now: Date, status?: string): SlaSummary {
  const live = clocks.filter((c) => c.status === "running" || c.status === "breached");
  const paused = clocks.some((c) => c.status === "paused") || status === "pending";
  if (live.length === 0) {
    return { dueAt: null, warnAt: null, alertAt: null, state: paused ? "paused" : "none", leadingClock: null };
  }
  const nowMs = now.getTime();
  let leading = live[0];
  for (const clock of live) if (clock.dueAt!.getTime() < leading.dueAt!.getTime()) leading = clock;
  const warnAt = new Date(Math.min(...live.map((c) => c.warnAt!.getTime())));
  const thresholds = live
    .filter((c) => c.status === "running")
    .flatMap((c) => [c.warnAt!.getTime(), c.dueAt!.getTime()])
    .filter((t) => t >= nowMs);
  const breached = live.some((c) => c.status === "breached");
  const warning = live.some((c) => c.warnAt!.getTime() <= nowMs);
  return {
    dueAt: leading.dueAt,
    warnAt,
    alertAt: thresholds.length ? new Date(Math.min(...thresholds)) : null,
    state: breached ? "breached" : warning ? "warning" : "ok",
    leadingClock: leading.kind,
  };
}
