import { and, count, eq, gte, lt, sql } from "drizzle-orm";
import { complaints, csatResponses, remedies, tickets, organisations } from "#db/schema";
import { db } from "~/utils/db.server";
import { AppError } from "~/utils/errors.server";
import { can, type Actor } from "../accounts/permissions";
import { reportTable, type ReportTableName } from "../quality/report-tables";
import { qualityReport } from "../quality/reports.server";
import { backlogFigures, backlogReport, defaultCalendar, engineerFigures, engineersReport, expiringLicences, expiringReport, renewalFigures, renewalsReport, reportNames, type ReportNames } from "./core-reports.server";
import type { MetricUnit } from "../reviews/metric-averages";
import type { ReportFilters } from "./filters";
import { knowledgeFigures, knowledgeReport } from "./knowledge-report.server";
import { slaFigures, slaReport } from "./sla-report.server";
import { timeReport } from "./time-report";
import { timeFigures } from "./time-report.server";
import { percent } from "./stats";
import { sortTable, type ReportResult, type ReportTable } from "./tables";

/** The reports at /desk/reports/<name> and which filters each one uses. */
export const REPORTS = {
  sla: { filters: ["period", "product", "organisation", "engineer"] },
  backlog: { filters: ["period", "product", "organisation", "engineer"] },
  engineers: { filters: ["period", "product", "organisation", "engineer"] },
  time: { filters: ["period", "product", "organisation", "engineer"] },
  complaints: { filters: ["period", "organisation"] },
  csat: { filters: ["period", "product", "organisation", "engineer"] },
  reviews: { filters: ["period", "product", "organisation"] },
  "licences-expiring": { filters: ["product", "organisation"] },
  renewals: { filters: ["period", "product", "organisation"] },
  knowledge: { filters: ["period", "product", "organisation"] },
} as const satisfies Record<string, { filters: readonly string[] }>;
export type ReportName = keyof typeof REPORTS;
export const REPORT_NAMES = Object.keys(REPORTS) as ReportName[];
export const isReportName = (value: unknown): value is ReportName => typeof value === "string" && value in REPORTS;

type Text = (key: string) => string;

/** Runs one report for someone allowed to read reports. */
export async function runReport(actor: Actor, name: ReportName, filters: ReportFilters, now: Date, text: Text, locale: "en" | "ru"): Promise<{ result: ReportResult; names: ReportNames }> {
  if (!can(actor, "read:report:any")) throw AppError.forbidden();
  const { result, names } = await buildReport(actor, name, filters, now, text, locale);
  return { result: { ...result, tables: result.tables.map((t) => sortTable(t, filters.sort, locale)) }, names };
}

async function buildReport(actor: Actor, name: ReportName, filters: ReportFilters, now: Date, text: Text, locale: "en" | "ru"): Promise<{ result: ReportResult; names: ReportNames }> {
  const names = await reportNames();
  switch (name) {
    case "sla":
      return { result: slaReport(await slaFigures(filters), names, filters, text), names };
    case "backlog":
      return { result: backlogReport(await backlogFigures(filters, now, await defaultCalendar()), names, filters, text), names };
    case "engineers":
      return { result: engineersReport(await engineerFigures(filters), names), names };
    case "renewals":
      return { result: renewalsReport(await renewalFigures(filters, now), names, filters, text), names };
    case "licences-expiring":
      return { result: expiringReport(await expiringLicences(filters, now), text), names };
    case "time":
      return { result: timeReport(await timeFigures(filters), filters, text), names };
    case "knowledge":
      return { result: knowledgeReport(await knowledgeFigures(filters), filters, text), names };
    case "complaints":
    case "csat":
    case "reviews":
      return { result: await qualitySection(actor, name, filters, text, locale), names };
  }
}

