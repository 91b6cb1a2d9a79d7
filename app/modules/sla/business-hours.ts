/**
 * Business-hours arithmetic: "add N business minutes", "how many business minutes
 * between", "when does business time resume". Pure: the caller always passes the instant.
 *
 * Model. Business time is a sorted set of half-open intervals [open, close) of real
 * instants. Each local date contributes the windows of its weekday, none if it is a
 * holiday, or its own windows if it is an extra working day (which beats both).
 *
 * Wall clock → instant. A window opens when the local wall clock first reaches its start
 * and closes when it first reaches its end. This matters on DST-change days only:
 *  - spring forward: times inside the gap never show on the clock, so they resolve to the
 *    transition instant. 01:00–05:00 in Berlin on 2026-03-29 lasts 3 h; a window lying
 *    entirely inside the gap (02:15–02:45) is empty; 02:30–04:00 opens at 03:00 CEST;
 *  - fall back: a repeated time resolves to its first occurrence. 01:00–05:00 in Berlin
 *    on 2026-10-25 lasts 5 h; 00:00–02:30 closes at the first 02:30 (CEST).
 * We do not use luxon's DateTime.fromObject for this: it disambiguates repeated times
 * with the offset of the *current* system time, which would make results depend on the
 * clock. We use luxon's IANAZone offsets and resolve explicitly.
 *
 * Performance. Resolving wall-clock times through Intl costs microseconds, so windows are
 * built once per (calendar object, block of BLOCK_DAYS local dates) as epoch-ms arrays and
 * cached in a WeakMap keyed by the calendar object. Calendars are therefore treated as
 * immutable values: build a new object instead of mutating one that has been used.
 */
import { IANAZone } from "luxon";
import { z } from "zod";
import type { BusinessCalendar, IsoWeekday, TimeWindow } from "#db/shapes/sla";

export type { BusinessCalendar, IsoWeekday, TimeWindow };

export const DEFAULT_CALENDAR: BusinessCalendar = {
  timeZone: "Europe/Moscow",
  weekly: {
    "1": [["10:00", "18:00"]],
    "2": [["10:00", "18:00"]],
    "3": [["10:00", "18:00"]],
    "4": [["10:00", "18:00"]],
    "5": [["10:00", "18:00"]],
    "6": [],
    "7": [],
  },
  holidays: [],
  extraWorkingDays: [],
};

// ---------------------------------------------------------------------------
// Validation
// ---------------------------------------------------------------------------

const ISO_WEEKDAYS: IsoWeekday[] = ["1", "2", "3", "4", "5", "6", "7"];
const TIME_OF_DAY = /^(?:(?:[01]\d|2[0-3]):[0-5]\d|24:00)$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function minuteOfDay(time: string): number {
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}

function isRealDate(date: string): boolean {
  const [year, month, day] = date.split("-").map(Number);
  const parsed = new Date(Date.UTC(year, month - 1, day));
  return parsed.getUTCFullYear() === year && parsed.getUTCMonth() === month - 1 && parsed.getUTCDate() === day;
}

// zod 4 runs refinements even when an inner check already failed, so every refinement
// below skips values that another check reports, to avoid a second, confusing message.
// Messages are catalogue keys (sla.en.ts), with what they are about as parameters.
const timeSchema = z.string().regex(TIME_OF_DAY, "sla.field.timeFormat");

const windowSchema = z
  .tuple([timeSchema, timeSchema])
  .refine(
    ([start, end]) => !TIME_OF_DAY.test(start) || !TIME_OF_DAY.test(end) || minuteOfDay(start) < minuteOfDay(end),
    { message: "sla.field.windowOrder" },
  );

const windowsSchema = z.array(windowSchema).superRefine((windows, ctx) => {
  const valid = windows.filter(([s, e]) => TIME_OF_DAY.test(s) && TIME_OF_DAY.test(e) && s < e);
  const byStart = [...valid].sort(([a], [b]) => minuteOfDay(a) - minuteOfDay(b));
  for (let i = 1; i < byStart.length; i++) {
    const [prevStart, prevEnd] = byStart[i - 1];
    const [start, end] = byStart[i];
    if (minuteOfDay(start) < minuteOfDay(prevEnd)) {
      ctx.addIssue({ code: "custom", message: "sla.field.windowsOverlap", params: { earlier: `${prevStart}–${prevEnd}`, later: `${start}–${end}` } });
    }
  }
});

