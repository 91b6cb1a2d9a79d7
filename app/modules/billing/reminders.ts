/**
 * Unpaid-invoice reminders (pure). Reminders go out `reminderDays` days after the invoice was
 * issued (3 and 10 by default). A job that missed a day catches up with one email, not several.
 */
const DAY = 86_400_000;

/** How many reminders should have gone out by `now` (the count of thresholds passed). */
export function remindersDue(issuedAt: Date, now: Date, reminderDays: readonly number[]): number {
  const elapsed = now.getTime() - issuedAt.getTime();
  return reminderDays.filter((days) => elapsed >= days * DAY).length;
}

/** The reminder to send now (1-based), or null when none is due beyond those already sent. */
export function reminderToSend(issuedAt: Date, now: Date, reminderDays: readonly number[], alreadySent: number): number | null {
  const due = remindersDue(issuedAt, now, reminderDays);
  return due > alreadySent ? due : null;
}

/** Whole days past the due date (0 when not overdue). */
export function daysOverdue(dueAt: Date, now: Date): number {
  return Math.max(0, Math.floor((now.getTime() - dueAt.getTime()) / DAY));
}
