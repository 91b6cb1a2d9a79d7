import { DateTime, IANAZone } from "luxon";
import type { Normalised } from "./normalise";

/**
 * Cell values that are not contact data: dates, money, languages, time zones. Pure.
 */

// Excel counts days from 1899-12-30 (its 1900 leap-year bug folded in); 2958465 is 9999-12-31.
const EXCEL_EPOCH = DateTime.fromObject({ year: 1899, month: 12, day: 30 }, { zone: "utc" });
const MAX_EXCEL_SERIAL = 2958465;

/**
 * A calendar date as `yyyy-mm-dd`. Accepts `dd.mm.yyyy` (and `d.m.yyyy`, `dd.mm.yy`, with `/`
 * or `-` too), ISO `yyyy-mm-dd` (a time after it is ignored), and Excel serial day numbers
 * (`46023` or `46023.5`) as XLSX cells hold them. Impossible dates (31.02) are `date_invalid`.
 */
export function parseImportDate(raw: string): Normalised {
  const text = raw.trim();
  let date: DateTime | null = null;
  let m: RegExpExecArray | null;
  if ((m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(text))) {
    date = DateTime.fromObject({ year: +m[1]!, month: +m[2]!, day: +m[3]! }, { zone: "utc" });
  } else if ((m = /^(\d{1,2})[./-](\d{1,2})[./-](\d{2}|\d{4})(?:\s+[\d:]+)?$/.exec(text))) {
    const year = m[3]!.length === 2 ? 2000 + Number(m[3]) : Number(m[3]);
    date = DateTime.fromObject({ year, month: +m[2]!, day: +m[1]! }, { zone: "utc" });
  } else if (/^\d{1,7}(?:\.\d+)?$/.test(text)) {
    const serial = Math.floor(Number(text));
    if (serial >= 1 && serial <= MAX_EXCEL_SERIAL) date = EXCEL_EPOCH.plus({ days: serial });
  }
  if (!date || !date.isValid || date.year < 1900 || date.year > 9999) return { ok: false, reason: "date_invalid" };
  return { ok: true, value: date.toISODate()! };
}

/** A `yyyy-mm-dd` date as the start of that day in UTC. */
export function dateToInstant(isoDate: string): Date {
  return new Date(`${isoDate}T00:00:00.000Z`);
}

/**
 * An amount of money to integer minor units (two decimals): `12 000,50`, `12000.50`,
 * `12,000.50`, `12.000,50`, `₽ 1 200`. The last `.` or `,` followed by one or two digits is the
 * decimal mark; other separators group thousands.
 */
export function parseMoneyMinor(raw: string): Normalised<number> {
  const text = raw.replace(/[\s\u00a0\u202f]|руб\.?|р\.|₽|rub|\$|€|usd|eur/gi, "");
  if (!/^\d[\d.,]*$/.test(text)) return { ok: false, reason: "money_invalid" };
  const decimal = /[.,](\d{1,2})$/.exec(text);
  const whole = (decimal ? text.slice(0, decimal.index) : text).replace(/[.,]/g, "");
  if (!/^\d+$/.test(whole) || whole.length > 13) return { ok: false, reason: "money_invalid" };
  const fraction = decimal ? decimal[1]!.padEnd(2, "0") : "00";
  return { ok: true, value: Number(whole) * 100 + Number(fraction) };
}

const LANGUAGES: Record<string, "en" | "ru"> = {
  en: "en",
  eng: "en",
  english: "en",
  английский: "en",
  англ: "en",
  ru: "ru",
  rus: "ru",
  russian: "ru",
  русский: "ru",
  рус: "ru",
};

export function parseLanguage(raw: string): Normalised<"en" | "ru"> {
  const key = raw.trim().toLowerCase().replace(/\.$/, "").split(/[-_]/)[0]!;
  const value = LANGUAGES[key];
  return value ? { ok: true, value } : { ok: false, reason: "language_unknown" };
}

/** An IANA zone (`Europe/Moscow`), or `UTC+3` / `MSK` style offsets people write. */
export function parseTimeZone(raw: string): Normalised {
  const text = raw.trim();
  const aliases: Record<string, string> = { msk: "Europe/Moscow", мск: "Europe/Moscow", utc: "UTC", gmt: "UTC" };
  const alias = aliases[text.toLowerCase()];
  if (alias) return { ok: true, value: alias };
  if (IANAZone.isValidZone(text)) return { ok: true, value: IANAZone.create(text).name };
  const offset = /^(?:utc|gmt)\s*([+-])\s*(\d{1,2})$/i.exec(text);
  if (offset && Number(offset[2]) <= 14) {
    // Etc/GMT zones have the sign inverted (POSIX): UTC+3 is Etc/GMT-3.
    return { ok: true, value: Number(offset[2]) === 0 ? "UTC" : `Etc/GMT${offset[1] === "+" ? "-" : "+"}${Number(offset[2])}` };
  }
  return { ok: false, reason: "time_zone_unknown" };
}
