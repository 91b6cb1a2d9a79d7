/**
 * Property tests: the business-hours arithmetic against a deliberately naive reference that
 * walks the clock one minute at a time, over random calendars, instants and spans.
 *
 * The reference shares no code with business-hours.ts. It reads UTC offsets from Intl (not
 * luxon) and decides, minute by minute, whether the clock is inside a window:
 *
 *   A window [S, E) of local date D opens when the wall clock first reaches D S and closes
 *   when it first reaches D E. With M(t) = the latest wall-clock reading shown up to t (the
 *   clock's running maximum), t is business time iff M(t) lies inside a window of its date.
 *
 * That one rule gives the documented DST behaviour for free: a spring-forward gap is never
 * shown (so 02:30–04:00 opens at 03:00, 02:15–02:45 is empty), and during a fall-back repeat
 * M(t) stays at the first pass (so 00:00–02:30 closes at the first 02:30, while 01:00–05:00
 * runs through both passes and lasts 5 h). Offsets change only on whole UTC hours in the
 * zones used here, so business time is constant within each UTC minute and the walker
 * handles milliseconds at both ends by proportion.
 *
 * A failure prints fast-check's seed and path; replay it by adding both to `settings` below.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addBusinessMinutes,
  businessMinutesBetween,
  nextBusinessMinute,
  type BusinessCalendar,
  type IsoWeekday,
  type TimeWindow,
} from "./business-hours";

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;

// ---------------------------------------------------------------------------
// Naive reference
// ---------------------------------------------------------------------------

const offsetCache = new Map<string, Map<number, number>>();
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(zone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone: zone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
    });
    formatters.set(zone, formatter);
  }
  return formatter;
}

/** UTC offset in ms of `zone` during the UTC hour containing `ms`, read from Intl. */
function offsetAt(zone: string, ms: number): number {
  let byHour = offsetCache.get(zone);
  if (!byHour) offsetCache.set(zone, (byHour = new Map()));
  const hour = Math.floor(ms / HOUR);
  let offset = byHour.get(hour);
  if (offset === undefined) {
    const parts = formatterFor(zone).formatToParts(new Date(hour * HOUR));
    const part = (type: string) => Number(parts.find((p) => p.type === type)!.value);
    offset = Date.UTC(part("year"), part("month") - 1, part("day"), part("hour"), part("minute")) - hour * HOUR;
    byHour.set(hour, offset);
  }
  return offset;
}

function minutesOf(time: string): number {
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3));
}

function dateKey(dayNumber: number): string {
  return new Date(dayNumber * DAY).toISOString().slice(0, 10);
}

class NaiveClock {
  private readonly holidays: Set<string>;
  private readonly extra: Map<string, TimeWindow[]>;
  private minute = 0;
  private maxWall = -Infinity;
  private steps = 0;
  // Memos of the last hour's offset and the last date's windows: lookups, not logic.
  private memoHour = NaN;
  private memoOffset = 0;
  private memoDay = NaN;
  private memoWindows: Array<[number, number]> = [];

  constructor(private readonly calendar: BusinessCalendar) {
    this.holidays = new Set(calendar.holidays);
    this.extra = new Map(calendar.extraWorkingDays.map((d) => [d.date, d.windows]));
  }

  private wall(ms: number): number {
    const hour = Math.floor(ms / HOUR);
    if (hour !== this.memoHour) {
      this.memoHour = hour;
      this.memoOffset = offsetAt(this.calendar.timeZone, ms);
    }
    return ms + this.memoOffset;
  }

  private windowsOf(dayNumber: number): TimeWindow[] {
    const key = dateKey(dayNumber);
    const extra = this.extra.get(key);
    if (extra) return extra;
    if (this.holidays.has(key)) return [];
    const weekday = String(((new Date(dayNumber * DAY).getUTCDay() + 6) % 7) + 1) as IsoWeekday;
    return this.calendar.weekly[weekday];
  }

  /** Puts the walker on the UTC minute containing `ms`, with the clock's history behind it. */
  start(ms: number): void {
    this.minute = Math.floor(ms / MINUTE) * MINUTE;
    this.maxWall = -Infinity;
    this.steps = 0;
    // The zones here set their clocks back by one hour at most: three hours of history do.
    for (let t = this.minute - 3 * HOUR; t <= this.minute; t += MINUTE) this.maxWall = Math.max(this.maxWall, this.wall(t));
  }

  get currentMinute(): number {
    return this.minute;
  }

  /** Whether the current UTC minute is business time. */
  isBusiness(): boolean {
    const dayNumber = Math.floor(this.maxWall / DAY);
    const minuteOfDay = (this.maxWall - dayNumber * DAY) / MINUTE;
    if (dayNumber !== this.memoDay) {
      this.memoDay = dayNumber;
      this.memoWindows = this.windowsOf(dayNumber).map(([s, e]) => [minutesOf(s), minutesOf(e)]);
    }
    return this.memoWindows.some(([s, e]) => s <= minuteOfDay && minuteOfDay < e);
  }

