/** The time report's tables and chart from its figures (see time-report.server.ts). Pure. */
import { buildTimeReport, type TimeReportRow } from "../time-tracking/report";
import { bucketsBetween, type ReportFilters } from "./filters";
import type { Cell, ReportResult, ReportTable } from "./tables";

export type TimeFigures = {
  lines: Array<TimeReportRow & { bucket: string }>;
  rates: Map<string, { hourlyRateMinor: number; currency: string }>;
  balances: Array<{ organisationId: string; organisationName: string; credited: number; drawn: number; balance: number }>;
};

const SPLIT_COLUMNS = ["reports.time.free", "reports.time.prepaid", "reports.time.billable", "reports.time.notCharged", "report.time.total"];
type Split = { free: number; prepaid: number; billable: number; notCharged: number; total: number };
const splitCells = (s: Split): Cell[] => [{ minutes: s.free }, { minutes: s.prepaid }, { minutes: s.billable }, { minutes: s.notCharged }, { minutes: s.total }];
const withTotal = (s: Omit<Split, "total">): Split => ({ ...s, total: s.free + s.prepaid + s.billable + s.notCharged });

/** The report's tables and chart from its figures. Pure. */
export function timeReport(figures: TimeFigures, filters: ReportFilters, text: (key: string) => string): ReportResult {
  const report = buildTimeReport(figures.lines, figures.rates);
  const buckets = bucketsBetween(filters.from, filters.to, filters.groupBy, filters.timeZone);
  const trend = new Map<string, Omit<Split, "total">>();
  for (const line of figures.lines) {
    const sum = trend.get(line.bucket) ?? { free: 0, prepaid: 0, billable: 0, notCharged: 0 };
    trend.set(line.bucket, { free: sum.free + line.free, prepaid: sum.prepaid + line.prepaid, billable: sum.billable + line.billable, notCharged: sum.notCharged + line.notCharged });
  }
  const trendOf = (bucket: string) => withTotal(trend.get(bucket) ?? { free: 0, prepaid: 0, billable: 0, notCharged: 0 });
  const typeName = (type: string) => text(`time.type.${type}`);
  const detail = [...figures.lines.reduce((map, line) => {
    const key = `${line.engineerId}|${line.organisationId}|${line.ticketType}`;
    const sum = map.get(key);
    map.set(key, sum ? { ...sum, free: sum.free + line.free, prepaid: sum.prepaid + line.prepaid, billable: sum.billable + line.billable, notCharged: sum.notCharged + line.notCharged } : { ...line });
    return map;
  }, new Map<string, TimeReportRow>()).values()].sort(
    (a, b) => a.engineerName.localeCompare(b.engineerName) || a.organisationName.localeCompare(b.organisationName) || a.ticketType.localeCompare(b.ticketType),
  );
  const tables: ReportTable[] = [
    {
      name: "organisations",
      title: "report.time.byOrganisation",
      columns: ["reports.organisation", ...SPLIT_COLUMNS, "report.time.amount"],
      rows: report.byOrganisation.map((o) => [o.organisationName, ...splitCells(o), { money: o.billableAmountMinor, currency: o.currency || "RUB" }]),
      sortable: true,
    },
    {
      name: "engineers",
      title: "report.time.byEngineer",
      columns: ["reports.engineer", ...SPLIT_COLUMNS],
      rows: report.byEngineer.map((e) => [e.engineerName, ...splitCells(e)]),
      sortable: true,
    },
    {
      name: "types",
      title: "report.time.byType",
      columns: ["report.time.ticketType", ...SPLIT_COLUMNS],
      rows: [...report.byTicketType.map((t) => [typeName(t.ticketType), ...splitCells(t)]), ...(report.totals.total > 0 ? [[text("report.time.total"), ...splitCells(report.totals)]] : [])],
    },
    {
      name: "trend",
      title: "reports.time.trend",
      columns: ["reports.periodStart", ...SPLIT_COLUMNS],
      rows: buckets.map((bucket) => [bucket, ...splitCells(trendOf(bucket))]),
    },
    {
      name: "balances",
      title: "reports.time.balances",
      columns: ["reports.organisation", "reports.time.credited", "reports.time.drawn", "reports.time.balance"],
      rows: figures.balances.map((b) => [b.organisationName, { minutes: b.credited }, { minutes: b.drawn }, { minutes: b.balance }]),
      sortable: true,
    },
    {
      name: "entries",
      title: "reports.time.detail",
      columns: ["reports.engineer", "reports.organisation", "report.time.ticketType", ...SPLIT_COLUMNS],
      rows: detail.map((d) => [d.engineerName, d.organisationName, typeName(d.ticketType), ...splitCells(withTotal(d))]),
      sortable: true,
    },
  ];
  return {
    tables,
    charts: [
      {
        title: "reports.time.trendChart",
        kind: "columns",
        unit: "minutes",
        labels: buckets,
        series: [
          { label: text("reports.time.free"), values: buckets.map((b) => trendOf(b).free) },
          { label: text("reports.time.prepaid"), values: buckets.map((b) => trendOf(b).prepaid) },
          { label: text("reports.time.billable"), values: buckets.map((b) => trendOf(b).billable) },
        ],
      },
    ],
  };
}
