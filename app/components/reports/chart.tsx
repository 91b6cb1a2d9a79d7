/**
 * Report charts as server-rendered inline SVG (docs/decisions/070-report-charts.md): no chart
 * library and no JavaScript. Each chart is an image with a title (`role="img"`, `<title>`,
 * `aria-label`); the numbers are always in the table beside it. Colours come from CSS custom
 * properties (reports.css) chosen to read on light and dark backgrounds and in print; series are
 * also told apart by dash patterns and markers, never by colour alone.
 */
import type { ReportChart } from "~/modules/reports/tables";

const WIDTH = 720;
const PALETTE = 4;
const DASHES = ["", "6 4", "2 3", "10 3 2 3"];

function niceMax(value: number, unit?: ReportChart["unit"]): number {
  if (unit === "percent") return 100;
  if (value <= 0) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  const steps = [1, 2, 2.5, 5, 10];
  return steps.map((s) => s * magnitude).find((s) => s >= value) ?? value;
}

const format = (value: number, unit?: ReportChart["unit"]) => (unit === "percent" ? `${Math.round(value * 10) / 10} %` : String(Math.round(value * 10) / 10));

function shortLabel(label: string): string {
  // ISO dates (bucket starts) read shorter as "03-09".
  if (/^\d{4}-\d{2}-\d{2}$/.test(label)) return label.slice(5);
  return label.length > 28 ? `${label.slice(0, 27)}…` : label;
}

export function ReportChartView({ chart, title }: { chart: ReportChart; title: string }) {
  const values = chart.series.flatMap((s) => s.values).filter((v): v is number => v !== null);
  if (values.length === 0 || chart.labels.length === 0) return null;
  if (chart.kind === "bars") return <Bars chart={chart} title={title} />;
  const top = niceMax(Math.max(...values), chart.unit);
  const left = 48;
  const right = 16;
  const topPad = 12;
  const plotHeight = 200;
  const bottom = 48;
  const height = topPad + plotHeight + bottom + (chart.series.length > 1 ? 22 : 0);
  const plotWidth = WIDTH - left - right;
  const step = plotWidth / chart.labels.length;
  const y = (v: number) => topPad + plotHeight - (v / top) * plotHeight;
  const x = (i: number) => left + step * i + step / 2;
  const labelEvery = Math.ceil(chart.labels.length / 12);
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => f * top);
  return (
    <figure className="report-chart">
      <svg role="img" aria-label={title} viewBox={`0 0 ${WIDTH} ${height}`} width="100%" preserveAspectRatio="xMinYMin meet">
        <title>{title}</title>
        {ticks.map((t) => (
          <g key={t} className="chart-grid">
            <line x1={left} x2={WIDTH - right} y1={y(t)} y2={y(t)} />
            <text x={left - 6} y={y(t) + 4} textAnchor="end">
              {format(t, chart.unit)}
            </text>
          </g>
        ))}
        {chart.labels.map((label, i) =>
          i % labelEvery === 0 ? (
            <text key={`l${i}`} className="chart-label" x={x(i)} y={topPad + plotHeight + 16} textAnchor="middle">
              {shortLabel(label)}
            </text>
          ) : null,
        )}
        {chart.kind === "columns"
          ? chart.series.map((series, s) =>
              series.values.map((v, i) => {
                if (v === null) return null;
                const w = (step * 0.7) / chart.series.length;
                const bx = x(i) - (step * 0.7) / 2 + s * w;
                return (
                  <rect key={`${s}-${i}`} className={`chart-fill-${s % PALETTE}`} x={bx} y={y(v)} width={Math.max(1, w - 1)} height={Math.max(0, topPad + plotHeight - y(v))}>
                    <title>{`${chart.labels[i]}: ${format(v, chart.unit)}`}</title>
                  </rect>
                );
              }),
            )
          : chart.series.map((series, s) => {
              const points = series.values.map((v, i) => (v === null ? null : `${x(i).toFixed(1)},${y(v).toFixed(1)}`));
              const segments: string[][] = [[]];
              for (const p of points) {
                if (p === null) segments.push([]);
                else segments[segments.length - 1]!.push(p);
              }
              return (
                <g key={s} className={`chart-line-${s % PALETTE}`}>
                  {segments
                    .filter((seg) => seg.length > 0)
                    .map((seg, k) => (
                      <polyline key={k} points={seg.join(" ")} fill="none" strokeWidth="2.5" strokeDasharray={DASHES[s % DASHES.length]} />
                    ))}
                  {series.values.map((v, i) =>
                    v === null ? null : (
                      <circle key={i} cx={x(i)} cy={y(v)} r={s % 2 === 0 ? 3.5 : 0} className={`chart-fill-${s % PALETTE}`}>
                        <title>{`${series.label}, ${chart.labels[i]}: ${format(v, chart.unit)}`}</title>
                      </circle>
                    ),
                  )}
                  {s % 2 === 1
                    ? series.values.map((v, i) => (v === null ? null : <rect key={`m${i}`} x={x(i) - 3.5} y={y(v) - 3.5} width="7" height="7" className={`chart-fill-${s % PALETTE}`} />))
                    : null}
                </g>
              );
            })}
        {chart.series.length > 1
          ? chart.series.map((series, s) => (
              <g key={`legend-${s}`} transform={`translate(${left + s * 180}, ${topPad + plotHeight + 36})`} className={`chart-line-${s % PALETTE}`}>
                <line x1="0" x2="24" y1="0" y2="0" strokeWidth="2.5" strokeDasharray={DASHES[s % DASHES.length]} />
                <text className="chart-label" x="30" y="4">
                  {series.label}
                </text>
              </g>
            ))
          : null}
      </svg>
    </figure>
  );
}

function Bars({ chart, title }: { chart: ReportChart; title: string }) {
  const series = chart.series[0]!;
  const rowHeight = 26;
  const labelWidth = 260;
  const valueWidth = 70;
  const plotWidth = WIDTH - labelWidth - valueWidth;
  const top = niceMax(Math.max(...series.values.map((v) => v ?? 0)), chart.unit);
  const height = chart.labels.length * rowHeight + 4;
  return (
    <figure className="report-chart">
      <svg role="img" aria-label={title} viewBox={`0 0 ${WIDTH} ${height}`} width="100%" preserveAspectRatio="xMinYMin meet">
        <title>{title}</title>
        {chart.labels.map((label, i) => {
          const v = series.values[i] ?? 0;
          const w = Math.max(0, (v / top) * plotWidth);
          const y = i * rowHeight + 2;
          return (
            <g key={`${label}-${i}`}>
              <text className="chart-label" x={labelWidth - 8} y={y + rowHeight / 2 + 4} textAnchor="end">
                {shortLabel(label)}
              </text>
              <rect className="chart-fill-0" x={labelWidth} y={y + 4} width={w} height={rowHeight - 8} rx="2" />
              <text className="chart-label" x={labelWidth + w + 6} y={y + rowHeight / 2 + 4}>
                {format(v, chart.unit)}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
