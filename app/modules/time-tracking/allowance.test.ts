import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import {
  allocateTime,
  freeMinutesLeftToday,
  type AllocateTimeInput,
  type AllowanceContract,
  type MinutesSplit,
  type TicketType,
  type TimeEntryInput,
} from "./allowance";

const ZONE = "Europe/Moscow"; // UTC+3, no DST
const DEFAULT: AllowanceContract = { freeMinutesPerDay: 15, freeDaysPerWeek: null };

/** Local wall-clock time in Moscow → instant. */
function msk(local: string): Date {
  return DateTime.fromISO(local, { zone: ZONE }).toJSDate();
}

function entry(id: string, local: string, minutes: number, ticketType: TicketType = "question", notCharged?: boolean): TimeEntryInput {
  return { id, startedAt: msk(local), minutes, ticketType, ...(notCharged ? { notCharged } : {}) };
}

function credit(local: string, minutes: number) {
  return { at: msk(local), minutes };
}

function split(free: number, prepaid: number, billable: number, notCharged: number): MinutesSplit {
  return { free, prepaid, billable, notCharged };
}

function allocate(overrides: Partial<AllocateTimeInput>) {
  return allocateTime({ entries: [], contract: DEFAULT, prepaidCredits: [], timeZone: ZONE, ...overrides });
}

function splitsOf(result: ReturnType<typeof allocateTime>): Record<string, MinutesSplit> {
  return Object.fromEntries(
    [...result.allocations].map(([id, a]) => [id, split(a.free, a.prepaid, a.billable, a.notCharged)]),
  );
}

