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
