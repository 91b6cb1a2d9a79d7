import type { MessageKey } from "~/locales/en";
import { formatMoney } from "~/modules/licensing/renewal-pricing";

type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/** "45 min", "1 h 5 min", "2 h" — minutes as people read them (the one duration format, see formatDuration). */
export function formatMinutes(t: Translate, minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return h === 0 ? t("duration.m", { m: minutes }) : m === 0 ? t("duration.h", { h }) : t("duration.hm", { h, m });
}

/** "23 min — 15 free, 8 from prepaid": the parts that are not zero. */
export function formatSplit(
  t: Translate,
  split: { free: number; prepaid: number; billable: number; notCharged: number },
): string {
  const parts: string[] = [];
  if (split.free) parts.push(t("time.part.free", { n: formatMinutes(t, split.free) }));
  if (split.prepaid) parts.push(t("time.part.prepaid", { n: formatMinutes(t, split.prepaid) }));
  if (split.billable) parts.push(t("time.part.billable", { n: formatMinutes(t, split.billable) }));
  if (split.notCharged) parts.push(t("time.part.notCharged", { n: formatMinutes(t, split.notCharged) }));
  return parts.join(", ");
}

export function formatAmount(amountMinor: number, currency: string, locale: string): string {
  try {
    return formatMoney(amountMinor, currency, locale === "ru" ? "ru-RU" : "en-GB");
  } catch {
    return `${amountMinor} ${currency}`;
  }
}

/** "2026-03" → "March 2026" / "март 2026 г." */
export function formatMonth(month: string, locale: string): string {
  const [year, mon] = month.split("-").map(Number);
  return new Intl.DateTimeFormat(locale === "ru" ? "ru-RU" : "en-GB", { month: "long", year: "numeric", timeZone: "UTC" }).format(
    new Date(Date.UTC(year!, mon! - 1, 1)),
  );
}

/** 754 s → "00:12:34" */
export function formatClock(totalSeconds: number): string {
  const s = Math.max(0, Math.floor(totalSeconds));
  const hh = String(Math.floor(s / 3600)).padStart(2, "0");
  const mm = String(Math.floor((s % 3600) / 60)).padStart(2, "0");
  const ss = String(s % 60).padStart(2, "0");
  return `${hh}:${mm}:${ss}`;
}