const dateSchema = z
  .string()
  .regex(ISO_DATE, "sla.field.dateFormat")
  .refine((date) => !ISO_DATE.test(date) || isRealDate(date), { message: "sla.field.dateNotReal" });

export const businessCalendarSchema = z.object({
  timeZone: z.string().refine((zone) => IANAZone.isValidZone(zone), { message: "sla.field.timeZone" }),
  weekly: z.strictObject({
    "1": windowsSchema,
    "2": windowsSchema,
    "3": windowsSchema,
    "4": windowsSchema,
    "5": windowsSchema,
    "6": windowsSchema,
    "7": windowsSchema,
  }),
  holidays: z.array(dateSchema),
  extraWorkingDays: z
    .array(z.object({ date: dateSchema, windows: windowsSchema }))
    .superRefine((days, ctx) => {
      const seen = new Set<string>();
      days.forEach(({ date }, index) => {
        if (seen.has(date)) {
          ctx.addIssue({ code: "custom", path: [index, "date"], message: "sla.field.extraDayTwice", params: { date } });
        }
        seen.add(date);
      });
    }),
}) satisfies z.ZodType<BusinessCalendar>;

// ---------------------------------------------------------------------------
// Window timeline (cached)
// ---------------------------------------------------------------------------

const MINUTE_MS = 60_000;
const SECOND_MS = 1_000;
const DAY_MS = 86_400_000;
/** Local dates per cached block: small enough to build in about a millisecond. */
const BLOCK_DAYS = 32;
/** A calendar without a single window this long is treated as broken, not searched forever. */
const MAX_DAYS_WITHOUT_WINDOW = 3660;
/** UTC offsets lie within −12 h … +14 h, so a local date starts at most this long before its UTC date. */
const MAX_AHEAD_OF_UTC_MS = 14 * 60 * MINUTE_MS;

/** Windows as minutes of the local day, e.g. [600, 1080] for 10:00–18:00. */
type MinuteWindows = Array<[number, number]>;

type CalendarRules = {
  timeZone: string;
  zone: IANAZone;
  weekly: Record<IsoWeekday, MinuteWindows>;
  /** Keyed by day number: days since 1970-01-01 of the local date. */
  holidays: Set<number>;
  extraWorkingDays: Map<number, MinuteWindows>;
};

/** Windows of BLOCK_DAYS consecutive local dates, sorted, as epoch ms. */
type Block = { opens: number[]; closes: number[]; businessMs: number };

type CalendarCache = { rules: CalendarRules; blocks: Map<number, Block> };

const caches = new WeakMap<BusinessCalendar, CalendarCache>();

function toMinuteWindows(windows: TimeWindow[]): MinuteWindows {
  return windows
    .map(([start, end]): [number, number] => [minuteOfDay(start), minuteOfDay(end)])
    .sort(([a], [b]) => a - b);
}

function dayNumberOfDate(date: string): number {
  const [year, month, day] = date.split("-").map(Number);
  return Date.UTC(year, month - 1, day) / DAY_MS;
}

function isoWeekdayOf(day: number): IsoWeekday {
  // Day 0, 1970-01-01, was a Thursday (ISO weekday 4).
  return ISO_WEEKDAYS[(((day + 3) % 7) + 7) % 7];
}

function cacheFor(calendar: BusinessCalendar): CalendarCache {
  let cache = caches.get(calendar);
  if (!cache) {
    const parsed = businessCalendarSchema.safeParse(calendar);
    if (!parsed.success) throw new Error(`Invalid business calendar:\n${z.prettifyError(parsed.error)}`);
    const rules: CalendarRules = {
      timeZone: calendar.timeZone,
      zone: IANAZone.create(calendar.timeZone),
      weekly: Object.fromEntries(
        ISO_WEEKDAYS.map((weekday) => [weekday, toMinuteWindows(calendar.weekly[weekday])]),
      ) as Record<IsoWeekday, MinuteWindows>,
      holidays: new Set(calendar.holidays.map(dayNumberOfDate)),
      extraWorkingDays: new Map(
        calendar.extraWorkingDays.map(({ date, windows }) => [dayNumberOfDate(date), toMinuteWindows(windows)]),
      ),
    };
    cache = { rules, blocks: new Map() };
    caches.set(calendar, cache);
  }
  return cache;
}

