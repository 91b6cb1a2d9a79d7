import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { allocateTime, type TimeEntryInput } from "./allowance";
import { summariseMonth } from "./month-summary";

const ZONE = "Europe/Moscow";

function entry(id: string, local: string, minutes: number, ticketType: TimeEntryInput["ticketType"]): TimeEntryInput {
  return { id, startedAt: DateTime.fromISO(local, { zone: ZONE }).toJSDate(), minutes, ticketType };
}

const entries = [
  entry("feb-last", "2025-02-28T23:50", 30, "question"), // runs into March, counts in February
  entry("mar-q", "2025-03-03T10:00", 20, "question"),
  entry("mar-svc", "2025-03-04T10:00", 60, "paid_service"),
  entry("mar-bug", "2025-03-05T10:00", 25, "bug_report"),
  entry("apr", "2025-04-01T00:00", 10, "paid_service"),
];
const { allocations } = allocateTime({
  entries,
  contract: { freeMinutesPerDay: 15, freeDaysPerWeek: null },
  prepaidCredits: [{ at: new Date("2025-01-01T00:00:00Z"), minutes: 40 }],
  timeZone: ZONE,
});

describe("summariseMonth", () => {
  it.each([
    { month: "2025-02", selected: entries, expected: { free: 15, prepaid: 15, billable: 0, notCharged: 0, total: 30, entryCount: 1 } },
    { month: "2025-03", selected: entries, expected: { free: 15, prepaid: 25, billable: 40, notCharged: 25, total: 105, entryCount: 3 } },
    { month: "2025-03", selected: entries.filter((e) => e.id === "mar-svc"), expected: { free: 0, prepaid: 20, billable: 40, notCharged: 0, total: 60, entryCount: 1 } },
    { month: "2025-04", selected: entries, expected: { free: 0, prepaid: 0, billable: 10, notCharged: 0, total: 10, entryCount: 1 } },
    { month: "2025-05", selected: entries, expected: { free: 0, prepaid: 0, billable: 0, notCharged: 0, total: 0, entryCount: 0 } },
  ])("$month over $selected.length entries", ({ month, selected, expected }) => {
    expect(summariseMonth(allocations, selected, month)).toEqual(expected);
  });

  it.each(["2025-3", "2025-13", "March", "2025-03-01"])("rejects month %s", (month) => {
    expect(() => summariseMonth(allocations, entries, month)).toThrow(RangeError);
  });

  it("rejects an entry that was not allocated", () => {
    expect(() => summariseMonth(allocations, [{ id: "ghost" }], "2025-03")).toThrow(/ghost/);
  });
});
