import { describe, expect, it } from "vitest";
import { formatMajorAmount, parseMajorAmount, toStripeAmount } from "./money";

describe("parseMajorAmount", () => {
  it.each([
    ["12345.50", "RUB", 1_234_550],
    ["12 345,5", "RUB", 1_234_550],
    ["12\u00a0345", "RUB", 1_234_500],
    ["0", "USD", 0],
    ["0.01", "USD", 1],
    ["500", "JPY", 500],
    ["1.234", "KWD", 1234],
  ])("%s %s → %i", (input, currency, expected) => {
    expect(parseMajorAmount(input, currency)).toBe(expected);
  });

  it.each([["", "RUB"], ["-1", "RUB"], ["1.234", "RUB"], ["5.5", "JPY"], ["1e3", "USD"], ["abc", "USD"], ["99999999999", "USD"]])(
    "refuses %s %s",
    (input, currency) => {
      expect(parseMajorAmount(input, currency)).toBeNull();
    },
  );
});

describe("formatMajorAmount", () => {
  it.each([
    [1_234_550, "RUB", "12345.50"],
    [5, "USD", "0.05"],
    [0, "EUR", "0.00"],
    [500, "JPY", "500"],
    [1234, "KWD", "1.234"],
  ])("%i %s → %s", (minor, currency, expected) => {
    expect(formatMajorAmount(minor, currency)).toBe(expected);
    expect(parseMajorAmount(expected, currency)).toBe(minor);
  });
});

describe("toStripeAmount", () => {
  it("passes ISO amounts through except Stripe's special cases", () => {
    expect(toStripeAmount(1_234_550, "RUB")).toBe(1_234_550);
    expect(toStripeAmount(500, "JPY")).toBe(500);
    expect(toStripeAmount(500, "ISK")).toBe(50_000);
    expect(toStripeAmount(1235, "KWD")).toBe(1240);
  });
});
