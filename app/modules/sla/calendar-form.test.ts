import { describe, expect, it } from "vitest";
import { addBusinessMinutes } from "./business-hours";
import { calendarFormValuesFrom, calendarToFormValues, parseCalendarForm, parseWindows } from "./calendar-form";
import { DEFAULT_MOSCOW_CALENDAR } from "./defaults";
import { renderMessage } from "~/utils/messages";

const form = (overrides: Record<string, string> = {}) =>
  calendarFormValuesFrom({
    name: "Office",
    timeZone: "Europe/Moscow",
    weekday1: "10:00–13:00, 14:00-18:00",
    weekday2: "10:00-18:00",
    weekday3: "10:00-18:00",
    weekday4: "10:00-18:00",
    weekday5: "9:00-17:00",
    weekday6: "",
    weekday7: "",
    holidays: "2026-01-01\n2026-01-02, 2026-01-05",
    extraWorkingDays: "2026-11-07 10:00-18:00",
    ...overrides,
  });

describe("parseWindows", () => {
  it("reads dashes of any kind and pads hours", () => {
    expect(parseWindows("9:00-13:00, 14:00–18:00; 19:00—24:00")).toEqual({
      windows: [
        ["09:00", "13:00"],
        ["14:00", "18:00"],
        ["19:00", "24:00"],
      ],
    });
    expect(parseWindows("")).toEqual({ windows: [] });
    expect(parseWindows("ten to six")).toEqual({ error: { key: "sla.field.notAWindow", params: { part: "ten to six" } } });
  });
});

describe("parseCalendarForm", () => {
  it("builds a calendar with a lunch break, holidays and an extra working day", () => {
    const parsed = parseCalendarForm(form());
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.calendar.weekly["1"]).toEqual([
      ["10:00", "13:00"],
      ["14:00", "18:00"],
    ]);
    expect(parsed.calendar.weekly["5"]).toEqual([["09:00", "17:00"]]);
    expect(parsed.calendar.holidays).toEqual(["2026-01-01", "2026-01-02", "2026-01-05"]);
    expect(parsed.calendar.extraWorkingDays).toEqual([{ date: "2026-11-07", windows: [["10:00", "18:00"]] }]);
    // The lunch break is not business time: 10:00 + 4 h on Monday 2026-03-02 is 15:00 MSK.
    expect(addBusinessMinutes(new Date("2026-03-02T07:00:00Z"), 240, parsed.calendar).toISOString()).toBe("2026-03-02T12:00:00.000Z");
  });

  it("names the field of each mistake", () => {
    const parsed = parseCalendarForm(
      form({ name: "", timeZone: "Mars/Olympus", weekday2: "18:00-10:00", holidays: "2026-02-30", extraWorkingDays: "2026-11-07" }),
    );
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(Object.keys(parsed.fieldErrors).sort()).toEqual(["extraWorkingDays", "name"]);
    const second = parseCalendarForm(form({ timeZone: "Mars/Olympus", weekday2: "18:00-10:00", weekday3: "10:00-14:00, 13:00-18:00", holidays: "2026-02-30" }));
    expect(second.ok).toBe(false);
    if (second.ok) return;
    expect(Object.keys(second.fieldErrors).sort()).toEqual(["holidays", "timeZone", "weekday2", "weekday3"]);
    expect(second.fieldErrors.holidays).toEqual([{ key: "sla.field.onDate.dateNotReal", params: { date: "2026-02-30" } }]);
    expect(renderMessage("en", second.fieldErrors.holidays![0])).toBe("2026-02-30: Not a real calendar date");
    expect(second.fieldErrors.weekday3).toEqual([{ key: "sla.field.windowsOverlap", params: { earlier: "10:00–14:00", later: "13:00–18:00" } }]);
    expect(renderMessage("en", second.fieldErrors.weekday2![0])).toBe("A window must start before it ends");
  });

  it("refuses a calendar without any working hours", () => {
    const empty = Object.fromEntries(["1", "2", "3", "4", "5", "6", "7"].map((d) => [`weekday${d}`, ""]));
    const parsed = parseCalendarForm(form(empty));
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.fieldErrors.weekday1).toEqual(["sla.field.noWorkingHours"]);
  });

  it("round-trips the default calendar through the form", () => {
    const values = calendarToFormValues("Moscow", DEFAULT_MOSCOW_CALENDAR);
    const parsed = parseCalendarForm(values);
    expect(parsed).toEqual({ ok: true, name: "Moscow", calendar: DEFAULT_MOSCOW_CALENDAR });
  });
});
