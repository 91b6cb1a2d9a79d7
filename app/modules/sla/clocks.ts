/**
 * SLA clocks of a ticket, derived from its facts. Nothing is stored: the clocks are
 * replayed from the facts every time, so a change of plan or priority, a corrected
 * calendar or a question like "what did the panel show last Tuesday" is a recomputation.
 *
 * Clocks (all measured in business minutes, see business-hours.ts):
 * - first_response: from creation to the first public staff reply. Never paused.
 * - next_response: starts at the oldest customer message still unanswered once the first
 *   response is done, ends at the next public staff reply. Further customer messages while
 *   it runs do not restart it. Paused while the ticket is pending. A ticket has one
 *   next_response cycle per unanswered customer turn.
 * - resolution: from creation to solved, paused while pending; a reopen resumes it with
 *   the time already used. Only tracked when the plan has a resolution target.
 * Solving (or closing) a ticket also ends the response clocks: nobody owes a reply on a
 * solved ticket. A customer message on a solved ticket starts next_response only when the
 * ticket is reopened, counted from that message.
 *
 * Retargeting (priority or plan change) applies the new target to every clock still open,
 * measured from its ORIGINAL start: lowering a target can breach a clock at once. Clocks
 * already fulfilled keep the target in effect when they were fulfilled.
 *
 * Breach: elapsed business time > target; exactly equal is met. Because this counts business
 * time, a reply on Saturday to a clock due Friday 18:00 (the close) is not a breach.
 */
import {
  addBusinessMinutes,
  businessMinutesBetween,
  nextBusinessMinute,
  type BusinessCalendar,
} from "./business-hours";
import type { ClockTargets, Priority, SlaTargets } from "./targets";

export type TicketStatus = "new" | "open" | "pending" | "on_hold" | "solved" | "closed";

export type TicketFact =
  | { type: "created"; at: Date }
  | { type: "customer_message"; at: Date }
  | { type: "staff_public_reply"; at: Date }
  // `from` is informational: the replay tracks the status itself, starting from "new".
  | { type: "status_changed"; at: Date; from: TicketStatus; to: TicketStatus }
  | { type: "retargeted"; at: Date; priority: Priority; targets: SlaTargets };

export type ClockKind = "first_response" | "next_response" | "resolution";

/**
 * `breached` is an open clock past its target. A clock fulfilled late is `fulfilled` with
 * `breached: true`, so the status says what to show and `breached` says whether the SLA held.
 */
export type ClockStatus = "not_started" | "running" | "paused" | "fulfilled" | "breached";

export type ClockState = {
  kind: ClockKind;
  status: ClockStatus;
  /** First business minute at or after the real start; null when not started. */
  startedAt: Date | null;
  targetMinutes: number;
  /**
   * When elapsed business time reaches the target, pushed later by paused time. While
   * paused it is projected as if the clock resumed `now`; once fulfilled it is where the
   * clock would have been due. Null when not started.
   */
  dueAt: Date | null;
  /** Same as dueAt, for 75 % of the target. */
  warnAt: Date | null;
  elapsedBusinessMinutes: number;
  /** Negative when breached. */
  remainingBusinessMinutes: number;
  breached: boolean;
  fulfilledAt: Date | null;
};

export type ClockEventType = "start" | "pause" | "resume" | "fulfil" | "warn" | "breach" | "retarget";

/**
 * start/pause/resume/fulfil/retarget are at the moment of the fact that caused them (a
 * clock started on Saturday says Saturday; its ClockState.startedAt says Monday opening).
 * warn/breach are at their business-time moment, but never before the retarget that
 * caused them.
 */
export type ClockEvent = { clock: ClockKind; type: ClockEventType; at: Date };

export type ClockOptions = {
  /** Priority and targets when the ticket was created; later changes are `retargeted` facts. */
  priority: Priority;
  targets: SlaTargets;
  calendar: BusinessCalendar;
  /** Facts after `now` are ignored, so past states can be replayed. */
  now: Date;
  /** The warning point as a share of the target (the `sla.warningPercent` setting / 100); 0.75 when not given. */
  warnShare?: number;
};

/** SPEC's default warning point: 75 % of a target. */
export const DEFAULT_WARN_SHARE = 0.75;
const MINUTE_MS = 60_000;

const TARGET_FIELD: Record<ClockKind, keyof ClockTargets> = {
  first_response: "firstResponse",
  next_response: "nextResponse",
  resolution: "resolution",
};