/** Complaints, CSAT and reviews reuse the quality report's tables, plus what it lacks. */
async function qualitySection(actor: Actor, name: "complaints" | "csat" | "reviews", filters: ReportFilters, text: Text, locale: "en" | "ru"): Promise<ReportResult> {
  const report = await qualityReport(actor, { from: filters.from, to: filters.to }, filters.timeZone, filters);
  const fromQuality = (table: ReportTableName, title: string): ReportTable => {
    const t = reportTable(table, report, { locale, text });
    return { name: table, title, columns: t.header.map((h) => `=${h}`), rows: t.rows };
  };
  const period = [gte(complaints.createdAt, filters.from), lt(complaints.createdAt, filters.to)];
  if (filters.organisationId) period.push(eq(complaints.organisationId, filters.organisationId));
  if (name === "complaints") {
    const [repeat, remedyRows] = await Promise.all([
      db
        .select({ name: organisations.name, n: count() })
        .from(complaints)
        .innerJoin(organisations, eq(organisations.id, complaints.organisationId))
        .where(and(...period))
        .groupBy(organisations.name)
        .having(sql`count(*) > 1`)
        .orderBy(sql`count(*) desc`, organisations.name),
      db
        .select({ type: remedies.type, n: count() })
        .from(remedies)
        .innerJoin(complaints, eq(complaints.id, remedies.complaintId))
        .where(and(...period))
        .groupBy(remedies.type)
        .orderBy(remedies.type),
    ]);
    const causes = fromQuality("complaints-cause", "qreport.byCause");
    return {
      tables: [
        causes,
        fromQuality("complaints-outcome", "qreport.byOutcome"),
        { name: "remedies", title: "reports.complaints.remedies", columns: ["reports.remedy", "reports.complaints.count"], rows: remedyRows.map((r) => [text(`reports.remedy.${r.type}`), Number(r.n)]) },
        fromQuality("complaints-time", "qreport.timeToAnswer"),
        { name: "repeat", title: "reports.complaints.repeat", columns: ["reports.organisation", "reports.complaints.count"], rows: repeat.map((r) => [r.name, Number(r.n)]) },
      ],
      charts: [{ title: "qreport.byCause", kind: "bars", unit: "count", labels: causes.rows.map((r) => String(r[0])), series: [{ label: text("reports.complaints.count"), values: causes.rows.map((r) => Number(r[1])) }] }],
    };
  }
  if (name === "csat") {
    const ticketScope = [
      filters.productId ? eq(tickets.productId, filters.productId) : undefined,
      filters.organisationId ? eq(tickets.organisationId, filters.organisationId) : undefined,
    ];
    const [solved, byProduct] = await Promise.all([
      db
        .select({ n: count() })
        .from(tickets)
        .where(and(gte(tickets.solvedAt, filters.from), lt(tickets.solvedAt, filters.to), ...ticketScope, filters.engineerId ? eq(tickets.assigneeId, filters.engineerId) : undefined)),
      db
        .select({
          productId: tickets.productId,
          n: count(),
          overall: sql<number>`avg((${csatResponses.speedToReach} + ${csatResponses.speedToUnderstand} + ${csatResponses.answerQuality} + ${csatResponses.comfort}) / 4.0)::float8`,
        })
        .from(csatResponses)
        .innerJoin(tickets, eq(tickets.id, csatResponses.ticketId))
        .where(and(gte(csatResponses.submittedAt, filters.from), lt(csatResponses.submittedAt, filters.to), ...ticketScope, filters.engineerId ? eq(csatResponses.engineerId, filters.engineerId) : undefined))
        .groupBy(tickets.productId),
    ]);
    const names = await reportNames();
    const responses = report.csat.responses;
    const solvedCount = Number(solved[0]?.n ?? 0);
    const month = fromQuality("csat-month", "qreport.byMonth");
    return {
      tables: [
        { name: "rate", title: "reports.csat.rate", columns: ["reports.csat.solvedTickets", "reports.csat.responses", "reports.csat.rate"], rows: [[solvedCount, responses, { percent: percent(responses, solvedCount) }]] },
        fromQuality("csat-criterion", "qreport.byCriterion"),
        fromQuality("csat-engineer", "qreport.byEngineer"),
        {
          name: "product",
          title: "reports.csat.byProduct",
          columns: ["reports.product", "=n", "=" + text("qreport.overall")],
          rows: byProduct.map((r) => [r.productId ? names.products.get(r.productId) ?? "—" : text("reports.noProduct"), Number(r.n), r.overall === null ? null : Math.round(Number(r.overall) * 100) / 100]),
        },
        month,
      ],
      charts: [
        {
          title: "qreport.byMonth",
          kind: "lines",
          labels: month.rows.map((r) => String(r[0])),
          series: [{ label: text("qreport.overall"), values: month.rows.map((r) => (r.at(-1) === null ? null : Number(r.at(-1)))) }],
        },
      ],
    };
  }
  const byProduct = fromQuality("reviews-product", "qreport.byProduct");
  // "Submitted" = published + pending + rejected, the first figure the report answers.
  byProduct.columns.splice(1, 0, "reports.reviews.submitted");
  byProduct.rows = byProduct.rows.map((row) => [row[0]!, Number(row[1]) + Number(row[2]) + Number(row[3]), ...row.slice(1)]);
  const unitName = (unit: MetricUnit | null) =>
    unit === null ? text("reports.reviews.textOnly") : unit.startsWith("=") ? unit.slice(1) : text(`reports.reviews.unit.${unit}`);
  return {
    tables: [
      byProduct,
      {
        name: "questions",
        title: "reports.reviews.questions",
        columns: ["reports.product", "reports.reviews.question", "reports.reviews.answers", "reports.reviews.averaged", "reports.reviews.unit", "reports.reviews.before", "reports.reviews.after", "reports.reviews.change", "reports.reviews.example"],
        rows: report.reviews.metrics.map((m) => [m.productName, m.question, m.answers, m.averaged, unitName(m.unit), m.averageBefore, m.averageAfter, { percent: m.changePercent }, m.example]),
      },
      fromQuality("reviews-rating", "qreport.byRating"),
    ],
    charts: report.reviews.byRating.some((r) => r.product > 0)
      ? [{ title: "qreport.byRating", kind: "bars", unit: "count", labels: report.reviews.byRating.map((r) => `${r.rating} ★`), series: [{ label: text("qreport.avgProduct"), values: report.reviews.byRating.map((r) => r.product) }] }]
      : [],
  };
}

