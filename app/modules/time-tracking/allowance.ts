import { assertValidTimeZone, calendarKeys, type CalendarKeys } from "./calendar";

/**
 * Time allocation: which part of each logged minute is free, prepaid, billable
 * or not charged.
 *
 * The whole history of an organisation is folded in (startedAt, id) order, so
 * editing or deleting an earlier entry and recomputing gives the same answer
 * as if the history had always been that way; the prepaid balance follows.
 * Nothing is stored incrementally, so there is no drift to repair.
 *
 * Rules decided here (callers rely on them):
 * - An entry is placed on the calendar day and ISO week on which it STARTED in
 *   the organisation's time zone, even if it runs past midnight.
 * - The free allowance belongs to the organisation, not the engineer: two
 *   engineers answering questions on the same day share it.
 * - A day "uses" one of the contract's free days per week as soon as any free
 *   minute is drawn on it; later days in that ISO week get no allowance once the
 *   limit is reached.
 * - Prepaid credits are NOT retroactive: a credit is available to entries that
 *   started at or after `credit.at`. Entries before it stay billable. (To waive
 *   past billable time use a `cancelledBillable` adjustment instead.)
 * - Not-charged entries (bug reports, billing tickets, engineer override) draw
 *   on neither the allowance nor the prepaid balance.
 * - Cancelling billable time only reclassifies billable → not charged; it never
 *   changes the allowance or the balance, so later entries are unaffected.
 */

export const TICKET_TYPES = ["bug_report", "question", "paid_service", "billing"] as const;
export type TicketType = (typeof TICKET_TYPES)[number];

export type TimeEntryInput = {
  id: string;
  startedAt: Date;
  minutes: number;
  ticketType: TicketType;
  /** Engineer's override: the whole entry is not charged (the reason is stored with the entry). */
  notCharged?: boolean;
};

export type AllowanceContract = {
  freeMinutesPerDay: number;
  /** At most this many distinct days per ISO week get the allowance; null = every day. */
  freeDaysPerWeek: number | null;
};

export const DEFAULT_ALLOWANCE_CONTRACT: AllowanceContract = { freeMinutesPerDay: 15, freeDaysPerWeek: null };

/** A purchase or a goodwill credit of prepaid minutes, available from `at` onwards. */
export type PrepaidCredit = { at: Date; minutes: number };

/** Quality remedy: the billable part of this entry becomes not charged. */
export type CancelledBillable = { entryId: string };

export type MinutesSplit = { free: number; prepaid: number; billable: number; notCharged: number };

export type Allocation = MinutesSplit & CalendarKeys;

export type AllocateTimeInput = {
  entries: readonly TimeEntryInput[];
  contract: AllowanceContract;
  prepaidCredits: readonly PrepaidCredit[];
  cancelledBillable?: readonly CancelledBillable[];
  /** IANA zone of the organisation's business calendar, e.g. "Europe/Moscow". */
  timeZone: string;
};

export type AllowanceUsage = {
  /** Totals per ISO date (in the calendar zone); `free` is the allowance used that day. */
  perDay: Map<string, MinutesSplit>;
  /** ISO week → days (ascending) on which the allowance was applied. */
  freeDaysByWeek: Map<string, string[]>;
};

export type AllocationResult = AllowanceUsage & {
  allocations: Map<string, Allocation>;
  /** Prepaid minutes left after every credit and every entry; never negative. */
  prepaidBalance: number;
};

const ALWAYS_NOT_CHARGED: ReadonlySet<TicketType> = new Set(["bug_report", "billing"]);

export function allocateTime(input: AllocateTimeInput): AllocationResult {
  assertValidContract(input.contract);
  assertValidTimeZone(input.timeZone);
  const entries = sortedEntries(input.entries);
  const credits = new PrepaidPool(input.prepaidCredits);
  const cancelled = new Set((input.cancelledBillable ?? []).map((c) => c.entryId));
  const usage: AllowanceUsage = { perDay: new Map(), freeDaysByWeek: new Map() };
  const allocations = new Map<string, Allocation>();

  for (const entry of entries) {
    credits.releaseUpTo(entry.startedAt);
    const keys = calendarKeys(entry.startedAt, input.timeZone);
    let split = splitEntry(entry, keys, input.contract, usage, credits);
    if (cancelled.has(entry.id)) split = cancelBillable(split);
    allocations.set(entry.id, { ...split, ...keys });
    addToDay(usage, keys, split);
  }
  credits.releaseAll();
  return { allocations, perDay: usage.perDay, freeDaysByWeek: usage.freeDaysByWeek, prepaidBalance: credits.balance };
}

/**
 * Free minutes the organisation still has on the calendar day containing `now`.
 * Pass the usage from `allocateTime` over the same entries and zone.
 */
export function freeMinutesLeftToday(
  input: { usage: AllowanceUsage; contract: AllowanceContract; timeZone: string },
  now: Date,
): number {
  assertValidContract(input.contract);
  return freeMinutesAvailable(calendarKeys(now, input.timeZone), input.contract, input.usage);
}

