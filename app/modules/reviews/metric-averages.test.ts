import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { metricAverages, parseMetricValue } from "./metric-averages";

describe("parseMetricValue", () => {
  it.each([
    ["2 days", { value: 48, unit: "hours" }],
    ["2 дня", { value: 48, unit: "hours" }],
    ["2 часа", { value: 2, unit: "hours" }],
    ["30 min", { value: 0.5, unit: "hours" }],
    ["1,5 ч", { value: 1.5, unit: "hours" }],
    ["1 week", { value: 168, unit: "hours" }],
    ["15%", { value: 15, unit: "percent" }],
    ["15 процентов", { value: 15, unit: "percent" }],
    ["1 200", { value: 1200, unit: "number" }],
    ["1,200", { value: 1200, unit: "number" }],
    ["0.75", { value: 0.75, unit: "number" }],
    ["~40", { value: 40, unit: "number" }],
    ["120 orders", { value: 120, unit: "=orders" }],
    ["5 000 ₽", { value: 5000, unit: "=₽" }],
  ])("%s", (text, expected) => {
    expect(parseMetricValue(text)).toEqual(expected);
  });

  it.each(["manual", "2–3 days", "2-3 дня", "less than an hour", "", "x2", "24/7"])("%s is text", (text) => {
    expect(parseMetricValue(text)).toBeNull();
  });

  it("reads any whole number of a duration unit as hours", () => {
    const units: Array<[string, number]> = [["minutes", 1 / 60], ["hours", 1], ["дней", 24], ["недели", 168], ["месяца", 720]];
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 999 }), fc.constantFrom(...units), (n, [word, hours]) => {
        expect(parseMetricValue(`${n} ${word}`)).toEqual({ value: n * hours, unit: "hours" });
      }),
    );
  });
});

describe("metricAverages", () => {
  const a = (label: string, before: string, after: string, productId = "p1", productName = "Exchange") => ({ productId, productName, label, before, after });

  it("averages numeric answers per product and question, in one unit, and keeps text questions with their count", () => {
    const lines = metricAverages([
      a("Order processing", "2 days", "2 hours"),
      a("order  processing ", "1 day", "4 hours"),
      a("Order processing", "manual", "automatic"),
      a("Manual work", "by hand", "none"),
      a("Errors per month", "10", "2", "p2", "Backup"),
      a("Errors per month", "20%", "5%", "p2", "Backup"),
      a("Errors per month", "30", "4", "p2", "Backup"),
    ]);
    expect(lines).toEqual([
      { productId: "p2", productName: "Backup", question: "Errors per month", answers: 3, averaged: 2, unit: "number", averageBefore: 20, averageAfter: 3, changePercent: -85, example: "30 → 4" },
      { productId: "p1", productName: "Exchange", question: "Manual work", answers: 1, averaged: 0, unit: null, averageBefore: null, averageAfter: null, changePercent: null, example: "by hand → none" },
      { productId: "p1", productName: "Exchange", question: "Order processing", answers: 3, averaged: 2, unit: "hours", averageBefore: 36, averageAfter: 3, changePercent: -91.7, example: "manual → automatic" },
    ]);
  });

  it("does not average a before and an after in different units", () => {
    expect(metricAverages([a("Speed", "2 days", "50%")])[0]).toMatchObject({ averaged: 0, unit: null, averageBefore: null });
  });
});
