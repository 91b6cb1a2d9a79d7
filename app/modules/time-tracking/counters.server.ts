import { and, eq, gt, gte, isNull, lt, sql } from "drizzle-orm";
import { prepaidCredits, timeEntries } from "#db/schema";
import { toNumber, type Executor } from "~/utils/db.server";
import { freeMinutesLeftToday, type AllowanceUsage, type MinutesSplit } from "./allowance";
import { calendarKeys } from "./calendar";
import type { TimeContext } from "./context.server";
import { isoWeekRange } from "./periods";

/**
 * Counters read from the cached split columns, which every change keeps current (see
 * allocation.server.ts): the prepaid balance is every live credit minus every prepaid minute
 * drawn (the fold releases all credits by its end, so the two always agree), and today's
 * free minutes come from this ISO week's free minutes alone.
 */
export async function prepaidBalance(executor: Executor, organisationId: string): Promise<number> {
  const [credited] = await executor
    .select({ minutes: sql<string | number>`coalesce(sum(${prepaidCredits.minutes}), 0)` })
    .from(prepaidCredits)
    .where(and(eq(prepaidCredits.organisationId, organisationId), isNull(prepaidCredits.removedAt)));
  const [drawn] = await executor
    .select({ minutes: sql<string | number>`coalesce(sum(${timeEntries.prepaidMinutes}), 0)` })
    .from(timeEntries)
    .where(and(eq(timeEntries.organisationId, organisationId), isNull(timeEntries.deletedAt)));
  return Math.max(0, toNumber(credited?.minutes) - toNumber(drawn?.minutes));
}

export async function freeMinutesLeftTodayFor(executor: Executor, context: TimeContext, now: Date): Promise<number> {
  const week = isoWeekRange(now, context.timeZone);
  const rows = await executor
    .select({ startedAt: timeEntries.startedAt, free: timeEntries.freeMinutes })
    .from(timeEntries)
    .where(
      and(
        eq(timeEntries.organisationId, context.organisationId),
        isNull(timeEntries.deletedAt),
        gte(timeEntries.startedAt, week.start),
        lt(timeEntries.startedAt, week.end),
        gt(timeEntries.freeMinutes, 0),
      ),
    );
  const usage: AllowanceUsage = { perDay: new Map(), freeDaysByWeek: new Map() };
  for (const row of rows) {
    const keys = calendarKeys(row.startedAt, context.timeZone);
    const day: MinutesSplit = usage.perDay.get(keys.day) ?? { free: 0, prepaid: 0, billable: 0, notCharged: 0 };
    usage.perDay.set(keys.day, { ...day, free: day.free + row.free });
    const days = usage.freeDaysByWeek.get(keys.isoWeek) ?? [];
    if (!days.includes(keys.day)) usage.freeDaysByWeek.set(keys.isoWeek, [...days, keys.day].sort());
  }
  return freeMinutesLeftToday({ usage, contract: context.contract, timeZone: context.timeZone }, now);
}

export type OrganisationCounters = {
  freeMinutesLeftToday: number;
  freeMinutesPerDay: number;
  freeDaysPerWeek: number | null;
  prepaidBalance: number;
};

export async function organisationCounters(executor: Executor, context: TimeContext, now: Date): Promise<OrganisationCounters> {
  const [freeLeft, balance] = await Promise.all([
    freeMinutesLeftTodayFor(executor, context, now),
    prepaidBalance(executor, context.organisationId),
  ]);
  return {
    freeMinutesLeftToday: freeLeft,
    freeMinutesPerDay: context.contract.freeMinutesPerDay,
    freeDaysPerWeek: context.contract.freeDaysPerWeek,
    prepaidBalance: balance,
  };
}

/** Sums of the cached split over a filter (one ticket, one month…). */
export function splitSums() {
  return {
    free: sql<string | number>`coalesce(sum(${timeEntries.freeMinutes}), 0)`,
    prepaid: sql<string | number>`coalesce(sum(${timeEntries.prepaidMinutes}), 0)`,
    billable: sql<string | number>`coalesce(sum(${timeEntries.billableMinutes}), 0)`,
    notCharged: sql<string | number>`coalesce(sum(${timeEntries.notChargedMinutes}), 0)`,
    entryCount: sql<string | number>`count(*)`,
  };
}

export type SplitTotals = MinutesSplit & { total: number; entryCount: number };

export function toSplitTotals(row: { free: unknown; prepaid: unknown; billable: unknown; notCharged: unknown; entryCount: unknown } | undefined): SplitTotals {
  const free = toNumber(row?.free);
  const prepaid = toNumber(row?.prepaid);
  const billable = toNumber(row?.billable);
  const notCharged = toNumber(row?.notCharged);
  return { free, prepaid, billable, notCharged, total: free + prepaid + billable + notCharged, entryCount: toNumber(row?.entryCount) };
}
