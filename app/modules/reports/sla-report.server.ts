import type { ReportFilters } from "./filters";
import { bucketsBetween } from "./filters";
import { Params, num, rows, ticketFilterSql } from "./sql.server";
import { percent, percentileOfHistogram } from "./stats";
import type { Cell, ReportResult, ReportTable } from "./tables";

export const SLA_CLOCKS = ["first_response", "next_response", "resolution"] as const;
type Clock = (typeof SLA_CLOCKS)[number];

export type SlaLine = { clock: Clock; settled: number; met: number; compliance: number | null; median: number | null; p90: number | null };

type Row = {
  dim: string;
  key: string | null;
  clock: Clock;
  /** Business minutes of the fulfilled cycles counted in this row; null for the open breached ones. */
  minutes: number | string | null;
  settled: number | string;
  met: number | string;
};

/**
 * SLA compliance and response times from the sla_cycles summary table: cycles settled in the
 * period (fulfilled, or breached while open), by clock and by priority, plan, product,
 * engineer and week/month — one index-only scan with grouping sets (the ticket's dimensions
 * are copied onto its cycles, so no join with tickets). Compliance = met / settled; median
 * and p90 are of the business minutes of fulfilled cycles, as percentile_cont defines them.
 *
 * Each grouping set also groups by those minutes: the database then builds hash tables in one
 * pass instead of sorting the period's cycles once per grouping set (an ordered-set aggregate
 * forces the sorts, 2–3× slower over 12 months), and the percentiles come exactly from the
 * resulting histogram of counts per minute value (`percentileOfHistogram`).
 */
export async function slaFigures(filters: ReportFilters) {
  const p = new Params();
  const from = p.add(filters.from.toISOString());
  const to = p.add(filters.to.toISOString());
  const zone = p.add(filters.timeZone);
  // The bucket as a local timestamp (cheaper per row than formatting it); formatted per group.
  const bucket = `date_trunc('${filters.groupBy}', c.settled_at at time zone ${zone}::text)`;
  const minutes = "(case when c.fulfilled_at is not null then c.elapsed_minutes end)";
  const where = ticketFilterSql("c", filters, p);
  const text = `
    select
      case when grouping(c.priority) = 0 then 'priority' when grouping(c.plan_id) = 0 then 'plan'
           when grouping(c.product_id) = 0 then 'product' when grouping(c.assignee_id) = 0 then 'engineer'
           when grouping(${bucket}) = 0 then 'bucket' else 'all' end as dim,
      coalesce(c.priority::text, c.plan_id::text, c.product_id::text, c.assignee_id::text, to_char(${bucket}, 'YYYY-MM-DD')) as key,
      c.clock::text as clock,
      ${minutes} as minutes,
      count(*)::int as settled,
      (count(*) filter (where not c.breached))::int as met
    from sla_cycles c
    where c.settled_at >= ${from}::timestamptz and c.settled_at < ${to}::timestamptz${where}
    group by grouping sets ((c.clock, ${minutes}), (c.clock, c.priority, ${minutes}), (c.clock, c.plan_id, ${minutes}),
      (c.clock, c.product_id, ${minutes}), (c.clock, c.assignee_id, ${minutes}), (c.clock, ${bucket}, ${minutes}))`;
  const result = await rows<Row>(text, p, { analytic: true });
  const groups = new Map<string, { dim: string; key: string | null; clock: Clock; settled: number; met: number; histogram: Array<[number, number]> }>();
  for (const r of result) {
    const id = `${r.dim}|${r.key ?? ""}|${r.clock}`;
    let group = groups.get(id);
    if (!group) groups.set(id, (group = { dim: r.dim, key: r.key, clock: r.clock, settled: 0, met: 0, histogram: [] }));
    group.settled += num(r.settled);
    group.met += num(r.met);
    if (r.minutes !== null) group.histogram.push([num(r.minutes), num(r.settled)]);
  }
  return [...groups.values()].map((g) => ({
    dim: g.dim,
    key: g.key,
    line: {
      clock: g.clock,
      settled: g.settled,
      met: g.met,
      compliance: percent(g.met, g.settled),
      median: percentileOfHistogram(g.histogram, 0.5),
      p90: percentileOfHistogram(g.histogram, 0.9),
    } satisfies SlaLine,
  }));
}

export type SlaFigures = Awaited<ReturnType<typeof slaFigures>>;

const lineCells = (l: SlaLine): Cell[] => [l.settled, l.met, { percent: l.compliance }, { minutes: l.median }, { minutes: l.p90 }];
const LINE_COLUMNS = ["reports.settled", "reports.met", "reports.compliance", "reports.median", "reports.p90"];

export function slaReport(figures: SlaFigures, names: { plans: Map<string, string>; products: Map<string, string>; engineers: Map<string, string> }, filters: ReportFilters, text: (key: string) => string): ReportResult {
  const clockName = (c: Clock) => text(`reports.clock.${c}`);
  const table = (name: string, title: string, dim: string, keyColumn: string | null, label: (key: string | null) => string, order?: (a: string | null, b: string | null) => number): ReportTable => {
    const lines = figures.filter((f) => f.dim === dim);
    const keys = [...new Set(lines.map((l) => l.key))];
    if (order) keys.sort(order);
    else keys.sort((a, b) => label(a).localeCompare(label(b)));
    const out: Cell[][] = [];
    for (const key of keys)
      for (const clock of SLA_CLOCKS) {
        const line = lines.find((l) => l.key === key && l.line.clock === clock);
        if (line) out.push([...(keyColumn ? [label(key)] : []), clockName(clock), ...lineCells(line.line)]);
      }
    return { name, title, columns: [...(keyColumn ? [keyColumn] : []), "reports.clock", ...LINE_COLUMNS], rows: out };
  };
  const priorities = ["urgent", "high", "normal", "low"];
  const buckets = bucketsBetween(filters.from, filters.to, filters.groupBy, filters.timeZone);
  const trend = figures.filter((f) => f.dim === "bucket");
  return {
    tables: [
      table("overall", "reports.sla.overall", "all", null, () => ""),
      table("priority", "reports.sla.byPriority", "priority", "reports.priority", (k) => text(`ticket.priority.${k}`), (a, b) => priorities.indexOf(a!) - priorities.indexOf(b!)),
      table("plan", "reports.sla.byPlan", "plan", "reports.plan", (k) => names.plans.get(k ?? "") ?? "—"),
      table("product", "reports.sla.byProduct", "product", "reports.product", (k) => (k ? names.products.get(k) ?? "—" : text("reports.noProduct"))),
      table("engineer", "reports.sla.byEngineer", "engineer", "reports.engineer", (k) => (k ? names.engineers.get(k) ?? "—" : text("reports.unassigned"))),
      {
        ...table("trend", "reports.sla.trend", "bucket", "reports.periodStart", (k) => k ?? "", (a, b) => (a ?? "").localeCompare(b ?? "")),
      },
    ],
    charts: [
      {
        title: "reports.sla.trendChart",
        kind: "lines",
        unit: "percent",
        labels: buckets,
        series: SLA_CLOCKS.filter((clock) => trend.some((f) => f.line.clock === clock)).map((clock) => ({
          label: clockName(clock),
          values: buckets.map((b) => trend.find((f) => f.key === b && f.line.clock === clock)?.line.compliance ?? null),
        })),
      },
    ],
  };
}
