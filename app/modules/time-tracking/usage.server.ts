import { and, asc, eq, gt, gte, isNull, lt, or, sql } from "drizzle-orm";
import { tickets, timeEntries, users } from "#db/schema";
import { can, type Actor } from "~/modules/accounts/permissions";
import { db } from "~/utils/db.server";
import { AppError } from "~/utils/errors.server";
import { decodeTimeCursor, encodeCursor } from "~/utils/pagination";
import type { TicketType } from "./allowance";
import { calendarKeys } from "./calendar";
import { loadTimeContext, type TimeContext } from "./context.server";
import { organisationCounters, splitSums, toSplitTotals, type OrganisationCounters, type SplitTotals } from "./counters.server";
import { billableAmountMinor } from "./money";
import { isMonthKey, monthKeyOf, monthRange } from "./periods";
import { statementCsv, type StatementRow } from "./statement-csv";
import { assertMayReadOrganisation } from "./tickets.server";

/**
 * The customer's usage page and monthly statement (staff see the same for any organisation).
 * Figures come from the cached split columns, which every change keeps current.
 */

export const USAGE_PAGE_SIZE = 50;
const MONTHS_SHOWN = 24;

function assertMayReadUsage(actor: Actor, organisationId: string): void {
  if (actor.role === "customer" ? !can(actor, "read:usage:own") : !can(actor, "read:organisation:any")) throw AppError.notFound();
  assertMayReadOrganisation(actor, organisationId);
}

export type UsageEntry = {
  id: string;
  startedAt: Date;
  /** Local date in the organisation's zone (the day the allowance counted it on). */
  day: string;
  ticketId: string;
  ticketNumber: number;
  ticketSubject: string;
  ticketType: TicketType;
  engineerName: string;
  minutes: number;
  note: string;
  free: number;
  prepaid: number;
  billable: number;
  notCharged: number;
  notChargedReason: string | null;
};

export type MonthTotals = SplitTotals & { month: string; billableAmountMinor: number };

export type Usage = {
  organisation: { id: string; name: string };
  month: string;
  currentMonth: string;
  timeZone: string;
  contract: { freeMinutesPerDay: number; freeDaysPerWeek: number | null; hourlyRateMinor: number; currency: string };
  counters: OrganisationCounters;
  summary: MonthTotals;
  entries: UsageEntry[];
  nextCursor: string | null;
  /** Months with logged time, newest first (at most 24). */
  months: MonthTotals[];
};

function monthFilter(organisationId: string, range: { start: Date; end: Date }) {
  return and(
    eq(timeEntries.organisationId, organisationId),
    isNull(timeEntries.deletedAt),
    gte(timeEntries.startedAt, range.start),
    lt(timeEntries.startedAt, range.end),
  );
}

async function monthEntries(context: TimeContext, range: { start: Date; end: Date }, options: { after?: string | null; limit?: number }) {
  const cursor = decodeTimeCursor(options.after);
  const query = db
    .select({
      id: timeEntries.id,
      startedAt: timeEntries.startedAt,
      ticketId: tickets.id,
      ticketNumber: tickets.number,
      ticketSubject: tickets.subject,
      ticketType: tickets.type,
      engineerName: users.name,
      minutes: timeEntries.minutes,
      note: timeEntries.note,
      free: timeEntries.freeMinutes,
      prepaid: timeEntries.prepaidMinutes,
      billable: timeEntries.billableMinutes,
      notCharged: timeEntries.notChargedMinutes,
      notChargedReason: timeEntries.notChargedReason,
    })
    .from(timeEntries)
    .innerJoin(tickets, eq(tickets.id, timeEntries.ticketId))
    .innerJoin(users, eq(users.id, timeEntries.engineerId))
    .where(
      and(
        monthFilter(context.organisationId, range),
        cursor
          ? or(gt(timeEntries.startedAt, cursor.at), and(eq(timeEntries.startedAt, cursor.at), gt(timeEntries.id, cursor.id)))
          : undefined,
      ),
    )
    .orderBy(asc(timeEntries.startedAt), asc(timeEntries.id));
  const rows = options.limit ? await query.limit(options.limit) : await query;
  return rows.map((r) => ({ ...r, day: calendarKeys(r.startedAt, context.timeZone).day }));
}

export async function getUsage(
  actor: Actor,
  organisationId: string,
  options: { month?: string | null; after?: string | null } = {},
  now = new Date(),
): Promise<Usage> {
  assertMayReadUsage(actor, organisationId);
  const context = await loadTimeContext(db, organisationId);
  const currentMonth = monthKeyOf(now, context.timeZone);
  const month = isMonthKey(options.month) ? options.month : currentMonth;
  const range = monthRange(month, context.timeZone);
  const rate = context.hourlyRateMinor;

  const localMonth = sql<string>`to_char(${timeEntries.startedAt} at time zone ${context.timeZone}, 'YYYY-MM')`;
  const [counters, [summaryRow], rows, monthRows] = await Promise.all([
    organisationCounters(db, context, now),
    db.select(splitSums()).from(timeEntries).where(monthFilter(organisationId, range)),
    monthEntries(context, range, { after: options.after, limit: USAGE_PAGE_SIZE + 1 }),
    db
      .select({ month: localMonth, ...splitSums() })
      .from(timeEntries)
      .where(and(eq(timeEntries.organisationId, organisationId), isNull(timeEntries.deletedAt)))
      // By position: the zone is a bind parameter, and "$1" in the select list and "$2" in the
      // GROUP BY would not count as the same expression.
      .groupBy(sql`1`)
      .orderBy(sql`1 desc`)
      .limit(MONTHS_SHOWN),
  ]);
  const summary = toSplitTotals(summaryRow);
  const page = rows.slice(0, USAGE_PAGE_SIZE);
  const last = page.at(-1);
  return {
    organisation: { id: context.organisationId, name: context.organisationName },
    month,
    currentMonth,
    timeZone: context.timeZone,
    contract: { ...context.contract, hourlyRateMinor: rate, currency: context.currency },
    counters,
    summary: { ...summary, month, billableAmountMinor: billableAmountMinor(summary.billable, rate) },
    entries: page,
    nextCursor: rows.length > USAGE_PAGE_SIZE && last ? encodeCursor([last.startedAt, last.id]) : null,
    months: monthRows.map((m) => {
      const totals = toSplitTotals(m);
      return { ...totals, month: String(m.month), billableAmountMinor: billableAmountMinor(totals.billable, rate) };
    }),
  };
}

/** The month's statement as CSV with a UTF-8 byte-order mark, so Excel shows Cyrillic text. */
export async function monthlyStatementCsv(
  actor: Actor,
  organisationId: string,
  month: string,
): Promise<{ filename: string; body: string; rows: number }> {
  assertMayReadUsage(actor, organisationId);
  if (!isMonthKey(month)) throw AppError.notFound();
  const context = await loadTimeContext(db, organisationId);
  const entries = await monthEntries(context, monthRange(month, context.timeZone), {});
  const rows: StatementRow[] = entries.map((e) => ({
    date: e.day,
    ticketNumber: e.ticketNumber,
    ticketSubject: e.ticketSubject,
    engineer: e.engineerName,
    note: e.notChargedReason ? [e.note, e.notChargedReason].filter(Boolean).join(" — ") : e.note,
    free: e.free,
    prepaid: e.prepaid,
    billable: e.billable,
    notCharged: e.notCharged,
  }));
  return { filename: `keydesk-statement-${month}.csv`, body: statementCsv(rows), rows: rows.length };
}
