import { describe, expect, it } from "vitest";
import { reviewSchema } from "./review";
import { metricRowsForForm, reviewInputFromEntries } from "./review-form";

const story = "A story that is long enough to pass.";

describe("review form", () => {
  it("collects metric rows in order and parses with the review schema", () => {
    const input = reviewInputFromEntries([
      ["before", story],
      ["why", story],
      ["after", story],
      ["metrics.1.label", "Orders per day"],
      ["metrics.1.before", "40"],
      ["metrics.1.after", "90"],
      ["metrics.0.label", "Order processing"],
      ["metrics.0.before", "2 days"],
      ["metrics.0.after", "2 hours"],
      ["metrics.2.label", ""],
      ["metrics.2.before", ""],
      ["metrics.2.after", ""],
      ["productRating", "5"],
      ["supportRating", "4"],
      ["showOrganisation", "on"],
      ["intent", "ignored"],
    ]);
    const parsed = reviewSchema.parse(input);
    expect(parsed.metrics).toEqual([
      { label: "Order processing", before: "2 days", after: "2 hours" },
      { label: "Orders per day", before: "40", after: "90" },
    ]);
    expect(parsed).toMatchObject({ productRating: 5, supportRating: 4, showOrganisation: true, support: "" });
  });

  it("keeps a half-filled row so the schema reports it", () => {
    const input = reviewInputFromEntries([["metrics.0.label", "Speed"]]);
    expect(input.metrics).toEqual([{ label: "Speed", before: "", after: "" }]);
    const result = reviewSchema.safeParse({ ...input, before: story, why: story, after: story, productRating: 5, supportRating: 5 });
    expect(result.success).toBe(false);
  });

  it("ignores indexes far beyond the row limit and non-string values", () => {
    const input = reviewInputFromEntries([["metrics.99.label", "x"], ["before", new Blob()]]);
    expect(input.metrics).toEqual([]);
    expect(input.before).toBeUndefined();
  });

  it("offers spare rows, at least three in all", () => {
    expect(metricRowsForForm([])).toHaveLength(3);
    expect(metricRowsForForm([{ label: "a", before: "1", after: "2" }])).toHaveLength(3);
    expect(metricRowsForForm(Array.from({ length: 5 }, () => ({ label: "a", before: "1", after: "2" })))).toHaveLength(6);
    expect(metricRowsForForm(Array.from({ length: 10 }, () => ({ label: "a", before: "1", after: "2" })))).toHaveLength(10);
  });
});
