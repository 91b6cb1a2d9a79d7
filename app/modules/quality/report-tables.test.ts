import { describe, expect, it } from "vitest";
import { DEFAULT_ROOT_CAUSES } from "./root-causes";
import { REPORT_TABLES, reportPeriod, reportTable, type ReportData } from "./report-tables";

const data: ReportData = {
  csat: {
    byCriterion: [{ criterion: "comfort", count: 3, average: 2.67, low: 1 }],
    byEngineer: [{ engineerName: null, count: 1, overall: 4, averages: { speedToReach: 4, speedToUnderstand: 4, answerQuality: 4, comfort: 4 } }],
    byMonth: [{ month: "2026-03", count: 1, overall: null, averages: { speedToReach: null, speedToUnderstand: null, answerQuality: null, comfort: null } }],
  },
  complaints: {
    byCause: [
      { cause: "rudeness", count: 2 },
      { cause: "", count: 1 },
    ],
    byOutcome: [{ outcome: "partly_upheld", count: 1 }],
    timeToAnswer: { answered: 2, median: 90, average: 605, withinTarget: 2 },
  },
  reviews: { byProduct: [], byRating: [{ rating: 5, product: 1, support: 0 }] },
  causes: DEFAULT_ROOT_CAUSES.map((c) => ({ ...c })),
};
const labels = { locale: "en" as const, text: (key: string) => `[${key}]` };

describe("report tables", () => {
  it("builds every table with a row width equal to its header", () => {
    for (const name of REPORT_TABLES) {
      const table = reportTable(name, data, labels);
      for (const row of table.rows) expect(row).toHaveLength(table.header.length);
    }
  });

  it("labels causes, outcomes and durations", () => {
    expect(reportTable("complaints-cause", data, labels).rows).toEqual([["Rudeness", 2], ["[qreport.noCause]", 1]]);
    expect(reportTable("complaints-cause", data, { ...labels, locale: "ru" }).rows[0]).toEqual(["Грубость", 2]);
    expect(reportTable("complaints-outcome", data, labels).rows).toEqual([["[complaint.outcome.partly_upheld]", 1]]);
    expect(reportTable("complaints-time", data, labels).rows).toEqual([[2, "1 h 30 min", "10 h 5 min", 2]]);
    expect(reportTable("csat-engineer", data, labels).rows[0]![0]).toBe("[qreport.unassigned]");
  });
});

describe("report period", () => {
  const now = new Date("2026-03-15T12:00:00Z");
  it("defaults to the last 12 months in the viewer's zone", () => {
    const p = reportPeriod(null, null, "Europe/Moscow", now);
    expect([p.fromDate, p.toDate]).toEqual(["2025-04-01", "2026-04-01"]);
    expect(p.from.toISOString()).toBe("2025-03-31T21:00:00.000Z");
  });
  it("reads local dates and falls back on nonsense", () => {
    expect(reportPeriod("2026-01-01", "2026-02-01", "UTC", now).from.toISOString()).toBe("2026-01-01T00:00:00.000Z");
    expect(reportPeriod("2026-02-01", "2026-01-01", "UTC", now).fromDate).toBe("2025-04-01");
    expect(reportPeriod("yesterday", "2026-13-45", "UTC", now).toDate).toBe("2026-04-01");
  });
  it("caps a period at five years", () => {
    expect(reportPeriod("2000-01-01", "2026-01-01", "UTC", now).fromDate).toBe("2021-01-01");
  });
});
