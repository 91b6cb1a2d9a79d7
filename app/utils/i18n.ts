import { IntlMessageFormat } from "intl-messageformat";
import { en, type MessageKey } from "~/locales/en";
import { ru } from "~/locales/ru";

export type Locale = "en" | "ru";
export const LOCALES: Locale[] = ["en", "ru"];
const dictionaries: Record<Locale, Record<MessageKey, string>> = { en, ru };

export function isLocale(value: unknown): value is Locale {
  return value === "en" || value === "ru";
}

const formatters = new Map<string, IntlMessageFormat>();

function messageFormat(locale: Locale, key: MessageKey): IntlMessageFormat {
  const id = `${locale}\u0000${key}`;
  let format = formatters.get(id);
  if (!format) {
    format = new IntlMessageFormat(dictionaries[locale][key] ?? en[key] ?? key, locale);
    formatters.set(id, format);
  }
  return format;
}

export type MessageParams = Record<string, string | number | Date>;

/**
 * Looks up a message of the catalogue and formats it as ICU MessageFormat (plural, select,
 * number, date): `{count, plural, one {# day} few {# дня} many {# дней} other {# дня}}`.
 * A parameter the caller did not pass is shown as `{name}` rather than failing the page.
 */
export function translate(locale: Locale, key: MessageKey, params: MessageParams = {}): string {
  try {
    return String(messageFormat(locale, key).format(params));
  } catch {
    const template = dictionaries[locale][key] ?? en[key] ?? key;
    return template.replace(/\{(\w+)\}/g, (_, name: string) => (name in params ? String(params[name]) : `{${name}}`));
  }
}

/** The preferred supported language from an Accept-Language header (for visitors). */
export function localeFromAcceptLanguage(header: string | null): Locale {
  if (!header) return "en";
  const tags = header
    .split(",")
    .map((part) => {
      const [tag, q] = part.trim().split(";q=");
      return { tag: (tag ?? "").toLowerCase(), q: q ? Number(q) : 1 };
    })
    .sort((a, b) => b.q - a.q);
  for (const { tag } of tags) {
    const base = tag.split("-")[0];
    if (isLocale(base)) return base;
  }
  return "en";
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** One cached Intl.DateTimeFormat per (language, time zone, style): building one costs far more than using it. */
function dateFormat(locale: Locale, timeZone: string, style: "dateTime" | "date"): Intl.DateTimeFormat {
  const id = `${locale}|${timeZone}|${style}`;
  let format = dateFormats.get(id);
  if (!format) {
    const options: Intl.DateTimeFormatOptions =
      style === "dateTime" ? { dateStyle: "medium", timeStyle: "short", timeZone } : { dateStyle: "medium", timeZone };
    format = new Intl.DateTimeFormat(locale === "ru" ? "ru-RU" : "en-GB", options);
    dateFormats.set(id, format);
  }
  return format;
}

function toDate(value: Date | string): Date | null {
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

export function formatDateTime(value: Date | string | null | undefined, locale: Locale, timeZone: string): string {
  const date = value ? toDate(value) : null;
  return date ? dateFormat(locale, timeZone, "dateTime").format(date) : "—";
}

export function formatDate(value: Date | string | null | undefined, locale: Locale, timeZone: string): string {
  const date = value ? toDate(value) : null;
  return date ? dateFormat(locale, timeZone, "date").format(date) : "—";
}

/**
 * A span of minutes as people read it, in the reader's language: "45 min", "1 h 30 min", "2 h" /
 * "45 мин", "1 ч 30 мин", "2 ч". Negative spans read as "overdue by …" / "просрочено на …".
 */
export function formatDuration(minutes: number, locale: Locale): string {
  const whole = Math.round(Math.abs(minutes));
  const h = Math.floor(whole / 60);
  const m = whole % 60;
  const text =
    h === 0 ? translate(locale, "duration.m", { m }) : m === 0 ? translate(locale, "duration.h", { h }) : translate(locale, "duration.hm", { h, m });
  return minutes < 0 && whole > 0 ? translate(locale, "duration.overdue", { duration: text }) : text;
}

/**
 * A page's `<title>` in the reader's language, for a route's `meta`: the language comes from the
 * root loader's data (every page has it), so no loader has to return its title.
 */
export function pageTitle(matches: ReadonlyArray<{ id: string; data?: unknown }>, key: MessageKey, params: MessageParams = {}): string {
  return `${translate(matchesLocale(matches), key, params)} · Keydesk`;
}

/** The reader's language in a route's `meta`, from the root loader's data. */
export function matchesLocale(matches: ReadonlyArray<{ id: string; data?: unknown }>): Locale {
  const root = matches.find((m) => m.id === "root")?.data as { locale?: unknown } | undefined;
  return isLocale(root?.locale) ? root.locale : "en";
}

/**
 * A moment relative to now, in the reader's language: "in 2 h 10 min", "15 min ago", "3 days ago"
 * (days from 48 hours on; plurals through the catalogue's ICU rules). The absolute time belongs
 * in a title beside it (see RelativeTime).
 */
export function formatRelative(value: Date | string | null | undefined, now: Date, locale: Locale): string {
  const date = value ? toDate(value) : null;
  if (!date) return "—";
  const minutes = Math.round((date.getTime() - now.getTime()) / 60_000);
  const abs = Math.abs(minutes);
  if (abs < 1) return translate(locale, "rel.now");
  if (abs < 48 * 60) return translate(locale, minutes > 0 ? "rel.in" : "rel.ago", { duration: formatDuration(abs, locale) });
  const days = Math.round(abs / (24 * 60));
  return translate(locale, minutes > 0 ? "rel.inDays" : "rel.daysAgo", { n: days });
}
