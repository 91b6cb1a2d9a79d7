/**
 * Before → after averages of the reviews' metric rows ("order processing: 2 days → 2 hours").
 * The rows are free text typed by customers, so a value is averaged only when it reads as a
 * number with a unit we can compare: durations (converted to hours: a day is 24 hours, a week
 * 7 days, a month 30 days), percentages, plain numbers, or the same other unit word on both
 * sides ("120 orders → 300 orders"). Anything else ("manual → automatic", "2–3 days", "less
 * than an hour") is counted as a text answer and not averaged. Pure.
 */

/** How a value is measured: hours (any duration), percent, a plain number, or `=<unit word>`. */
export type MetricUnit = "hours" | "percent" | "number" | `=${string}`;
export type MetricValue = { value: number; unit: MetricUnit };

const HOURS_PER: Array<[RegExp, number]> = [
  [/^(s|sec|secs|second|seconds|с|сек|секунд[аы]?|секунду)$/, 1 / 3600],
  [/^(min|mins|minute|minutes|мин|минут[аы]?|минуту)$/, 1 / 60],
  [/^(h|hr|hrs|hour|hours|ч|час|часа|часов)$/, 1],
  [/^(d|day|days|дн|день|дня|дней|сутки|суток)$/, 24],
  [/^(wk|wks|week|weeks|нед|неделя|недели|недель|неделю)$/, 24 * 7],
  [/^(mo|month|months|мес|месяц|месяца|месяцев)$/, 24 * 30],
];
const PERCENT = /^(%|percent|per cent|процент|процента|процентов)$/;
const NUMBER = /^[~≈]?\s*([+-]?\d{1,3}(?:[ \u00a0\u202f]\d{3})+|[+-]?\d+)(?:([.,])(\d+))?\s*(.*)$/u;

/** Reads one cell ("2 дня", "15 %", "1 200", "3,5 h"); null when it is not a comparable number. */
export function parseMetricValue(text: string): MetricValue | null {
  const match = NUMBER.exec(text.trim().toLowerCase());
  if (!match) return null;
  const [, whole, separator, fraction, rest] = match as unknown as [string, string, string | undefined, string | undefined, string];
  let digits = whole.replace(/[ \u00a0\u202f]/g, "");
  // "1,200" is a thousands separator; "1,5" and "1.25" are decimals.
  if (separator === "," && fraction?.length === 3 && !/[ \u00a0\u202f]/.test(whole)) digits += fraction;
  else if (fraction !== undefined) digits += `.${fraction}`;
  const value = Number(digits);
  const unitWord = rest.trim().replace(/\.$/, "").replace(/\s+/g, " ");
  if (!Number.isFinite(value) || /\d/.test(unitWord) || /^[-–—/]/.test(unitWord)) return null;
  if (unitWord === "") return { value, unit: "number" };
  if (PERCENT.test(unitWord)) return { value, unit: "percent" };
  for (const [pattern, hours] of HOURS_PER) if (pattern.test(unitWord)) return { value: value * hours, unit: "hours" };
  return { value, unit: `=${unitWord}` };
}

export type MetricAnswer = { productId: string; productName: string; label: string; before: string; after: string };

export type MetricAverageLine = {
  productId: string;
  productName: string;
  /** The question as most reviewers wrote it. */
  question: string;
  /** Every answer to the question. */
  answers: number;
  /** Answers whose before and after are both numbers in the averaged unit. */
  averaged: number;
  /** Null when no answer is numeric: the question is shown with its answers' count and an example only. */
  unit: MetricUnit | null;
  averageBefore: number | null;
  averageAfter: number | null;
  /** (after − before) / before, in percent, one decimal; null when before averages 0. */
  changePercent: number | null;
  /** The last answer as written, "before → after". */
  example: string;
};

const round2 = (n: number) => Math.round(n * 100) / 100;
const questionKey = (label: string) => label.trim().replace(/\s+/g, " ").toLowerCase();

/**
 * Groups metric rows by product and question (labels compared without case and extra spaces)
 * and averages the numeric answers. When a question's numeric answers use different kinds of
 * unit, the kind most answers use is averaged and the others count as not averaged.
 */
export function metricAverages(answers: readonly MetricAnswer[]): MetricAverageLine[] {
  const groups = new Map<string, MetricAnswer[]>();
  for (const a of answers) {
    if (!questionKey(a.label)) continue;
    const key = `${a.productId}\u0000${questionKey(a.label)}`;
    groups.set(key, [...(groups.get(key) ?? []), a]);
  }
  const lines = [...groups.values()].map((list): MetricAverageLine => {
    const pairs = list.map((a) => ({ before: parseMetricValue(a.before), after: parseMetricValue(a.after) }));
    const units = new Map<MetricUnit, number>();
    for (const p of pairs) if (p.before && p.after && p.before.unit === p.after.unit) units.set(p.before.unit, (units.get(p.before.unit) ?? 0) + 1);
    const unit = [...units.entries()].sort(([a, n], [b, m]) => m - n || a.localeCompare(b))[0]?.[0] ?? null;
    const numeric = pairs.filter((p) => unit !== null && p.before?.unit === unit && p.after?.unit === unit);
    const mean = (values: number[]) => (values.length ? values.reduce((s, v) => s + v, 0) / values.length : null);
    const before = mean(numeric.map((p) => p.before!.value));
    const after = mean(numeric.map((p) => p.after!.value));
    const spellings = new Map<string, number>();
    for (const a of list) spellings.set(a.label.trim().replace(/\s+/g, " "), (spellings.get(a.label.trim().replace(/\s+/g, " ")) ?? 0) + 1);
    const last = list.at(-1)!;
    return {
      productId: list[0]!.productId,
      productName: list[0]!.productName,
      question: [...spellings.entries()].sort(([a, n], [b, m]) => m - n || a.localeCompare(b))[0]![0],
      answers: list.length,
      averaged: numeric.length,
      unit,
      averageBefore: before === null ? null : round2(before),
      averageAfter: after === null ? null : round2(after),
      changePercent: before === null || after === null || before === 0 ? null : Math.round(((after - before) / before) * 1000) / 10,
      example: `${last.before.trim()} → ${last.after.trim()}`,
    };
  });
  return lines.sort((a, b) => a.productName.localeCompare(b.productName) || a.question.localeCompare(b.question));
}
