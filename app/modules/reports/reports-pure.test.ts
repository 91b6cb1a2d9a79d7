import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { businessMinutesBetween } from "../sla/business-hours";
import { DEFAULT_MOSCOW_CALENDAR } from "../sla/defaults";
import type { SupportEntry } from "../licensing/support-ledger";
import { ageBoundaries, ageBucketOf, bucketByBoundaries, businessDayMinutes } from "./backlog";
import { bucketOf, bucketsBetween, filtersToSearch, parseReportFilters } from "./filters";
import { expiryWindow, renewalCounts, termEnds } from "./renewals";
import { percent, percentile, percentileOfHistogram } from "./stats";
import { csvValue, sortTable, type ReportTable } from "./tables";

const NOW = new Date("2026-03-11T09:00:00Z"); // Wednesday 12:00 MSK
const parse = (query: string) => parseReportFilters(new URLSearchParams(query), "Europe/Moscow", NOW);

describe("parseReportFilters", () => {
  it("defaults to the last 30 days, weekly", () => {
    const f = parse("");
    expect([f.preset, f.fromDate, f.toDate, f.groupBy]).toEqual(["30d", "2026-02-10", "2026-03-11", "week"]);
    expect(f.to.toISOString()).toBe("2026-03-11T21:00:00.000Z");
  });
  it.each([
    ["period=last-month", "last-month", "2026-02-01", "2026-02-28"],
    ["period=month", "month", "2026-03-01", "2026-03-11"],
    ["period=12m", "12m", "2025-04-01", "2026-03-11"],
    ["period=custom&from=2026-01-05&to=2026-01-11", "custom", "2026-01-05", "2026-01-11"],
    ["from=2026-01-05&to=2026-01-11", "custom", "2026-01-05", "2026-01-11"],
    ["period=custom&from=2026-02-05&to=2026-01-11", "30d", "2026-02-10", "2026-03-11"],
    ["period=custom&from=bad", "30d", "2026-02-10", "2026-03-11"],
    ["period=nonsense", "30d", "2026-02-10", "2026-03-11"],
    ["month=2026-02", "custom", "2026-02-01", "2026-02-28"],
    ["month=2026-13", "30d", "2026-02-10", "2026-03-11"],
    ["period=7d&month=2026-02", "7d", "2026-03-05", "2026-03-11"],
  ])("%s", (query, preset, from, to) => {
    const f = parse(query);
    expect([f.preset, f.fromDate, f.toDate]).toEqual([preset, from, to]);
  });
  it("keeps only well-formed ids and round-trips through the URL", () => {
    const id = "0b6f2a4e-8d1c-4c3b-9a7e-2f1d5c6b7a80";
    const f = parse(`period=custom&from=2026-01-01&to=2026-03-31&product=${id}&organisation=x&engineer=${id.toUpperCase()}&groupBy=month`);
    expect([f.productId, f.organisationId, f.engineerId, f.groupBy]).toEqual([id, null, id, "month"]);
    expect(parse(filtersToSearch(f))).toEqual(f);
  });
  it("labels buckets by Monday / first of month in the zone and lists empty ones", () => {
    expect(bucketOf(new Date("2026-03-08T22:30:00Z"), "week", "Europe/Moscow")).toBe("2026-03-09");
    expect(bucketsBetween(new Date("2026-01-15T00:00:00Z"), new Date("2026-03-02T00:00:00Z"), "month", "Europe/Moscow")).toEqual(["2026-01-01", "2026-02-01", "2026-03-01"]);
  });
});

describe("percentile", () => {
  it("interpolates like percentile_cont", () => {
    expect(percentile([30, 120, 300], 0.5)).toBe(120);
    expect(percentile([30, 120, 300], 0.9)).toBeCloseTo(264);
    expect(percentile([], 0.5)).toBeNull();
    expect(percent(2, 3)).toBe(66.7);
    expect(percent(1, 0)).toBeNull();
  });
  it("lies between the smallest and largest value and is monotone in the fraction", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 10_000 }), { minLength: 1 }), fc.double({ min: 0, max: 1, noNaN: true }), (values, p) => {
        const v = percentile(values, p)!;
        expect(v).toBeGreaterThanOrEqual(Math.min(...values) - 1e-9);
        expect(v).toBeLessThanOrEqual(Math.max(...values) + 1e-9);
        expect(percentile(values, Math.min(1, p + 0.1))!).toBeGreaterThanOrEqual(v - 1e-9);
      }),
    );
  });
});

describe("percentileOfHistogram", () => {
  it("equals the percentile of the expanded values, whatever the order and empty bins", () => {
    const histogram = fc.array(fc.tuple(fc.integer({ min: 0, max: 5_000 }), fc.integer({ min: 0, max: 20 })), { maxLength: 40 });
    fc.assert(
      fc.property(histogram, fc.constantFrom(0, 0.1, 0.5, 0.9, 1), (bins, p) => {
        const expanded = bins.flatMap(([value, count]) => Array<number>(count).fill(value));
        const expected = percentile(expanded, p);
        const actual = percentileOfHistogram(bins, p);
        if (expected === null) expect(actual).toBeNull();
        else expect(actual).toBeCloseTo(expected, 9);
      }),
    );
  });
  it("reads a small case by hand", () => {
    expect(percentileOfHistogram([[300, 1], [30, 1], [120, 1]], 0.9)).toBeCloseTo(264);
    expect(percentileOfHistogram([[10, 2], [20, 0]], 0.5)).toBe(10);
    expect(percentileOfHistogram([], 0.5)).toBeNull();
  });
});

