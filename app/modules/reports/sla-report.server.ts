import type { ReportFilters } from "./filters";
import { bucketsBetween } from "./filters";
import { Params, bucketSql, num, numOrNull, rows, ticketFilterSql } from "./sql.server";
import { percent } from "./stats";
import type { Cell, ReportResult, ReportTable } from "./tables";

export const SLA_CLOCKS = ["first_response", "next_response", "resolution"] as const;
type Clock = (typeof SLA_CLOCKS)[number];

export type SlaLine = { clock: Clock; settled: number; met: number; compliance: number | null; median: number | null; p90: number | null };

type Row = {
  dim: string;
  key: string | null;
  label: string | null;
  clock: Clock;
  settled: number | string;
  met: number | string;
  percentiles: Array<number | string> | null;
};

/**
 * SLA compliance and response times from the sla_cycles summary table: cycles settled in the
 * period (fulfilled, or breached while open), by clock and by priority, plan, product,
 * engineer and week/month — one index-only scan with grouping sets (the ticket's dimensions
 * are copied onto its cycles, so no join with tickets). Compliance = met / settled; median
 * and p90 are of the business minutes of fulfilled cycles (percentile_cont).
 */
export async function slaFigures(filters: ReportFilters) {
  const p = new Params();
  const from = p.add(filters.from.toISOString());
  const to = p.add(filters.to.toISOString());
  const bucket = bucketSql("c.settled_at", filters, p);
  const where = ticketFilterSql("c", filters, p);
  const text = `
    select
      case when grouping(c.priority) = 0 then 'priority' when grouping(c.plan_id) = 0 then 'plan'
           when grouping(c.product_id) = 0 then 'product' when grouping(c.assignee_id) = 0 then 'engineer'
           when grouping(${bucket}) = 0 then 'bucket' else 'all' end as dim,
      coalesce(c.priority::text, c.plan_id::text, c.product_id::text, c.assignee_id::text, ${bucket}) as key,
      c.clock::text as clock,
      count(*)::int as settled,
      (count(*) filter (where not c.breached))::int as met,
      -- One ordered-set aggregate for both percentiles: one sort per group instead of two.
      percentile_cont(array[0.5, 0.9]::float8[]) within group (order by c.elapsed_minutes) filter (where c.fulfilled_at is not null) as percentiles
    from sla_cycles c
    where c.settled_at >= ${from}::timestamptz and c.settled_at < ${to}::timestamptz${where}
    group by grouping sets ((c.clock), (c.clock, c.priority), (c.clock, c.plan_id), (c.clock, c.product_id), (c.clock, c.assignee_id), (c.clock, ${bucket}))`;
  const result = await rows<Omit<Row, "label">>(text, p, { analytic: true });
  return result.map((r) => ({
    dim: r.dim,
    key: r.key,
    line: {
      clock: r.clock,
      settled: num(r.settled),
      met: num(r.met),
      compliance: percent(num(r.met), num(r.settled)),
      median: numOrNull(r.percentiles?.[0]),
      p90: numOrNull(r.percentiles?.[1]),
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
