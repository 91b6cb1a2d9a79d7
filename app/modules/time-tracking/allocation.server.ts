import { and, eq, gte, inArray, isNotNull, isNull, lt, or, sql } from "drizzle-orm";
import { organisations, prepaidCredits, supportPlans, tickets, timeEntries } from "#db/schema";
import { toNumber, type Executor, type Transaction } from "~/utils/db.server";
import { allocateTime, type AllocationResult } from "./allowance";
import { loadTimeContext, type TimeContext } from "./context.server";
import { isoWeekRange } from "./periods";

/**
 * Every change to an organisation's time (an entry added, edited, deleted or reclassified, a
 * prepaid credit, a contract change) takes this transaction-scoped lock first, then reflows
 * the whole history. Two engineers logging time for one organisation at the same moment are
 * therefore applied one after the other, and each reflow sees the other's committed entry:
 * the cached split columns can never be computed from a stale history.
 *
 * Lock order: an engineer's timer lock (timers.server.ts) is always taken before an
 * organisation's time lock, never after, so the two cannot deadlock.
 */
export async function lockOrganisationTime(tx: Transaction | Executor, organisationId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`keydesk:time:org:${organisationId}`}, 0))`);
}

export type Reflow = {
  /** Prepaid minutes left after every credit and every entry; never negative. */
  prepaidBalance: number;
  /** Entries whose cached split changed. */
  changed: number;
  context: TimeContext;
  result: AllocationResult;
};

const UPDATE_CHUNK = 500;

/**
 * The deterministic reflow: folds the organisation's whole history through `allocateTime` and
 * writes the split of every entry whose cached columns differ. Call it inside the transaction
 * that changed the history, after `lockOrganisationTime`. Exported for other modules whose
 * changes move the split of past entries (a ticket's type, an organisation's plan).
 */
export async function recomputeOrganisationAllocation(tx: Transaction | Executor, organisationId: string): Promise<Reflow> {
  return reflow(tx, organisationId, null);
}

/**
 * The same fold, from the start of the ISO week (in the organisation's zone) containing `from`
 * onwards: entries before that week cannot be affected by a change at `from` (the fold runs
 * forward), so their cached split stands, and the prepaid minutes left at the week's start are
 * carried in as one credit. The week is refolded whole so its free days per week are counted
 * right. Falls back to the full fold if the carried balance does not add up.
 */
export async function reflowOrganisationFrom(tx: Transaction | Executor, organisationId: string, from: Date): Promise<Reflow> {
  return reflow(tx, organisationId, from);
}

async function reflow(tx: Transaction | Executor, organisationId: string, from: Date | null): Promise<Reflow> {
  const context = await loadTimeContext(tx, organisationId);
  const since = from ? isoWeekRange(from, context.timeZone).start : null;
  const liveEntries = and(eq(timeEntries.organisationId, organisationId), isNull(timeEntries.deletedAt));
  const liveCredits = and(eq(prepaidCredits.organisationId, organisationId), isNull(prepaidCredits.removedAt));

  let carried = 0;
  if (since) {
    const [[credited], [drawn]] = await Promise.all([
      tx
        .select({ minutes: sql<string | number>`coalesce(sum(${prepaidCredits.minutes}), 0)` })
        .from(prepaidCredits)
        .where(and(liveCredits, lt(prepaidCredits.at, since))),
      tx
        .select({ minutes: sql<string | number>`coalesce(sum(${timeEntries.prepaidMinutes}), 0)` })
        .from(timeEntries)
        .where(and(liveEntries, lt(timeEntries.startedAt, since))),
    ]);
    carried = toNumber(credited?.minutes) - toNumber(drawn?.minutes);
    // A negative carry means the cache before `since` is not what a full fold gives: refold all.
    if (carried < 0) return reflow(tx, organisationId, null);
  }

  const rows = await tx
    .select({
      id: timeEntries.id,
      startedAt: timeEntries.startedAt,
      minutes: timeEntries.minutes,
      notCharged: timeEntries.notCharged,
      cancelled: isNotNull(timeEntries.billableCancelledAt),
      ticketType: tickets.type,
      free: timeEntries.freeMinutes,
      prepaid: timeEntries.prepaidMinutes,
      billable: timeEntries.billableMinutes,
      notChargedMinutes: timeEntries.notChargedMinutes,
    })
    .from(timeEntries)
    .innerJoin(tickets, eq(tickets.id, timeEntries.ticketId))
    .where(since ? and(liveEntries, gte(timeEntries.startedAt, since)) : liveEntries);
  const credits = await tx
    .select({ at: prepaidCredits.at, minutes: prepaidCredits.minutes })
    .from(prepaidCredits)
    .where(since ? and(liveCredits, gte(prepaidCredits.at, since)) : liveCredits);
  if (carried > 0) credits.push({ at: new Date(0), minutes: carried });

  const result = allocateTime({
    entries: rows.map((r) => ({ id: r.id, startedAt: r.startedAt, minutes: r.minutes, ticketType: r.ticketType, notCharged: r.notCharged })),
    contract: context.contract,
    prepaidCredits: credits,
    cancelledBillable: rows.filter((r) => r.cancelled).map((r) => ({ entryId: r.id })),
    timeZone: context.timeZone,
  });

  const changed = rows.flatMap((r) => {
    const a = result.allocations.get(r.id)!;
    const same = a.free === r.free && a.prepaid === r.prepaid && a.billable === r.billable && a.notCharged === r.notChargedMinutes;
    return same ? [] : [{ id: r.id, ...a }];
  });
  for (let i = 0; i < changed.length; i += UPDATE_CHUNK) {
    const values = sql.join(
      changed
        .slice(i, i + UPDATE_CHUNK)
        .map((c) => sql`(${c.id}::uuid, ${c.free}::integer, ${c.prepaid}::integer, ${c.billable}::integer, ${c.notCharged}::integer)`),
      sql`, `,
    );
    await tx.execute(sql`
      update time_entries as t
         set free_minutes = v.free, prepaid_minutes = v.prepaid, billable_minutes = v.billable, not_charged_minutes = v.not_charged
        from (values ${values}) as v(id, free, prepaid, billable, not_charged)
       where t.id = v.id`);
  }
  return { prepaidBalance: result.prepaidBalance, changed: changed.length, context, result };
}

/**
 * For the SLA admin's use cases: a plan's free minutes / days per week, a calendar's time zone,
 * the default plan or an organisation's plan changed, so the split of past entries may move.
 * Refolds every affected organisation that has logged time (inside the caller's transaction).
 */
export async function reflowAfterPlanChange(
  tx: Transaction | Executor,
  scope: { organisationId: string } | { planId: string } | { calendarId: string },
): Promise<number> {
  let organisationIds: string[];
  if ("organisationId" in scope) {
    organisationIds = [scope.organisationId];
  } else {
    const plans =
      "planId" in scope
        ? await tx.select({ id: supportPlans.id, isDefault: supportPlans.isDefault }).from(supportPlans).where(eq(supportPlans.id, scope.planId))
        : await tx.select({ id: supportPlans.id, isDefault: supportPlans.isDefault }).from(supportPlans).where(eq(supportPlans.calendarId, scope.calendarId));
    if (plans.length === 0) return 0;
    const planIds = plans.map((p) => p.id);
    const coversDefault = plans.some((p) => p.isDefault);
    const rows = await tx
      .selectDistinct({ id: timeEntries.organisationId })
      .from(timeEntries)
      .innerJoin(organisations, eq(organisations.id, timeEntries.organisationId))
      .where(coversDefault ? or(inArray(organisations.planId, planIds), isNull(organisations.planId)) : inArray(organisations.planId, planIds));
    organisationIds = rows.map((r) => r.id);
  }
  // A stable order, so two admins' changes lock organisations in the same sequence.
  for (const organisationId of [...organisationIds].sort()) {
    await lockOrganisationTime(tx, organisationId);
    await reflow(tx, organisationId, null);
  }
  return organisationIds.length;
}