describe("allocateTime", () => {
  it.each<{ name: string; input: Partial<AllocateTimeInput>; expected: Record<string, MinutesSplit>; balance: number }>([
    {
      name: "two engineers on one day share the organisation's allowance",
      input: { entries: [entry("anna", "2025-03-03T10:00", 10), entry("boris", "2025-03-03T11:00", 10)] },
      expected: { anna: split(10, 0, 0, 0), boris: split(5, 0, 5, 0) },
      balance: 0,
    },
    {
      name: "an entry crossing the allowance is split free + prepaid (20 = 15 + 5)",
      input: { entries: [entry("a", "2025-03-03T10:00", 20)], prepaidCredits: [credit("2025-03-01T00:00", 60)] },
      expected: { a: split(15, 5, 0, 0) },
      balance: 55,
    },
    {
      name: "an entry across midnight counts against the day it started; the next day is fresh",
      input: { entries: [entry("late", "2025-03-03T23:50", 30), entry("early", "2025-03-04T00:10", 15)] },
      expected: { late: split(15, 0, 15, 0), early: split(15, 0, 0, 0) },
      balance: 0,
    },
    {
      name: "the day is taken in the calendar zone, not UTC (22:30Z on 3rd is 01:30 MSK on 4th)",
      input: {
        entries: [
          entry("mar3", "2025-03-03T12:00", 15),
          { id: "utc-late", startedAt: new Date("2025-03-03T22:30:00Z"), minutes: 15, ticketType: "question" },
        ],
      },
      expected: { mar3: split(15, 0, 0, 0), "utc-late": split(15, 0, 0, 0) },
      balance: 0,
    },
    {
      name: "days-per-week limit: the third day in an ISO week gets nothing, the next week resets",
      input: {
        contract: { freeMinutesPerDay: 15, freeDaysPerWeek: 2 },
        entries: [
          entry("mon", "2025-03-03T10:00", 5),
          entry("tue", "2025-03-04T10:00", 5),
          entry("wed", "2025-03-05T10:00", 5),
          entry("mon-again", "2025-03-03T18:00", 15), // a day already counted keeps its remaining allowance
          entry("next-mon", "2025-03-10T10:00", 5),
        ],
      },
      expected: {
        mon: split(5, 0, 0, 0),
        "mon-again": split(10, 0, 5, 0),
        tue: split(5, 0, 0, 0),
        wed: split(0, 0, 5, 0),
        "next-mon": split(5, 0, 0, 0),
      },
      balance: 0,
    },
    {
      name: "ISO week boundary in the zone: Sunday 23:30 MSK and Monday 00:30 MSK are different weeks",
      input: {
        contract: { freeMinutesPerDay: 15, freeDaysPerWeek: 1 },
        entries: [entry("sun", "2025-03-09T23:30", 5), entry("mon", "2025-03-10T00:30", 5)],
      },
      expected: { sun: split(5, 0, 0, 0), mon: split(5, 0, 0, 0) },
      balance: 0,
    },
    {
      name: "a day with no free minutes drawn does not use up a free day (allowance of 0)",
      input: {
        contract: { freeMinutesPerDay: 0, freeDaysPerWeek: 1 },
        entries: [entry("a", "2025-03-03T10:00", 5)],
        prepaidCredits: [credit("2025-03-01T00:00", 3)],
      },
      expected: { a: split(0, 3, 2, 0) },
      balance: 0,
    },
    {
      name: "prepaid runs out mid-entry: paid service split prepaid / billable",
      input: { entries: [entry("a", "2025-03-03T10:00", 30, "paid_service")], prepaidCredits: [credit("2025-03-01T00:00", 20)] },
      expected: { a: split(0, 20, 10, 0) },
      balance: 0,
    },
    {
      name: "question exhausts allowance, then prepaid, then billable",
      input: { entries: [entry("a", "2025-03-03T10:00", 20)], prepaidCredits: [credit("2025-03-01T00:00", 3)] },
      expected: { a: split(15, 3, 2, 0) },
      balance: 0,
    },
    {
      name: "paid service never uses the free allowance",
      input: { entries: [entry("svc", "2025-03-03T09:00", 10, "paid_service"), entry("q", "2025-03-03T10:00", 15)] },
      expected: { svc: split(0, 0, 10, 0), q: split(15, 0, 0, 0) },
      balance: 0,
    },
    {
      name: "credits are not retroactive; an entry at exactly the credit time may use it",
      input: {
        entries: [entry("before", "2025-03-03T11:59", 10, "paid_service"), entry("at", "2025-03-03T12:00", 10, "paid_service")],
        prepaidCredits: [credit("2025-03-03T12:00", 25), credit("2025-04-01T00:00", 100)],
      },
      expected: { before: split(0, 0, 10, 0), at: split(0, 10, 0, 0) },
      balance: 115, // later credits still count towards the final balance
    },
    {
      name: "bug reports and billing tickets are never charged, even with prepaid available",
      input: {
        entries: [entry("bug", "2025-03-03T10:00", 40, "bug_report"), entry("bill", "2025-03-03T11:00", 20, "billing")],
        prepaidCredits: [credit("2025-03-01T00:00", 100)],
      },
      expected: { bug: split(0, 0, 0, 40), bill: split(0, 0, 0, 20) },
      balance: 100,
    },
    {
      name: "not-charged override draws on neither the allowance nor prepaid",
      input: {
        entries: [entry("waived", "2025-03-03T10:00", 30, "question", true), entry("q", "2025-03-03T11:00", 20, "paid_service", false), entry("q2", "2025-03-03T12:00", 15)],
        prepaidCredits: [credit("2025-03-01T00:00", 20)],
      },
      expected: { waived: split(0, 0, 0, 30), q: split(0, 20, 0, 0), q2: split(15, 0, 0, 0) },
      balance: 0,
    },
    {
      name: "cancelled billable becomes not charged and leaves later entries untouched",
      input: {
        entries: [entry("a", "2025-03-03T10:00", 30, "paid_service"), entry("b", "2025-03-03T11:00", 30, "paid_service")],
        prepaidCredits: [credit("2025-03-01T00:00", 10)],
        cancelledBillable: [{ entryId: "a" }, { entryId: "unknown" }],
      },
      expected: { a: split(0, 10, 0, 20), b: split(0, 0, 30, 0) },
      balance: 0,
    },
    {
      name: "zero-minute entries allocate nothing",
      input: { entries: [entry("z", "2025-03-03T10:00", 0)] },
      expected: { z: split(0, 0, 0, 0) },
      balance: 0,
    },
  ])("$name", ({ input, expected, balance }) => {
    const result = allocate(input);
    expect(splitsOf(result)).toEqual(expected);
    expect(result.prepaidBalance).toBe(balance);
  });

  describe("recomputing after an edit reflows later entries", () => {
    const credits = [credit("2025-03-01T00:00", 100)];
    const b = entry("b", "2025-03-03T11:00", 10);
    const c = entry("c", "2025-03-03T12:00", 10, "paid_service");

    it.each([
      { name: "original", a: [entry("a", "2025-03-03T10:00", 10)], expected: { a: split(10, 0, 0, 0), b: split(5, 5, 0, 0), c: split(0, 10, 0, 0) }, balance: 85 },
      { name: "earlier entry lengthened", a: [entry("a", "2025-03-03T10:00", 20)], expected: { a: split(15, 5, 0, 0), b: split(0, 10, 0, 0), c: split(0, 10, 0, 0) }, balance: 75 },
      { name: "earlier entry moved after b", a: [entry("a", "2025-03-03T11:30", 10)], expected: { b: split(10, 0, 0, 0), a: split(5, 5, 0, 0), c: split(0, 10, 0, 0) }, balance: 85 },
      { name: "earlier entry deleted", a: [], expected: { b: split(10, 0, 0, 0), c: split(0, 10, 0, 0) }, balance: 90 },
    ])("$name", ({ a, expected, balance }) => {
      const result = allocate({ entries: [...a, b, c], prepaidCredits: credits });
      expect(splitsOf(result)).toEqual(expected);
      expect(result.prepaidBalance).toBe(balance);
    });
  });

  it("is deterministic: input order does not matter and equal start times are ordered by id", () => {
    const entries = [entry("b", "2025-03-03T10:00", 10), entry("a", "2025-03-03T10:00", 10), entry("c", "2025-03-03T09:00", 1, "paid_service")];
    const forward = allocate({ entries });
    const backward = allocate({ entries: [...entries].reverse() });
    expect(splitsOf(forward)).toEqual(splitsOf(backward));
    expect(forward.allocations.get("a")).toMatchObject({ free: 10 });
    expect(forward.allocations.get("b")).toMatchObject({ free: 5, billable: 5 });
  });

  it("does not mutate its inputs", () => {
    const entries = [entry("b", "2025-03-03T10:00", 10), entry("a", "2025-03-03T09:00", 10)];
    const credits = [credit("2025-03-02T00:00", 7), credit("2025-03-01T00:00", 5)];
    allocate({ entries, prepaidCredits: credits });
    expect(entries.map((e) => e.id)).toEqual(["b", "a"]);
    expect(credits.map((c) => c.minutes)).toEqual([7, 5]);
  });

  it("reports calendar keys per entry, per-day totals and free days per ISO week", () => {
    const result = allocate({
      contract: { freeMinutesPerDay: 15, freeDaysPerWeek: 2 },
      entries: [entry("mon", "2025-03-03T23:50", 20), entry("bug", "2025-03-03T09:00", 5, "bug_report"), entry("wed", "2025-03-05T10:00", 5)],
    });
    expect(result.allocations.get("mon")).toMatchObject({ day: "2025-03-03", isoWeek: "2025-W10" });
    expect(result.perDay.get("2025-03-03")).toEqual(split(15, 0, 5, 5));
    expect(result.perDay.get("2025-03-04")).toBeUndefined();
    expect(result.freeDaysByWeek.get("2025-W10")).toEqual(["2025-03-03", "2025-03-05"]);
  });

  it("uses the ISO week-year at the turn of the year", () => {
    const result = allocate({ entries: [entry("a", "2024-12-30T10:00", 1)] });
    expect(result.allocations.get("a")).toMatchObject({ day: "2024-12-30", isoWeek: "2025-W01" });
  });

  it.each<{ name: string; input: Partial<AllocateTimeInput> }>([
    { name: "duplicate entry ids", input: { entries: [entry("a", "2025-03-03T10:00", 1), entry("a", "2025-03-03T11:00", 1)] } },
    { name: "negative minutes", input: { entries: [entry("a", "2025-03-03T10:00", -1)] } },
    { name: "fractional minutes", input: { entries: [entry("a", "2025-03-03T10:00", 1.5)] } },
    { name: "invalid start", input: { entries: [{ id: "a", startedAt: new Date("nope"), minutes: 1, ticketType: "question" }] } },
    { name: "negative credit", input: { prepaidCredits: [credit("2025-03-01T00:00", -5)] } },
    { name: "unknown time zone", input: { timeZone: "Mars/Olympus" } },
    { name: "free days per week of 0", input: { contract: { freeMinutesPerDay: 15, freeDaysPerWeek: 0 } } },
    { name: "free days per week of 8", input: { contract: { freeMinutesPerDay: 15, freeDaysPerWeek: 8 } } },
  ])("rejects $name", ({ input }) => {
    expect(() => allocate(input)).toThrow(RangeError);
  });
});

