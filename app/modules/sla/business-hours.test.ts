import { describe, expect, it } from "vitest";
import {
  addBusinessMinutes,
  businessCalendarSchema,
  businessMinutesBetween,
  DEFAULT_CALENDAR,
  nextBusinessMinute,
  type BusinessCalendar,
  type TimeWindow,
} from "./business-hours";
import { isMessageKey, issueMessage, messageKeyOf, renderMessage, type UserMessage } from "~/utils/messages";

// Instants are written with explicit UTC offsets so every expectation is unambiguous,
// including on DST-change days. 2026-05-11 is a Monday; Moscow is UTC+3 all year.
const t = (iso: string) => new Date(iso);

function everyDay(timeZone: string, windows: TimeWindow[]): BusinessCalendar {
  return {
    timeZone,
    weekly: { "1": windows, "2": windows, "3": windows, "4": windows, "5": windows, "6": windows, "7": windows },
    holidays: [],
    extraWorkingDays: [],
  };
}

function weekdays(timeZone: string, windows: TimeWindow[]): BusinessCalendar {
  return { ...everyDay(timeZone, windows), weekly: { ...everyDay(timeZone, windows).weekly, "6": [], "7": [] } };
}

const MOSCOW = DEFAULT_CALENDAR;

/** Russian New Year run (1–8 Jan), a mid-week holiday and a worked (short) Saturday. */
const RUSSIA_2026: BusinessCalendar = {
  ...MOSCOW,
  holidays: [
    "2026-01-01", "2026-01-02", "2026-01-03", "2026-01-04",
    "2026-01-05", "2026-01-06", "2026-01-07", "2026-01-08",
    "2026-11-04",
  ],
  extraWorkingDays: [{ date: "2026-11-07", windows: [["10:00", "15:00"]] }],
};

/** An extra working day wins over a holiday listed for the same date. */
const HOLIDAY_OVERRIDDEN: BusinessCalendar = {
  ...MOSCOW,
  holidays: ["2026-05-13"],
  extraWorkingDays: [{ date: "2026-05-13", windows: [["12:00", "13:00"]] }],
};

const LUNCH_BREAK = weekdays("Europe/Moscow", [["09:00", "13:00"], ["14:00", "18:00"]]);

/** Evening shift running to midnight, then a short Saturday night shift from midnight. */
const EVENING_SHIFT: BusinessCalendar = {
  ...weekdays("Europe/Moscow", [["20:00", "24:00"]]),
  weekly: { ...weekdays("Europe/Moscow", [["20:00", "24:00"]]).weekly, "6": [["00:00", "02:00"]] },
};

const BERLIN_ALL_DAY = everyDay("Europe/Berlin", [["00:00", "24:00"]]);
const BERLIN_NIGHT = everyDay("Europe/Berlin", [["01:00", "05:00"]]);
const BERLIN_FROM_GAP = everyDay("Europe/Berlin", [["02:30", "04:00"]]);
const BERLIN_INSIDE_GAP = everyDay("Europe/Berlin", [["02:15", "02:45"]]);
const BERLIN_OFFICE = weekdays("Europe/Berlin", [["10:00", "18:00"]]);
const NEW_YORK_ALL_DAY = everyDay("America/New_York", [["00:00", "24:00"]]);
const NEW_YORK_NIGHT = everyDay("America/New_York", [["01:00", "05:00"]]);
const NEW_YORK_REPEATED_HOUR = everyDay("America/New_York", [["01:30", "03:00"]]);

