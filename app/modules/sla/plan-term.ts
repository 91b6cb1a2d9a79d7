import { addUtcMonths } from "../licensing/support-ledger";

/**
 * A bought support plan's term (pure). Buying starts the term when the money arrives — or, when
 * the organisation already holds a bought term that has not ended, at that term's end, so buying
 * again early never loses days. Months are calendar months in UTC, as for licence terms
 * (31 January + 1 month = 28/29 February).
 */
export function planTermEnd(currentUntil: Date | null, paidAt: Date, termMonths: number): Date {
  const start = currentUntil && currentUntil.getTime() > paidAt.getTime() ? currentUntil : paidAt;
  return addUtcMonths(start, termMonths);
}

/**
 * The end after a bought term is refunded: the term's months come off the current end; when that
 * is no later than `now` the plan ends now (null). (Month arithmetic clamps, so a term bought on
 * the 29th–31st may come back a few days short of the original end: in the customer's favour
 * never, in ours at most by those days.)
 */
export function planTermEndAfterRefund(currentUntil: Date, termMonths: number, now: Date): Date | null {
  const end = addUtcMonths(currentUntil, -termMonths);
  return end.getTime() > now.getTime() ? end : null;
}

const DAY_MS = 86_400_000;

/**
 * What the daily job does for an organisation with a bought term:
 *  - `lapse` once the end has come (back to the default plan);
 *  - `remind` once the end is at most `reminderDays` away and this end was not reminded of yet;
 *  - nothing otherwise.
 */
export function planTermAction(
  term: { planUntil: Date; reminderSentFor: Date | null },
  now: Date,
  reminderDays: number,
): "lapse" | "remind" | null {
  const left = term.planUntil.getTime() - now.getTime();
  if (left <= 0) return "lapse";
  if (left <= reminderDays * DAY_MS && term.reminderSentFor?.getTime() !== term.planUntil.getTime()) return "remind";
  return null;
}

/** The range of term ends a run at `now` acts on (for an indexed query). */
export function planTermWindowEnd(now: Date, reminderDays: number): Date {
  return new Date(now.getTime() + reminderDays * DAY_MS);
}
