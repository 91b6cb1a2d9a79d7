import { and, asc, eq, gte, lt } from "drizzle-orm";
import { complaints, csatResponses, products, reviews, users } from "#db/schema";
import { db } from "~/utils/db.server";
import { AppError } from "~/utils/errors.server";
import { can, type Actor } from "../accounts/permissions";
import { businessMinutesBetween } from "../sla/business-hours";
import { complaintState } from "./complaints.server";
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
import { loadRootCauses, qualityCalendar } from "./shared.server";

export type ReportPeriod = { from: Date; to: Date };

/**
 * The quality report for a period [from, to): CSAT responses submitted, complaints received
 * and reviews submitted in it. Time to answer is in business minutes on the quality calendar,
 * from receipt to the first answer.
 */
export async function qualityReport(actor: Actor, period: ReportPeriod, timeZone: string) {
  if (!can(actor, "read:report:any")) throw AppError.forbidden();
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
      .where(and(gte(csatResponses.submittedAt, period.from), lt(csatResponses.submittedAt, period.to))),
    db
      .select()
      .from(complaints)
      .where(and(gte(complaints.createdAt, period.from), lt(complaints.createdAt, period.to)))
      .orderBy(asc(complaints.createdAt)),
    db
      .select({ productId: reviews.productId, productName: products.name, status: reviews.status, productRating: reviews.productRating, supportRating: reviews.supportRating })
      .from(reviews)
      .innerJoin(products, eq(products.id, reviews.productId))
      .where(and(gte(reviews.submittedAt, period.from), lt(reviews.submittedAt, period.to))),
    qualityCalendar(db),
    loadRootCauses(db),
  ]);
  const complaintFacts: ComplaintRow[] = complaintRows.map((row) => {
    const { state } = complaintState(row);
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
    reviews: { byProduct: reviewsByProduct(reviewRows), byRating: reviewsByRating(reviewRows) },
    causes,
  };
}

export type QualityReport = Awaited<ReturnType<typeof qualityReport>>;
