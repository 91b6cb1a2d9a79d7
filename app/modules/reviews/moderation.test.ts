import { describe, expect, it } from "vitest";
import {
  MODERATION_STATUSES,
  newReviewModeration,
  transitionReview,
  type ModerationAction,
  type ModerationActionType,
  type ModerationState,
  type ModerationStatus,
} from "./moderation";

const submittedAt = new Date("2025-03-03T09:00:00Z");
const decidedAt = new Date("2025-03-04T09:00:00Z");
const now = new Date("2025-03-05T09:00:00Z");

const STATES: Record<ModerationStatus, ModerationState> = {
  pending: newReviewModeration(submittedAt),
  published: { status: "published", submittedAt, publishedAt: decidedAt },
  rejected: { status: "rejected", submittedAt, rejectedAt: decidedAt, reason: "Advertising" },
};

const ACTIONS: Record<ModerationActionType, ModerationAction> = {
  publish: { type: "publish" },
  reject: { type: "reject", reason: "  Contains personal data  " },
  edit: { type: "edit" },
};

const EXPECTED: Record<ModerationStatus, Record<ModerationActionType, ModerationState | null>> = {
  pending: {
    publish: { status: "published", submittedAt, publishedAt: now },
    reject: { status: "rejected", submittedAt, rejectedAt: now, reason: "Contains personal data" },
    edit: { status: "pending", submittedAt: now },
  },
  published: { publish: null, reject: null, edit: { status: "pending", submittedAt: now } },
  rejected: { publish: null, reject: null, edit: { status: "pending", submittedAt: now } },
};

const matrix = MODERATION_STATUSES.flatMap((from) =>
  (Object.keys(ACTIONS) as ModerationActionType[]).map((action) => ({ from, action, expected: EXPECTED[from][action] })),
);

describe("transitionReview: full status × action matrix", () => {
  it.each(matrix.filter((row) => row.expected))("$from --$action--> $expected.status", ({ from, action, expected }) => {
    expect(transitionReview(STATES[from], ACTIONS[action], now)).toEqual({ ok: true, state: expected });
  });

  it.each(matrix.filter((row) => !row.expected))("$from --$action--> refused", ({ from, action }) => {
    expect(transitionReview(STATES[from], ACTIONS[action], now)).toEqual({
      ok: false,
      error: { code: "invalid_transition", from, action },
    });
  });
});

describe("transitionReview: rejection reason", () => {
  it.each([
    { reason: "", error: { code: "reason_required" } },
    { reason: "   ", error: { code: "reason_required" } },
    { reason: "x".repeat(1001), error: { code: "reason_too_long", max: 1000 } },
  ])("refuses reason of length $reason.length", ({ reason, error }) => {
    expect(transitionReview(STATES.pending, { type: "reject", reason }, now)).toEqual({ ok: false, error });
  });

  it("accepts a 1000-char reason", () => {
    expect(transitionReview(STATES.pending, { type: "reject", reason: "x".repeat(1000) }, now).ok).toBe(true);
  });
});
