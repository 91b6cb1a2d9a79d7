import { z } from "zod";

export const REVIEW_TEXT_MIN = 20;
export const REVIEW_TEXT_MAX = 5000;
export const MAX_METRIC_ROWS = 10;
export const MAX_METRIC_CELL = 100;
export const MAX_REJECTION_REASON = 1000;
/** A support rating at or below this is better handled as a complaint before it becomes public. */
export const COMPLAINT_FIRST_MAX_SUPPORT_RATING = 2;

const storyText = z.string().trim().min(REVIEW_TEXT_MIN).max(REVIEW_TEXT_MAX);
const metricCell = z.string().trim().min(1, "reviews.error.metricCell").max(MAX_METRIC_CELL);
const rating = z.coerce.number().int().min(1, "reviews.error.rating").max(5, "reviews.error.rating");

export const reviewMetricSchema = z.object({ label: metricCell, before: metricCell, after: metricCell });
export type ReviewMetric = z.infer<typeof reviewMetricSchema>;

/**
 * Structured review. Metric rows that are completely blank are dropped before
 * validation (a form renders spare empty rows); a partly filled row is an error
 * because a metric without its before/after means nothing.
 * `showOrganisation` accepts a checkbox ("on") or a boolean; absent = false.
 */
export const reviewSchema = z.object({
  before: storyText,
  why: storyText,
  after: storyText,
  metrics: z.preprocess(dropBlankMetricRows, z.array(reviewMetricSchema).max(MAX_METRIC_ROWS)),
  support: z.string().trim().max(REVIEW_TEXT_MAX).default(""),
  productRating: rating,
  supportRating: rating,
  showOrganisation: z.preprocess(checkboxToBoolean, z.boolean()),
});

export type Review = z.infer<typeof reviewSchema>;

function dropBlankMetricRows(value: unknown): unknown {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) return value;
  return value.filter((row) => !isBlankRow(row));
}

function isBlankRow(row: unknown): boolean {
  if (typeof row !== "object" || row === null) return false;
  return Object.values(row).every((cell) => cell === undefined || cell === null || (typeof cell === "string" && cell.trim() === ""));
}

function checkboxToBoolean(value: unknown): unknown {
  if (value === undefined || value === null || value === "" || value === "false" || value === "off") return false;
  if (value === "on" || value === "true") return true;
  return value;
}

/** Only customers who actually activated a licence for the product may review it. */
export function canReview(input: { hasActivatedLicenceForProduct: boolean }): boolean {
  return input.hasActivatedLicenceForProduct;
}

export function shouldOfferComplaintFirst(supportRating: number): boolean {
  return supportRating <= COMPLAINT_FIRST_MAX_SUPPORT_RATING;
}

export type RatingDistribution = Record<1 | 2 | 3 | 4 | 5, number>;

export type RatingsAggregate = {
  count: number;
  /** Rounded half-up to one decimal; null when there are no reviews (not 0, which would read as "terrible"). */
  averageProduct: number | null;
  averageSupport: number | null;
  /** Product-rating distribution (the stars shown on the product page). */
  distribution: RatingDistribution;
  supportDistribution: RatingDistribution;
};

/** Pass only published reviews; moderation filtering is the caller's job. */
export function aggregateRatings(reviews: ReadonlyArray<{ productRating: number; supportRating: number }>): RatingsAggregate {
  reviews.forEach(({ productRating, supportRating }) => {
    assertRating(productRating);
    assertRating(supportRating);
  });
  const product = reviews.map((r) => r.productRating);
  const support = reviews.map((r) => r.supportRating);
  return {
    count: reviews.length,
    averageProduct: averageToOneDecimal(product),
    averageSupport: averageToOneDecimal(support),
    distribution: distributionOf(product),
    supportDistribution: distributionOf(support),
  };
}

/** Integer arithmetic so 4.25 rounds to 4.3 and 4.05 to 4.1 without float surprises. */
function averageToOneDecimal(ratings: readonly number[]): number | null {
  if (ratings.length === 0) return null;
  const sum = ratings.reduce((total, r) => total + r, 0);
  const tenths = Math.floor((sum * 20 + ratings.length) / (2 * ratings.length));
  return tenths / 10;
}

function distributionOf(ratings: readonly number[]): RatingDistribution {
  const distribution: RatingDistribution = { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 };
  for (const r of ratings) distribution[r as keyof RatingDistribution] += 1;
  return distribution;
}

function assertRating(rating: number): void {
  if (!Number.isInteger(rating) || rating < 1 || rating > 5) throw new RangeError(`Rating must be 1..5, got ${rating}`);
}
