/**
 * Properties of the due moment in the promise sentence, against Intl (not luxon, which the
 * formatter uses): the time shown is the local time of the moment in the reader's zone, and a
 * date is added exactly when the weekday alone could be misread — the moment is more than six
 * days away, or it falls on today's weekday of a later week (a DST week is shorter than 7 × 24 h).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatDueMoment } from "./promise";

const DAY = 86_400_000;
const ZONES = ["Europe/Moscow", "Europe/Berlin", "America/New_York"] as const;

const formatters = new Map<string, Intl.DateTimeFormat>();

function local(at: Date, timeZone: string) {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-GB", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      weekday: "short",
    });
    formatters.set(timeZone, formatter);
  }
  const parts = formatter.formatToParts(at);
  const part = (type: string) => parts.find((p) => p.type === type)!.value;
  return {
    dayNumber: Date.UTC(Number(part("year")), Number(part("month")) - 1, Number(part("day"))) / DAY,
    weekday: part("weekday"),
    time: `${part("hour")}:${part("minute")}`,
  };
}

/** Anywhere in 2024–2030, or late in a day in the weeks before the DST changes of March. */
const instant = fc.oneof(
  fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2030, 11, 31) }),
  fc
    .tuple(fc.integer({ min: 2024, max: 2030 }), fc.integer({ min: 1, max: 31 }), fc.integer({ min: 18 * 60, max: 30 * 60 - 1 }))
    .map(([year, day, minute]) => Date.UTC(year, 2, day) + minute * 60_000),
);
/** Up to three weeks ahead, often close to a whole number of days (where weekdays repeat). */
const ahead = fc.oneof(
  fc.integer({ min: 0, max: 21 * DAY }),
  fc.tuple(fc.integer({ min: 5, max: 8 }), fc.integer({ min: -3 * 3_600_000, max: 3 * 3_600_000 })).map(([days, ms]) => Math.max(0, days * DAY + ms)),
);

describe("formatDueMoment", { timeout: 60_000 }, () => {
  it("shows the reader's local time, and the date exactly when the weekday alone is ambiguous", () => {
    fc.assert(
      fc.property(fc.constantFrom(...ZONES), instant, ahead, (timeZone, nowMs, aheadMs) => {
        const now = new Date(nowMs);
        const at = new Date(nowMs + aheadMs);
        const text = formatDueMoment(at, timeZone, "en", now);
        const [nowLocal, atLocal] = [local(now, timeZone), local(at, timeZone)];
        const dateNeeded = aheadMs > 6 * DAY || atLocal.dayNumber - nowLocal.dayNumber >= 7;
        const where = `${at.toISOString()} from ${now.toISOString()} in ${timeZone}: "${text}"`;
        expect(text.startsWith(`${atLocal.weekday} `), where).toBe(true);
        expect(text, where).toContain(` ${atLocal.time} `);
        expect(/^\S+ \d{1,2} \S+ \d\d:\d\d /.test(text), where).toBe(dateNeeded);
      }),
      { numRuns: 500 },
    );
  });

  it("adds the date for the same weekday next week across a spring-forward night", () => {
    // Berlin, 2026-03-29 lasts 23 h: Monday 23:30 to next Monday 00:15 is under 6 × 24 h.
    const now = new Date("2026-03-23T23:30:00+01:00");
    const at = new Date("2026-03-30T00:15:00+02:00");
    expect(at.getTime() - now.getTime()).toBeLessThan(6 * DAY);
    expect(formatDueMoment(at, "Europe/Berlin", "en", now)).toMatch(/^Mon 30 Mar 00:15 /);
  });
});
