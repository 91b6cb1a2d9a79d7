/**
 * A small horizontal bar chart as inline SVG — no chart library. The numbers are in the
 * table beside it; the chart is labelled as an image with a title for screen readers.
 */
export type Bar = { label: string; value: number; display?: string };

export function BarChart({ title, bars, max, width = 640 }: { title: string; bars: Bar[]; max?: number; width?: number }) {
  const rowHeight = 26;
  const labelWidth = 290;
  const valueWidth = 56;
  const plotWidth = width - labelWidth - valueWidth;
  const top = Math.max(max ?? 0, ...bars.map((b) => b.value), 1);
  const height = bars.length * rowHeight + 4;
  return (
    <svg className="bar-chart" role="img" aria-label={title} viewBox={`0 0 ${width} ${height}`} width="100%" style={{ maxWidth: width }}>
      <title>{title}</title>
      {bars.map((bar, i) => {
        const y = i * rowHeight + 2;
        const w = Math.max(0, (bar.value / top) * plotWidth);
        return (
          <g key={`${bar.label}-${i}`}>
            <text x={labelWidth - 8} y={y + rowHeight / 2 + 4} textAnchor="end" fontSize="12" fill="currentColor">
              {bar.label.length > 44 ? `${bar.label.slice(0, 43)}…` : bar.label}
            </text>
            <rect x={labelWidth} y={y + 4} width={w} height={rowHeight - 8} rx="2" fill="#1f5fbf" />
            <text x={labelWidth + w + 6} y={y + rowHeight / 2 + 4} fontSize="12" fill="currentColor">
              {bar.display ?? String(bar.value)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
