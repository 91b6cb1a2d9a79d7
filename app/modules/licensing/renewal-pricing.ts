/**
 * Renewal pricing. All amounts are integers in the currency's ISO 4217 minor
 * unit (kopecks, cents, yen, fils) — never floats, so snapshots on orders are exact.
 */

/** What an order snapshots, so a later list-price change never alters a paid renewal. */
export type RenewalQuote = {
  listPriceMinor: number;
  percentage: number;
  amountMinor: number;
  currency: string;
};

export type RenewalPriceInput = {
  listPriceMinor: number;
  currency: string;
  /** The renewal share in force (the `renewals.renewalPercent` setting when the quote is made). */
  percentage: number;
};

/**
 * ISO 4217 minor-unit exponents that differ from the usual 2. Kept as a table rather
 * than read from Intl because ICU data varies between runtimes, and money must not.
 * Payment providers have their own exceptions (e.g. Stripe treats ISK and HUF
 * specially) — converting to a provider's unit is the billing module's job.
 */
const NON_STANDARD_MINOR_DIGITS: Readonly<Record<string, number>> = {
  BIF: 0, CLP: 0, DJF: 0, GNF: 0, ISK: 0, JPY: 0, KMF: 0, KRW: 0, PYG: 0,
  RWF: 0, UGX: 0, UYI: 0, VND: 0, VUV: 0, XAF: 0, XOF: 0, XPF: 0,
  BHD: 3, IQD: 3, JOD: 3, KWD: 3, LYD: 3, OMR: 3, TND: 3,
  CLF: 4, UYW: 4,
};
const STANDARD_MINOR_DIGITS = 2;
const CURRENCY_CODE_PATTERN = /^[A-Z]{3}$/;

/**
 * `percentage` of the current list price, rounded half-up to a whole minor unit.
 * Renewals never take coupons, so there is deliberately no discount input.
 */
export function renewalPrice({
  listPriceMinor,
  currency,
  percentage,
}: RenewalPriceInput): RenewalQuote {
  assertMinorAmount(listPriceMinor, "listPriceMinor");
  assertPercentage(percentage);
  const code = normaliseCurrency(currency);
  return { listPriceMinor, percentage, amountMinor: percentOfHalfUp(listPriceMinor, percentage), currency: code };
}

export function currencyMinorDigits(currency: string): number {
  return NON_STANDARD_MINOR_DIGITS[normaliseCurrency(currency)] ?? STANDARD_MINOR_DIGITS;
}

/**
 * Formats an integer minor amount for people. The amount goes to Intl as an exact
 * decimal string, so even amounts beyond 2^53 / 100 are not rounded through floats.
 */
export function formatMoney(amountMinor: number, currency: string, locale: string): string {
  if (!Number.isSafeInteger(amountMinor)) throw new RangeError("amountMinor must be a safe integer");
  const code = normaliseCurrency(currency);
  const digits = currencyMinorDigits(code);
  return moneyFormat(locale, code, digits).format(minorToDecimalString(amountMinor, digits));
}

const moneyFormats = new Map<string, Intl.NumberFormat>();

/** One cached formatter per (language, currency): building one costs far more than using it (lists format a price per row). */
function moneyFormat(locale: string, code: string, digits: number): Intl.NumberFormat {
  const key = `${locale} ${code}`;
  let format = moneyFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, { style: "currency", currency: code, minimumFractionDigits: digits, maximumFractionDigits: digits });
    if (moneyFormats.size < 200) moneyFormats.set(key, format);
  }
  return format;
}

/** (price × pct + 50) / 100 in BigInt: exact for any safe-integer price. */
function percentOfHalfUp(amountMinor: number, percentage: number): number {
  const scaled = BigInt(amountMinor) * BigInt(percentage);
  return Number((scaled + 50n) / 100n);
}

function minorToDecimalString(amountMinor: number, digits: number): `${number}` {
  const sign = amountMinor < 0 ? "-" : "";
  const magnitude = BigInt(Math.abs(amountMinor)).toString().padStart(digits + 1, "0");
  const whole = magnitude.slice(0, magnitude.length - digits);
  const fraction = magnitude.slice(magnitude.length - digits);
  return (digits === 0 ? `${sign}${whole}` : `${sign}${whole}.${fraction}`) as `${number}`;
}

function normaliseCurrency(currency: string): string {
  const code = currency.trim().toUpperCase();
  if (!CURRENCY_CODE_PATTERN.test(code)) throw new RangeError(`Not an ISO 4217 currency code: ${currency}`);
  return code;
}

function assertMinorAmount(value: number, name: string): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${name} must be a non-negative integer number of minor units`);
  }
}

/** Whole percentages keep the half-up rule a single integer division. */
function assertPercentage(percentage: number): void {
  if (!Number.isInteger(percentage) || percentage < 0 || percentage > 100) {
    throw new RangeError("percentage must be a whole number from 0 to 100");
  }
}
