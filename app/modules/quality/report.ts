import { DateTime } from "luxon";
import { CSAT_ALERT_THRESHOLD, CSAT_RATING_KEYS, type CsatRatingKey, type CsatRatings } from "./csat";
import { COMPLAINT_OUTCOMES, type ComplaintOutcome } from "./complaint-state";
import { COMPLAINT_ANSWER_TARGET_BUSINESS_MINUTES } from "./targets";

/**
 * Quality reports (SPEC §8): CSAT by criterion, engineer and month; complaints by cause,
 * outcome and time to answer; reviews by product and rating. Pure folds over rows the server
 * loaded for a period; months are read in the viewer's time zone.
 */

export type CsatRow = CsatRatings & { submittedAt: Date; engineerId: string | null; engineerName: string | null };

/** Mean to two decimals (null for no data — "no ratings" is not "rated 0"). */
export function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  return Math.round((values.reduce((s, v) => s + v, 0) / values.length) * 100) / 100;
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const overall = (r: CsatRatings) => CSAT_RATING_KEYS.reduce((s, k) => s + r[k], 0) / CSAT_RATING_KEYS.length;

export type CsatCriterionLine = { criterion: CsatRatingKey; count: number; average: number | null; low: number };
export type CsatGroupLine = { count: number; overall: number | null; averages: Record<CsatRatingKey, number | null> };

function groupLine(rows: readonly CsatRow[]): CsatGroupLine {
  const averages = Object.fromEntries(CSAT_RATING_KEYS.map((k) => [k, mean(rows.map((r) => r[k]))])) as Record<CsatRatingKey, number | null>;
  return { count: rows.length, overall: mean(rows.map(overall)), averages };
}

export function csatByCriterion(rows: readonly CsatRow[]): CsatCriterionLine[] {
  return CSAT_RATING_KEYS.map((criterion) => ({
    criterion,
    count: rows.length,
    average: mean(rows.map((r) => r[criterion])),
    low: rows.filter((r) => r[criterion] <= CSAT_ALERT_THRESHOLD).length,
  }));
}

export function csatByEngineer(rows: readonly CsatRow[]): Array<CsatGroupLine & { engineerId: string | null; engineerName: string | null }> {
  const groups = new Map<string, CsatRow[]>();
  for (const row of rows) {
    const key = row.engineerId ?? "";
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  return [...groups.entries()]
    .map(([key, list]) => ({ engineerId: key || null, engineerName: list[0]!.engineerName, ...groupLine(list) }))
    .sort((a, b) => (a.engineerName ?? "\uffff").localeCompare(b.engineerName ?? "\uffff") || b.count - a.count);
}

export function monthOf(at: Date, timeZone: string): string {
  return DateTime.fromJSDate(at, { zone: timeZone }).toFormat("yyyy-LL");
}

export function csatByMonth(rows: readonly CsatRow[], timeZone: string): Array<CsatGroupLine & { month: string }> {
  const groups = new Map<string, CsatRow[]>();
  for (const row of rows) {
    const month = monthOf(row.submittedAt, timeZone);
    groups.set(month, [...(groups.get(month) ?? []), row]);
  }
  return [...groups.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([month, list]) => ({ month, ...groupLine(list) }));
}

export type ComplaintRow = {
  createdAt: Date;
  rootCauses: readonly string[];
  outcome: ComplaintOutcome | null;
  raisedByStaff: boolean;
  /** Business minutes from receipt to the first answer; null while unanswered. */
  answerBusinessMinutes: number | null;
};

export function complaintsByCause(rows: readonly ComplaintRow[]): Array<{ cause: string; count: number }> {
  const counts = new Map<string, number>();
  for (const row of rows) {
    const causes = row.rootCauses.length > 0 ? new Set(row.rootCauses) : new Set([""]);
    for (const cause of causes) counts.set(cause, (counts.get(cause) ?? 0) + 1);
  }
  return [...counts.entries()].map(([cause, count]) => ({ cause, count })).sort((a, b) => b.count - a.count || a.cause.localeCompare(b.cause));
}

export function complaintsByOutcome(rows: readonly ComplaintRow[]): Array<{ outcome: ComplaintOutcome | "unanswered"; count: number }> {
  return [...COMPLAINT_OUTCOMES, "unanswered" as const].map((outcome) => ({
    outcome,
    count: rows.filter((r) => (r.outcome ?? "unanswered") === outcome).length,
  }));
}

export type TimeToAnswer = { answered: number; median: number | null; average: number | null; withinTarget: number };

export function timeToAnswer(rows: readonly ComplaintRow[]): TimeToAnswer {
  const minutes = rows.map((r) => r.answerBusinessMinutes).filter((m): m is number => m !== null);
  return {
    answered: minutes.length,
    median: median(minutes.map(Math.round)),
    average: mean(minutes) === null ? null : Math.round(mean(minutes)!),
    withinTarget: minutes.filter((m) => m <= COMPLAINT_ANSWER_TARGET_BUSINESS_MINUTES).length,
  };
}

export type ReviewRow = { productId: string; productName: string; status: "pending" | "published" | "rejected"; productRating: number; supportRating: number };
export type ReviewProductLine = {
  productId: string;
  productName: string;
  published: number;
  pending: number;
  rejected: number;
  averageProduct: number | null;
  averageSupport: number | null;
};

/** Averages count published reviews only: what the public sees. */
export function reviewsByProduct(rows: readonly ReviewRow[]): ReviewProductLine[] {
  const groups = new Map<string, ReviewRow[]>();
  for (const row of rows) groups.set(row.productId, [...(groups.get(row.productId) ?? []), row]);
  return [...groups.values()]
    .map((list) => {
      const published = list.filter((r) => r.status === "published");
      return {
        productId: list[0]!.productId,
        productName: list[0]!.productName,
        published: published.length,
        pending: list.filter((r) => r.status === "pending").length,
        rejected: list.filter((r) => r.status === "rejected").length,
        averageProduct: mean(published.map((r) => r.productRating)),
        averageSupport: mean(published.map((r) => r.supportRating)),
      };
    })
    .sort((a, b) => a.productName.localeCompare(b.productName));
}

export function reviewsByRating(rows: readonly ReviewRow[]): Array<{ rating: number; product: number; support: number }> {
  const published = rows.filter((r) => r.status === "published");
  return [5, 4, 3, 2, 1].map((rating) => ({
    rating,
    product: published.filter((r) => r.productRating === rating).length,
    support: published.filter((r) => r.supportRating === rating).length,
  }));
}
