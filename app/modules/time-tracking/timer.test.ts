import { describe, expect, it } from "vitest";
import { timerMinutes } from "./timer";

const start = new Date("2025-03-03T10:00:00.000Z");
const after = (ms: number) => new Date(start.getTime() + ms);

describe("timerMinutes", () => {
  it.each([
    { elapsed: "0 s", ms: 0, expected: 0 },
    { elapsed: "0.9 s (double click)", ms: 900, expected: 0 },
    { elapsed: "1 s", ms: 1_000, expected: 1 },
    { elapsed: "59 s", ms: 59_000, expected: 1 },
    { elapsed: "60 s", ms: 60_000, expected: 1 },
    { elapsed: "60.9 s", ms: 60_900, expected: 1 },
    { elapsed: "61 s", ms: 61_000, expected: 2 },
    { elapsed: "1 h", ms: 3_600_000, expected: 60 },
    { elapsed: "1 h 1 s", ms: 3_601_000, expected: 61 },
  ])("$elapsed → $expected min", ({ ms, expected }) => {
    expect(timerMinutes(start, after(ms))).toBe(expected);
  });

  it.each([
    { name: "stopped before start", stoppedAt: after(-1_000) },
    { name: "invalid date", stoppedAt: new Date("nope") },
  ])("rejects $name", ({ stoppedAt }) => {
    expect(() => timerMinutes(start, stoppedAt)).toThrow(RangeError);
  });
});