describe("freeMinutesLeftToday", () => {
  const weekLimited: AllowanceContract = { freeMinutesPerDay: 15, freeDaysPerWeek: 2 };

  it.each<{ name: string; contract: AllowanceContract; entries: TimeEntryInput[]; now: Date; expected: number }>([
    { name: "nothing logged", contract: DEFAULT, entries: [], now: msk("2025-03-03T12:00"), expected: 15 },
    { name: "partly used today", contract: DEFAULT, entries: [entry("a", "2025-03-03T09:00", 10)], now: msk("2025-03-03T12:00"), expected: 5 },
    { name: "fully used today", contract: DEFAULT, entries: [entry("a", "2025-03-03T09:00", 40)], now: msk("2025-03-03T12:00"), expected: 0 },
    { name: "yesterday's use does not count", contract: DEFAULT, entries: [entry("a", "2025-03-02T09:00", 40)], now: msk("2025-03-03T12:00"), expected: 15 },
    {
      name: "today in the calendar zone, not UTC (00:30 MSK is still the previous UTC day)",
      contract: DEFAULT,
      entries: [entry("a", "2025-03-03T21:00", 10)],
      now: msk("2025-03-04T00:30"),
      expected: 15,
    },
    {
      name: "weekly free days used up on other days",
      contract: weekLimited,
      entries: [entry("mon", "2025-03-03T09:00", 1), entry("tue", "2025-03-04T09:00", 1)],
      now: msk("2025-03-05T12:00"),
      expected: 0,
    },
    {
      name: "weekly limit reached but today is one of the free days",
      contract: weekLimited,
      entries: [entry("mon", "2025-03-03T09:00", 1), entry("tue", "2025-03-04T09:00", 4)],
      now: msk("2025-03-04T12:00"),
      expected: 11,
    },
  ])("$name", ({ contract, entries, now, expected }) => {
    const usage = allocateTime({ entries, contract, prepaidCredits: [], timeZone: ZONE });
    expect(freeMinutesLeftToday({ usage, contract, timeZone: ZONE }, now)).toBe(expected);
  });
});
