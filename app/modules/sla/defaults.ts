/**
 * Defaults ensured at start-up (SPEC §4): the Moscow business calendar with Russian public
 * holidays, and the Standard and Priority support plans.
 *
 * Holidays are weekdays off only (weekends are already outside the weekly windows).
 * - 2026: the government's production calendar (decree of September 2025): New Year
 *   holidays 1–11 January (3 and 4 January moved to 9 January and 31 December), 23 February,
 *   9 March (for 8 March, a Sunday), 1 and 11 May (for 9 May, a Saturday), 12 June,
 *   4 November, 31 December.
 * - 2027: only what the Labour Code (art. 112) fixes by itself — holidays on weekdays and a
 *   holiday falling on a weekend moved to the next working day. The government publishes the
 *   rest (the two New Year days on the weekend, bridge days, worked Saturdays) in late 2026:
 *   admins add them under Admin → Calendars.
 */
import { DEFAULT_CALENDAR, type BusinessCalendar } from "./business-hours";
import { PRIORITY_PLAN_TARGETS, STANDARD_PLAN_TARGETS, type SlaTargets } from "./targets";

export const RUSSIAN_HOLIDAYS_2026_2027: string[] = [
  "2026-01-01", "2026-01-02", "2026-01-05", "2026-01-06", "2026-01-07", "2026-01-08", "2026-01-09",
  "2026-02-23", "2026-03-09", "2026-05-01", "2026-05-11", "2026-06-12", "2026-11-04", "2026-12-31",
  "2027-01-01", "2027-01-04", "2027-01-05", "2027-01-06", "2027-01-07", "2027-01-08",
  "2027-02-23", "2027-03-08", "2027-05-03", "2027-05-10", "2027-06-14", "2027-11-04",
];

export const DEFAULT_CALENDAR_NAME = "Moscow office hours";

export const DEFAULT_MOSCOW_CALENDAR: BusinessCalendar = {
  ...DEFAULT_CALENDAR,
  holidays: RUSSIAN_HOLIDAYS_2026_2027,
  extraWorkingDays: [],
};

export type DefaultPlan = { slug: string; name: string; targets: SlaTargets; isDefault: boolean; allowsUrgent: boolean };

export const DEFAULT_PLANS: DefaultPlan[] = [
  { slug: "standard", name: "Standard", targets: STANDARD_PLAN_TARGETS, isDefault: true, allowsUrgent: false },
  { slug: "priority", name: "Priority", targets: PRIORITY_PLAN_TARGETS, isDefault: false, allowsUrgent: true },
];
