import { CSAT_RATING_KEYS, type CsatRatings } from "../quality/csat";

const DAY_MS = 24 * 60 * 60 * 1000;
export const REVIEW_INVITE_MIN_CSAT_RATING = 4;

/**
 * Invite a review `delayDays` × 24 h (the `reviews.invitationDays` setting, 30 by default) after
 * the licence was activated — long enough to have used the product — and only once per activation.
 */
export function reviewInvitationDue(input: { activatedAt: Date; now: Date; alreadySent: boolean; delayDays: number }): boolean {
  if (input.alreadySent) return false;
  return input.now.getTime() - input.activatedAt.getTime() >= input.delayDays * DAY_MS;
}

/** A happy support contact (every CSAT rating 4 or 5) is a good moment to ask for a public review. */
export function csatInvitesReview(csat: CsatRatings): boolean {
  return CSAT_RATING_KEYS.every((key) => csat[key] >= REVIEW_INVITE_MIN_CSAT_RATING);
}