describe("backlog ages", () => {
  const calendar = DEFAULT_MOSCOW_CALENDAR;
  it("a business day is the longest working day", () => {
    expect(businessDayMinutes(calendar)).toBe(480);
  });
  it("the boundaries give the same bucket as measuring each ticket", () => {
    const bounds = ageBoundaries(NOW, calendar);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 60 * 86_400_000 }), (ago) => {
        const created = new Date(NOW.getTime() - ago);
        const direct = ageBucketOf(businessMinutesBetween(created, NOW, calendar), bounds.dayMinutes);
        expect(bucketByBoundaries(created, bounds)).toBe(direct);
      }),
      { numRuns: 300 },
    );
  });
});

describe("renewal outcomes", () => {
  const d = (iso: string) => new Date(iso);
  const entry = (id: string, kind: SupportEntry["kind"], at: string, days?: number): SupportEntry => ({ id, kind, orderId: kind === "compensation" ? null : `o-${id}`, recordedAt: d(at), days });
  const now = d("2026-06-01T00:00:00Z");
  it("on time, late, lapsed and upcoming", () => {
    expect(termEnds([entry("a", "initial", "2025-01-01T00:00:00Z"), entry("b", "renewal", "2025-12-20T00:00:00Z")], d("2025-01-10T00:00:00Z"), now).map((e) => [e.endedAt.toISOString().slice(0, 10), e.outcome])).toEqual([
      ["2026-01-10", "on_time"],
      ["2027-01-10", "upcoming"],
    ]);
    expect(termEnds([entry("a", "initial", "2025-01-01T00:00:00Z"), entry("b", "renewal", "2026-02-01T00:00:00Z")], d("2025-01-10T00:00:00Z"), now).map((e) => e.outcome)).toEqual(["late", "upcoming"]);
    expect(termEnds([entry("a", "initial", "2025-01-01T00:00:00Z")], d("2025-01-10T00:00:00Z"), now).map((e) => e.outcome)).toEqual(["lapsed"]);
    expect(termEnds([entry("a", "initial", "2025-01-01T00:00:00Z")], null, now)).toEqual([]);
  });
  it("a compensation that carries the term on is not an end", () => {
    const ends = termEnds([entry("a", "initial", "2025-01-01T00:00:00Z"), entry("c", "compensation", "2025-06-01T00:00:00Z", 30)], d("2025-01-10T00:00:00Z"), now);
    expect(ends.map((e) => [e.endedAt.toISOString().slice(0, 10), e.outcome])).toEqual([["2026-02-09", "lapsed"]]);
  });
  it("counts the rate of renewed terms", () => {
    expect(renewalCounts(["on_time", "late", "lapsed", "lapsed"])).toEqual({ ended: 4, onTime: 1, late: 1, lapsed: 2, rate: 50, onTimeRate: 25 });
  });
  it("windows of 30, 60 and 90 days", () => {
    const day = 86_400_000;
    expect([1, 30, 31, 60, 61, 90, 91, 0, -1].map((n) => expiryWindow(new Date(now.getTime() + n * day), now))).toEqual([30, 30, 60, 60, 90, 90, null, null, null]);
  });
});

describe("csvValue", () => {
  it("keeps numbers as numbers in the units the header names", () => {
    expect(csvValue({ minutes: 72.04 })).toBe(72);
    expect(csvValue({ percent: 66.7 })).toBe(66.7);
    expect(csvValue({ money: 617_284, currency: "RUB" })).toBe(6172.84);
    expect(csvValue({ money: 500, currency: "JPY" })).toBe(500);
    expect(csvValue(null)).toBeNull();
  });
});

describe("sortTable", () => {
  const table: ReportTable = {
    name: "t",
    title: "t",
    sortable: true,
    columns: ["a", "b", "c"],
    rows: [
      ["Beta", 2, { percent: null }],
      ["alpha", 10, { percent: 50 }],
      ["Gamma", 2, { percent: 0 }],
    ],
  };
  const first = (t: ReportTable) => t.rows.map((r) => r[0]);
  it("orders by numbers or text either way, keeps ties in the report's order and empty cells last", () => {
    expect(first(sortTable(table, { column: 1, dir: "desc" }))).toEqual(["alpha", "Beta", "Gamma"]);
    expect(first(sortTable(table, { column: 1, dir: "asc" }))).toEqual(["Beta", "Gamma", "alpha"]);
    expect(first(sortTable(table, { column: 0, dir: "asc" }))).toEqual(["alpha", "Beta", "Gamma"]);
    expect(first(sortTable(table, { column: 2, dir: "asc" }))).toEqual(["Gamma", "alpha", "Beta"]);
    expect(first(sortTable(table, { column: 2, dir: "desc" }))).toEqual(["alpha", "Gamma", "Beta"]);
  });
  it("leaves tables that are not sortable, and columns that do not exist, as they are", () => {
    expect(sortTable({ ...table, sortable: false }, { column: 1, dir: "asc" })).toEqual({ ...table, sortable: false });
    expect(sortTable(table, { column: 9, dir: "asc" })).toBe(table);
    expect(sortTable(table, null)).toBe(table);
  });
});