  step(): void {
    if (++this.steps > 2_000_000) throw new Error("naive walker: no end in sight");
    this.minute += MINUTE;
    this.maxWall = Math.max(this.maxWall, this.wall(this.minute));
  }
}

function naiveBetween(calendar: BusinessCalendar, from: number, to: number): number {
  if (to <= from) return 0;
  const clock = new NaiveClock(calendar);
  clock.start(from);
  let totalMs = 0;
  for (; clock.currentMinute < to; clock.step()) {
    const m = clock.currentMinute;
    if (clock.isBusiness()) totalMs += Math.min(m + MINUTE, to) - Math.max(m, from);
  }
  return totalMs / MINUTE;
}

function naiveAdd(calendar: BusinessCalendar, start: number, minutes: number): number {
  const clock = new NaiveClock(calendar);
  clock.start(start);
  let cursor = start;
  let remainingMs = Math.round(minutes * MINUTE);
  for (;; clock.step()) {
    const end = clock.currentMinute + MINUTE;
    if (clock.isBusiness()) {
      if (remainingMs <= end - cursor) return cursor + remainingMs;
      remainingMs -= end - cursor;
    }
    cursor = end;
  }
}

// ---------------------------------------------------------------------------
// Generators
// ---------------------------------------------------------------------------

const ZONES = ["Europe/Moscow", "Europe/Berlin", "America/New_York"] as const;
const FIRST_DAY = Date.UTC(2024, 0, 1) / DAY;
const LAST_DAY = Date.UTC(2030, 11, 31) / DAY;
/** The implementation caches windows in blocks of 32 local dates counted from 1970-01-01. */
const BLOCK_DAYS = 32;

function timeOf(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
}

/** A minute of the day (0…1440), biased to round hours, DST-change hours and both ends. */
const boundary = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: 0, max: 1440 }) },
  { weight: 3, arbitrary: fc.integer({ min: 0, max: 24 }).map((h) => h * 60) },
  { weight: 2, arbitrary: fc.constantFrom(0, 60, 90, 120, 135, 150, 165, 180, 210, 240, 300, 1440) },
);

/** 1–3 windows, possibly touching, possibly ending at 24:00. */
const dayWindows: fc.Arbitrary<TimeWindow[]> = fc
  .array(boundary, { minLength: 2, maxLength: 6 })
  .map((points) => {
    const sorted = [...points].sort((a, b) => a - b);
    const windows: TimeWindow[] = [];
    for (let i = 0; i + 1 < sorted.length; i += 2) {
      if (sorted[i] < sorted[i + 1]) windows.push([timeOf(sorted[i]), timeOf(sorted[i + 1])]);
    }
    return windows;
  });

const weekly = fc
  .tuple(...Array.from({ length: 7 }, () => fc.option(dayWindows, { freq: 3, nil: [] as TimeWindow[] })))
  .filter((days) => days.some((windows) => windows.length > 0))
  .map((days) => Object.fromEntries(days.map((windows, i) => [String(i + 1), windows])) as BusinessCalendar["weekly"]);

/** A day near a block boundary (where the bug lived), or anywhere in 2024–2030. */
const baseDay = fc.oneof(
  fc.integer({ min: FIRST_DAY, max: LAST_DAY }),
  fc
    .tuple(
      fc.integer({ min: Math.ceil(FIRST_DAY / BLOCK_DAYS), max: Math.floor(LAST_DAY / BLOCK_DAYS) }),
      fc.integer({ min: -2, max: 1 }),
    )
    .map(([block, offset]) => block * BLOCK_DAYS + offset),
);

/** A date offset from the base day: mostly close, where holidays and block edges are. */
const nearDay = fc.oneof(fc.integer({ min: -2, max: 2 }), fc.integer({ min: -3, max: 60 }));

/** An instant near the base day: on a quarter hour, on a minute, or anywhere to the millisecond. */
const instantNear = (base: number) =>
  fc
    .tuple(
      nearDay,
      fc.oneof(
        fc.integer({ min: 0, max: 96 }).map((q) => q * 15 * MINUTE),
        fc.integer({ min: 0, max: 1439 }).map((m) => m * MINUTE),
        fc.integer({ min: 0, max: DAY - 1 }),
      ),
    )
    .map(([day, ms]) => (base + day) * DAY + ms);

