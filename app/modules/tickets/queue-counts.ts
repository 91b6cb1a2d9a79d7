import type { QueueName } from "./queue-filters";

export type QueueCounts = Record<Exclude<QueueName, "all">, number>;

/** Counters are kept per hour of the SLA times; the hour `now` falls in is counted exactly. */
export const COUNT_BUCKET_MS = 3_600_000;

/** The start of the counters' hour that holds `now` (date_bin('1 hour', now, epoch) in SQL). */
export function countBucketStart(now: Date): Date {
  return new Date(Math.floor(now.getTime() / COUNT_BUCKET_MS) * COUNT_BUCKET_MS);
}

/**
 * What the counter query reads: sums over the folded counters plus pending deltas, and exact
 * counts of the current, partial hour. `warned`/`dueOfWarned` cover the tickets whose warning
 * comes no later than their due time — only those can be "breaching" (warned, not yet due).
 */
export type CounterSums = {
  active: number;
  unassigned: number;
  mine: number;
  pending: number;
  onHold: number;
  /** Active tickets with an SLA due time before the current hour, and within it up to now. */
  dueBefore: number;
  dueInHour: number;
  warnedBefore: number;
  warnedInHour: number;
  dueOfWarnedBefore: number;
  dueOfWarnedInHour: number;
};

export function queueCountsFrom(sums: CounterSums): QueueCounts {
  const warned = sums.warnedBefore + sums.warnedInHour;
  const dueOfWarned = sums.dueOfWarnedBefore + sums.dueOfWarnedInHour;
  return {
    open: sums.active,
    unassigned: sums.unassigned,
    mine: sums.mine,
    // Warned by now and not yet due: every warned ticket that is due by now was warned by now too.
    breaching: warned - dueOfWarned,
    breached: sums.dueBefore + sums.dueInHour,
    pending: sums.pending,
    on_hold: sums.onHold,
  };
}
