/**
 * The shapes of the SLA tables' jsonb columns (db/schema/sla.ts). Types only, so the schema
 * needs nothing from the domain; the pure SLA rules (app/modules/sla/business-hours.ts and
 * targets.ts) re-export them and validate them with their zod schemas.
 */

export type IsoWeekday = "1" | "2" | "3" | "4" | "5" | "6" | "7";

/** Local wall-clock window ["HH:MM", "HH:MM"], end exclusive; "24:00" means the end of the day. */
export type TimeWindow = [start: string, end: string];

export type BusinessCalendar = {
  /** IANA zone the windows are read in, e.g. "Europe/Moscow". */
  timeZone: string;
  /** Windows per ISO weekday (1 = Monday). Several windows a day model a lunch break. */
  weekly: Record<IsoWeekday, TimeWindow[]>;
  /** "YYYY-MM-DD" local dates without any business time. */
  holidays: string[];
  /** Dates worked with their own windows, e.g. a Saturday moved from a holiday. */
  extraWorkingDays: Array<{ date: string; windows: TimeWindow[] }>;
};

/** Ticket priorities (the `ticket_priority` enum). */
export type Priority = "low" | "normal" | "high" | "urgent";

/** Targets of one priority, in business minutes. */
export type ClockTargets = {
  firstResponse: number;
  nextResponse: number;
  /** null: the plan promises no resolution time, so the resolution clock is not tracked. */
  resolution: number | null;
};

export type SlaTargets = Record<Priority, ClockTargets>;
