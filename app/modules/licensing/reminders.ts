/**
 * Renewal reminders: two before the support term ends (the `renewals.reminderDays` setting,
 * 30 and 7 days by default) and one on the day it ends. The kinds keep their historical names:
 * `days_30` is the first reminder and `days_7` the second, whatever the days are set to.
 * Each is sent once per term end (the database keeps one row per licence, kind and end).
 *
 * The windows do not overlap, so a job that runs daily sends each reminder on its day, and a
 * job that missed days catches up with the *latest* reminder that still applies rather than
 * sending a stale "30 days left" a week before the end.
 *  - days_30: the end is more than `second` and at most `first` days away;
 *  - days_7:  the end is more than 0 and at most `second` days away;
 *  - day_0:   the end passed less than DAY_0_GRACE_DAYS ago (the day it ends, plus catch-up).
 */
export type ReminderKind = "days_30" | "days_7" | "day_0";

const DAY_MS = 86_400_000;
export const DAY_0_GRACE_DAYS = 3;

/** Days before the end of the first and the second reminder, first > second (the setting keeps them so). */
export type ReminderDays = readonly number[];

export function dueReminderKind(supportUntil: Date, now: Date, days: ReminderDays): ReminderKind | null {
  const [first, second] = days as [number, number];
  const left = supportUntil.getTime() - now.getTime();
  if (left > first * DAY_MS) return null;
  if (left > second * DAY_MS) return "days_30";
  if (left > 0) return "days_7";
  if (left > -DAY_0_GRACE_DAYS * DAY_MS) return "day_0";
  return null;
}

/** The range of `support_until` values a run at `now` may remind about (for an indexed query). */
export function reminderWindow(now: Date, days: ReminderDays): { from: Date; to: Date } {
  return {
    from: new Date(now.getTime() - DAY_0_GRACE_DAYS * DAY_MS),
    to: new Date(now.getTime() + (days[0] as number) * DAY_MS),
  };
}
