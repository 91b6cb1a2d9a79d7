import { describe, expect, it } from "vitest";
import {
  complaintsByCause,
  complaintsByOutcome,
  csatByCriterion,
  csatByEngineer,
  csatByMonth,
  mean,
  median,
  reviewsByProduct,
  reviewsByRating,
  timeToAnswer,
  type ComplaintRow,
  type CsatRow,
} from "./report";

const csat = (over: Partial<CsatRow>): CsatRow => ({
  submittedAt: new Date("2026-03-10T12:00:00Z"),
  engineerId: "e1",
  engineerName: "Egor",
  speedToReach: 5,
  speedToUnderstand: 4,
  answerQuality: 3,
  comfort: 2,
  ...over,
});

describe("quality report folds", () => {
  it("mean and median", () => {
    expect(mean([])).toBeNull();
    expect(mean([1, 2, 2])).toBe(1.67);
    expect(median([])).toBeNull();
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it("CSAT by criterion counts low ratings", () => {
    const lines = csatByCriterion([csat({}), csat({ comfort: 4, speedToReach: 1 })]);
    expect(lines).toEqual([
      { criterion: "speedToReach", count: 2, average: 3, low: 1 },
      { criterion: "speedToUnderstand", count: 2, average: 4, low: 0 },
      { criterion: "answerQuality", count: 2, average: 3, low: 0 },
      { criterion: "comfort", count: 2, average: 3, low: 1 },
    ]);
  });

  it("CSAT by engineer and by month in the viewer's zone", () => {
    const rows = [csat({}), csat({ engineerId: null, engineerName: null }), csat({ submittedAt: new Date("2026-03-31T22:30:00Z") })];
    expect(csatByEngineer(rows).map((l) => [l.engineerName, l.count, l.overall])).toEqual([
      ["Egor", 2, 3.5],
      [null, 1, 3.5],
    ]);
    expect(csatByMonth(rows, "Europe/Moscow").map((l) => [l.month, l.count])).toEqual([
      ["2026-03", 2],
      ["2026-04", 1],
    ]);
    expect(csatByMonth(rows, "UTC").map((l) => [l.month, l.count])).toEqual([["2026-03", 3]]);
  });

  it("complaints by cause (each complaint once per cause), outcome and time to answer", () => {
    const c = (over: Partial<ComplaintRow>): ComplaintRow => ({ createdAt: new Date(), rootCauses: [], outcome: null, raisedByStaff: false, answerBusinessMinutes: null, ...over });
    const rows = [
      c({ rootCauses: ["slow_response", "rudeness", "slow_response"], outcome: "upheld", answerBusinessMinutes: 100 }),
      c({ rootCauses: ["slow_response"], outcome: "rejected", answerBusinessMinutes: 2000 }),
      c({}),
    ];
    expect(complaintsByCause(rows)).toEqual([
      { cause: "slow_response", count: 2 },
      { cause: "", count: 1 },
      { cause: "rudeness", count: 1 },
    ]);
    expect(complaintsByOutcome(rows)).toEqual([
      { outcome: "upheld", count: 1 },
      { outcome: "partly_upheld", count: 0 },
      { outcome: "rejected", count: 1 },
      { outcome: "unanswered", count: 1 },
    ]);
    expect(timeToAnswer(rows)).toEqual({ answered: 2, median: 1050, average: 1050, withinTarget: 1 });
  });

  it("reviews by product average published reviews only", () => {
    const rows = [
      { productId: "p", productName: "Shop", status: "published" as const, productRating: 5, supportRating: 4 },
      { productId: "p", productName: "Shop", status: "published" as const, productRating: 4, supportRating: 4 },
      { productId: "p", productName: "Shop", status: "rejected" as const, productRating: 1, supportRating: 1 },
      { productId: "q", productName: "CRM", status: "pending" as const, productRating: 3, supportRating: 3 },
    ];
    expect(reviewsByProduct(rows)).toEqual([
      { productId: "q", productName: "CRM", published: 0, pending: 1, rejected: 0, averageProduct: null, averageSupport: null },
      { productId: "p", productName: "Shop", published: 2, pending: 0, rejected: 1, averageProduct: 4.5, averageSupport: 4 },
    ]);
    expect(reviewsByRating(rows)[0]).toEqual({ rating: 5, product: 1, support: 0 });
    expect(reviewsByRating(rows)[1]).toEqual({ rating: 4, product: 1, support: 2 });
  });

});
