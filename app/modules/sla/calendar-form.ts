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
import type { MessageKey } from "~/locales/en";
import { GENERIC_ISSUE, issueMessage, msg, type FormMessage, type UserMessage } from "~/utils/messages";
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

export function parseWindows(text: string): { windows: TimeWindow[] } | { error: UserMessage } {
  const parts = text
    .split(/[,;]/)
    .map((p) => p.trim())
    .filter(Boolean);
  const windows: TimeWindow[] = [];
  for (const part of parts) {
    const match = WINDOW_TEXT.exec(part);
    if (!match) return { error: msg("sla.field.notAWindow", { part }) };
    windows.push([pad(match[1]), pad(match[2])]);
  }
  return { windows };
}

export function formatWindows(windows: TimeWindow[]): string {
  return windows.map(([start, end]) => `${start}–${end}`).join(", ");
}

export type CalendarParse =
  | { ok: true; name: string; calendar: BusinessCalendar }
  | { ok: false; fieldErrors: Record<string, FormMessage[]> };

const NAME_MAX = 100;

export function parseCalendarForm(values: CalendarFormValues): CalendarParse {
  const fieldErrors: Record<string, FormMessage[]> = {};
  const add = (field: string, message: FormMessage) => (fieldErrors[field] ??= []).push(message);
  const name = values.name.trim();
  if (!name) add("name", "sla.field.name");
  if (name.length > NAME_MAX) add("name", msg("sla.field.nameTooLong", { maximum: NAME_MAX }));

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
    if ("error" in parsed) add("extraWorkingDays", onDate(parsed.error, date));
    else if (parsed.windows.length === 0) add("extraWorkingDays", msg("sla.field.onDate.noHours", { date }));
    else extraWorkingDays.push({ date, windows: parsed.windows });
  }

  const candidate: BusinessCalendar = { timeZone: values.timeZone.trim(), weekly, holidays, extraWorkingDays };
  if (Object.keys(fieldErrors).length === 0) {
    const result = businessCalendarSchema.safeParse(candidate, { error: () => GENERIC_ISSUE });
    if (!result.success) {
      for (const issue of result.error.issues) add(fieldForIssue(issue), describeIssue(issue, candidate));
    }
  }
  if (WEEKDAYS.every((day) => weekly[day].length === 0)) add("weekday1", "sla.field.noWorkingHours");
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

function describeIssue(issue: z.core.$ZodIssue, calendar: BusinessCalendar): FormMessage {
  const [first, second] = issue.path;
  const message = issueMessage(issue);
  if (first === "holidays" && typeof second === "number") return onDate(message, calendar.holidays[second] ?? "");
  if (first === "extraWorkingDays" && typeof second === "number") return onDate(message, calendar.extraWorkingDays[second]?.date ?? "");
  return message;
}

/** What a holiday's or an extra working day's mistake says, led by its date ("2026-02-30: …"). */
const ON_DATE: Partial<Record<MessageKey, MessageKey>> = {
  "sla.field.timeFormat": "sla.field.onDate.timeFormat",
  "sla.field.windowOrder": "sla.field.onDate.windowOrder",
  "sla.field.windowsOverlap": "sla.field.onDate.windowsOverlap",
  "sla.field.dateFormat": "sla.field.onDate.dateFormat",
  "sla.field.dateNotReal": "sla.field.onDate.dateNotReal",
  "sla.field.extraDayTwice": "sla.field.onDate.extraDayTwice",
  "sla.field.notAWindow": "sla.field.onDate.notAWindow",
};

function onDate(message: FormMessage, date: string): FormMessage {
  const ref = typeof message === "string" ? { key: message, params: {} } : message;
  const dated = ON_DATE[ref.key as MessageKey];
  if (dated) return msg(dated, { ...ref.params, date });
  // A message without a dated form (zod's generic ones) is shown as it is.
  return message;
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
