import { describe, expect, it } from "vitest";
import { canEditCsat, csatAverage, csatSchema, needsQualityAlert, type CsatRatings } from "./csat";

const ratings = (speedToReach: number, speedToUnderstand: number, answerQuality: number, comfort: number): CsatRatings => ({
  speedToReach,
  speedToUnderstand,
  answerQuality,
  comfort,
});

describe("csatSchema", () => {
  it.each([
    { name: "form text", input: { speedToReach: "5", speedToUnderstand: "4", answerQuality: "1", comfort: "3", comment: "  fine " }, comment: "fine" },
    { name: "numbers, no comment", input: { speedToReach: 1, speedToUnderstand: 5, answerQuality: 5, comfort: 5 }, comment: "" },
    { name: "4000-char comment", input: { speedToReach: 1, speedToUnderstand: 1, answerQuality: 1, comfort: 1, comment: "x".repeat(4000) }, comment: "x".repeat(4000) },
  ])("accepts $name", ({ input, comment }) => {
    expect(csatSchema.parse(input).comment).toBe(comment);
  });

  const valid = { speedToReach: 3, speedToUnderstand: 3, answerQuality: 3, comfort: 3 };
  it.each([
    { name: "rating 0", change: { comfort: 0 } },
    { name: "rating 6", change: { answerQuality: 6 } },
    { name: "fractional rating", change: { speedToReach: 2.5 } },
    { name: "empty rating", change: { speedToUnderstand: "" } },
    { name: "missing rating", change: { comfort: undefined } },
    { name: "comment over 4000", change: { comment: "x".repeat(4001) } },
  ])("rejects $name", ({ change }) => {
    expect(csatSchema.safeParse({ ...valid, ...change }).success).toBe(false);
  });
});

describe("needsQualityAlert", () => {
  it.each([
    { r: ratings(5, 5, 5, 5), expected: false },
    { r: ratings(3, 3, 3, 3), expected: false },
    { r: ratings(2, 5, 5, 5), expected: true },
    { r: ratings(5, 2, 5, 5), expected: true },
    { r: ratings(5, 5, 1, 5), expected: true },
    { r: ratings(5, 5, 5, 2), expected: true },
  ])("$r → $expected", ({ r, expected }) => {
    expect(needsQualityAlert(r)).toBe(expected);
  });
});

describe("canEditCsat", () => {
  const submittedAt = new Date("2025-03-03T10:00:00Z");
  it.each([
    { now: "2025-03-03T10:00:00Z", expected: true },
    { now: "2025-03-10T09:59:59.999Z", expected: true },
    { now: "2025-03-10T10:00:00Z", expected: false },
    { now: "2025-04-01T00:00:00Z", expected: false },
    { now: "2025-03-03T09:59:00Z", expected: true }, // clock skew: before submission still editable
  ])("at $now → $expected", ({ now, expected }) => {
    expect(canEditCsat(submittedAt, new Date(now))).toBe(expected);
  });
});

describe("csatAverage", () => {
  it.each([
    { r: ratings(5, 5, 5, 5), expected: 5 },
    { r: ratings(1, 2, 3, 4), expected: 2.5 },
    { r: ratings(5, 4, 4, 4), expected: 4.25 },
  ])("$r → $expected", ({ r, expected }) => {
    expect(csatAverage(r)).toBe(expected);
  });
});
