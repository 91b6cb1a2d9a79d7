import { MAX_REJECTION_REASON } from "./review";

/**
 * Review moderation:
 *
 *   pending → published
 *   pending → rejected(reason)
 *   any     → pending        (the author edited it: a changed text must be re-checked)
 *
 * A moderator cannot publish or reject twice, nor flip a decision directly;
 * a decided review only comes back to the queue through an edit.
 */
/** `submittedAt` is when the version under moderation was submitted (an edit resets it). */
export type ModerationState =
  | { status: "pending"; submittedAt: Date }
  | { status: "published"; submittedAt: Date; publishedAt: Date }
  | { status: "rejected"; submittedAt: Date; rejectedAt: Date; reason: string };

export type ModerationStatus = ModerationState["status"];
export const MODERATION_STATUSES: readonly ModerationStatus[] = ["pending", "published", "rejected"];

export type ModerationAction = { type: "publish" } | { type: "reject"; reason: string } | { type: "edit" };
export type ModerationActionType = ModerationAction["type"];

export type ModerationError =
  | { code: "invalid_transition"; from: ModerationStatus; action: ModerationActionType }
  | { code: "reason_required" }
  | { code: "reason_too_long"; max: number };

export type ModerationResult = { ok: true; state: ModerationState } | { ok: false; error: ModerationError };

export function newReviewModeration(submittedAt: Date): ModerationState {
  return { status: "pending", submittedAt };
}

export function transitionReview(state: ModerationState, action: ModerationAction, now: Date): ModerationResult {
  switch (action.type) {
    case "edit":
      // submittedAt moves to the edit so the moderation queue is ordered by the version under review.
      return { ok: true, state: { status: "pending", submittedAt: now } };
    case "publish":
      if (state.status !== "pending") return invalid(state, action);
      return { ok: true, state: { status: "published", submittedAt: state.submittedAt, publishedAt: now } };
    case "reject": {
      if (state.status !== "pending") return invalid(state, action);
      const reason = action.reason.trim();
      if (reason === "") return { ok: false, error: { code: "reason_required" } };
      if (reason.length > MAX_REJECTION_REASON) return { ok: false, error: { code: "reason_too_long", max: MAX_REJECTION_REASON } };
      return { ok: true, state: { status: "rejected", submittedAt: state.submittedAt, rejectedAt: now, reason } };
    }
  }
}

function invalid(state: ModerationState, action: ModerationAction): ModerationResult {
  return { ok: false, error: { code: "invalid_transition", from: state.status, action: action.type } };
}