describe("addBusinessMinutes", () => {
  it.each<[string, BusinessCalendar, string, number, string]>([
    ["inside hours", MOSCOW, "2026-05-13T11:00+03:00", 60, "2026-05-13T12:00+03:00"],
    ["inside hours, past the close into the next day", MOSCOW, "2026-05-13T17:00+03:00", 120, "2026-05-14T11:00+03:00"],
    ["before opening", MOSCOW, "2026-05-13T08:00+03:00", 30, "2026-05-13T10:30+03:00"],
    ["after close", MOSCOW, "2026-05-13T19:00+03:00", 30, "2026-05-14T10:30+03:00"],
    ["on a Saturday", MOSCOW, "2026-05-16T12:00+03:00", 60, "2026-05-18T11:00+03:00"],
    ["Friday over the weekend", MOSCOW, "2026-05-15T17:00+03:00", 120, "2026-05-18T11:00+03:00"],
    ["deadline exactly on the close stays on the close", MOSCOW, "2026-05-15T17:00+03:00", 60, "2026-05-15T18:00+03:00"],
    ["a full day ends at the close", MOSCOW, "2026-05-11T10:00+03:00", 480, "2026-05-11T18:00+03:00"],
    ["a full week ends on Friday's close", MOSCOW, "2026-05-11T10:00+03:00", 2400, "2026-05-15T18:00+03:00"],
    ["one minute more opens the next week", MOSCOW, "2026-05-11T10:00+03:00", 2401, "2026-05-18T10:01+03:00"],
    ["a year of working days, skipping whole blocks", MOSCOW, "2026-05-11T10:00+03:00", 52 * 2400, "2027-05-07T18:00+03:00"],
    ["starting exactly at the close", MOSCOW, "2026-05-15T18:00+03:00", 60, "2026-05-18T11:00+03:00"],
    ["starting exactly at the opening", MOSCOW, "2026-05-11T10:00+03:00", 1, "2026-05-11T10:01+03:00"],
    ["fractional minutes keep milliseconds", MOSCOW, "2026-05-13T11:00+03:00", 0.5, "2026-05-13T11:00:30+03:00"],
    ["0 minutes inside hours is the start", MOSCOW, "2026-05-13T11:00+03:00", 0, "2026-05-13T11:00+03:00"],
    ["0 minutes at the opening is the start", MOSCOW, "2026-05-13T10:00+03:00", 0, "2026-05-13T10:00+03:00"],
    ["0 minutes at the close is the next opening", MOSCOW, "2026-05-15T18:00+03:00", 0, "2026-05-18T10:00+03:00"],
    ["0 minutes on Sunday is Monday's opening", MOSCOW, "2026-05-17T12:00+03:00", 0, "2026-05-18T10:00+03:00"],
    ["over the New Year holidays", RUSSIA_2026, "2025-12-31T17:00+03:00", 120, "2026-01-09T11:00+03:00"],
    ["starting inside the New Year holidays", RUSSIA_2026, "2026-01-05T12:00+03:00", 60, "2026-01-09T11:00+03:00"],
    ["over a mid-week holiday", RUSSIA_2026, "2026-11-03T17:00+03:00", 120, "2026-11-05T11:00+03:00"],
    ["into a worked Saturday", RUSSIA_2026, "2026-11-06T17:00+03:00", 120, "2026-11-07T11:00+03:00"],
    ["through a worked short Saturday", RUSSIA_2026, "2026-11-06T17:00+03:00", 60 + 300 + 30, "2026-11-09T10:30+03:00"],
    ["extra working day beats a holiday", HOLIDAY_OVERRIDDEN, "2026-05-13T11:00+03:00", 30, "2026-05-13T12:30+03:00"],
    ["across the lunch break", LUNCH_BREAK, "2026-05-13T12:30+03:00", 60, "2026-05-13T14:30+03:00"],
    ["landing on the lunch close", LUNCH_BREAK, "2026-05-13T12:00+03:00", 60, "2026-05-13T13:00+03:00"],
    ["starting at lunch", LUNCH_BREAK, "2026-05-13T13:00+03:00", 1, "2026-05-13T14:01+03:00"],
    ["0 minutes at lunch is its end", LUNCH_BREAK, "2026-05-13T13:30+03:00", 0, "2026-05-13T14:00+03:00"],
    ["a day with lunch", LUNCH_BREAK, "2026-05-13T09:00+03:00", 480, "2026-05-13T18:00+03:00"],
    ["a 24:00 close is midnight", EVENING_SHIFT, "2026-05-15T23:00+03:00", 60, "2026-05-16T00:00+03:00"],
    ["through midnight into the next day's shift", EVENING_SHIFT, "2026-05-15T23:00+03:00", 180, "2026-05-16T02:00+03:00"],
    ["from a 24:00 close to the next evening", EVENING_SHIFT, "2026-05-11T23:30+03:00", 60, "2026-05-12T20:30+03:00"],
    // Block boundary, as in businessMinutesBetween: Monday's window (first day of a block)
    // closed before the start and must not be used (was Wed 15:45).
    ["after the close on the first day of a block", RUSSIA_2026, "2026-07-06T20:45Z", 480, "2026-07-07T18:00+03:00"],
    ["from there into the next block", RUSSIA_2026, "2026-07-06T20:45Z", 24 * 480, "2026-08-07T18:00+03:00"],
  ])("%s", (_name, calendar, start, minutes, expected) => {
    expect(addBusinessMinutes(t(start), minutes, calendar).toISOString()).toBe(t(expected).toISOString());
  });

  it.each([-1, Number.NaN, Number.POSITIVE_INFINITY])("rejects %s minutes", (minutes) => {
    expect(() => addBusinessMinutes(t("2026-05-13T11:00+03:00"), minutes, MOSCOW)).toThrow(RangeError);
  });

  it("throws instead of looping on a calendar without windows", () => {
    expect(() => addBusinessMinutes(t("2026-05-13T11:00+03:00"), 1, weekdays("Europe/Moscow", []))).toThrow(
      /no working window in the 3660 days/,
    );
  });

  it("throws a readable error for an invalid calendar (its message key and where)", () => {
    expect(() => addBusinessMinutes(t("2026-05-13T11:00+03:00"), 1, { ...MOSCOW, timeZone: "Moscow" })).toThrow(
      /Invalid business calendar:[\s\S]*sla\.field\.timeZone[\s\S]*at timeZone/,
    );
  });
});

