import { addSplits, type MinutesSplit, type TicketType } from "./allowance";
import { billableAmountMinor } from "./money";

/**
 * The staff time report for a period: minutes per engineer × organisation ×
 * ticket type, each split into free / prepaid / billable / not charged (the
 * entry's category as SPEC §5 assigns it), rolled up three ways.
 *
 * Amounts are computed per organisation on its period total (never per row,
 * see `billableAmountMinor`), at that organisation's contract rate.
 */
export type TimeReportRow = MinutesSplit & {
  engineerId: string;
  engineerName: string;
  organisationId: string;
  organisationName: string;
  ticketType: TicketType;
};

export type TimeReportTotals = MinutesSplit & { total: number };

export type TimeReport = {
  byEngineer: Array<TimeReportTotals & { engineerId: string; engineerName: string }>;
  byOrganisation: Array<
    TimeReportTotals & { organisationId: string; organisationName: string; billableAmountMinor: number; currency: string }
  >;
  byTicketType: Array<TimeReportTotals & { ticketType: TicketType }>;
  totals: TimeReportTotals;
};

const ZERO: MinutesSplit = { free: 0, prepaid: 0, billable: 0, notCharged: 0 };

function withTotal(split: MinutesSplit): TimeReportTotals {
  return { ...split, total: split.free + split.prepaid + split.billable + split.notCharged };
}

function rollUp<K extends string>(rows: readonly TimeReportRow[], keyOf: (row: TimeReportRow) => K): Map<K, { first: TimeReportRow; split: MinutesSplit }> {
  const groups = new Map<K, { first: TimeReportRow; split: MinutesSplit }>();
  for (const row of rows) {
    const key = keyOf(row);
    const group = groups.get(key);
    groups.set(key, { first: group?.first ?? row, split: addSplits(group?.split ?? ZERO, row) });
  }
  return groups;
}

const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function buildTimeReport(
  rows: readonly TimeReportRow[],
  rates: ReadonlyMap<string, { hourlyRateMinor: number; currency: string }>,
): TimeReport {
  const byEngineer = [...rollUp(rows, (r) => r.engineerId).values()]
    .map(({ first, split }) => ({ engineerId: first.engineerId, engineerName: first.engineerName, ...withTotal(split) }))
    .sort((a, b) => byName(a.engineerName, b.engineerName) || byName(a.engineerId, b.engineerId));
  const byOrganisation = [...rollUp(rows, (r) => r.organisationId).values()]
    .map(({ first, split }) => {
      const rate = rates.get(first.organisationId) ?? { hourlyRateMinor: 0, currency: "" };
      return {
        organisationId: first.organisationId,
        organisationName: first.organisationName,
        ...withTotal(split),
        billableAmountMinor: billableAmountMinor(split.billable, rate.hourlyRateMinor),
        currency: rate.currency,
      };
    })
    .sort((a, b) => byName(a.organisationName, b.organisationName) || byName(a.organisationId, b.organisationId));
  const byTicketType = [...rollUp(rows, (r) => r.ticketType).values()]
    .map(({ first, split }) => ({ ticketType: first.ticketType, ...withTotal(split) }))
    .sort((a, b) => byName(a.ticketType, b.ticketType));
  const totals = withTotal(rows.reduce<MinutesSplit>((sum, row) => addSplits(sum, row), ZERO));
  return { byEngineer, byOrganisation, byTicketType, totals };
}
