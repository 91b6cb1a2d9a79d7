import { describe, expect, it } from "vitest";
import type { CsatRatings } from "../quality/csat";
import { csatInvitesReview, reviewInvitationDue } from "./invitations";

describe("reviewInvitationDue", () => {
  const activatedAt = new Date("2025-03-01T12:00:00Z");
  it.each([
    { now: "2025-03-01T12:00:00Z", alreadySent: false, expected: false },
    { now: "2025-03-31T11:59:59.999Z", alreadySent: false, expected: false },
    { now: "2025-03-31T12:00:00Z", alreadySent: false, expected: true },
    { now: "2025-06-01T00:00:00Z", alreadySent: false, expected: true },
    { now: "2025-06-01T00:00:00Z", alreadySent: true, expected: false },
  ])("now=$now alreadySent=$alreadySent → $expected", ({ now, alreadySent, expected }) => {
    expect(reviewInvitationDue({ activatedAt, now: new Date(now), alreadySent, delayDays: 30 })).toBe(expected);
  });
});

describe("csatInvitesReview", () => {
  const csat = (speedToReach: number, speedToUnderstand: number, answerQuality: number, comfort: number): CsatRatings => ({
    speedToReach,
    speedToUnderstand,
    answerQuality,
    comfort,
  });
  it.each([
    { ratings: csat(5, 5, 5, 5), expected: true },
    { ratings: csat(4, 4, 4, 4), expected: true },
    { ratings: csat(3, 5, 5, 5), expected: false },
    { ratings: csat(5, 3, 5, 5), expected: false },
    { ratings: csat(5, 5, 3, 5), expected: false },
    { ratings: csat(5, 5, 5, 1), expected: false },
  ])("$ratings → $expected", ({ ratings, expected }) => {
    expect(csatInvitesReview(ratings)).toBe(expected);
  });
});
