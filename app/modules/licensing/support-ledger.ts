import { DateTime } from "luxon";

/**
 * The support term as a ledger of claims.
 *
 * We store *what was bought or granted and when* (one entry per paid year, each
 * linked to its order, plus staff compensation), never computed start/end dates.
 * The actual periods are derived by folding the live entries in order together
 * with the first activation time. Refunds therefore stay exact: a refunded entry
 * is marked removed and the whole chain is recomputed as if it had never been
 * bought, so later periods shift back and a later renewal may become "late"
 * (starting at its own payment time) once the gap it used to bridge is gone.
 *
 * Folding rules:
 * - Nothing runs before the first activation. Every `initial` entry, and every
 *   entry recorded at or before the activation, is queued and chained from the
 *   activation instant (initial years first) — so a renewal or compensation bought
 *   before activation lengthens the term that has not started.
 * - After activation, a renewal paid while support is still running extends from
 *   the current end; one paid after it lapsed starts at the payment time, so the
 *   customer never pays for lapsed months.
 * - Compensation follows the same rule with N days instead of a year: granted
 *   during the term it extends the end; granted after a lapse it gives N days
 *   from the grant, otherwise it would be worthless.
 *
 * - An `imported` entry carries a term sold before Keydesk: it is queued at the
 *   activation like an initial year, but ends exactly at its recorded `endsAt` (the
 *   support-until date as imported, never recomputed) — or, without one, a year after
 *   the activation like a purchase. Later renewals chain from it.
 *
 * Dates are computed in UTC. A year is a calendar year (`plus({ years: 1 })`):
 * 29 February + 1 year = 28 February of the next (non-leap) year, i.e. 365 days —
 * a paid year is never shorter than 365 days. Because each year chains from the
 * previous end, a term that reaches 28 February stays on the 28th in later years.
 */

export type SupportEntryKind = "initial" | "renewal" | "compensation" | "imported";

export type SupportEntry = {
  id: string;
  kind: SupportEntryKind;
  /** The paying order for `initial` / `renewal`; `null` for compensation. */
  orderId: string | null;
  /** When the order was paid, or when staff granted the compensation. */
  recordedAt: Date;
  /** Compensation only: whole days, at least 1. */
  days?: number;
  /** Paid and imported terms: months bought (the setting when recorded); 12 when absent. */
  months?: number;
  /** Imported only, optional: the exact end of the term carried over. */
  endsAt?: Date;
  /** Compensation only: why it was granted, shown to staff. */
  reason?: string;
  /** Set when the entry was refunded or withdrawn; it then no longer counts. */
  removedAt?: Date | null;
};

export type SupportPeriod = {
  entry: SupportEntry;
  /** `null` while the term has not started (no activation yet). */
  startsAt: Date | null;
  endsAt: Date | null;
};

export type SupportTerm = {
  /** Live periods in chronological order; removed entries are left out. */
  periods: SupportPeriod[];
  /**
   * End of support, exclusive; `null` until the first activation. Once activated
   * it is never `null`: with no live entry left it equals the activation time.
   */
  supportUntil: Date | null;
  started: boolean;
};

export function deriveSupportTerm(entries: readonly SupportEntry[], firstActivatedAt: Date | null): SupportTerm {
  entries.forEach(assertValidEntry);
  const live = entries.filter((entry) => !entry.removedAt);
  if (firstActivatedAt === null) {
    return { periods: sortQueued(live).map(unstartedPeriod), supportUntil: null, started: false };
  }
  const queued = sortQueued(live.filter((entry) => isQueuedAtActivation(entry, firstActivatedAt)));
  const afterActivation = sortByRecordedAt(live.filter((entry) => !isQueuedAtActivation(entry, firstActivatedAt)));
  const periods: SupportPeriod[] = [];
  let end = firstActivatedAt;
  const append = (entry: SupportEntry, startsAt: Date) => {
    end = endOfPeriod(entry, startsAt);
    periods.push({ entry, startsAt, endsAt: end });
  };
  queued.forEach((entry) => append(entry, end));
  afterActivation.forEach((entry) => append(entry, latest(end, entry.recordedAt)));
  return { periods, supportUntil: end, started: true };
}