function windowsOfDay(rules: CalendarRules, day: number): MinuteWindows {
  return rules.extraWorkingDays.get(day) ?? (rules.holidays.has(day) ? [] : rules.weekly[isoWeekdayOf(day)]);
}

/**
 * First instant at which the zone's wall clock shows `wallMs` (the local date-time written
 * as if it were UTC) or a later time. See the module comment for the DST rules.
 * Assumes at most one offset change within a day either side, true of every real zone.
 */
function firstInstantShowing(zone: IANAZone, wallMs: number): number {
  const offsetBefore = zone.offset(wallMs - DAY_MS);
  const offsetAfter = zone.offset(wallMs + DAY_MS);
  const readWithOffsetBefore = wallMs - offsetBefore * MINUTE_MS;
  if (offsetBefore === offsetAfter) return readWithOffsetBefore;
  // In a fall-back overlap both readings are real; this one is the earlier.
  if (zone.offset(readWithOffsetBefore) === offsetBefore) return readWithOffsetBefore;
  const readWithOffsetAfter = wallMs - offsetAfter * MINUTE_MS;
  if (zone.offset(readWithOffsetAfter) === offsetAfter) return readWithOffsetAfter;
  // Neither reading is real: the time falls in a spring-forward gap, and the clock first
  // shows a later time at the transition, which lies between the two readings.
  let beforeJump = readWithOffsetAfter;
  let afterJump = readWithOffsetBefore;
  while (afterJump - beforeJump > SECOND_MS) {
    const middle = beforeJump + Math.floor((afterJump - beforeJump) / 2 / SECOND_MS) * SECOND_MS;
    if (zone.offset(middle) === offsetAfter) afterJump = middle;
    else beforeJump = middle;
  }
  return afterJump;
}

function buildBlock(rules: CalendarRules, blockNumber: number): Block {
  const block: Block = { opens: [], closes: [], businessMs: 0 };
  const firstDay = blockNumber * BLOCK_DAYS;
  // Offsets at the local midnights from the day before the block to two days after it,
  // read once: for a wall time w on date d, firstInstantShowing compares the offsets at
  // w − 1 day and w + 1 day, both within [d − 1, d + 2]. When the offsets at those ends
  // agree, no change lies between them (see its assumption) and w resolves with that offset.
  const midnightOffsets: number[] = [];
  for (let day = firstDay - 1; day <= firstDay + BLOCK_DAYS + 2; day++) {
    midnightOffsets.push(rules.zone.offset(day * DAY_MS));
  }
  for (let day = firstDay; day < firstDay + BLOCK_DAYS; day++) {
    const offsetBefore = midnightOffsets[day - firstDay];
    const steady = offsetBefore === midnightOffsets[day - firstDay + 3];
    const instantShowing = (minute: number) => {
      const wallMs = day * DAY_MS + minute * MINUTE_MS;
      return steady ? wallMs - offsetBefore * MINUTE_MS : firstInstantShowing(rules.zone, wallMs);
    };
    for (const [startMinute, endMinute] of windowsOfDay(rules, day)) {
      const open = instantShowing(startMinute);
      const close = instantShowing(endMinute);
      // Empty when the whole window sits in a spring-forward gap.
      if (close <= open) continue;
      block.opens.push(open);
      block.closes.push(close);
      block.businessMs += close - open;
    }
  }
  return block;
}

function blockOf(cache: CalendarCache, blockNumber: number): Block {
  let block = cache.blocks.get(blockNumber);
  if (!block) {
    block = buildBlock(cache.rules, blockNumber);
    cache.blocks.set(blockNumber, block);
  }
  return block;
}

/**
 * The block that may hold a window containing or following `instant`: the one of the
 * local date before its UTC date, since the local date may lag the UTC date by one.
 * Windows of earlier dates all close before `instant`.
 */
function firstBlockNumberFor(instant: number): number {
  return Math.floor((Math.floor(instant / DAY_MS) - 1) / BLOCK_DAYS);
}

/** Index of the first window closing after `instant` (the one containing it, or the next). */
function firstWindowClosingAfter(closes: number[], instant: number): number {
  let low = 0;
  let high = closes.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (closes[middle] <= instant) low = middle + 1;
    else high = middle;
  }
  return low;
}

function instantOf(date: Date, name: string): number {
  const instant = date.getTime();
  if (Number.isNaN(instant)) throw new RangeError(`${name} is an invalid Date`);
  return instant;
}

