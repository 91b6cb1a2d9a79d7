import { DateTime } from "luxon";
import { formatDuration } from "~/utils/i18n";
import { CSAT_RATING_KEYS, type CsatRatingKey } from "./csat";
import type { ComplaintOutcome } from "./complaint-state";
import type {
  CsatCriterionLine,
  CsatGroupLine,
  ReviewProductLine,
  TimeToAnswer,
} from "./report";
import { rootCauseLabel, type RootCauseCategory } from "./root-causes";

/**
 * The quality report as named tables — one definition used by the page (tables and charts)
 * and by the CSV export, so both always show the same numbers. Pure: texts come in through
 * `label`, the report through `data`.
 */
export const REPORT_TABLES = [
  "csat-criterion",
  "csat-engineer",
  "csat-month",
  "complaints-cause",
  "complaints-outcome",
  "complaints-time",
  "reviews-product",
  "reviews-rating",
] as const;
export type ReportTableName = (typeof REPORT_TABLES)[number];

export type ReportData = {
  csat: { byCriterion: CsatCriterionLine[]; byEngineer: Array<CsatGroupLine & { engineerName: string | null }>; byMonth: Array<CsatGroupLine & { month: string }> };
  complaints: { byCause: Array<{ cause: string; count: number }>; byOutcome: Array<{ outcome: ComplaintOutcome | "unanswered"; count: number }>; timeToAnswer: TimeToAnswer };
  reviews: { byProduct: ReviewProductLine[]; byRating: Array<{ rating: number; product: number; support: number }> };
  causes: RootCauseCategory[];
};

export type Labels = {
  locale: "en" | "ru";
  text: (key: string) => string;
};

export type ReportTable = { name: ReportTableName; header: string[]; rows: Array<Array<string | number | null>> };

const num = (value: number | null) => (value === null ? null : value);

export function reportTable(name: ReportTableName, data: ReportData, l: Labels): ReportTable {
  const criterion = (k: CsatRatingKey) => l.text(`csat.${k}`);
  const criteriaHeaders = CSAT_RATING_KEYS.map(criterion);
  switch (name) {
    case "csat-criterion":
      return {
        name,
        header: [l.text("qreport.criterion"), l.text("qreport.average"), l.text("qreport.low"), l.text("qreport.count")],
        rows: data.csat.byCriterion.map((line) => [criterion(line.criterion), num(line.average), line.low, line.count]),
      };
    case "csat-engineer":
      return {
        name,
        header: [l.text("qreport.engineer"), l.text("qreport.count"), ...criteriaHeaders, l.text("qreport.overall")],
        rows: data.csat.byEngineer.map((line) => [line.engineerName ?? l.text("qreport.unassigned"), line.count, ...CSAT_RATING_KEYS.map((k) => num(line.averages[k])), num(line.overall)]),
      };
    case "csat-month":
      return {
        name,
        header: [l.text("qreport.month"), l.text("qreport.count"), ...criteriaHeaders, l.text("qreport.overall")],
        rows: data.csat.byMonth.map((line) => [line.month, line.count, ...CSAT_RATING_KEYS.map((k) => num(line.averages[k])), num(line.overall)]),
      };
    case "complaints-cause":
      return {
        name,
        header: [l.text("qreport.cause"), l.text("qreport.count")],
        rows: data.complaints.byCause.map((line) => [line.cause ? rootCauseLabel(data.causes, line.cause, l.locale) : l.text("qreport.noCause"), line.count]),
      };
    case "complaints-outcome":
      return {
        name,
        header: [l.text("qreport.outcome"), l.text("qreport.count")],
        rows: data.complaints.byOutcome.map((line) => [l.text(`complaint.outcome.${line.outcome}`), line.count]),
      };
    case "complaints-time": {
      const t = data.complaints.timeToAnswer;
      const duration = (m: number | null) => (m === null ? null : formatDuration(m, l.locale));
      return {
        name,
        header: [l.text("qreport.answered"), l.text("qreport.median"), l.text("qreport.averageTime"), l.text("qreport.withinTarget")],
        rows: [[t.answered, duration(t.median), duration(t.average), t.withinTarget]],
      };
    }
    case "reviews-product":
      return {
        name,
        header: [l.text("reviews.product"), l.text("qreport.published"), l.text("qreport.pending"), l.text("qreport.rejected"), l.text("qreport.avgProduct"), l.text("qreport.avgSupport")],
        rows: data.reviews.byProduct.map((line) => [line.productName, line.published, line.pending, line.rejected, num(line.averageProduct), num(line.averageSupport)]),
      };
    case "reviews-rating":
      return {
        name,
        header: [l.text("qreport.rating"), l.text("qreport.avgProduct"), l.text("qreport.avgSupport")],
        rows: data.reviews.byRating.map((line) => [line.rating, line.product, line.support]),
      };
  }
}

export type Period = { from: Date; to: Date; fromDate: string; toDate: string };

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The report period from `from` / `to` (local dates, `to` exclusive) in the viewer's zone.
 * Default: the last 12 months including the current one. An inverted or unreadable range
 * falls back to the default; a range is capped at 5 years.
 */
export function reportPeriod(fromParam: string | null, toParam: string | null, timeZone: string, now: Date): Period {
  const startOfNextMonth = DateTime.fromJSDate(now, { zone: timeZone }).startOf("month").plus({ months: 1 });
  const fallback = { from: startOfNextMonth.minus({ months: 12 }), to: startOfNextMonth };
  const parse = (value: string | null) => {
    if (!value || !DATE.test(value)) return null;
    const d = DateTime.fromISO(value, { zone: timeZone });
    return d.isValid ? d.startOf("day") : null;
  };
  let from = parse(fromParam) ?? fallback.from;
  let to = parse(toParam) ?? fallback.to;
  if (to <= from) ({ from, to } = fallback);
  if (to.diff(from, "years").years > 5) from = to.minus({ years: 5 });
  return { from: from.toJSDate(), to: to.toJSDate(), fromDate: from.toISODate()!, toDate: to.toISODate()! };
}
