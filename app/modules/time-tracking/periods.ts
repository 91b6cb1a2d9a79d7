import { DateTime } from "luxon";
import { assertValidTimeZone } from "./calendar";

/**
 * Months and weeks as instants, in the organisation's business time zone.
 *
 * An entry belongs to the month (and ISO week) of the calendar day on which it
 * STARTED in that zone — the same rule `allocateTime` and `summariseMonth` use —
 * so "entries of March" is exactly `startedAt ∈ [monthStart, nextMonthStart)`.
 */

export const MONTH_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;

export function isMonthKey(value: unknown): value is string {
  return typeof value === "string" && MONTH_PATTERN.test(value);
}

/** The month ("2025-03") containing `instant` in `timeZone`. */
export function monthKeyOf(instant: Date, timeZone: string): string {
  assertValidTimeZone(timeZone);
  return DateTime.fromJSDate(instant, { zone: timeZone }).toFormat("yyyy-MM");
}

export type InstantRange = { start: Date; end: Date };

/** [first instant of the month, first instant of the next month) in `timeZone`. */
export function monthRange(month: string, timeZone: string): InstantRange {
  if (!isMonthKey(month)) throw new RangeError(`Month must look like "2025-03", got "${month}"`);
  assertValidTimeZone(timeZone);
  const start = DateTime.fromISO(`${month}-01T00:00`, { zone: timeZone });
  return { start: start.toJSDate(), end: start.plus({ months: 1 }).toJSDate() };
}

/** [Monday 00:00, next Monday 00:00) of the ISO week containing `instant`, in `timeZone`. */
export function isoWeekRange(instant: Date, timeZone: string): InstantRange {
  assertValidTimeZone(timeZone);
  const start = DateTime.fromJSDate(instant, { zone: timeZone }).startOf("week");
  return { start: start.toJSDate(), end: start.plus({ weeks: 1 }).toJSDate() };
}

/** The month before / after `month`. */
export function shiftMonth(month: string, by: number): string {
  if (!isMonthKey(month)) throw new RangeError(`Month must look like "2025-03", got "${month}"`);
  return DateTime.fromISO(`${month}-01`, { zone: "UTC" }).plus({ months: by }).toFormat("yyyy-MM");
}

/** Local date ("2025-03-14") and time ("09:05") of an instant, for forms that edit it. */
export function localDateAndTime(instant: Date, timeZone: string): { date: string; time: string } {
  assertValidTimeZone(timeZone);
  const local = DateTime.fromJSDate(instant, { zone: timeZone });
  return { date: local.toFormat("yyyy-MM-dd"), time: local.toFormat("HH:mm") };
}
