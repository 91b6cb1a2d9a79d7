import { describe, expect, it } from "vitest";
import { aggregateRatings, canReview, reviewSchema, shouldOfferComplaintFirst } from "./review";

const story = (s: string) => s.padEnd(20, ".");
const valid = {
  before: story("Licences in a spreadsheet"),
  why: story("Needed audit trail"),
  after: story("Activation in minutes"),
  metrics: [{ label: "Activation time", before: "2 days", after: "5 min" }],
  support: "",
  productRating: "5",
  supportRating: "4",
  showOrganisation: "on",
};

describe("reviewSchema", () => {
  it("parses form input", () => {
    expect(reviewSchema.parse(valid)).toEqual({ ...valid, productRating: 5, supportRating: 4, showOrganisation: true });
  });

  it.each([
    { name: "checkbox absent → hidden", change: { showOrganisation: undefined }, field: "showOrganisation", expected: false },
    { name: "boolean false", change: { showOrganisation: false }, field: "showOrganisation", expected: false },
    { name: "boolean true", change: { showOrganisation: true }, field: "showOrganisation", expected: true },
    { name: "metrics absent", change: { metrics: undefined }, field: "metrics", expected: [] },
    {
      name: "blank spare rows dropped",
      change: { metrics: [{ label: "", before: " ", after: "" }, { label: "Tickets", before: "40", after: "12" }, {}] },
      field: "metrics",
      expected: [{ label: "Tickets", before: "40", after: "12" }],
    },
    {
      name: "10 metric rows",
      change: { metrics: Array.from({ length: 10 }, (_, i) => ({ label: `m${i}`, before: "1", after: "2" })) },
      field: "metrics",
      expected: Array.from({ length: 10 }, (_, i) => ({ label: `m${i}`, before: "1", after: "2" })),
    },
    { name: "support text absent", change: { support: undefined }, field: "support", expected: "" },
    { name: "5000-char support text", change: { support: "x".repeat(5000) }, field: "support", expected: "x".repeat(5000) },
    { name: "texts trimmed", change: { before: `  ${"x".repeat(20)}  ` }, field: "before", expected: "x".repeat(20) },
  ])("accepts $name", ({ change, field, expected }) => {
    expect(reviewSchema.parse({ ...valid, ...change })[field as keyof typeof valid]).toEqual(expected);
  });

  it.each([
    { name: "before under 20 chars", change: { before: "x".repeat(19) } },
    { name: "why under 20 chars after trim", change: { why: ` ${"x".repeat(19)} ` } },
    { name: "after over 5000 chars", change: { after: "x".repeat(5001) } },
    { name: "support over 5000 chars", change: { support: "x".repeat(5001) } },
    { name: "11 metric rows", change: { metrics: Array.from({ length: 11 }, () => ({ label: "m", before: "1", after: "2" })) } },
    { name: "metric row without after", change: { metrics: [{ label: "Tickets", before: "40", after: "" }] } },
    { name: "metric row without label", change: { metrics: [{ before: "40", after: "12" }] } },
    { name: "metric label over 100", change: { metrics: [{ label: "x".repeat(101), before: "1", after: "2" }] } },
    { name: "metric value over 100", change: { metrics: [{ label: "m", before: "1", after: "x".repeat(101) }] } },
    { name: "product rating 0", change: { productRating: 0 } },
    { name: "support rating 6", change: { supportRating: 6 } },
    { name: "empty rating", change: { productRating: "" } },
    { name: "fractional rating", change: { supportRating: 4.5 } },
    { name: "odd checkbox value", change: { showOrganisation: "yes please" } },
  ])("rejects $name", ({ change }) => {
    expect(reviewSchema.safeParse({ ...valid, ...change }).success).toBe(false);
  });
});

describe("canReview", () => {
  it.each([true, false])("activated licence %s", (hasActivatedLicenceForProduct) => {
    expect(canReview({ hasActivatedLicenceForProduct })).toBe(hasActivatedLicenceForProduct);
  });
});

describe("shouldOfferComplaintFirst", () => {
  it.each([
    [1, true],
    [2, true],
    [3, false],
    [5, false],
  ])("support rating %i → %s", (rating, expected) => {
    expect(shouldOfferComplaintFirst(rating)).toBe(expected);
  });
});

describe("aggregateRatings", () => {
  const r = (productRating: number, supportRating: number) => ({ productRating, supportRating });

  it.each([
    {
      name: "no reviews",
      reviews: [],
      expected: { count: 0, averageProduct: null, averageSupport: null, distribution: { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 }, supportDistribution: { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 } },
    },
    {
      name: "one review",
      reviews: [r(4, 2)],
      expected: { count: 1, averageProduct: 4, averageSupport: 2, distribution: { 1: 0, 2: 0, 3: 0, 4: 1, 5: 0 }, supportDistribution: { 1: 0, 2: 1, 3: 0, 4: 0, 5: 0 } },
    },
    {
      name: "half rounds up (4.25 → 4.3, 1.75 → 1.8)",
      reviews: [r(5, 1), r(4, 2), r(4, 2), r(4, 2)],
      expected: { count: 4, averageProduct: 4.3, averageSupport: 1.8, distribution: { 1: 0, 2: 0, 3: 0, 4: 3, 5: 1 }, supportDistribution: { 1: 1, 2: 3, 3: 0, 4: 0, 5: 0 } },
    },
    {
      name: "thirds (4.333 → 4.3, 3.667 → 3.7)",
      reviews: [r(5, 5), r(4, 3), r(4, 3)],
      expected: { count: 3, averageProduct: 4.3, averageSupport: 3.7, distribution: { 1: 0, 2: 0, 3: 0, 4: 2, 5: 1 }, supportDistribution: { 1: 0, 2: 0, 3: 2, 4: 0, 5: 1 } },
    },
  ])("$name", ({ reviews, expected }) => {
    expect(aggregateRatings(reviews)).toEqual(expected);
  });

  it("rounds 4.05 up exactly (float-safe)", () => {
    const reviews = [...Array.from({ length: 19 }, () => r(4, 4)), r(5, 5)]; // 81 / 20 = 4.05
    expect(aggregateRatings(reviews).averageProduct).toBe(4.1);
  });

  it.each([r(0, 3), r(3, 6), r(3.5, 3)])("rejects out-of-range rating %o", (review) => {
    expect(() => aggregateRatings([review])).toThrow(RangeError);
  });
});
