import { z } from "zod";
import { MAX_METRIC_ROWS, reviewSchema } from "./review";

/**
 * Turns a posted review form into the shape `reviewSchema` parses: metric rows arrive as
 * `metrics.0.label`, `metrics.0.before`, `metrics.0.after`… (the form renders a few spare
 * rows; the schema drops blank ones). Pure: takes the form's entries.
 */
export function reviewInputFromEntries(entries: Iterable<[string, unknown]>): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  const rows = new Map<number, Record<string, string>>();
  for (const [key, value] of entries) {
    if (typeof value !== "string") continue;
    const metric = /^metrics\.(\d{1,2})\.(label|before|after)$/.exec(key);
    if (metric) {
      const index = Number(metric[1]);
      if (index >= MAX_METRIC_ROWS * 2) continue;
      rows.set(index, { ...(rows.get(index) ?? {}), [metric[2]!]: value });
      continue;
    }
    if (["before", "why", "after", "support", "productRating", "supportRating", "showOrganisation"].includes(key)) input[key] = value;
  }
  input.metrics = [...rows.entries()].sort(([a], [b]) => a - b).map(([, row]) => ({ label: row.label ?? "", before: row.before ?? "", after: row.after ?? "" }));
  return input;
}

/** Spare empty rows the form shows below the filled ones (at least 3 rows in all). */
export function metricRowsForForm(filled: ReadonlyArray<{ label: string; before: string; after: string }>): Array<{ label: string; before: string; after: string }> {
  const spare = Math.max(1, 3 - filled.length);
  const rows = [...filled, ...Array.from({ length: spare }, () => ({ label: "", before: "", after: "" }))];
  return rows.slice(0, MAX_METRIC_ROWS);
}

/**
 * The review form as its action checks it: the posted fields gathered by `reviewInputFromEntries`,
 * then `reviewSchema`. One schema for `parseForm` in the action and for the browser's check.
 */
export const reviewFormSchema = z.preprocess(
  (raw) => reviewInputFromEntries(Object.entries(raw && typeof raw === "object" ? (raw as Record<string, unknown>) : {})),
  reviewSchema,
);

/** The names a metric row's error may be reported under (rows are numbered after blank ones are dropped). */
export const METRIC_ERROR_NAMES: readonly string[] = [
  "metrics",
  ...Array.from({ length: MAX_METRIC_ROWS * 2 }, (_, i) => [`metrics.${i}`, `metrics.${i}.label`, `metrics.${i}.before`, `metrics.${i}.after`]).flat(),
];
