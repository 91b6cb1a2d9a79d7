import { currencyMinorDigits } from "../licensing/renewal-pricing";

/**
 * Money as people type it and as Stripe wants it. Amounts are integer minor units everywhere
 * else; these are the two edges where they meet decimals.
 */

/**
 * "12 345,50" / "12345.5" / "12345" in major units → integer minor units of `currency`, or
 * `null` when it is not a non-negative amount with at most the currency's decimals.
 * Spaces (also non-breaking) group thousands; a comma or a dot is the decimal separator.
 */
export function parseMajorAmount(input: string, currency: string): number | null {
  const digits = currencyMinorDigits(currency);
  const cleaned = input.trim().replace(/[\s\u00a0\u202f']/g, "").replace(",", ".");
  const match = /^(\d+)(?:\.(\d*))?$/.exec(cleaned);
  if (!match) return null;
  const fraction = match[2] ?? "";
  if (fraction.length > digits) return null;
  const minor = BigInt(match[1]!) * 10n ** BigInt(digits) + BigInt(fraction.padEnd(digits, "0") || "0");
  return minor <= BigInt(Number.MAX_SAFE_INTEGER) && minor <= 2_147_483_647n ? Number(minor) : null;
}

/** Integer minor units → the plain decimal string a form shows ("12345.50"; "500" for JPY). */
export function formatMajorAmount(amountMinor: number, currency: string): string {
  const digits = currencyMinorDigits(currency);
  if (digits === 0) return String(amountMinor);
  const padded = String(amountMinor).padStart(digits + 1, "0");
  return `${padded.slice(0, -digits)}.${padded.slice(-digits)}`;
}

/**
 * Stripe's amount for an ISO minor amount. Stripe follows ISO 4217 except for a few currencies
 * it keeps "two-decimal" for backwards compatibility although they have no minor unit in ISO:
 * ISK is sent ×100 (and must be divisible by 100 — it always is after ×100). Three-decimal
 * currencies (KWD, BHD, …) must end in 0 for Stripe: we round half-up to the nearest 10.
 */
export function toStripeAmount(amountMinor: number, currency: string): number {
  const code = currency.toUpperCase();
  if (code === "ISK") return amountMinor * 100;
  if (currencyMinorDigits(code) === 3) return Math.round(amountMinor / 10) * 10;
  return amountMinor;
}

/** Stripe's amount back to ISO minor units (the inverse of `toStripeAmount` where it is exact). */
export function fromStripeAmount(stripeAmount: number, currency: string): number {
  return currency.toUpperCase() === "ISK" ? Math.round(stripeAmount / 100) : stripeAmount;
}
