import { parsePhoneNumberFromString, type CountryCode } from "libphonenumber-js/max";

/**
 * Normalisers for contact data, shared by imports and any form that takes phones, emails,
 * tax IDs or names. Pure: no database, no clock, no environment. Each returns either the
 * normalised value or a reason code (rendered in the reader's language by the caller), and
 * each is idempotent: normalising a normalised value gives it back unchanged.
 */

export type Normalised<T = string> = { ok: true; value: T } | { ok: false; reason: string };

/* ------------------------------------------------------------------------------------------ */
/* Whitespace, names                                                                          */
/* ------------------------------------------------------------------------------------------ */

/** Trims, turns every run of whitespace (tabs, newlines, no-break spaces) into one space. */
export function collapseSpaces(raw: string): string {
  return raw.replace(/[\s\u00a0\u2000-\u200b\u202f\u205f\u3000]+/g, " ").trim();
}

/**
 * Names of people and organisations: spaces collapsed, typographic double quotes
 * (« » „ “ ” ″, and a run of them such as a doubled "") turned into one plain `"`, so `ООО «Ромашка»` and
 * `ООО "Ромашка"` are the same name.
 */
export function normaliseName(raw: string): string {
  // Quotes first, then any run of them becomes one: `“"` would otherwise become `""` and a
  // second pass would change it again.
  return collapseSpaces(raw.replace(/[«»„“”‟″〝〞＂]/g, '"').replace(/"{2,}/g, '"'));
}

/** Compares names ignoring case, quotes and spacing (for "organisation by name"). */
export function nameKey(raw: string): string {
  return normaliseName(raw).replace(/"/g, "").replace(/\s+/g, " ").trim().toLocaleLowerCase("ru");
}

/* ------------------------------------------------------------------------------------------ */
/* Emails                                                                                     */
/* ------------------------------------------------------------------------------------------ */

// Deliberately simple: one @, no spaces, a dot in the domain, no empty labels.
const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;

/** Trimmed and lower-cased; a `mailto:` prefix and surrounding angle brackets are dropped. */
export function normaliseEmail(raw: string): Normalised {
  const value = raw.trim().replace(/^mailto:/i, "").replace(/^<(.*)>$/, "$1").trim().toLowerCase();
  if (value.length > 254 || !EMAIL.test(value)) return { ok: false, reason: "email_invalid" };
  return { ok: true, value };
}

/* ------------------------------------------------------------------------------------------ */
/* Phones                                                                                     */
/* ------------------------------------------------------------------------------------------ */

export type PhoneValue = { e164: string; extension: string | null; formatted: string };

// "доб. 12", "доб 12", "вн. 12", "ext. 12", "x12", "#12", ";ext=12" at the end of the number.
const EXTENSION = /\s*(?:[,;]?\s*(?:доб(?:авочный)?|вн(?:утр(?:енний)?)?|ext(?:ension)?|x|#)\.?\s*[:=]?|;ext=)\s*(\d{1,7})\s*$/i;

/**
 * Any way people write a phone number → E.164, with an extension kept as `;ext=NN`
 * (RFC 3966): `8 (495) 123-45-67` → `+74951234567`, `8-912-345-67-89 доб. 12` →
 * `+79123456789;ext=12`. Numbers without a country code are read in `defaultCountry`
 * (its national prefix, such as Russia's 8, is understood). A number that cannot be a
 * real one in its country is `phone_invalid`.
 */
export function normalisePhone(raw: string, defaultCountry: string): Normalised<PhoneValue> {
  let text = collapseSpaces(raw);
  let extension: string | null = null;
  const ext = EXTENSION.exec(text);
  if (ext) {
    extension = ext[1]!;
    text = text.slice(0, ext.index).trim();
  }
  // "00" is the international prefix in most of the world; "810" is Russia's old one.
  text = text.replace(/^00\s*(?=[1-9])/, "+").replace(/^\+?810(?=[1-9]\d{9,})/, "+");
  if (!/\d/.test(text) || /[^\d\s()+\-./]/.test(text)) return { ok: false, reason: "phone_invalid" };
  const parsed = parsePhoneNumberFromString(text, toCountry(defaultCountry));
  if (!parsed || !parsed.isValid()) return { ok: false, reason: "phone_invalid" };
  const e164 = parsed.number;
  return { ok: true, value: { e164, extension, formatted: extension ? `${e164};ext=${extension}` : e164 } };
}

function toCountry(code: string): CountryCode {
  return code.toUpperCase() as CountryCode;
}

/* ------------------------------------------------------------------------------------------ */
/* Russian tax IDs                                                                            */
/* ------------------------------------------------------------------------------------------ */

const INN10_WEIGHTS = [2, 4, 10, 3, 5, 9, 4, 6, 8];
const INN11_WEIGHTS = [7, 2, 4, 10, 3, 5, 9, 4, 6, 8];
const INN12_WEIGHTS = [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8];

function checkDigit(digits: string, weights: number[]): number {
  const sum = weights.reduce((total, weight, i) => total + weight * Number(digits[i]), 0);
  return (sum % 11) % 10;
}

/** The INN check digits: one for a company's 10 digits, two for an individual's 12. */
export function innCheckDigits(body: string): string {
  if (body.length === 9) return String(checkDigit(body, INN10_WEIGHTS));
  if (body.length === 10) {
    const eleventh = checkDigit(body, INN11_WEIGHTS);
    return `${eleventh}${checkDigit(body + eleventh, INN12_WEIGHTS)}`;
  }
  throw new RangeError("An INN body has 9 (company) or 10 (individual) digits");
}

export function isValidInn(inn: string): boolean {
  if (!/^\d{10}$|^\d{12}$/.test(inn)) return false;
  const body = inn.slice(0, inn.length === 10 ? 9 : 10);
  return innCheckDigits(body) === inn.slice(body.length);
}

export type InnValue = { inn: string; kind: "company" | "individual"; leadingZeroRestored: boolean };

/**
 * Spaces and dashes are dropped. 10 digits is a company, 12 an individual entrepreneur; a
 * failing checksum is `inn_checksum`, any other shape `inn_format`. A spreadsheet that stored
 * the INN as a number loses its leading zero (regions 01–09): 9 or 11 digits that become valid
 * with the zero put back are accepted, and the caller warns.
 */
export function normaliseInn(raw: string): Normalised<InnValue> {
  const digits = raw.replace(/[\s\-\u00a0]/g, "");
  if (!/^\d+$/.test(digits)) return { ok: false, reason: "inn_format" };
  const restored = (digits.length === 9 || digits.length === 11) && isValidInn(`0${digits}`);
  const inn = restored ? `0${digits}` : digits;
  if (inn.length !== 10 && inn.length !== 12) return { ok: false, reason: "inn_format" };
  if (!isValidInn(inn)) return { ok: false, reason: "inn_checksum" };
  return { ok: true, value: { inn, kind: inn.length === 10 ? "company" : "individual", leadingZeroRestored: restored } };
}

/** KPP: 4 digits (tax office), 2 digits or capital letters (reason), 3 digits. */
export function normaliseKpp(raw: string): Normalised {
  const value = raw.replace(/[\s\-\u00a0]/g, "").toUpperCase();
  const padded = /^\d{8}$/.test(value) ? `0${value}` : value;
  return /^\d{4}[\dA-Z]{2}\d{3}$/.test(padded) ? { ok: true, value: padded } : { ok: false, reason: "kpp_format" };
}
