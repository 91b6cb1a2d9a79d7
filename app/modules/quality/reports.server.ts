import { and, asc, eq, exists, gte, lt, type SQL } from "drizzle-orm";
import { complaints, csatResponses, products, reviews, tickets, users } from "#db/schema";
import { db } from "~/utils/db.server";
import { AppError } from "~/utils/errors.server";
import { can, type Actor } from "../accounts/permissions";
import { businessMinutesBetween } from "../sla/business-hours";
import { complaintStates } from "./complaints.server";
import {
  complaintsByCause,
  complaintsByOutcome,
  csatByCriterion,
  csatByEngineer,
  csatByMonth,
  reviewsByProduct,
  reviewsByRating,
  timeToAnswer,
  type ComplaintRow,
} from "./report";
import { metricAverages } from "../reviews/metric-averages";
import { loadRootCauses, qualityCalendar } from "./shared.server";

export type ReportPeriod = { from: Date; to: Date };
/** Optional narrowing where it applies: CSAT by product (of the ticket) and engineer, complaints by organisation, reviews by product and organisation. */
export type QualityScope = { productId?: string | null; organisationId?: string | null; engineerId?: string | null };

/**
 * The quality report for a period [from, to): CSAT responses submitted, complaints received
 * and reviews submitted in it. Time to answer is in business minutes on the quality calendar,
 * from receipt to the first answer.
 */
export async function qualityReport(actor: Actor, period: ReportPeriod, timeZone: string, scope: QualityScope = {}) {
  if (!can(actor, "read:report:any")) throw AppError.forbidden();
  const csatWhere: SQL[] = [gte(csatResponses.submittedAt, period.from), lt(csatResponses.submittedAt, period.to)];
  if (scope.engineerId) csatWhere.push(eq(csatResponses.engineerId, scope.engineerId));
  if (scope.productId || scope.organisationId) {
    const ticketScope = [eq(tickets.id, csatResponses.ticketId)];
    if (scope.productId) ticketScope.push(eq(tickets.productId, scope.productId));
    if (scope.organisationId) ticketScope.push(eq(tickets.organisationId, scope.organisationId));
    csatWhere.push(exists(db.select({ id: tickets.id }).from(tickets).where(and(...ticketScope))));
  }
  const complaintWhere: SQL[] = [gte(complaints.createdAt, period.from), lt(complaints.createdAt, period.to)];
  if (scope.organisationId) complaintWhere.push(eq(complaints.organisationId, scope.organisationId));
  const reviewWhere: SQL[] = [gte(reviews.submittedAt, period.from), lt(reviews.submittedAt, period.to)];
  if (scope.productId) reviewWhere.push(eq(reviews.productId, scope.productId));
  if (scope.organisationId) reviewWhere.push(eq(reviews.organisationId, scope.organisationId));
  const [csatRows, complaintRows, reviewRows, calendar, causes] = await Promise.all([
    db
      .select({
        submittedAt: csatResponses.submittedAt,
        engineerId: csatResponses.engineerId,
        engineerName: users.name,
        speedToReach: csatResponses.speedToReach,
        speedToUnderstand: csatResponses.speedToUnderstand,
        answerQuality: csatResponses.answerQuality,
        comfort: csatResponses.comfort,
      })
      .from(csatResponses)
      .leftJoin(users, eq(users.id, csatResponses.engineerId))
      .where(and(...csatWhere)),
    db
      .select()
      .from(complaints)
      .where(and(...complaintWhere))
      .orderBy(asc(complaints.createdAt)),
    db
      .select({ productId: reviews.productId, productName: products.name, status: reviews.status, productRating: reviews.productRating, supportRating: reviews.supportRating, metrics: reviews.metrics })
      .from(reviews)
      .innerJoin(products, eq(products.id, reviews.productId))
      .where(and(...reviewWhere))
      .orderBy(asc(reviews.submittedAt), asc(reviews.id)),
    qualityCalendar(db),
    loadRootCauses(db),
  ]);
  const states = await complaintStates(db, complaintRows);
  const complaintFacts: ComplaintRow[] = complaintRows.map((row) => {
    const state = states.get(row.id)!;
    const first = state.answers[0];
    return {
      createdAt: row.createdAt,
      rootCauses: row.rootCauses,
      outcome: row.outcome,
      raisedByStaff: row.raisedByStaff,
      answerBusinessMinutes: first ? businessMinutesBetween(state.receivedAt, first.answeredAt, calendar) : null,
    };
  });
  return {
    period,
    csat: {
      responses: csatRows.length,
      byCriterion: csatByCriterion(csatRows),
      byEngineer: csatByEngineer(csatRows),
      byMonth: csatByMonth(csatRows, timeZone),
    },
    complaints: {
      received: complaintRows.length,
      raisedByStaff: complaintRows.filter((c) => c.raisedByStaff).length,
      byCause: complaintsByCause(complaintFacts),
      byOutcome: complaintsByOutcome(complaintFacts),
      timeToAnswer: timeToAnswer(complaintFacts),
    },
    reviews: {
      byProduct: reviewsByProduct(reviewRows),
      byRating: reviewsByRating(reviewRows),
      // Before → after of published reviews, per product and question (numeric answers averaged).
      metrics: metricAverages(reviewRows.filter((r) => r.status === "published").flatMap((r) => r.metrics.map((m) => ({ productId: r.productId, productName: r.productName, ...m })))),
    },
    causes,
  };
}

export type QualityReport = Awaited<ReturnType<typeof qualityReport>>;
