import { describe, expect, it } from "vitest";
import { buyPrepaidHoursSchema, orderPrepaidMinutes, prepaidPackage, prepaidPackages } from "./packages";

describe("prepaid packages", () => {
  it("prices each package at hours × the hourly rate", () => {
    expect(prepaidPackages({ hourlyRateMinor: 300_000, currency: "RUB" })).toEqual([
      { hours: 5, minutes: 300, amountMinor: 1_500_000, currency: "RUB" },
      { hours: 10, minutes: 600, amountMinor: 3_000_000, currency: "RUB" },
      { hours: 20, minutes: 1200, amountMinor: 6_000_000, currency: "RUB" },
    ]);
  });

  it("refuses a negative or fractional rate", () => {
    expect(() => prepaidPackage(5, { hourlyRateMinor: -1, currency: "RUB" })).toThrow(RangeError);
    expect(() => prepaidPackage(5, { hourlyRateMinor: 1.5, currency: "RUB" })).toThrow(RangeError);
  });

  it.each([
    [{ hours: "10", method: "card" }, { hours: 10, method: "card" }],
    [{ hours: "5" }, { hours: 5, method: "invoice" }],
  ])("parses %o", (input, expected) => {
    expect(buyPrepaidHoursSchema.parse(input)).toEqual(expected);
  });

  it.each([[{ hours: "7" }], [{ hours: "" }], [{ hours: "10", method: "cash" }], [{ hours: "1e1" }]])("rejects %o", (input) => {
    expect(buyPrepaidHoursSchema.safeParse(input).success).toBe(false);
  });
});

describe("orderPrepaidMinutes", () => {
  it("turns a prepaid-hours order into minutes", () => {
    expect(orderPrepaidMinutes({ kind: "prepaid_hours", hours: 5 })).toBe(300);
  });

  it.each([
    [{ kind: "renewal", hours: 5 }],
    [{ kind: "prepaid_hours", hours: null }],
    [{ kind: "prepaid_hours", hours: 0 }],
    [{ kind: "prepaid_hours", hours: -2 }],
  ])("refuses %o", (order) => {
    expect(() => orderPrepaidMinutes(order)).toThrow(RangeError);
  });
});
