/**
 * What the customer is promised, in words and in THEIR time zone:
 *   "We answer within 4 business hours — by Mon 13:30 MSK"
 *   "Мы ответим в течение 4 рабочих часов — до пн 13:30 МСК"
 * Pure: the due time comes from the clocks; the reader's zone and language are parameters.
 */
import { DateTime } from "luxon";
import { translate } from "~/utils/i18n";

export type PromiseLocale = "en" | "ru";

/** Intl prints "GMT+3" for Moscow; people write MSK. Other zones use Intl's short name. */
const ZONE_ABBREVIATIONS: Record<string, Record<PromiseLocale, string>> = {
  "Europe/Moscow": { en: "MSK", ru: "МСК" },
  "Europe/Simferopol": { en: "MSK", ru: "МСК" },
  "Europe/Kaliningrad": { en: "EET", ru: "МСК−1" },
  "Europe/Samara": { en: "SAMT", ru: "МСК+1" },
  "Asia/Yekaterinburg": { en: "YEKT", ru: "МСК+2" },
  "Asia/Novosibirsk": { en: "NOVT", ru: "МСК+4" },
  "Asia/Vladivostok": { en: "VLAT", ru: "МСК+7" },
};

/** Building an Intl formatter costs far more than using one: one per language and zone. */
const zoneNameFormatters = new Map<string, Intl.DateTimeFormat>();

export function zoneAbbreviation(at: Date, timeZone: string, locale: PromiseLocale): string {
  const known = ZONE_ABBREVIATIONS[timeZone]?.[locale];
  if (known) return known;
  const key = `${locale} ${timeZone}`;
  let formatter = zoneNameFormatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(locale === "ru" ? "ru-RU" : "en-GB", { timeZone, timeZoneName: "short" });
    zoneNameFormatters.set(key, formatter);
  }
  const part = formatter
    .formatToParts(at)
    .find((p) => p.type === "timeZoneName");
  return part?.value ?? timeZone;
}

/**
 * "Mon 13:30 MSK" / "пн 13:30 МСК"; a date is added when the weekday alone could be misread:
 * the moment is more than 6 days away, or on today's weekday of a later week (which a week
 * with a spring-forward night brings within 6 × 24 h).
 */
export function formatDueMoment(at: Date, timeZone: string, locale: PromiseLocale, now?: Date): string {
  const local = DateTime.fromJSDate(at, { zone: timeZone }).setLocale(locale === "ru" ? "ru" : "en-GB");
  const far = now
    ? at.getTime() - now.getTime() > 6 * 86_400_000 ||
      local.startOf("day").diff(DateTime.fromJSDate(now, { zone: timeZone }).startOf("day"), "days").days >= 7
    : false;
  const weekday = local.toFormat("ccc").replace(/\.$/, "");
  const date = far ? ` ${local.toFormat(locale === "ru" ? "d LLL" : "d LLL")}` : "";
  return `${weekday}${date} ${local.toFormat("HH:mm")} ${zoneAbbreviation(at, timeZone, locale)}`;
}

/** "4 business hours", "30 business minutes", "1 h 30 min of business time" (and Russian, in the genitive). */
export function formatTargetDuration(minutes: number, locale: PromiseLocale): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (rest === 0) return translate(locale, "sla.within.hours", { hours });
  if (hours === 0) return translate(locale, "sla.within.minutes", { minutes: rest });
  return translate(locale, "sla.within.mixed", { h: hours, m: rest });
}

export type ResponsePromise =
  | { kind: "none" }
  | { kind: "no_commitment" }
  | { kind: "waiting_for_customer" }
  | { kind: "answer_by"; targetMinutes: number; dueAt: Date; clock: "first_response" | "next_response" };

/** The promise sentence for the customer's ticket page and the "ticket received" email. */
export function formatResponsePromise(
  promise: ResponsePromise,
  options: { locale: PromiseLocale; timeZone: string; now?: Date },
): string | null {
  const { locale, timeZone } = options;
  switch (promise.kind) {
    case "none":
      return null;
    case "no_commitment":
      return translate(locale, "sla.promise.noCommitment");
    case "waiting_for_customer":
      return translate(locale, "sla.promise.waiting");
    case "answer_by": {
      const within = formatTargetDuration(promise.targetMinutes, locale);
      const by = formatDueMoment(promise.dueAt, timeZone, locale, options.now);
      return translate(locale, "sla.promise.answerBy", { within, by });
    }
  }
}

/** Which promise the customer sees, from the ticket's clocks (clocks.ts) and status. */
export function promiseFromClocks(
  clocks: Array<{ kind: string; status: string; targetMinutes: number; dueAt: Date | null }>,
  ticket: { noResponseCommitment: boolean; status: string },
): ResponsePromise {
  if (ticket.noResponseCommitment) return { kind: "no_commitment" };
  if (ticket.status === "solved" || ticket.status === "closed") return { kind: "none" };
  if (ticket.status === "pending") return { kind: "waiting_for_customer" };
  for (const kind of ["first_response", "next_response"] as const) {
    const clock = clocks.find((c) => c.kind === kind);
    if (clock && (clock.status === "running" || clock.status === "breached") && clock.dueAt) {
      return { kind: "answer_by", clock: kind, targetMinutes: clock.targetMinutes, dueAt: clock.dueAt };
    }
  }
  return { kind: "none" };
}