/** One run of a clock from its start to its fulfilment; next_response may have several. */
type Cycle = {
  kind: ClockKind;
  startMs: number;
  /** Start of the segment being counted now; null while paused or fulfilled. */
  countingSinceMs: number | null;
  countedSegments: Array<[number, number]>;
  fulfilledAtMs: number | null;
  lastRetargetMs: number | null;
  /** Events caused directly by facts; warn/breach are added when measuring. */
  log: Array<{ type: ClockEventType; atMs: number }>;
};

type Plan = { fromMs: number; priority: Priority; targets: SlaTargets };

const isSolved = (status: TicketStatus) => status === "solved" || status === "closed";
/** Whether next_response and resolution count time in this status. */
const countsTime = (status: TicketStatus) => status !== "pending" && !isSolved(status);

function startCycle(kind: ClockKind, startMs: number, counting: boolean): Cycle {
  const cycle: Cycle = {
    kind,
    startMs,
    countingSinceMs: counting ? startMs : null,
    countedSegments: [],
    fulfilledAtMs: null,
    lastRetargetMs: null,
    log: [{ type: "start", atMs: startMs }],
  };
  if (!counting) cycle.log.push({ type: "pause", atMs: startMs });
  return cycle;
}

function stopCounting(cycle: Cycle, atMs: number): void {
  if (cycle.countingSinceMs === null) return;
  cycle.countedSegments.push([cycle.countingSinceMs, atMs]);
  cycle.countingSinceMs = null;
}

function setCounting(cycle: Cycle | null, counting: boolean, atMs: number): void {
  if (!cycle || cycle.fulfilledAtMs !== null) return;
  if (counting && cycle.countingSinceMs === null) {
    cycle.countingSinceMs = atMs;
    cycle.log.push({ type: "resume", atMs });
  } else if (!counting && cycle.countingSinceMs !== null) {
    stopCounting(cycle, atMs);
    cycle.log.push({ type: "pause", atMs });
  }
}

function fulfil(cycle: Cycle | null, atMs: number): void {
  if (!cycle || cycle.fulfilledAtMs !== null) return;
  stopCounting(cycle, atMs);
  cycle.fulfilledAtMs = atMs;
  cycle.log.push({ type: "fulfil", atMs });
}

function replay(facts: TicketFact[], options: ClockOptions): { cycles: Cycle[]; plans: Plan[] } {
  const nowMs = options.now.getTime();
  // Stable sort: facts at the same instant keep the caller's order.
  const ordered = facts.filter((fact) => fact.at.getTime() <= nowMs).sort((a, b) => a.at.getTime() - b.at.getTime());
  const cycles: Cycle[] = [];
  const plans: Plan[] = [{ fromMs: -Infinity, priority: options.priority, targets: options.targets }];
  let status: TicketStatus = "new";
  let firstResponse: Cycle | null = null;
  let nextResponse: Cycle | null = null;
  let resolution: Cycle | null = null;
  let oldestUnansweredMs: number | null = null;

  const startNextResponseIfOwed = () => {
    const firstResponseDone = firstResponse?.fulfilledAtMs != null;
    if (!firstResponseDone || nextResponse || oldestUnansweredMs === null || isSolved(status)) return;
    nextResponse = startCycle("next_response", oldestUnansweredMs, countsTime(status));
    cycles.push(nextResponse);
  };

  for (const fact of ordered) {
    const atMs = fact.at.getTime();
    switch (fact.type) {
      case "created":
        if (firstResponse) break; // a repeated "created" is noise, not a second ticket
        firstResponse = startCycle("first_response", atMs, true);
        resolution = startCycle("resolution", atMs, true);
        cycles.push(firstResponse, resolution);
        break;
      case "customer_message":
        oldestUnansweredMs ??= atMs;
        startNextResponseIfOwed();
        break;
      case "staff_public_reply":
        fulfil(firstResponse, atMs);
        fulfil(nextResponse, atMs);
        nextResponse = null;
        oldestUnansweredMs = null;
        break;
      case "status_changed": {
        const wasSolved = isSolved(status);
        status = fact.to;
        if (isSolved(status) && !wasSolved) {
          fulfil(firstResponse, atMs);
          fulfil(nextResponse, atMs);
          fulfil(resolution, atMs);
          nextResponse = null;
          oldestUnansweredMs = null;
        } else if (!isSolved(status) && wasSolved) {
          if (resolution) resolution.fulfilledAtMs = null;
          startNextResponseIfOwed();
        }
        setCounting(nextResponse, countsTime(status), atMs);
        setCounting(resolution, countsTime(status), atMs);
        break;
      }
      case "retargeted":
        plans.push({ fromMs: atMs, priority: fact.priority, targets: fact.targets });
        for (const cycle of [firstResponse, nextResponse, resolution]) {
          if (!cycle || cycle.fulfilledAtMs !== null) continue;
          cycle.lastRetargetMs = atMs;
          cycle.log.push({ type: "retarget", atMs });
        }
        break;
    }
  }
  return { cycles, plans };
}

