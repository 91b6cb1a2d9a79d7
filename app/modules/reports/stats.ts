/** Small statistics used by the reports. Pure. */

/**
 * Percentile with linear interpolation between closest ranks — the same definition as
 * PostgreSQL's percentile_cont, so figures computed in SQL and in code agree. Null when empty.
 */
export function percentile(values: readonly number[], fraction: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const position = (sorted.length - 1) * fraction;
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  return sorted[lower]! + (sorted[upper]! - sorted[lower]!) * (position - lower);
}

/**
 * The same percentile from a histogram — (value, how many times it occurs) pairs in any order —
 * without expanding it: what a report computes from counts grouped by value in SQL.
 */
export function percentileOfHistogram(histogram: ReadonlyArray<readonly [value: number, count: number]>, fraction: number): number | null {
  const bins = histogram.filter(([, count]) => count > 0).sort((a, b) => a[0] - b[0]);
  const total = bins.reduce((sum, [, count]) => sum + count, 0);
  if (total === 0) return null;
  const position = (total - 1) * fraction;
  const lowerRank = Math.floor(position);
  const upperRank = Math.ceil(position);
  // The value at a 0-based rank: the first bin whose cumulative count passes it.
  const valueAt = (rank: number) => {
    let seen = 0;
    for (const [value, count] of bins) {
      seen += count;
      if (rank < seen) return value;
    }
    return bins[bins.length - 1]![0];
  };
  const lower = valueAt(lowerRank);
  const upper = upperRank === lowerRank ? lower : valueAt(upperRank);
  return lower + (upper - lower) * (position - lowerRank);
}

export const median = (values: readonly number[]) => percentile(values, 0.5);

/** A share as a percentage with one decimal, or null when nothing was counted. */
export function percent(part: number, whole: number): number | null {
  if (whole === 0) return null;
  return Math.round((part / whole) * 1000) / 10;
}

/** Rounds to one decimal (business minutes, averages) keeping null. */
export function round1(value: number | null | undefined): number | null {
  if (value === null || value === undefined || Number.isNaN(value)) return null;
  return Math.round(value * 10) / 10;
}