/** Holidays (single and long runs) and extra working days placed around the base day. */
function calendarAround(base: number): fc.Arbitrary<BusinessCalendar> {
  const near = fc.integer({ min: -3, max: 60 });
  return fc
    .record({
      timeZone: fc.constantFrom(...ZONES),
      weekly,
      singles: fc.array(near, { maxLength: 8 }),
      runs: fc.array(fc.tuple(near, fc.integer({ min: 2, max: 40 })), { maxLength: 2 }),
      extra: fc.uniqueArray(fc.tuple(near, dayWindows), { maxLength: 4, selector: ([offset]) => offset }),
    })
    .map(({ timeZone, weekly, singles, runs, extra }) => {
      const holidays = new Set(singles.map((o) => dateKey(base + o)));
      for (const [from, length] of runs) for (let o = from; o < from + length; o++) holidays.add(dateKey(base + o));
      return {
        timeZone,
        weekly,
        holidays: [...holidays],
        extraWorkingDays: extra.map(([o, windows]) => ({ date: dateKey(base + o), windows })),
      };
    });
}

/**
 * One random calendar with CASES_PER_CALENDAR random cases on it. Building a calendar's
 * windows costs far more than one query, so several queries share each calendar.
 */
const CASES_PER_CALENDAR = 8;
function scenario<T>(perCase: (base: number) => fc.Arbitrary<T>) {
  return baseDay.chain((base) =>
    fc.record({
      calendar: calendarAround(base),
      cases: fc.array(perCase(base), { minLength: CASES_PER_CALENDAR, maxLength: CASES_PER_CALENDAR }),
    }),
  );
}

/** Business minutes a week gives, roughly: bounds spans so the naive walk stays short. */
function weeklyMinutes(calendar: BusinessCalendar): number {
  return Object.values(calendar.weekly)
    .flat()
    .reduce((sum, [s, e]) => sum + minutesOf(e) - minutesOf(s), 0);
}

/** A share in [0, 1] and whether to keep whole minutes, turned into minutes by `minutesOf`. */
const minutesShare = fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.boolean());

/** Up to 10 000 business minutes, and at most five weeks of this calendar's business time. */
function scaledMinutes([share, whole]: [number, boolean], calendar: BusinessCalendar): number {
  const minutes = share * Math.min(10_000, 5 * weeklyMinutes(calendar));
  return whole ? Math.floor(minutes) : Math.round(minutes * 1000) / 1000;
}

/** Calendars per property; each carries CASES_PER_CALENDAR cases (1 000 cases a property). */
const CALENDARS = 125;
/** A fresh seed each run. To replay a failure, add the printed `seed` and `path` here. */
const settings: fc.Parameters<unknown> = { numRuns: CALENDARS };

const iso = (ms: number) => new Date(ms).toISOString();

// ---------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------

// About half a second of CPU per property; the timeout leaves room for a busy machine.
const TIMEOUT = { timeout: 60_000 };

describe(`business hours against a minute-by-minute walker (${CALENDARS} calendars × ${CASES_PER_CALENDAR} cases)`, TIMEOUT, () => {
  it("businessMinutesBetween counts what the walker counts (spans up to 10 000 minutes)", () => {
    const span = (base: number) => fc.tuple(instantNear(base), fc.integer({ min: 0, max: 10_000 * MINUTE }));
    fc.assert(
      fc.property(scenario(span), ({ calendar, cases }) => {
        for (const [from, spanMs] of cases) {
          const to = from + spanMs;
          expect(businessMinutesBetween(new Date(from), new Date(to), calendar), `${iso(from)} → ${iso(to)}`).toBe(
            naiveBetween(calendar, from, to),
          );
        }
      }),
      settings,
    );
  });

  it("addBusinessMinutes lands where the walker lands (up to 10 000 minutes)", () => {
    const add = (base: number) => fc.tuple(instantNear(base), minutesShare);
    fc.assert(
      fc.property(scenario(add), ({ calendar, cases }) => {
        for (const [start, share] of cases) {
          const minutes = scaledMinutes(share, calendar);
          expect(iso(addBusinessMinutes(new Date(start), minutes, calendar).getTime()), `${iso(start)} + ${minutes}`).toBe(
            iso(naiveAdd(calendar, start, minutes)),
          );
        }
      }),
      settings,
    );
  });

  it("nextBusinessMinute is the walker's next business instant", () => {
    fc.assert(
      fc.property(scenario(instantNear), ({ calendar, cases }) => {
        for (const at of cases) {
          expect(iso(nextBusinessMinute(new Date(at), calendar).getTime()), iso(at)).toBe(iso(naiveAdd(calendar, at, 0)));
        }
      }),
      settings,
    );
  });
});