describe("DST changes", () => {
  // Berlin: 2026-03-29 02:00 CET → 03:00 CEST; 2026-10-25 03:00 CEST → 02:00 CET.
  // New York: 2026-03-08 02:00 EST → 03:00 EDT; 2026-11-01 02:00 EDT → 01:00 EST.
  it.each<[string, BusinessCalendar, string, string, number]>([
    ["Berlin spring day lasts 23 h", BERLIN_ALL_DAY, "2026-03-29T00:00+01:00", "2026-03-30T00:00+02:00", 23 * 60],
    ["Berlin autumn day lasts 25 h", BERLIN_ALL_DAY, "2026-10-25T00:00+02:00", "2026-10-26T00:00+01:00", 25 * 60],
    ["Berlin 01–05 loses the skipped hour", BERLIN_NIGHT, "2026-03-29T00:00+01:00", "2026-03-30T00:00+02:00", 3 * 60],
    ["Berlin 01–05 gains the repeated hour", BERLIN_NIGHT, "2026-10-25T00:00+02:00", "2026-10-26T00:00+01:00", 5 * 60],
    ["Berlin window opening in the gap opens at the jump", BERLIN_FROM_GAP, "2026-03-29T00:00+01:00", "2026-03-30T00:00+02:00", 60],
    ["Berlin window opening in the repeated hour opens at its first pass", BERLIN_FROM_GAP, "2026-10-25T00:00+02:00", "2026-10-26T00:00+01:00", 150],
    ["Berlin window inside the gap is empty", BERLIN_INSIDE_GAP, "2026-03-29T00:00+01:00", "2026-03-30T00:00+02:00", 0],
    ["New York spring day lasts 23 h", NEW_YORK_ALL_DAY, "2026-03-08T00:00-05:00", "2026-03-09T00:00-04:00", 23 * 60],
    ["New York autumn day lasts 25 h", NEW_YORK_ALL_DAY, "2026-11-01T00:00-04:00", "2026-11-02T00:00-05:00", 25 * 60],
    ["New York 01–05 loses the skipped hour", NEW_YORK_NIGHT, "2026-03-08T00:00-05:00", "2026-03-09T00:00-04:00", 3 * 60],
    ["New York 01–05 gains the repeated hour", NEW_YORK_NIGHT, "2026-11-01T00:00-04:00", "2026-11-02T00:00-05:00", 5 * 60],
    ["New York 01:30 opens at its first pass", NEW_YORK_REPEATED_HOUR, "2026-11-01T00:00-04:00", "2026-11-02T00:00-05:00", 150],
  ])("%s", (_name, calendar, from, to, minutes) => {
    expect(businessMinutesBetween(t(from), t(to), calendar)).toBe(minutes);
  });

  it.each<[string, BusinessCalendar, string, number, string]>([
    ["Berlin: an hour over the jump", BERLIN_ALL_DAY, "2026-03-29T01:30+01:00", 60, "2026-03-29T03:30+02:00"],
    ["Berlin: an hour over the repeat", BERLIN_ALL_DAY, "2026-10-25T02:30+02:00", 60, "2026-10-25T02:30+01:00"],
    ["Berlin: straddling window closes at 05:00 CEST", BERLIN_NIGHT, "2026-03-29T01:00+01:00", 180, "2026-03-29T05:00+02:00"],
    ["Berlin: one more minute is the next night", BERLIN_NIGHT, "2026-03-29T01:00+01:00", 181, "2026-03-30T01:01+02:00"],
    ["Berlin: 4 h into the long night is 04:00 CET", BERLIN_NIGHT, "2026-10-25T01:00+02:00", 240, "2026-10-25T04:00+01:00"],
    ["Berlin: the long night closes at 05:00 CET", BERLIN_NIGHT, "2026-10-25T01:00+02:00", 300, "2026-10-25T05:00+01:00"],
    ["Berlin: office hours over the spring weekend", BERLIN_OFFICE, "2026-03-27T17:00+01:00", 120, "2026-03-30T11:00+02:00"],
    ["Berlin: office hours over the autumn weekend", BERLIN_OFFICE, "2026-10-23T17:00+02:00", 120, "2026-10-26T11:00+01:00"],
    ["New York: an hour over the jump", NEW_YORK_ALL_DAY, "2026-03-08T01:30-05:00", 60, "2026-03-08T03:30-04:00"],
    ["New York: an hour later the clock shows 01:30 again", NEW_YORK_ALL_DAY, "2026-11-01T01:30-04:00", 60, "2026-11-01T01:30-05:00"],
    ["New York: straddling window closes at 05:00 EDT", NEW_YORK_NIGHT, "2026-03-08T01:00-05:00", 180, "2026-03-08T05:00-04:00"],
    ["New York: the long night closes at 05:00 EST", NEW_YORK_NIGHT, "2026-11-01T01:00-04:00", 300, "2026-11-01T05:00-05:00"],
  ])("%s", (_name, calendar, start, minutes, expected) => {
    expect(addBusinessMinutes(t(start), minutes, calendar).toISOString()).toBe(t(expected).toISOString());
  });

  it.each<[string, BusinessCalendar, string, string]>([
    ["Berlin: before the gap, opens at the jump", BERLIN_FROM_GAP, "2026-03-29T01:30+01:00", "2026-03-29T03:00+02:00"],
    ["Berlin: window inside the gap is skipped", BERLIN_INSIDE_GAP, "2026-03-29T01:00+01:00", "2026-03-30T02:15+02:00"],
    ["Berlin: repeated 02:30 opens at its first pass", BERLIN_FROM_GAP, "2026-10-25T00:00+02:00", "2026-10-25T02:30+02:00"],
    ["Berlin: inside the repeated hour, second pass", BERLIN_FROM_GAP, "2026-10-25T02:45+01:00", "2026-10-25T02:45+01:00"],
  ])("nextBusinessMinute %s", (_name, calendar, at, expected) => {
    expect(nextBusinessMinute(t(at), calendar).toISOString()).toBe(t(expected).toISOString());
  });
});