/** A paid term when the entry does not say: one year, as SPEC's default. */
export const DEFAULT_TERM_MONTHS = 12;

/** Calendar months in UTC; 31 Jan + 1 month = 28/29 Feb, 29 Feb + 12 months = 28 Feb (luxon clamps to the month's end). */
export function addUtcMonths(date: Date, months: number): Date {
  return DateTime.fromJSDate(date, { zone: "utc" }).plus({ months }).toJSDate();
}

/** Calendar years in UTC; 29 Feb + 1 year = 28 Feb (luxon clamps to the month's end). */
export function addUtcYears(date: Date, years: number): Date {
  return DateTime.fromJSDate(date, { zone: "utc" }).plus({ years }).toJSDate();
}

/** Whole days of exactly 24 hours (UTC has no daylight-saving shifts). */
export function addUtcDays(date: Date, days: number): Date {
  return DateTime.fromJSDate(date, { zone: "utc" }).plus({ days }).toJSDate();
}

function assertValidEntry(entry: SupportEntry): void {
  if (Number.isNaN(entry.recordedAt.getTime())) {
    throw new RangeError(`Support entry ${entry.id} has an invalid recordedAt`);
  }
  const isCompensation = entry.kind === "compensation";
  const hasValidDays = typeof entry.days === "number" && Number.isInteger(entry.days) && entry.days >= 1;
  if (isCompensation && !hasValidDays) {
    throw new RangeError(`Compensation ${entry.id} needs a whole number of days ≥ 1`);
  }
  if (entry.months !== undefined && (isCompensation || !Number.isInteger(entry.months) || entry.months < 1)) {
    throw new RangeError(`Support entry ${entry.id}: only a paid or imported term carries months, a whole number ≥ 1`);
  }
  if (!isCompensation && entry.days !== undefined) {
    throw new RangeError(`Support entry ${entry.id} is a paid year and cannot carry days`);
  }
  if (entry.endsAt !== undefined && (entry.kind !== "imported" || Number.isNaN(entry.endsAt.getTime()))) {
    throw new RangeError(`Support entry ${entry.id}: only an imported entry carries a (valid) endsAt`);
  }
}

function isQueuedAtActivation(entry: SupportEntry, firstActivatedAt: Date): boolean {
  return entry.kind === "initial" || entry.kind === "imported" || entry.recordedAt.getTime() <= firstActivatedAt.getTime();
}

/** Imported terms, then initial years come first so the first period shown is the one the purchase bought. */
function sortQueued(entries: SupportEntry[]): SupportEntry[] {
  const rank = (entry: SupportEntry) => (entry.kind === "imported" ? 2 : entry.kind === "initial" ? 1 : 0);
  return sortByRecordedAt(entries).sort((a, b) => rank(b) - rank(a));
}

/** Ties broken by id so the fold is deterministic whatever order the database returns. */
function sortByRecordedAt(entries: SupportEntry[]): SupportEntry[] {
  return [...entries].sort(
    (a, b) => a.recordedAt.getTime() - b.recordedAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}

/** `days` is guaranteed for compensation and `endsAt` for imported terms by `assertValidEntry`. */
function endOfPeriod(entry: SupportEntry, startsAt: Date): Date {
  if (entry.kind === "imported" && entry.endsAt) return entry.endsAt;
  return entry.kind === "compensation" ? addUtcDays(startsAt, entry.days as number) : addUtcMonths(startsAt, entry.months ?? DEFAULT_TERM_MONTHS);
}

function unstartedPeriod(entry: SupportEntry): SupportPeriod {
  return { entry, startsAt: null, endsAt: null };
}

function latest(a: Date, b: Date): Date {
  return a.getTime() >= b.getTime() ? a : b;
}
