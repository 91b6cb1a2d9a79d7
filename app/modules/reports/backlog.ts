/**
 * Backlog ages in business days. Pure. A business day is the calendar's longest working day
 * (480 business minutes for Mon–Fri 10:00–18:00), so "3 business days" is 3 × 480 business
 * minutes of the calendar — holidays and weekends do not age a ticket.
 *
 * Instead of measuring every open ticket, the report computes three moments — when a ticket
 * created then would be exactly 1, 3 and 10 business days old now — and counts tickets between
 * them with an index range scan on created_at.
 */
import { businessMinutesBetween, type BusinessCalendar, type IsoWeekday } from "../sla/business-hours";

export const AGE_BUCKETS = ["lt1", "1to3", "3to10", "gt10"] as const;
export type AgeBucket = (typeof AGE_BUCKETS)[number];
export const AGE_BUCKET_DAYS = [1, 3, 10] as const;

const minutesOf = (hhmm: string) => {
  const [h, m] = hhmm.split(":").map(Number);
  return h! * 60 + m!;
};

/** Business minutes in the calendar's longest regular working day (480 by default; 480 if none). */
export function businessDayMinutes(calendar: BusinessCalendar): number {
  const days = (Object.keys(calendar.weekly) as IsoWeekday[]).map((d) =>
    calendar.weekly[d].reduce((sum, [start, end]) => sum + minutesOf(end) - minutesOf(start), 0),
  );
  const longest = Math.max(0, ...days);
  return longest > 0 ? longest : 480;
}

export function ageBucketOf(businessMinutes: number, dayMinutes: number): AgeBucket {
  const days = businessMinutes / dayMinutes;
  if (days < 1) return "lt1";
  if (days < 3) return "1to3";
  if (days < 10) return "3to10";
  return "gt10";
}

const SEARCH_SPAN_MS = 3 * 366 * 86_400_000;

/**
 * The latest moment t (to the millisecond) with businessMinutesBetween(t, now) >= minutes: a ticket
 * created at or before it is at least that old. Binary search — the function is monotone in t.
 */
export function momentAgo(now: Date, minutes: number, calendar: BusinessCalendar): Date {
  if (minutes <= 0) return now;
  let lo = now.getTime() - SEARCH_SPAN_MS; // old enough (or the search bound)
  let hi = now.getTime(); // not old enough
  if (businessMinutesBetween(new Date(lo), now, calendar) < minutes) return new Date(lo);
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (businessMinutesBetween(new Date(mid), now, calendar) >= minutes) lo = mid;
    else hi = mid;
  }
  return new Date(lo);
}

/**
 * Boundaries for the age buckets: created after `lt1From` → under one business day; after
 * `lt3From` → 1–3; after `lt10From` → 3–10; else over 10. Each boundary belongs to the older
 * bucket (exactly one business day old is "1–3").
 */
export function ageBoundaries(now: Date, calendar: BusinessCalendar): { lt1From: Date; lt3From: Date; lt10From: Date; dayMinutes: number } {
  const dayMinutes = businessDayMinutes(calendar);
  const [one, three, ten] = AGE_BUCKET_DAYS.map((days) => momentAgo(now, days * dayMinutes, calendar));
  return { lt1From: one!, lt3From: three!, lt10From: ten!, dayMinutes };
}

/** The bucket of a creation time given the boundaries (what the SQL counts). */
export function bucketByBoundaries(createdAt: Date, b: { lt1From: Date; lt3From: Date; lt10From: Date }): AgeBucket {
  const t = createdAt.getTime();
  if (t > b.lt1From.getTime()) return "lt1";
  if (t > b.lt3From.getTime()) return "1to3";
  if (t > b.lt10From.getTime()) return "3to10";
  return "gt10";
}