describe("nextBusinessMinute", () => {
  it.each<[string, BusinessCalendar, string, string]>([
    ["inside a window is itself", MOSCOW, "2026-05-13T12:34:56.789+03:00", "2026-05-13T12:34:56.789+03:00"],
    ["at the close is the next opening", MOSCOW, "2026-05-13T18:00+03:00", "2026-05-14T10:00+03:00"],
    ["before opening is the opening", MOSCOW, "2026-05-13T09:59+03:00", "2026-05-13T10:00+03:00"],
    ["during the New Year holidays", RUSSIA_2026, "2026-01-01T12:00+03:00", "2026-01-09T10:00+03:00"],
    ["during lunch", LUNCH_BREAK, "2026-05-13T13:15+03:00", "2026-05-13T14:00+03:00"],
  ])("%s", (_name, calendar, at, expected) => {
    expect(nextBusinessMinute(t(at), calendar).toISOString()).toBe(t(expected).toISOString());
  });
});

describe("businessMinutesBetween", () => {
  it.each<[string, BusinessCalendar, string, string, number]>([
    ["to before from is 0", MOSCOW, "2026-05-13T12:00+03:00", "2026-05-13T11:00+03:00", 0],
    ["same instant is 0", MOSCOW, "2026-05-13T12:00+03:00", "2026-05-13T12:00+03:00", 0],
    ["inside one window", MOSCOW, "2026-05-13T11:00+03:00", "2026-05-13T12:30+03:00", 90],
    ["night only is 0", MOSCOW, "2026-05-13T18:00+03:00", "2026-05-14T10:00+03:00", 0],
    ["over the weekend", MOSCOW, "2026-05-15T17:00+03:00", "2026-05-18T11:00+03:00", 120],
    ["whole week from Sunday to Sunday", MOSCOW, "2026-05-10T12:00+03:00", "2026-05-17T12:00+03:00", 2400],
    ["a year of working days", MOSCOW, "2026-05-11T00:00+03:00", "2027-05-08T00:00+03:00", 52 * 2400],
    ["seconds count", MOSCOW, "2026-05-13T11:00+03:00", "2026-05-13T11:00:30+03:00", 0.5],
    ["over the New Year holidays", RUSSIA_2026, "2025-12-31T17:00+03:00", "2026-01-09T11:00+03:00", 120],
    ["a worked Saturday counts", RUSSIA_2026, "2026-11-07T00:00+03:00", "2026-11-08T00:00+03:00", 300],
    ["a lunch break does not count", LUNCH_BREAK, "2026-05-13T12:00+03:00", "2026-05-13T15:00+03:00", 120],
    ["through midnight between shifts", EVENING_SHIFT, "2026-05-15T22:00+03:00", "2026-05-16T01:00+03:00", 180],
    // Local date 2026-07-06 starts a cached block; the search starts in the block before it
    // and must not count Monday's window, which closed before `from` (was 1575).
    ["after the close on the first day of a block", RUSSIA_2026, "2026-07-06T20:45Z", "2026-07-11T06:17Z", 1920],
  ])("%s", (_name, calendar, from, to, minutes) => {
    expect(businessMinutesBetween(t(from), t(to), calendar)).toBe(minutes);
  });

  // Property: for a start in business time, between(start, add(start, m)) === m.
  describe.each<[string, BusinessCalendar]>([
    ["Moscow office", MOSCOW],
    ["Russian holidays", RUSSIA_2026],
    ["lunch break", LUNCH_BREAK],
    ["evening shift", EVENING_SHIFT],
    ["Berlin nights over DST", BERLIN_NIGHT],
    ["New York all day", NEW_YORK_ALL_DAY],
  ])("is the inverse of addBusinessMinutes (%s)", (_name, calendar) => {
    it("for 300 deterministic starts and durations", () => {
      let seed = 20260101;
      const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
      const rangeStart = t("2025-12-01T00:00Z").getTime();
      const rangeMs = 400 * 86_400_000;
      for (let i = 0; i < 300; i++) {
        const start = nextBusinessMinute(new Date(rangeStart + Math.floor(random() * rangeMs)), calendar);
        const minutes = Math.floor(random() * 6000);
        const end = addBusinessMinutes(start, minutes, calendar);
        expect(businessMinutesBetween(start, end, calendar), `${start.toISOString()} + ${minutes}`).toBe(minutes);
      }
    });
  });
});

