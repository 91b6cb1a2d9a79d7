/**
 * Report filters as they travel in the URL, so a report can be bookmarked and shared. Pure:
 * the viewer's time zone and `now` come in as parameters.
 *
 * period: a preset (`7d`, `30d`, `90d`, `month`, `last-month`, `12m`) or `custom` with
 * `from` / `to` local dates (`to` inclusive in the form, exclusive internally). Unreadable or
 * inverted input falls back to the default preset (30 days), so a hand-edited URL never fails.
 */
import { DateTime } from "luxon";

export const PERIOD_PRESETS = ["7d", "30d", "90d", "month", "last-month", "12m", "custom"] as const;
export type PeriodPreset = (typeof PERIOD_PRESETS)[number];
export const DEFAULT_PRESET: PeriodPreset = "30d";

export const GROUPINGS = ["day", "week", "month"] as const;
export type Grouping = (typeof GROUPINGS)[number];

export type ReportFilters = {
  preset: PeriodPreset;
  /** Start, inclusive. */
  from: Date;
  /** End, exclusive. */
  to: Date;
  /** Local dates as shown in the form: `toDate` is the last day included. */
  fromDate: string;
  toDate: string;
  productId: string | null;
  organisationId: string | null;
  engineerId: string | null;
  groupBy: Grouping;
  timeZone: string;
  /** Column order of the report's sortable table (`?sort=<column number>&dir=asc|desc`); null keeps the report's own order. */
  sort: { column: number; dir: "asc" | "desc" } | null;
};

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_YEARS = 5;

function presetRange(preset: Exclude<PeriodPreset, "custom">, today: DateTime): { from: DateTime; to: DateTime } {
  const tomorrow = today.plus({ days: 1 });
  switch (preset) {
    case "7d":
      return { from: tomorrow.minus({ days: 7 }), to: tomorrow };
    case "30d":
      return { from: tomorrow.minus({ days: 30 }), to: tomorrow };
    case "90d":
      return { from: tomorrow.minus({ days: 90 }), to: tomorrow };
    case "month":
      return { from: today.startOf("month"), to: tomorrow };
    case "last-month":
      return { from: today.startOf("month").minus({ months: 1 }), to: today.startOf("month") };
    case "12m":
      return { from: today.startOf("month").minus({ months: 11 }), to: tomorrow };
  }
}

const uuidOrNull = (value: string | null) => (value && UUID.test(value) ? value.toLowerCase() : null);

export function parseReportFilters(params: URLSearchParams, timeZone: string, now: Date): ReportFilters {
  const today = DateTime.fromJSDate(now, { zone: timeZone }).startOf("day");
  const requested = params.get("period");
  const parseDate = (value: string | null) => {
    if (!value || !DATE.test(value)) return null;
    const d = DateTime.fromISO(value, { zone: timeZone });
    return d.isValid ? d.startOf("day") : null;
  };
  let preset: PeriodPreset = PERIOD_PRESETS.includes(requested as PeriodPreset) ? (requested as PeriodPreset) : DEFAULT_PRESET;
  // A bare from/to (a shared link written by hand) means a custom period.
  if (!requested && (params.get("from") || params.get("to"))) preset = "custom";
  // `?month=2026-03` (the time report's earlier addresses) is that calendar month.
  const month = requested ? null : parseMonth(params.get("month"), timeZone);
  let range: { from: DateTime; to: DateTime };
  if (month) {
    preset = "custom";
    range = { from: month, to: month.plus({ months: 1 }) };
  } else if (preset === "custom") {
    const from = parseDate(params.get("from"));
    const last = parseDate(params.get("to"));
    if (from && last && last >= from) {
      range = { from, to: last.plus({ days: 1 }) };
      if (range.to.diff(range.from, "years").years > MAX_YEARS) range.from = range.to.minus({ years: MAX_YEARS });
    } else {
      preset = DEFAULT_PRESET;
      range = presetRange("30d", today);
    }
  } else {
    range = presetRange(preset as Exclude<PeriodPreset, "custom">, today);
  }
  const groupBy = GROUPINGS.includes(params.get("groupBy") as Grouping) ? (params.get("groupBy") as Grouping) : range.to.diff(range.from, "days").days > 92 ? "month" : "week";
  return {
    preset,
    from: range.from.toJSDate(),
    to: range.to.toJSDate(),
    fromDate: range.from.toISODate()!,
    toDate: range.to.minus({ days: 1 }).toISODate()!,
    productId: uuidOrNull(params.get("product")),
    organisationId: uuidOrNull(params.get("organisation")),
    engineerId: uuidOrNull(params.get("engineer")),
    groupBy,
    timeZone,
    sort: parseSort(params.get("sort"), params.get("dir")),
  };
}

function parseMonth(value: string | null, timeZone: string): DateTime | null {
  if (!value || !/^\d{4}-(0[1-9]|1[0-2])$/.test(value)) return null;
  const month = DateTime.fromISO(`${value}-01`, { zone: timeZone });
  return month.isValid ? month : null;
}

function parseSort(column: string | null, dir: string | null): ReportFilters["sort"] {
  if (!column || !/^\d{1,2}$/.test(column)) return null;
  return { column: Number(column), dir: dir === "asc" ? "asc" : "desc" };
}

/** The query string that reproduces these filters (for links, CSV and pagination). */
export function filtersToSearch(filters: ReportFilters, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  params.set("period", filters.preset);
  if (filters.preset === "custom") {
    params.set("from", filters.fromDate);
    params.set("to", filters.toDate);
  }
  if (filters.productId) params.set("product", filters.productId);
  if (filters.organisationId) params.set("organisation", filters.organisationId);
  if (filters.engineerId) params.set("engineer", filters.engineerId);
  params.set("groupBy", filters.groupBy);
  if (filters.sort) {
    params.set("sort", String(filters.sort.column));
    params.set("dir", filters.sort.dir);
  }
  for (const [key, value] of Object.entries(extra)) params.set(key, value);
  return params.toString();
}

/** Start of the week (Monday) or month containing `at`, as a local ISO date — the bucket label. */
export function bucketOf(at: Date, grouping: Grouping, timeZone: string): string {
  const local = DateTime.fromJSDate(at, { zone: timeZone });
  return local.startOf(grouping).toISODate()!;
}

/** Every bucket label from `from` to `to` (exclusive), so charts show empty weeks as zero. */
export function bucketsBetween(from: Date, to: Date, grouping: Grouping, timeZone: string): string[] {
  const labels: string[] = [];
  let cursor = DateTime.fromJSDate(from, { zone: timeZone }).startOf(grouping);
  const end = DateTime.fromJSDate(to, { zone: timeZone });
  while (cursor < end && labels.length < 400) {
    labels.push(cursor.toISODate()!);
    cursor = cursor.plus({ [`${grouping}s`]: 1 });
  }
  return labels;
}
