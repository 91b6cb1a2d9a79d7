import { describe, expect, it } from "vitest";
import { billableAmountMinor } from "./money";

describe("billableAmountMinor", () => {
  it.each([
    { minutes: 0, rate: 300_000, expected: 0 },
    { minutes: 60, rate: 300_000, expected: 300_000 },
    { minutes: 1, rate: 150, expected: 3 }, // 2.5 → 3 (half up)
    { minutes: 1, rate: 89, expected: 1 }, // 1.483 → 1
    { minutes: 1, rate: 90, expected: 2 }, // 1.5 → 2
    { minutes: 7, rate: 1000, expected: 117 }, // 116.67 → 117
    { minutes: 45, rate: 250_050, expected: 187_538 }, // 187537.5 → 187538
    { minutes: 20, rate: 0, expected: 0 },
  ])("$minutes min at $rate/h = $expected", ({ minutes, rate, expected }) => {
    expect(billableAmountMinor(minutes, rate)).toBe(expected);
  });

  it.each([
    { minutes: -1, rate: 100 },
    { minutes: 1.5, rate: 100 },
    { minutes: 10, rate: -100 },
    { minutes: 10, rate: 99.5 },
    { minutes: Number.MAX_SAFE_INTEGER, rate: 100 },
  ])("rejects $minutes min at $rate", ({ minutes, rate }) => {
    expect(() => billableAmountMinor(minutes, rate)).toThrow(RangeError);
  });
});
