import { describe, expect, it } from "vitest";
import { currencyMinorDigits, formatMoney, renewalPrice } from "./renewal-pricing";

/** Intl uses no-break and narrow no-break spaces; compare with plain ones. */
const plainSpaces = (text: string) => text.replace(/[\u00a0\u202f]/g, " ");

describe("renewalPrice", () => {
  it.each([
    // listPriceMinor, currency, percentage, amountMinor
    [1_000_000, "RUB", 50, 500_000],
    [1999, "USD", 50, 1000], // 999.5 → 1000: half rounds up
    [1997, "USD", 50, 999], // 998.5 → 999
    [1, "USD", 50, 1], // 0.5 → 1
    [0, "USD", 50, 0],
    [3, "EUR", 50, 2],
    [4999, "JPY", 50, 2500], // whole yen stay whole
    [5000, "JPY", 50, 2500],
    [12_345, "KWD", 50, 6173], // 6172.5 fils → 6173
    [1049, "EUR", 30, 315], // 314.7 → 315
    [1050, "EUR", 30, 315],
    [1016, "EUR", 30, 305], // 304.8 → 305
    [1015, "EUR", 30, 305], // 304.5 → 305
    [1014, "EUR", 30, 304], // 304.2 → 304
    [10_001, "EUR", 1, 100], // 100.01 → 100
    [9999, "EUR", 100, 9999],
    [9999, "EUR", 0, 0],
    [Number.MAX_SAFE_INTEGER, "USD", 50, 4_503_599_627_370_496], // exact in BigInt
  ])("%i %s at %i%% → %i", (listPriceMinor, currency, percentage, amountMinor) => {
    expect(renewalPrice({ listPriceMinor, currency, percentage })).toEqual({
      listPriceMinor,
      percentage,
      amountMinor,
      currency,
    });
  });

  it("snapshots the inputs", () => {
    expect(renewalPrice({ listPriceMinor: 2_490_000, currency: "rub", percentage: 50 })).toEqual({
      listPriceMinor: 2_490_000,
      percentage: 50,
      amountMinor: 1_245_000,
      currency: "RUB",
    });
  });

  it.each([
    ["a fractional price", { listPriceMinor: 10.5, currency: "USD", percentage: 50 }],
    ["a negative price", { listPriceMinor: -1, currency: "USD", percentage: 50 }],
    ["an unsafe price", { listPriceMinor: Number.MAX_SAFE_INTEGER + 1, currency: "USD", percentage: 50 }],
    ["a fractional percentage", { listPriceMinor: 100, currency: "USD", percentage: 12.5 }],
    ["a percentage above 100", { listPriceMinor: 100, currency: "USD", percentage: 101 }],
    ["a negative percentage", { listPriceMinor: 100, currency: "USD", percentage: -5 }],
    ["a bad currency", { listPriceMinor: 100, currency: "dollars", percentage: 50 }],
  ])("rejects %s", (_label, input) => {
    expect(() => renewalPrice(input)).toThrow(RangeError);
  });
});

describe("currencyMinorDigits", () => {
  it.each([
    ["JPY", 0],
    ["jpy", 0],
    ["KRW", 0],
    ["CLP", 0],
    ["ISK", 0],
    ["RUB", 2],
    ["USD", 2],
    ["EUR", 2],
    ["KZT", 2],
    ["KWD", 3],
    ["BHD", 3],
    ["TND", 3],
    ["CLF", 4],
  ])("%s has %i digits", (currency, digits) => {
    expect(currencyMinorDigits(currency)).toBe(digits);
  });

  it("rejects something that is not a currency code", () => {
    expect(() => currencyMinorDigits("RUBL")).toThrow(RangeError);
  });
});

describe("formatMoney", () => {
  it.each([
    [1_234_550, "RUB", "ru", "12 345,50 ₽"],
    [1_234_550, "RUB", "en", "RUB 12,345.50"],
    [1_234_550, "USD", "en-US", "$12,345.50"],
    [5000, "JPY", "en", "¥5,000"],
    [1500, "KWD", "en", "KWD 1.500"],
    [-1999, "EUR", "de", "-19,99 €"],
    [5, "USD", "en", "$0.05"],
    [0, "USD", "en", "$0.00"],
    [100, "CLF", "en", "CLF 0.0100"],
    [Number.MAX_SAFE_INTEGER, "USD", "en", "$90,071,992,547,409.91"],
  ])("%i %s in %s → %s", (amountMinor, currency, locale, expected) => {
    expect(plainSpaces(formatMoney(amountMinor, currency, locale))).toBe(expected);
  });

  it("rejects a fractional minor amount", () => {
    expect(() => formatMoney(10.5, "USD", "en")).toThrow(RangeError);
  });
});