function targetAt(plans: Plan[], kind: ClockKind, atMs: number): number | null {
  let plan = plans[0];
  for (const candidate of plans) if (candidate.fromMs <= atMs) plan = candidate;
  return plan.targets[plan.priority][TARGET_FIELD[kind]];
}

type Measurement = {
  cycle: Cycle;
  targetMinutes: number;
  elapsedMs: number;
  dueAtMs: number;
  warnAtMs: number;
};

function measure(cycle: Cycle, targetMinutes: number, calendar: BusinessCalendar, nowMs: number, warnShare: number): Measurement {
  const segments =
    cycle.countingSinceMs === null ? cycle.countedSegments : [...cycle.countedSegments, [cycle.countingSinceMs, nowMs]];
  const lengths = segments.map(([from, to]) => businessMinutesBetween(new Date(from), new Date(to), calendar));

  const momentReaching = (minutes: number): number => {
    let used = 0;
    for (let i = 0; i < segments.length; i++) {
      if (used + lengths[i] >= minutes) {
        return addBusinessMinutes(new Date(segments[i][0]), minutes - used, calendar).getTime();
      }
      used += lengths[i];
    }
    // Not reached yet: continue from where counting would go on (now, or the fulfilment).
    return addBusinessMinutes(new Date(cycle.fulfilledAtMs ?? nowMs), minutes - used, calendar).getTime();
  };

  return {
    cycle,
    targetMinutes,
    elapsedMs: Math.round(lengths.reduce((sum, length) => sum + length, 0) * MINUTE_MS),
    dueAtMs: momentReaching(targetMinutes),
    warnAtMs: momentReaching(targetMinutes * warnShare),
  };
}

/** Measures every cycle whose plan has a target for it (null resolution targets drop out). */
function measureAll(facts: TicketFact[], options: ClockOptions): { measurements: Measurement[]; plans: Plan[] } {
  const nowMs = options.now.getTime();
  const { cycles, plans } = replay(facts, options);
  const measurements = cycles.flatMap((cycle) => {
    const target = targetAt(plans, cycle.kind, cycle.fulfilledAtMs ?? nowMs);
    return target === null ? [] : [measure(cycle, target, options.calendar, nowMs, options.warnShare ?? DEFAULT_WARN_SHARE)];
  });
  return { measurements, plans };
}

function isBreached({ elapsedMs, targetMinutes }: Measurement): boolean {
  return elapsedMs > targetMinutes * MINUTE_MS;
}

function toState(measurement: Measurement, calendar: BusinessCalendar): ClockState {
  const { cycle, targetMinutes, elapsedMs } = measurement;
  const breached = isBreached(measurement);
  const elapsedBusinessMinutes = elapsedMs / MINUTE_MS;
  let status: ClockStatus = "running";
  if (cycle.fulfilledAtMs !== null) status = "fulfilled";
  else if (breached) status = "breached";
  else if (cycle.countingSinceMs === null) status = "paused";
  return {
    kind: cycle.kind,
    status,
    startedAt: nextBusinessMinute(new Date(cycle.startMs), calendar),
    targetMinutes,
    dueAt: new Date(measurement.dueAtMs),
    warnAt: new Date(measurement.warnAtMs),
    elapsedBusinessMinutes,
    remainingBusinessMinutes: targetMinutes - elapsedBusinessMinutes,
    breached,
    fulfilledAt: cycle.fulfilledAtMs === null ? null : new Date(cycle.fulfilledAtMs),
  };
}

function notStarted(kind: ClockKind, targetMinutes: number): ClockState {
  return {
    kind,
    status: "not_started",
    startedAt: null,
    targetMinutes,
    dueAt: null,
    warnAt: null,
    elapsedBusinessMinutes: 0,
    remainingBusinessMinutes: targetMinutes,
    breached: false,
    fulfilledAt: null,
  };
}

const CLOCK_ORDER: ClockKind[] = ["first_response", "next_response", "resolution"];

/**
 * Current state of each clock, in the order first_response, next_response, resolution.
 * next_response is its latest cycle (earlier cycles appear in clockEvents). resolution is
 * left out when the plan has no resolution target.
 */
export function computeClocks(facts: TicketFact[], options: ClockOptions): ClockState[] {
  const { measurements, plans } = measureAll(facts, options);
  return CLOCK_ORDER.flatMap((kind): ClockState[] => {
    const latest = measurements.filter((measurement) => measurement.cycle.kind === kind).at(-1);
    if (latest) return [toState(latest, options.calendar)];
    const target = targetAt(plans, kind, options.now.getTime());
    return target === null ? [] : [notStarted(kind, target)];
  });
}