function splitEntry(
  entry: TimeEntryInput,
  keys: CalendarKeys,
  contract: AllowanceContract,
  usage: AllowanceUsage,
  credits: PrepaidPool,
): MinutesSplit {
  if (entry.notCharged || ALWAYS_NOT_CHARGED.has(entry.ticketType)) {
    return { free: 0, prepaid: 0, billable: 0, notCharged: entry.minutes };
  }
  const free = entry.ticketType === "question" ? Math.min(entry.minutes, freeMinutesAvailable(keys, contract, usage)) : 0;
  if (free > 0) markFreeDay(usage, keys);
  const prepaid = credits.draw(entry.minutes - free);
  return { free, prepaid, billable: entry.minutes - free - prepaid, notCharged: 0 };
}

function freeMinutesAvailable(keys: CalendarKeys, contract: AllowanceContract, usage: AllowanceUsage): number {
  if (!dayMayUseAllowance(keys, contract, usage)) return 0;
  const usedToday = usage.perDay.get(keys.day)?.free ?? 0;
  return Math.max(0, contract.freeMinutesPerDay - usedToday);
}

function dayMayUseAllowance(keys: CalendarKeys, contract: AllowanceContract, usage: AllowanceUsage): boolean {
  if (contract.freeDaysPerWeek === null) return true;
  const freeDays = usage.freeDaysByWeek.get(keys.isoWeek) ?? [];
  return freeDays.includes(keys.day) || freeDays.length < contract.freeDaysPerWeek;
}

function markFreeDay(usage: AllowanceUsage, keys: CalendarKeys): void {
  const freeDays = usage.freeDaysByWeek.get(keys.isoWeek) ?? [];
  if (freeDays.includes(keys.day)) return;
  usage.freeDaysByWeek.set(keys.isoWeek, [...freeDays, keys.day].sort());
}

function addToDay(usage: AllowanceUsage, keys: CalendarKeys, split: MinutesSplit): void {
  const day = usage.perDay.get(keys.day) ?? { free: 0, prepaid: 0, billable: 0, notCharged: 0 };
  usage.perDay.set(keys.day, addSplits(day, split));
}

export function addSplits(a: MinutesSplit, b: MinutesSplit): MinutesSplit {
  return {
    free: a.free + b.free,
    prepaid: a.prepaid + b.prepaid,
    billable: a.billable + b.billable,
    notCharged: a.notCharged + b.notCharged,
  };
}

function cancelBillable(split: MinutesSplit): MinutesSplit {
  return { ...split, billable: 0, notCharged: split.notCharged + split.billable };
}

/** Credits become spendable once the fold reaches their time; the balance never goes below zero. */
class PrepaidPool {
  balance = 0;
  private readonly credits: PrepaidCredit[];
  private released = 0;

  constructor(credits: readonly PrepaidCredit[]) {
    credits.forEach(assertValidCredit);
    this.credits = [...credits].sort((a, b) => a.at.getTime() - b.at.getTime());
  }

  releaseUpTo(instant: Date): void {
    while (this.released < this.credits.length && this.credits[this.released].at.getTime() <= instant.getTime()) {
      this.releaseNext();
    }
  }

  releaseAll(): void {
    while (this.released < this.credits.length) this.releaseNext();
  }

  private releaseNext(): void {
    this.balance += this.credits[this.released].minutes;
    this.released += 1;
  }

  draw(wanted: number): number {
    const drawn = Math.min(wanted, this.balance);
    this.balance -= drawn;
    return drawn;
  }
}

function sortedEntries(entries: readonly TimeEntryInput[]): TimeEntryInput[] {
  assertUniqueIds(entries);
  entries.forEach(assertValidEntry);
  // Ordinal id comparison (not localeCompare) so the order never depends on the runtime's locale.
  return [...entries].sort(
    (a, b) => a.startedAt.getTime() - b.startedAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}

function assertUniqueIds(entries: readonly TimeEntryInput[]): void {
  const seen = new Set<string>();
  for (const { id } of entries) {
    if (seen.has(id)) throw new RangeError(`Duplicate time entry id "${id}"`);
    seen.add(id);
  }
}

function assertValidEntry(entry: TimeEntryInput): void {
  assertValidInstant(entry.startedAt, `entry ${entry.id} startedAt`);
  assertWholeMinutes(entry.minutes, `entry ${entry.id} minutes`);
}

function assertValidCredit(credit: PrepaidCredit): void {
  assertValidInstant(credit.at, "prepaid credit time");
  // Refunds are modelled by removing the credit, not by a negative one, so the balance stays >= 0.
  assertWholeMinutes(credit.minutes, "prepaid credit minutes");
}

function assertValidContract(contract: AllowanceContract): void {
  assertWholeMinutes(contract.freeMinutesPerDay, "freeMinutesPerDay");
  const days = contract.freeDaysPerWeek;
  if (days !== null && !(Number.isInteger(days) && days >= 1 && days <= 7)) {
    throw new RangeError(`freeDaysPerWeek must be 1..7 or null, got ${days}`);
  }
}

function assertValidInstant(instant: Date, what: string): void {
  if (Number.isNaN(instant.getTime())) throw new RangeError(`Invalid ${what}`);
}

function assertWholeMinutes(minutes: number, what: string): void {
  if (!Number.isSafeInteger(minutes) || minutes < 0) {
    throw new RangeError(`${what} must be a non-negative whole number, got ${minutes}`);
  }
}
