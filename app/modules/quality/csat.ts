import { z } from "zod";

export const CSAT_RATING_KEYS = ["speedToReach", "speedToUnderstand", "answerQuality", "comfort"] as const;
export type CsatRatingKey = (typeof CSAT_RATING_KEYS)[number];
export type CsatRatings = Record<CsatRatingKey, number>;

export const MAX_CSAT_COMMENT_LENGTH = 4000;
/** A rating at or below this means something went wrong and a human should look. */
export const CSAT_ALERT_THRESHOLD = 2;
export const CSAT_EDIT_WINDOW_MS = 7 * 24 * 60 * 60 * 1000;

// z.coerce so radio buttons posting "4" parse; an empty field coerces to 0 and fails min(1).
const rating = z.coerce.number().int("csat.error.rating").min(1, "csat.error.rating").max(5, "csat.error.rating");

export const csatSchema = z.object({
  speedToReach: rating,
  speedToUnderstand: rating,
  answerQuality: rating,
  comfort: rating,
  comment: z.string().trim().max(MAX_CSAT_COMMENT_LENGTH).default(""),
});

export type Csat = z.infer<typeof csatSchema>;

export function needsQualityAlert(ratings: CsatRatings): boolean {
  return CSAT_RATING_KEYS.some((key) => ratings[key] <= CSAT_ALERT_THRESHOLD);
}

/**
 * The customer may change their rating for 7 × 24 h after submitting (exact
 * hours, not calendar days, so it does not depend on anyone's time zone).
 */
export function canEditCsat(submittedAt: Date, now: Date): boolean {
  return now.getTime() - submittedAt.getTime() < CSAT_EDIT_WINDOW_MS;
}

/** Plain mean of the four ratings (a multiple of 0.25); round for display, not here. */
export function csatAverage(ratings: CsatRatings): number {
  const sum = CSAT_RATING_KEYS.reduce((total, key) => total + ratings[key], 0);
  return sum / CSAT_RATING_KEYS.length;
}
