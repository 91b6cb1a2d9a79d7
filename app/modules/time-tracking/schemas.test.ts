import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { contractSchema } from "./contract";
import { manualEntryStartedAt, manualTimeEntrySchema, notChargedOverrideSchema } from "./manual-entry";

describe("manualTimeEntrySchema", () => {
  it.each([
    { name: "form text", input: { date: "2025-03-03", minutes: "20", note: "  called customer " }, expected: { date: "2025-03-03", minutes: 20, note: "called customer" } },
    { name: "with a start time", input: { date: "2025-03-03", startTime: "09:30", minutes: 1 }, expected: { date: "2025-03-03", startTime: "09:30", minutes: 1, note: "" } },
    { name: "empty start time ignored", input: { date: "2025-03-03", startTime: "", minutes: 1440 }, expected: { date: "2025-03-03", minutes: 1440, note: "" } },
    { name: "note of 2000 chars", input: { date: "2025-03-03", minutes: 5, note: "x".repeat(2000) }, expected: { date: "2025-03-03", minutes: 5, note: "x".repeat(2000) } },
  ])("accepts $name", ({ input, expected }) => {
    expect(manualTimeEntrySchema.parse(input)).toEqual(expected);
  });

  it.each([
    { name: "0 minutes", input: { date: "2025-03-03", minutes: 0 } },
    { name: "1441 minutes", input: { date: "2025-03-03", minutes: 1441 } },
    { name: "empty minutes", input: { date: "2025-03-03", minutes: "" } },
    { name: "fractional minutes", input: { date: "2025-03-03", minutes: "1.5" } },
    { name: "exponent minutes", input: { date: "2025-03-03", minutes: "1e2" } },
    { name: "impossible date", input: { date: "2025-02-30", minutes: 5 } },
    { name: "date with time", input: { date: "2025-03-03T10:00", minutes: 5 } },
    { name: "bad start time", input: { date: "2025-03-03", startTime: "25:00", minutes: 5 } },
    { name: "note over 2000", input: { date: "2025-03-03", minutes: 5, note: "x".repeat(2001) } },
  ])("rejects $name", ({ input }) => {
    expect(manualTimeEntrySchema.safeParse(input).success).toBe(false);
  });
});

describe("manualEntryStartedAt", () => {
  it.each([
    { date: "2025-03-03", startTime: undefined, zone: "Europe/Moscow", expected: "2025-03-02T21:00:00.000Z" },
    { date: "2025-03-03", startTime: "09:30", zone: "Europe/Moscow", expected: "2025-03-03T06:30:00.000Z" },
    { date: "2025-03-30", startTime: "02:30", zone: "Europe/Berlin", expected: "2025-03-30T01:30:00.000Z" }, // DST gap: shifted forward
  ])("$date $startTime in $zone", ({ date, startTime, zone, expected }) => {
    const startedAt = manualEntryStartedAt({ date, startTime }, zone);
    expect(startedAt.toISOString()).toBe(expected);
    expect(DateTime.fromJSDate(startedAt, { zone }).toISODate()).toBe(date);
  });

  it("rejects an unknown zone", () => {
    expect(() => manualEntryStartedAt({ date: "2025-03-03" }, "Nowhere/Land")).toThrow(RangeError);
  });
});

describe("notChargedOverrideSchema", () => {
  it.each([
    { reason: "Our bug after all", ok: true },
    { reason: "   ", ok: false },
    { reason: "x".repeat(501), ok: false },
  ])("reason of length $reason.length → $ok", ({ reason, ok }) => {
    expect(notChargedOverrideSchema.safeParse({ reason }).success).toBe(ok);
  });
});

describe("contractSchema", () => {
  it.each([
    {
      name: "form text with unlimited days",
      input: { freeMinutesPerDay: "15", freeDaysPerWeek: "", hourlyRateMinor: "300000", currency: " rub " },
      expected: { freeMinutesPerDay: 15, freeDaysPerWeek: null, hourlyRateMinor: 300000, currency: "RUB" },
    },
    {
      name: "defaults",
      input: { hourlyRateMinor: 0, currency: "EUR" },
      expected: { freeMinutesPerDay: 15, freeDaysPerWeek: null, hourlyRateMinor: 0, currency: "EUR" },
    },
    {
      name: "bounds",
      input: { freeMinutesPerDay: 1440, freeDaysPerWeek: "7", hourlyRateMinor: 1, currency: "USD" },
      expected: { freeMinutesPerDay: 1440, freeDaysPerWeek: 7, hourlyRateMinor: 1, currency: "USD" },
    },
    {
      name: "zero allowance, one day a week",
      input: { freeMinutesPerDay: 0, freeDaysPerWeek: 1, hourlyRateMinor: 1, currency: "USD" },
      expected: { freeMinutesPerDay: 0, freeDaysPerWeek: 1, hourlyRateMinor: 1, currency: "USD" },
    },
    {
      name: "explicit unlimited",
      input: { freeDaysPerWeek: "unlimited", hourlyRateMinor: 1, currency: "USD" },
      expected: { freeMinutesPerDay: 15, freeDaysPerWeek: null, hourlyRateMinor: 1, currency: "USD" },
    },
  ])("accepts $name", ({ input, expected }) => {
    expect(contractSchema.parse(input)).toEqual(expected);
  });

  const valid = { freeMinutesPerDay: 15, freeDaysPerWeek: null, hourlyRateMinor: 100, currency: "RUB" };
  it.each([
    { name: "free minutes over 1440", change: { freeMinutesPerDay: 1441 } },
    { name: "negative free minutes", change: { freeMinutesPerDay: -1 } },
    { name: "0 free days", change: { freeDaysPerWeek: 0 } },
    { name: "8 free days", change: { freeDaysPerWeek: 8 } },
    { name: "negative rate", change: { hourlyRateMinor: -1 } },
    { name: "fractional rate", change: { hourlyRateMinor: 10.5 } },
    { name: "empty rate (not silently 0)", change: { hourlyRateMinor: "" } },
    { name: "two-letter currency", change: { currency: "RU" } },
    { name: "currency with digits", change: { currency: "R1B" } },
    { name: "four-letter currency", change: { currency: "RUBL" } },
  ])("rejects $name", ({ change }) => {
    expect(contractSchema.safeParse({ ...valid, ...change }).success).toBe(false);
  });
});
