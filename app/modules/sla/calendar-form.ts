/**
 * The admin calendar form as plain text fields ↔ a BusinessCalendar value.
 *
 *   weekday fields  "10:00–13:00, 14:00–18:00"   (empty = day off; "-" or "–" between times)
 *   holidays        one date per line (or separated by commas/spaces), "2026-01-01"
 *   extra days      one per line: "2026-11-07 10:00–18:00, 19:00–20:00"
 *
 * Text in, validated value out: businessCalendarSchema has the final word (real dates,
 * ordered, non-overlapping windows, a known IANA zone), and a calendar must have at least one
 * weekly window — otherwise no clock could ever be due.
 */
import { z } from "zod";
import { businessCalendarSchema, type BusinessCalendar, type IsoWeekday, type TimeWindow } from "./business-hours";

export const WEEKDAYS: IsoWeekday[] = ["1", "2", "3", "4", "5", "6", "7"];

export type CalendarFormValues = {
  name: string;
  timeZone: string;
  /** weekday1 … weekday7 */
  weekly: Record<IsoWeekday, string>;
  holidays: string;
  extraWorkingDays: string;
};

const WINDOW_TEXT = /^(\d{1,2}:\d{2})\s*[-–—]\s*(\d{1,2}:\d{2})$/;

const pad = (time: string) => (time.length === 4 ? `0${time}` : time);

export function parseWindows(text: string): { windows: TimeWindow[] } | { error: string } {
  const parts = text
    .split(/[,;]/)
    .map((p) => p.trim())
    .filter(Boolean);
  const windows: TimeWindow[] = [];
  for (const part of parts) {
    const match = WINDOW_TEXT.exec(part);
    if (!match) return { error: `"${part}" is not a window like 10:00–18:00` };
    windows.push([pad(match[1]), pad(match[2])]);
  }
  return { windows };
}

export function formatWindows(windows: TimeWindow[]): string {
  return windows.map(([start, end]) => `${start}–${end}`).join(", ");
}

export type CalendarParse =
  | { ok: true; name: string; calendar: BusinessCalendar }
  | { ok: false; fieldErrors: Record<string, string[]> };

export function parseCalendarForm(values: CalendarFormValues): CalendarParse {
  const fieldErrors: Record<string, string[]> = {};
  const add = (field: string, message: string) => (fieldErrors[field] ??= []).push(message);
  const name = values.name.trim();
  if (!name) add("name", "Enter a name");
  if (name.length > 100) add("name", "Use at most 100 characters");

  const weekly = {} as Record<IsoWeekday, TimeWindow[]>;
  for (const day of WEEKDAYS) {
    const parsed = parseWindows(values.weekly[day] ?? "");
    if ("error" in parsed) {
      add(`weekday${day}`, parsed.error);
      weekly[day] = [];
    } else weekly[day] = parsed.windows;
  }

  const holidays = values.holidays
    .split(/[\s,;]+/)
    .map((d) => d.trim())
    .filter(Boolean);

  const extraWorkingDays: BusinessCalendar["extraWorkingDays"] = [];
  for (const line of values.extraWorkingDays.split(/\r?\n/).map((l) => l.trim()).filter(Boolean)) {
    const [date, ...rest] = line.split(/\s+/);
    const parsed = parseWindows(rest.join(" "));
    if ("error" in parsed) add("extraWorkingDays", `${date}: ${parsed.error}`);
    else if (parsed.windows.length === 0) add("extraWorkingDays", `${date}: give the working hours, e.g. ${date} 10:00–18:00`);
    else extraWorkingDays.push({ date, windows: parsed.windows });
  }

  const candidate: BusinessCalendar = { timeZone: values.timeZone.trim(), weekly, holidays, extraWorkingDays };
  if (Object.keys(fieldErrors).length === 0) {
    const result = businessCalendarSchema.safeParse(candidate);
    if (!result.success) {
      for (const issue of result.error.issues) add(fieldForIssue(issue), describeIssue(issue, candidate));
    }
  }
  if (WEEKDAYS.every((day) => weekly[day].length === 0)) add("weekday1", "A calendar needs working hours on at least one weekday");
  if (Object.keys(fieldErrors).length > 0) return { ok: false, fieldErrors };
  return { ok: true, name, calendar: candidate };
}

function fieldForIssue(issue: z.core.$ZodIssue): string {
  const [first, second] = issue.path;
  if (first === "weekly") return `weekday${String(second)}`;
  if (first === "timeZone") return "timeZone";
  if (first === "holidays") return "holidays";
  if (first === "extraWorkingDays") return "extraWorkingDays";
  return "_form";
}

function describeIssue(issue: z.core.$ZodIssue, calendar: BusinessCalendar): string {
  const [first, second] = issue.path;
  if (first === "holidays" && typeof second === "number") return `${calendar.holidays[second]}: ${issue.message}`;
  if (first === "extraWorkingDays" && typeof second === "number") return `${calendar.extraWorkingDays[second]?.date}: ${issue.message}`;
  return issue.message;
}

/** The stored calendar as the form shows it. */
export function calendarToFormValues(name: string, calendar: BusinessCalendar): CalendarFormValues {
  return {
    name,
    timeZone: calendar.timeZone,
    weekly: Object.fromEntries(WEEKDAYS.map((d) => [d, formatWindows(calendar.weekly[d])])) as Record<IsoWeekday, string>,
    holidays: calendar.holidays.join("\n"),
    extraWorkingDays: calendar.extraWorkingDays.map((d) => `${d.date} ${formatWindows(d.windows)}`).join("\n"),
  };
}

/** Reads the form fields (weekday1 … weekday7 etc.) from submitted values. */
export function calendarFormValuesFrom(values: Record<string, string | undefined>): CalendarFormValues {
  return {
    name: values.name ?? "",
    timeZone: values.timeZone ?? "",
    weekly: Object.fromEntries(WEEKDAYS.map((d) => [d, values[`weekday${d}`] ?? ""])) as Record<IsoWeekday, string>,
    holidays: values.holidays ?? "",
    extraWorkingDays: values.extraWorkingDays ?? "",
  };
}
