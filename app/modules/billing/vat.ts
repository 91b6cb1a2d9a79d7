import { z } from "zod";

/**
 * VAT on prices, orders and documents (pure). Amounts are integer minor units; VAT is rounded
 * half-up on each line, and a document's totals are the sums of its lines — never recomputed
 * from the total — so the lines always add up to what the buyer pays.
 */

export const VAT_MODES = ["none", "included", "on_top"] as const;
export type VatMode = (typeof VAT_MODES)[number];

/** The seller's VAT setting: not a VAT payer, a rate included in prices, or a rate added on top. */
export const vatSettingSchema = z.object({
  mode: z.enum(VAT_MODES),
  /** The rate in basis points: 2200 = 22 %, 1000 = 10 %, 0 = 0 %. */
  rateBasisPoints: z.number().int().min(0).max(10_000),
});
export type VatSetting = z.infer<typeof vatSettingSchema>;

export const DEFAULT_VAT: VatSetting = { mode: "none", rateBasisPoints: 2200 };

export type PriceLine = { quantity: number; unitPriceMinor: number };
export type PricedLine = PriceLine & { netMinor: number; vatMinor: number; totalMinor: number };
export type PricedDocument = { lines: PricedLine[]; netMinor: number; vatMinor: number; totalMinor: number };

/** ⌊a / b⌉ for a ≥ 0, b > 0, half-up, in exact integer arithmetic. */
export function divideHalfUp(a: number, b: number): number {
  if (!Number.isSafeInteger(a) || !Number.isSafeInteger(b) || a < 0 || b <= 0) throw new RangeError("divideHalfUp needs a ≥ 0 and b > 0 integers");
  return Number((2n * BigInt(a) + BigInt(b)) / (2n * BigInt(b)));
}

/**
 * One line: `quantity × unitPrice` is the stated price. With VAT included the stated price is the
 * total and VAT is the part of it, `total × r / (1 + r)`; with VAT on top it is the net and VAT
 * is `net × r`, added. Not a VAT payer: no VAT at all.
 */
export function priceLine(line: PriceLine, vat: VatSetting): PricedLine {
  if (!Number.isSafeInteger(line.quantity) || line.quantity < 0) throw new RangeError("quantity must be a non-negative integer");
  if (!Number.isSafeInteger(line.unitPriceMinor) || line.unitPriceMinor < 0) throw new RangeError("unit price must be a non-negative integer");
  const stated = line.quantity * line.unitPriceMinor;
  const rate = vat.rateBasisPoints;
  if (vat.mode === "none") return { ...line, netMinor: stated, vatMinor: 0, totalMinor: stated };
  if (vat.mode === "included") {
    const vatMinor = divideHalfUp(stated * rate, 10_000 + rate);
    return { ...line, netMinor: stated - vatMinor, vatMinor, totalMinor: stated };
  }
  const vatMinor = divideHalfUp(stated * rate, 10_000);
  return { ...line, netMinor: stated, vatMinor, totalMinor: stated + vatMinor };
}

export function priceDocument(lines: PriceLine[], vat: VatSetting): PricedDocument {
  const priced = lines.map((line) => priceLine(line, vat));
  return {
    lines: priced,
    netMinor: priced.reduce((sum, l) => sum + l.netMinor, 0),
    vatMinor: priced.reduce((sum, l) => sum + l.vatMinor, 0),
    totalMinor: priced.reduce((sum, l) => sum + l.totalMinor, 0),
  };
}

/** "22 %" / "10.5 %" — the rate as people read it. */
export function formatVatRate(rateBasisPoints: number): string {
  const whole = Math.floor(rateBasisPoints / 100);
  const fraction = rateBasisPoints % 100;
  return fraction === 0 ? `${whole}` : `${whole}.${String(fraction).padStart(2, "0").replace(/0$/, "")}`;
}
