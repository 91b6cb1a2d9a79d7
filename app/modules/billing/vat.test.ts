import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { divideHalfUp, formatVatRate, priceDocument, priceLine, type VatSetting } from "./vat";

const vatArb: fc.Arbitrary<VatSetting> = fc.record({
  mode: fc.constantFrom("none" as const, "included" as const, "on_top" as const),
  rateBasisPoints: fc.oneof(fc.constantFrom(0, 1000, 2000, 2200), fc.integer({ min: 0, max: 10_000 })),
});
const lineArb = fc.record({ quantity: fc.integer({ min: 0, max: 1000 }), unitPriceMinor: fc.integer({ min: 0, max: 100_000_000 }) });

/** The deliberately simple reference: exact rational arithmetic, then round half-up. */
function referenceVat(stated: number, mode: VatSetting["mode"], bp: number): number {
  if (mode === "none") return 0;
  const [num, den] = mode === "included" ? [stated * bp, 10_000 + bp] : [stated * bp, 10_000];
  const exact = num / den;
  const floor = Math.floor(exact);
  // ties: compare 2 × remainder with the denominator in integers
  return (num - floor * den) * 2 >= den ? floor + 1 : floor;
}

describe("VAT per line", () => {
  it("examples: 22 % on top of 10 000.00, included in 12 200.00, not a payer", () => {
    expect(priceLine({ quantity: 1, unitPriceMinor: 1_000_000 }, { mode: "on_top", rateBasisPoints: 2200 })).toMatchObject({ netMinor: 1_000_000, vatMinor: 220_000, totalMinor: 1_220_000 });
    expect(priceLine({ quantity: 1, unitPriceMinor: 1_220_000 }, { mode: "included", rateBasisPoints: 2200 })).toMatchObject({ netMinor: 1_000_000, vatMinor: 220_000, totalMinor: 1_220_000 });
    expect(priceLine({ quantity: 3, unitPriceMinor: 333 }, { mode: "none", rateBasisPoints: 2200 })).toMatchObject({ netMinor: 999, vatMinor: 0, totalMinor: 999 });
    // 20 % included in 1.00: 16.666… → 17 kopecks
    expect(priceLine({ quantity: 1, unitPriceMinor: 100 }, { mode: "included", rateBasisPoints: 2000 })).toMatchObject({ vatMinor: 17, netMinor: 83 });
    // a tie rounds up: 2.5 → 3
    expect(priceLine({ quantity: 1, unitPriceMinor: 25 }, { mode: "on_top", rateBasisPoints: 1000 }).vatMinor).toBe(3);
  });

  it("matches the exact-rational reference and net + VAT = total on every line", () => {
    fc.assert(
      fc.property(lineArb, vatArb, (line, vat) => {
        const priced = priceLine(line, vat);
        const stated = line.quantity * line.unitPriceMinor;
        expect(priced.vatMinor).toBe(referenceVat(stated, vat.mode, vat.rateBasisPoints));
        expect(priced.netMinor + priced.vatMinor).toBe(priced.totalMinor);
        expect(priced.vatMinor).toBeGreaterThanOrEqual(0);
        if (vat.mode === "on_top") expect(priced.netMinor).toBe(stated);
        else expect(priced.totalMinor).toBe(stated);
      }),
      { numRuns: 2000 },
    );
  });

  it("the VAT never moves more than half a minor unit from the exact value", () => {
    fc.assert(
      fc.property(lineArb, vatArb, (line, vat) => {
        const stated = line.quantity * line.unitPriceMinor;
        const exact = vat.mode === "none" ? 0 : vat.mode === "included" ? (stated * vat.rateBasisPoints) / (10_000 + vat.rateBasisPoints) : (stated * vat.rateBasisPoints) / 10_000;
        expect(Math.abs(priceLine(line, vat).vatMinor - exact)).toBeLessThanOrEqual(0.5 + 1e-6);
      }),
    );
  });
});

describe("document totals", () => {
  it("line totals add up to the document's totals, for any lines and any setting", () => {
    fc.assert(
      fc.property(fc.array(lineArb, { maxLength: 20 }), vatArb, (lines, vat) => {
        const doc = priceDocument(lines, vat);
        expect(doc.lines).toHaveLength(lines.length);
        expect(doc.lines.reduce((s, l) => s + l.totalMinor, 0)).toBe(doc.totalMinor);
        expect(doc.lines.reduce((s, l) => s + l.vatMinor, 0)).toBe(doc.vatMinor);
        expect(doc.lines.reduce((s, l) => s + l.netMinor, 0)).toBe(doc.netMinor);
        expect(doc.netMinor + doc.vatMinor).toBe(doc.totalMinor);
        // each line is priced independently of the others (rounding is per line)
        lines.forEach((line, i) => expect(doc.lines[i]).toEqual(priceLine(line, vat)));
      }),
    );
  });

  it("an empty document is zero", () => {
    expect(priceDocument([], { mode: "on_top", rateBasisPoints: 2200 })).toEqual({ lines: [], netMinor: 0, vatMinor: 0, totalMinor: 0 });
  });

  it("rejects negative and fractional inputs", () => {
    expect(() => priceLine({ quantity: 1, unitPriceMinor: -1 }, { mode: "none", rateBasisPoints: 0 })).toThrow(RangeError);
    expect(() => priceLine({ quantity: 1.5, unitPriceMinor: 1 }, { mode: "none", rateBasisPoints: 0 })).toThrow(RangeError);
    expect(() => divideHalfUp(1, 0)).toThrow(RangeError);
  });

  it("formats rates", () => {
    expect(formatVatRate(2200)).toBe("22");
    expect(formatVatRate(1050)).toBe("10.5");
    expect(formatVatRate(725)).toBe("7.25");
    expect(formatVatRate(0)).toBe("0");
  });
});
