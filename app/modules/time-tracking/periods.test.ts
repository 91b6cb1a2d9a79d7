import { describe, expect, it } from "vitest";
import { isMonthKey, isoWeekRange, localDateAndTime, monthKeyOf, monthRange, shiftMonth } from "./periods";

describe("monthRange", () => {
  it.each([
    ["2026-03", "Europe/Moscow", "2026-02-28T21:00:00.000Z", "2026-03-31T21:00:00.000Z"],
    ["2026-12", "Europe/Moscow", "2026-11-30T21:00:00.000Z", "2026-12-31T21:00:00.000Z"],
    // DST: Berlin's March has 31 days but one hour fewer.
    ["2026-03", "Europe/Berlin", "2026-02-28T23:00:00.000Z", "2026-03-31T22:00:00.000Z"],
    ["2026-02", "UTC", "2026-02-01T00:00:00.000Z", "2026-03-01T00:00:00.000Z"],
  ])("%s in %s is [%s, %s)", (month, zone, start, end) => {
    const range = monthRange(month, zone);
    expect(range.start.toISOString()).toBe(start);
    expect(range.end.toISOString()).toBe(end);
  });

  it("rejects malformed months and unknown zones", () => {
    expect(() => monthRange("2026-13", "UTC")).toThrow(RangeError);
    expect(() => monthRange("2026-3", "UTC")).toThrow(RangeError);
    expect(() => monthRange("2026-03", "Mars/Olympus")).toThrow(RangeError);
  });
});

describe("monthKeyOf", () => {
  it("uses the zone's calendar day, not UTC's", () => {
    const instant = new Date("2026-03-31T22:30:00Z");
    expect(monthKeyOf(instant, "UTC")).toBe("2026-03");
    expect(monthKeyOf(instant, "Europe/Moscow")).toBe("2026-04");
  });
});

describe("isoWeekRange", () => {
  it("runs Monday to Monday in the zone", () => {
    // Sunday 2026-03-22 23:30 in Moscow is still in the week of Monday 16 March.
    const range = isoWeekRange(new Date("2026-03-22T20:30:00Z"), "Europe/Moscow");
    expect(range.start.toISOString()).toBe("2026-03-15T21:00:00.000Z");
    expect(range.end.toISOString()).toBe("2026-03-22T21:00:00.000Z");
  });
});

describe("shiftMonth and isMonthKey", () => {
  it.each([
    ["2026-01", -1, "2025-12"],
    ["2026-12", 1, "2027-01"],
    ["2026-03", 0, "2026-03"],
  ])("%s shifted by %i is %s", (month, by, expected) => {
    expect(shiftMonth(month, by)).toBe(expected);
  });

  it("accepts only YYYY-MM", () => {
    expect(isMonthKey("2026-03")).toBe(true);
    expect(isMonthKey("2026-00")).toBe(false);
    expect(isMonthKey(202603)).toBe(false);
    expect(isMonthKey("2026-03.csv")).toBe(false);
  });
});

describe("localDateAndTime", () => {
  it("gives the wall clock in the zone, for edit forms", () => {
    expect(localDateAndTime(new Date("2026-03-10T21:05:00Z"), "Europe/Moscow")).toEqual({ date: "2026-03-11", time: "00:05" });
  });
});