describe("businessCalendarSchema", () => {
  it("accepts the default calendar", () => {
    expect(businessCalendarSchema.parse(DEFAULT_CALENDAR)).toEqual(DEFAULT_CALENDAR);
  });

  it("accepts 24:00 as an end, touching windows and extra working days", () => {
    expect(businessCalendarSchema.safeParse(RUSSIA_2026).success).toBe(true);
    expect(businessCalendarSchema.safeParse(EVENING_SHIFT).success).toBe(true);
    expect(businessCalendarSchema.safeParse(weekdays("UTC", [["09:00", "12:00"], ["12:00", "24:00"]])).success).toBe(true);
  });

  const withMonday = (windows: TimeWindow[]) => ({ ...MOSCOW, weekly: { ...MOSCOW.weekly, "1": windows } });

  // Each mistake says one catalogue message (its key, with what it is about as parameters) whose
  // English is the sentence the calendar form has always shown; zod's own structural messages
  // (a missing or unknown weekday) never reach the form, which builds the weekdays itself.
  it.each<[string, unknown, UserMessage | string, string]>([
    ["unknown time zone", { ...MOSCOW, timeZone: "Mars/Olympus" }, "sla.field.timeZone", 'Unknown time zone; expected an IANA name such as "Europe/Moscow"'],
    ["time without leading zero", withMonday([["9:00", "18:00"]]), "sla.field.timeFormat", 'Expected a time "HH:MM" from 00:00 to 24:00'],
    ["hour 25", withMonday([["10:00", "25:00"]]), "sla.field.timeFormat", 'Expected a time "HH:MM" from 00:00 to 24:00'],
    ["24:30", withMonday([["10:00", "24:30"]]), "sla.field.timeFormat", 'Expected a time "HH:MM" from 00:00 to 24:00'],
    ["end before start", withMonday([["18:00", "10:00"]]), "sla.field.windowOrder", "A window must start before it ends"],
    ["empty window", withMonday([["10:00", "10:00"]]), "sla.field.windowOrder", "A window must start before it ends"],
    ["24:00 as a start", withMonday([["24:00", "24:00"]]), "sla.field.windowOrder", "A window must start before it ends"],
    [
      "overlapping windows",
      withMonday([["14:00", "18:00"], ["10:00", "14:30"]]),
      { key: "sla.field.windowsOverlap", params: { earlier: "10:00–14:30", later: "14:00–18:00" } },
      "Windows 10:00–14:30 and 14:00–18:00 overlap",
    ],
    ["missing weekday", { ...MOSCOW, weekly: { ...MOSCOW.weekly, "7": undefined } }, "expected array", "expected array"],
    ["weekday 0", { ...MOSCOW, weekly: { ...MOSCOW.weekly, "0": [] } }, 'Unrecognized key: "0"', 'Unrecognized key: "0"'],
    ["holiday in another format", { ...MOSCOW, holidays: ["01.01.2026"] }, "sla.field.dateFormat", 'Expected a date "YYYY-MM-DD"'],
    ["holiday that does not exist", { ...MOSCOW, holidays: ["2026-02-30"] }, "sla.field.dateNotReal", "Not a real calendar date"],
    [
      "extra working day listed twice",
      { ...MOSCOW, extraWorkingDays: [{ date: "2026-11-07", windows: [] }, { date: "2026-11-07", windows: [] }] },
      { key: "sla.field.extraDayTwice", params: { date: "2026-11-07" } },
      "Extra working day 2026-11-07 is listed twice",
    ],
  ])("rejects %s", (_name, calendar, expected, english) => {
    const result = businessCalendarSchema.safeParse(calendar);
    expect(result.success).toBe(false);
    const messages = result.error?.issues.map(issueMessage) ?? [];
    // One mistake, one message: refinements must not pile up on a value already rejected.
    expect(messages, messages.map((m) => renderMessage("en", m)).join(" | ")).toHaveLength(1);
    if (isMessageKey(messageKeyOf(expected))) {
      expect(messageKeyOf(messages[0])).toBe(messageKeyOf(expected));
      if (typeof expected !== "string") expect(messages[0]).toMatchObject(expected);
    } else expect(String(messages[0])).toContain(expected);
    expect(renderMessage("en", messages[0])).toContain(english);
  });
});