// Order of events at the same instant: what happened first reads first.
const EVENT_ORDER: ClockEventType[] = ["start", "resume", "retarget", "warn", "breach", "pause", "fulfil"];

/** Event history of every clock cycle up to `now`, oldest first, for the SLA panel and reports. */
export function clockEvents(facts: TicketFact[], options: ClockOptions): ClockEvent[] {
  return clockEventsByCycle(facts, options).map(({ clock, type, at }) => ({ clock, type, at }));
}

/**
 * clockEvents with the real start of the cycle each event belongs to, which is how stored
 * events are keyed (a warning or a breach is recorded, and notified, once per cycle).
 */
export function clockEventsByCycle(facts: TicketFact[], options: ClockOptions): Array<ClockEvent & { cycleStartedAt: Date }> {
  const events: Array<{ clock: ClockKind; type: ClockEventType; atMs: number; cycleStartMs: number }> = [];
  for (const measurement of measureAll(facts, options).measurements) {
    const { cycle, elapsedMs, targetMinutes } = measurement;
    const notBeforeRetargetMs = cycle.lastRetargetMs ?? -Infinity;
    const cycleStartMs = cycle.startMs;
    events.push(...cycle.log.map((entry) => ({ clock: cycle.kind, ...entry, cycleStartMs })));
    if (elapsedMs > targetMinutes * (options.warnShare ?? DEFAULT_WARN_SHARE) * MINUTE_MS) {
      events.push({ clock: cycle.kind, type: "warn", atMs: Math.max(measurement.warnAtMs, notBeforeRetargetMs), cycleStartMs });
    }
    if (isBreached(measurement)) {
      events.push({ clock: cycle.kind, type: "breach", atMs: Math.max(measurement.dueAtMs, notBeforeRetargetMs), cycleStartMs });
    }
  }
  return events
    .sort((a, b) => a.atMs - b.atMs || EVENT_ORDER.indexOf(a.type) - EVENT_ORDER.indexOf(b.type))
    .map(({ clock, type, atMs, cycleStartMs }) => ({ clock, type, at: new Date(atMs), cycleStartedAt: new Date(cycleStartMs) }));
}

/** One clock cycle as reports count it (see clockCycles). */
export type ClockCycle = {
  clock: ClockKind;
  /** The real start of the cycle (the key of its stored events). */
  cycleStartedAt: Date;
  targetMinutes: number;
  /** Business minutes counted so far (up to `now` while open), pauses excluded. */
  elapsedBusinessMinutes: number;
  fulfilledAt: Date | null;
  breached: boolean;
  /** When the breach happened (never before the retarget that caused it); null when met or open. */
  breachedAt: Date | null;
};

/**
 * Every clock cycle of a ticket up to `now`, for reports: each next_response turn, not only
 * the latest as computeClocks gives. A cycle is settled once fulfilled or breached.
 */
export function clockCycles(facts: TicketFact[], options: ClockOptions): ClockCycle[] {
  return measureAll(facts, options).measurements.map((measurement) => {
    const { cycle, elapsedMs, targetMinutes } = measurement;
    const breached = isBreached(measurement);
    return {
      clock: cycle.kind,
      cycleStartedAt: new Date(cycle.startMs),
      targetMinutes,
      elapsedBusinessMinutes: elapsedMs / MINUTE_MS,
      fulfilledAt: cycle.fulfilledAtMs === null ? null : new Date(cycle.fulfilledAtMs),
      breached,
      breachedAt: breached ? new Date(Math.max(measurement.dueAtMs, cycle.lastRetargetMs ?? -Infinity)) : null,
    };
  });
}

/** The summary row of one cycle: settled at its fulfilment, or at its breach while still open. */
/** The ticket's report dimensions copied onto each of its cycles (the reports read them without a join). */
export type CycleDimensions = { priority: "low" | "normal" | "high" | "urgent"; planId: string; productId: string | null; organisationId: string; assigneeId: string | null };

export function slaCycleRow(ticketId: string, c: ClockCycle, dims: CycleDimensions) {
  return {
    ticketId,
    priority: dims.priority,
    planId: dims.planId,
    productId: dims.productId,
    organisationId: dims.organisationId,
    assigneeId: dims.assigneeId,
    clock: c.clock,
    cycleStartedAt: c.cycleStartedAt,
    targetMinutes: c.targetMinutes,
    elapsedMinutes: c.elapsedBusinessMinutes,
    fulfilledAt: c.fulfilledAt,
    breached: c.breached,
    settledAt: c.fulfilledAt ?? c.breachedAt,
  };
}
