/**
 * Macro placeholders (docs/decisions/175). Pure: no database, no clock.
 *
 * A macro's text holds `{{name}}` placeholders (spaces inside the braces allowed). Rendering
 * replaces every known placeholder with the ticket's data in the customer's language and time
 * zone; missing data (no licence on the ticket, a free product without a renewal price, a
 * customer without a name) renders as an empty string — never a throw, never "undefined".
 * Unknown placeholders are refused when a macro is saved (`unknownPlaceholders`); if one
 * slips through (an older macro) it is left as written so the engineer sees it in the draft.
 */
import { formatMoney } from "../licensing/renewal-pricing";

export const PLACEHOLDERS = [
  "customer.first_name",
  "customer.name",
  "ticket.number",
  "ticket.subject",
  "organisation.name",
  "licence.key",
  "licence.support_until",
  "renewal.price",
  "agent.name",
] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];

export type MacroLocale = "en" | "ru";

/** Everything a macro may speak about; every part may be missing. */
export type MacroContext = {
  locale: MacroLocale;
  timeZone?: string | null;
  customer?: { name?: string | null } | null;
  ticket?: { number?: number | null; subject?: string | null } | null;
  organisation?: { name?: string | null } | null;
  licence?: { key?: string | null; supportUntil?: Date | null } | null;
  renewal?: { amountMinor: number; currency: string } | null;
  agent?: { name?: string | null } | null;
};

const PLACEHOLDER_PATTERN = /\{\{\s*([^{}]*?)\s*\}\}/g;

function isPlaceholder(name: string): name is Placeholder {
  return (PLACEHOLDERS as readonly string[]).includes(name);
}

/** The distinct placeholder names in a text that Keydesk does not know, in order of appearance. */
export function unknownPlaceholders(text: string): string[] {
  const unknown: string[] = [];
  for (const match of text.matchAll(PLACEHOLDER_PATTERN)) {
    const name = match[1]!;
    if (!isPlaceholder(name) && !unknown.includes(name)) unknown.push(name);
  }
  return unknown;
}

/** The first word of a name ("Anna Petrova" → "Anna"); empty for no name. */
export function firstName(name: string | null | undefined): string {
  return (name ?? "").trim().split(/\s+/)[0] ?? "";
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** One Intl.DateTimeFormat per (language, time zone): a ticket page renders every macro's placeholders. */
function dayFormat(locale: MacroLocale, timeZone: string): Intl.DateTimeFormat {
  const key = `${locale} ${timeZone}`;
  let format = dayFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { day: "numeric", month: "long", year: "numeric", timeZone });
    if (dayFormats.size < 500) dayFormats.set(key, format);
  }
  return format;
}

function formatDay(value: Date, locale: MacroLocale, timeZone: string | null | undefined): string {
  if (Number.isNaN(value.getTime())) return "";
  try {
    return dayFormat(locale, timeZone || "UTC").format(value);
  } catch {
    // An unknown time zone: the date in UTC rather than nothing.
    return dayFormat(locale, "UTC").format(value);
  }
}

function formatPrice(renewal: { amountMinor: number; currency: string }, locale: MacroLocale): string {
  try {
    return formatMoney(renewal.amountMinor, renewal.currency, locale);
  } catch {
    return "";
  }
}

/** The value of one placeholder; "" when the ticket has no such data. */
export function placeholderValue(name: Placeholder, context: MacroContext): string {
  switch (name) {
    case "customer.first_name":
      return firstName(context.customer?.name);
    case "customer.name":
      return (context.customer?.name ?? "").trim();
    case "ticket.number":
      return context.ticket?.number != null ? String(context.ticket.number) : "";
    case "ticket.subject":
      return context.ticket?.subject ?? "";
    case "organisation.name":
      return context.organisation?.name ?? "";
    case "licence.key":
      return context.licence?.key ?? "";
    case "licence.support_until":
      return context.licence?.supportUntil ? formatDay(context.licence.supportUntil, context.locale, context.timeZone) : "";
    case "renewal.price":
      return context.renewal ? formatPrice(context.renewal, context.locale) : "";
    case "agent.name":
      return (context.agent?.name ?? "").trim();
  }
}

/** Replaces every known placeholder; text without `{{` comes back unchanged. */
export function renderTemplate(text: string, context: MacroContext): string {
  if (!text.includes("{{")) return text;
  return text.replace(PLACEHOLDER_PATTERN, (whole, name: string) => (isPlaceholder(name) ? placeholderValue(name, context) : whole));
}

/**
 * The macro's text in the customer's language; when that language's text is empty, the other
 * language's text (better an answer in English than none).
 */
export function pickMacroBody(bodies: { en: string; ru: string }, locale: MacroLocale): string {
  const own = bodies[locale].trim();
  if (own) return bodies[locale];
  return bodies[locale === "en" ? "ru" : "en"];
}

export function renderMacroBody(bodies: { en: string; ru: string }, context: MacroContext): string {
  return renderTemplate(pickMacroBody(bodies, context.locale), context);
}
