import { addSplits, type Allocation, type MinutesSplit } from "./allowance";

export type MonthSummary = MinutesSplit & { total: number; entryCount: number };

const MONTH_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;

/**
 * Totals for the given entries in `month` ("2025-03").
 *
 * An entry belongs to the month of the calendar day on which it started (in the
 * zone the allocations were computed in), matching how the allowance counts
 * days, so a statement and the allowance never disagree about an entry that
 * runs past midnight at the end of a month.
 *
 * `entries` selects what to summarise (e.g. one ticket's entries); the
 * allocations must come from `allocateTime` over the organisation's full history.
 */
export function summariseMonth(
  allocations: ReadonlyMap<string, Allocation>,
  entries: ReadonlyArray<{ id: string }>,
  month: string,
): MonthSummary {
  if (!MONTH_PATTERN.test(month)) throw new RangeError(`Month must look like "2025-03", got "${month}"`);
  let totals: MinutesSplit = { free: 0, prepaid: 0, billable: 0, notCharged: 0 };
  let entryCount = 0;
  for (const { id } of entries) {
    const allocation = allocations.get(id);
    if (!allocation) throw new RangeError(`No allocation for time entry "${id}"`);
    if (!allocation.day.startsWith(`${month}-`)) continue;
    totals = addSplits(totals, allocation);
    entryCount += 1;
  }
  const total = totals.free + totals.prepaid + totals.billable + totals.notCharged;
  return { ...totals, total, entryCount };
}
