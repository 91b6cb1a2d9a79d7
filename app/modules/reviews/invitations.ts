import { CSAT_RATING_KEYS, type CsatRatings } from "../quality/csat";

export const REVIEW_INVITATION_DELAY_MS = 30 * 24 * 60 * 60 * 1000;
export const REVIEW_INVITE_MIN_CSAT_RATING = 4;

/**
 * Invite a review 30 × 24 h after the licence was activated — long enough to
 * have used the product — and only once per activation.
 */
export function reviewInvitationDue(input: { activatedAt: Date; now: Date; alreadySent: boolean }): boolean {
  if (input.alreadySent) return false;
  return input.now.getTime() - input.activatedAt.getTime() >= REVIEW_INVITATION_DELAY_MS;
}

/** A happy support contact (every CSAT rating 4 or 5) is a good moment to ask for a public review. */
export function csatInvitesReview(csat: CsatRatings): boolean {
  return CSAT_RATING_KEYS.every((key) => csat[key] >= REVIEW_INVITE_MIN_CSAT_RATING);
}