// ---------------------------------------------------------------------------
// Public arithmetic
// ---------------------------------------------------------------------------

/**
 * The instant `minutes` business minutes after `start`.
 * - Time before the first window is skipped: a clock started at night starts at opening.
 * - A result landing exactly on a close is that close (Fri 18:00), not the next opening.
 * - 0 minutes gives `nextBusinessMinute(start)`: `start` itself inside a window, else the
 *   next opening. Fractional minutes are kept to the millisecond.
 * Walks whole windows and skips whole cached blocks, so cost does not grow with minutes.
 */
export function addBusinessMinutes(start: Date, minutes: number, calendar: BusinessCalendar): Date {
  if (!Number.isFinite(minutes) || minutes < 0) {
    throw new RangeError(`Business minutes must be a finite number >= 0, got ${minutes}`);
  }
  const cache = cacheFor(calendar);
  let cursor = instantOf(start, "start");
  let remainingMs = Math.round(minutes * MINUTE_MS);
  let blockNumber = firstBlockNumberFor(cursor);
  let block = blockOf(cache, blockNumber);
  let index = firstWindowClosingAfter(block.closes, cursor);

  for (;;) {
    if (index < block.opens.length) {
      cursor = Math.max(cursor, block.opens[index]);
      const availableMs = block.closes[index] - cursor;
      if (remainingMs <= availableMs) return new Date(cursor + remainingMs);
      remainingMs -= availableMs;
      index++;
      continue;
    }
    // The next block may still hold windows before the cursor: the search starts in the
    // block of the local date before the UTC date, so when that block is used up the
    // cursor can already lie inside the next one. Only a block opening at or after the
    // cursor can be skipped whole; otherwise walk it from the first window closing after
    // the cursor.
    let daysWithoutWindow = 0;
    for (;;) {
      blockNumber++;
      block = blockOf(cache, blockNumber);
      if (block.opens.length === 0) {
        daysWithoutWindow += BLOCK_DAYS;
        if (daysWithoutWindow > MAX_DAYS_WITHOUT_WINDOW) {
          throw new Error(
            `Business calendar (${cache.rules.timeZone}) has no working window ` +
              `in the ${MAX_DAYS_WITHOUT_WINDOW} days after ${new Date(cursor).toISOString()}`,
          );
        }
        continue;
      }
      daysWithoutWindow = 0;
      if (block.opens[0] < cursor || remainingMs <= block.businessMs) break;
      remainingMs -= block.businessMs;
    }
    index = firstWindowClosingAfter(block.closes, cursor);
  }
}

/** `at` itself if it falls inside a window, otherwise the next window opening. */
export function nextBusinessMinute(at: Date, calendar: BusinessCalendar): Date {
  return addBusinessMinutes(at, 0, calendar);
}

/**
 * Business minutes in [from, to), exact to the millisecond (so possibly fractional);
 * 0 when `to` is not after `from`. For `from` in business time and any m >= 0,
 * businessMinutesBetween(from, addBusinessMinutes(from, m)) === m (to the millisecond).
 */
export function businessMinutesBetween(from: Date, to: Date, calendar: BusinessCalendar): number {
  const fromMs = instantOf(from, "from");
  const toMs = instantOf(to, "to");
  if (toMs <= fromMs) return 0;
  const cache = cacheFor(calendar);
  let totalMs = 0;
  let blockNumber = firstBlockNumberFor(fromMs);
  let block = blockOf(cache, blockNumber);
  let index = firstWindowClosingAfter(block.closes, fromMs);

  // A block's windows cannot open before its first local date starts.
  while (blockNumber * BLOCK_DAYS * DAY_MS - MAX_AHEAD_OF_UTC_MS < toMs) {
    const lastClose = block.closes[block.closes.length - 1];
    if (index === 0 && block.opens.length > 0 && block.opens[0] >= fromMs && lastClose <= toMs) {
      totalMs += block.businessMs;
    } else {
      for (; index < block.opens.length && block.opens[index] < toMs; index++) {
        totalMs += Math.min(block.closes[index], toMs) - Math.max(block.opens[index], fromMs);
      }
    }
    blockNumber++;
    block = blockOf(cache, blockNumber);
    // As in addBusinessMinutes: the next block may open before `from`.
    index = firstWindowClosingAfter(block.closes, fromMs);
  }
  return totalMs / MINUTE_MS;
}
