import { DateTime } from "luxon";

/**
 * Calendar keys of an instant in the organisation's business time zone.
 * `day` is an ISO date ("2025-03-14"); `isoWeek` is an ISO-8601 week ("2025-W11").
 * Both are computed in the zone, not in UTC, because the free allowance is
 * "per calendar day / ISO week" as the customer sees it.
 */
export type CalendarKeys = { day: string; isoWeek: string };

export function calendarKeys(instant: Date, timeZone: string): CalendarKeys {
  const local = DateTime.fromJSDate(instant, { zone: timeZone });
  if (!local.isValid) {
    throw new RangeError(`Cannot place ${String(instant)} in time zone "${timeZone}": ${local.invalidExplanation ?? local.invalidReason}`);
  }
  return { day: local.toISODate(), isoWeek: isoWeekKey(local) };
}

function isoWeekKey(local: DateTime<true>): string {
  // weekYear, not year: 2024-12-30 belongs to 2025-W01.
  return `${local.weekYear}-W${String(local.weekNumber).padStart(2, "0")}`;
}

/** Throws early so a typo in the contract's zone does not silently fall back to UTC. */
export function assertValidTimeZone(timeZone: string): void {
  // Epoch, not "now": pure modules never read the clock.
  if (!DateTime.fromMillis(0, { zone: timeZone }).isValid) {
    throw new RangeError(`Unknown time zone "${timeZone}"`);
  }
}