describe(`business hours invariants (${CALENDARS} calendars × ${CASES_PER_CALENDAR} cases)`, TIMEOUT, () => {
  it("businessMinutesBetween(a, addBusinessMinutes(a, m)) === m from a business minute", () => {
    const add = (base: number) => fc.tuple(instantNear(base), minutesShare);
    fc.assert(
      fc.property(scenario(add), ({ calendar, cases }) => {
        for (const [at, share] of cases) {
          const minutes = scaledMinutes(share, calendar);
          const start = nextBusinessMinute(new Date(at), calendar);
          const end = addBusinessMinutes(start, minutes, calendar);
          expect(businessMinutesBetween(start, end, calendar), `${start.toISOString()} + ${minutes}`).toBeCloseTo(minutes, 9);
        }
      }),
      settings,
    );
  });

  it("addBusinessMinutes is monotonic in the minutes", () => {
    const pair = (base: number) => fc.tuple(instantNear(base), minutesShare, minutesShare);
    fc.assert(
      fc.property(scenario(pair), ({ calendar, cases }) => {
        for (const [at, first, second] of cases) {
          const [fewer, more] = [scaledMinutes(first, calendar), scaledMinutes(second, calendar)].sort((a, b) => a - b);
          const sooner = addBusinessMinutes(new Date(at), fewer, calendar).getTime();
          const later = addBusinessMinutes(new Date(at), more, calendar).getTime();
          expect(sooner, `${iso(at)}: ${fewer} vs ${more}`).toBeLessThanOrEqual(later);
          if (more > fewer) expect(later, `${iso(at)}: ${fewer} vs ${more}`).toBeGreaterThan(sooner);
        }
      }),
      settings,
    );
  });

  it("0 minutes at a closed instant is the next opening, with nothing counted in between", () => {
    fc.assert(
      fc.property(scenario(instantNear), ({ calendar, cases }) => {
        for (const at of cases) {
          const opening = addBusinessMinutes(new Date(at), 0, calendar).getTime();
          expect(opening, iso(at)).toBe(nextBusinessMinute(new Date(at), calendar).getTime());
          expect(opening, iso(at)).toBeGreaterThanOrEqual(at);
          // Open right at the result, and closed all the way up to it.
          expect(businessMinutesBetween(new Date(opening), new Date(opening + 1), calendar), iso(at)).toBeGreaterThan(0);
          expect(businessMinutesBetween(new Date(at), new Date(opening), calendar), iso(at)).toBe(0);
        }
      }),
      settings,
    );
  });
});

/** Long spans build many blocks per random calendar: fewer calendars keep the cost down. */
const LONG_SPAN_CALENDARS = 40;

describe(`business hours over long spans (${LONG_SPAN_CALENDARS} calendars × ${CASES_PER_CALENDAR} cases)`, TIMEOUT, () => {
  // Spans of up to two years go through whole cached blocks at once; splitting them at a random
  // instant makes the same time go through a different mix of walked windows and skipped blocks.
  const YEAR_MS = 365 * DAY;
  const longSettings: fc.Parameters<unknown> = { numRuns: LONG_SPAN_CALENDARS };
  /** Up to 100 000 business minutes, and at most a year of this calendar's business time. */
  const longMinutes = (share: number, calendar: BusinessCalendar) =>
    Math.floor(share * Math.min(100_000, 52 * weeklyMinutes(calendar)));

  it("businessMinutesBetween adds up over a split, for spans up to two years", () => {
    const split = (base: number) =>
      fc.tuple(instantNear(base), fc.integer({ min: 0, max: 2 * YEAR_MS }), fc.double({ min: 0, max: 1, noNaN: true }));
    fc.assert(
      fc.property(scenario(split), ({ calendar, cases }) => {
        for (const [from, spanMs, share] of cases) {
          const to = from + spanMs;
          const middle = from + Math.floor(spanMs * share);
          const whole = businessMinutesBetween(new Date(from), new Date(to), calendar);
          const parts =
            businessMinutesBetween(new Date(from), new Date(middle), calendar) +
            businessMinutesBetween(new Date(middle), new Date(to), calendar);
          expect(whole, `${iso(from)} → ${iso(middle)} → ${iso(to)}`).toBeCloseTo(parts, 6);
        }
      }),
      longSettings,
    );
  });

  it("addBusinessMinutes composes: add(a, m + n) = add(add(a, m), n) for n > 0, up to 200 000 minutes", () => {
    const share = fc.double({ min: 0, max: 1, noNaN: true });
    const steps = (base: number) => fc.tuple(instantNear(base), share, share);
    fc.assert(
      fc.property(scenario(steps), ({ calendar, cases }) => {
        for (const [start, firstShare, secondShare] of cases) {
          const first = longMinutes(firstShare, calendar);
          const second = Math.max(1, longMinutes(secondShare, calendar));
          const oneGo = addBusinessMinutes(new Date(start), first + second, calendar).getTime();
          const twoSteps = addBusinessMinutes(addBusinessMinutes(new Date(start), first, calendar), second, calendar).getTime();
          expect(iso(twoSteps), `${iso(start)} + ${first} + ${second}`).toBe(iso(oneGo));
        }
      }),
      longSettings,
    );
  });
});
