import { and, eq, gte, isNull, lt, sql } from "drizzle-orm";
import { businessCalendars, contracts, organisations, supportPlans, tickets, timeEntries, users } from "#db/schema";
import { can, type Actor } from "~/modules/accounts/permissions";
import { db } from "~/utils/db.server";
import { AppError } from "~/utils/errors.server";
import { isMonthKey, shiftMonth } from "./periods";
import { buildTimeReport, timeReportCsv, type TimeReport, type TimeReportRow } from "./report";
import { toSplitTotals } from "./counters.server";

/**
 * Staff time report: one month, by engineer, organisation and ticket type. Each entry counts
 * in the month of the day it started in ITS organisation's calendar zone (as on the
 * customer's statement), so the report and the statements always agree.
 */

const FALLBACK_ZONE = "Europe/Moscow";

async function reportRows(month: string): Promise<{ rows: TimeReportRow[]; rates: Map<string, { hourlyRateMinor: number; currency: string }> }> {
  // Candidate window in UTC, widened by a day each side for any zone offset; the exact
  // month test is then done in the organisation's zone.
  const start = new Date(`${month}-01T00:00:00Z`);
  const end = new Date(`${shiftMonth(month, 1)}-01T00:00:00Z`);
  const widenedStart = new Date(start.getTime() - 86_400_000);
  const widenedEnd = new Date(end.getTime() + 86_400_000);
  const zone = sql`coalesce(${businessCalendars.definition}->>'timeZone', ${FALLBACK_ZONE})`;
  const rate = sql<number>`coalesce(${contracts.hourlyRateMinor}, ${supportPlans.hourlyRateMinor}, 0)`;
  const currency = sql<string>`coalesce(${contracts.currency}, ${supportPlans.currency}, 'RUB')`;
  const grouped = await db
    .select({
      engineerId: users.id,
      engineerName: users.name,
      organisationId: organisations.id,
      organisationName: organisations.name,
      ticketType: tickets.type,
      hourlyRateMinor: rate,
      currency,
      free: sql<string | number>`sum(${timeEntries.freeMinutes})`,
      prepaid: sql<string | number>`sum(${timeEntries.prepaidMinutes})`,
      billable: sql<string | number>`sum(${timeEntries.billableMinutes})`,
      notCharged: sql<string | number>`sum(${timeEntries.notChargedMinutes})`,
      entryCount: sql<string | number>`count(*)`,
    })
    .from(timeEntries)
    .innerJoin(tickets, eq(tickets.id, timeEntries.ticketId))
    .innerJoin(users, eq(users.id, timeEntries.engineerId))
    .innerJoin(organisations, eq(organisations.id, timeEntries.organisationId))
    .leftJoin(contracts, eq(contracts.organisationId, organisations.id))
    .leftJoin(
      supportPlans,
      sql`${supportPlans.id} = coalesce(${organisations.planId}, (select sp.id from support_plans sp where sp.is_default order by sp.created_at limit 1))`,
    )
    .leftJoin(businessCalendars, eq(businessCalendars.id, supportPlans.calendarId))
    .where(
      and(
        isNull(timeEntries.deletedAt),
        gte(timeEntries.startedAt, widenedStart),
        lt(timeEntries.startedAt, widenedEnd),
        sql`to_char(${timeEntries.startedAt} at time zone ${zone}, 'YYYY-MM') = ${month}`,
      ),
    )
    .groupBy(users.id, users.name, organisations.id, organisations.name, tickets.type, sql`6`, sql`7`);
  const rates = new Map<string, { hourlyRateMinor: number; currency: string }>();
  const rows = grouped.map((g) => {
    rates.set(g.organisationId, { hourlyRateMinor: Number(g.hourlyRateMinor), currency: String(g.currency) });
    const totals = toSplitTotals(g);
    return {
      engineerId: g.engineerId,
      engineerName: g.engineerName,
      organisationId: g.organisationId,
      organisationName: g.organisationName,
      ticketType: g.ticketType,
      free: totals.free,
      prepaid: totals.prepaid,
      billable: totals.billable,
      notCharged: totals.notCharged,
    };
  });
  return { rows, rates };
}

function assertMayReadReports(actor: Actor): void {
  if (!can(actor, "read:report:any")) throw AppError.forbidden();
}

export async function getTimeReport(actor: Actor, month: string): Promise<TimeReport & { month: string }> {
  assertMayReadReports(actor);
  if (!isMonthKey(month)) throw AppError.invalid("Choose a month like 2026-03.");
  const { rows, rates } = await reportRows(month);
  return { month, ...buildTimeReport(rows, rates) };
}

export async function timeReportCsvFor(actor: Actor, month: string): Promise<{ filename: string; body: string }> {
  assertMayReadReports(actor);
  if (!isMonthKey(month)) throw AppError.invalid("Choose a month like 2026-03.");
  const { rows } = await reportRows(month);
  return { filename: `keydesk-time-report-${month}.csv`, body: timeReportCsv(month, rows) };
}
