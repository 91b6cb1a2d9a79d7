import { sql } from "drizzle-orm";
import { db, rowsOf } from "~/utils/db.server";
import { AppError } from "~/utils/errors.server";
import { can, type Actor } from "../accounts/permissions";
import { countBucketStart, queueCountsFrom, type CounterSums, type QueueCounts } from "./queue-counts";

export type { QueueCounts } from "./queue-counts";

const ACTIVE = sql.raw(`status in ('new', 'open', 'pending', 'on_hold')`);

/**
 * How many tickets each queue holds right now, at a cost that does not grow with the number of
 * tickets (docs/decisions/095): the folded counters and the deltas not yet folded, plus exact
 * counts of the SLA times inside the current hour read from their partial indexes.
 */
export async function queueCounts(actor: Actor, now = new Date()): Promise<QueueCounts> {
  if (actor.role === "customer" || !can(actor, "read:ticket:any")) throw AppError.forbidden();
  const hour = countBucketStart(now).toISOString();
  const at = now.toISOString();
  const result = await db.execute(sql`
    with c as (
      select family, status, assignee_key, bucket, n from ticket_counts
      union all
      select family, status, assignee_key, bucket, delta from ticket_count_deltas
    )
    select
      sum(n) filter (where family = 's') as "active",
      sum(n) filter (where family = 's' and assignee_key = '') as "unassigned",
      sum(n) filter (where family = 's' and assignee_key = ${actor.id}) as "mine",
      sum(n) filter (where family = 's' and status = 'pending') as "pending",
      sum(n) filter (where family = 's' and status = 'on_hold') as "onHold",
      sum(n) filter (where family = 'd' and bucket < ${hour}::timestamptz) as "dueBefore",
      sum(n) filter (where family = 'w' and bucket < ${hour}::timestamptz) as "warnedBefore",
      sum(n) filter (where family = 'b' and bucket < ${hour}::timestamptz) as "dueOfWarnedBefore",
      (select count(*) from tickets where ${ACTIVE} and sla_due_at >= ${hour}::timestamptz and sla_due_at <= ${at}::timestamptz) as "dueInHour",
      (select count(*) from tickets where ${ACTIVE} and sla_warn_at >= ${hour}::timestamptz and sla_warn_at <= ${at}::timestamptz
          and sla_due_at is not null and sla_warn_at <= sla_due_at) as "warnedInHour",
      (select count(*) from tickets where ${ACTIVE} and sla_due_at >= ${hour}::timestamptz and sla_due_at <= ${at}::timestamptz
          and sla_warn_at is not null and sla_warn_at <= sla_due_at) as "dueOfWarnedInHour"
    from c`);
  const row = rowsOf<Record<string, unknown>>(result)[0] ?? {};
  const n = (key: keyof CounterSums) => Number(row[key] ?? 0);
  return queueCountsFrom({
    active: n("active"),
    unassigned: n("unassigned"),
    mine: n("mine"),
    pending: n("pending"),
    onHold: n("onHold"),
    dueBefore: n("dueBefore"),
    dueInHour: n("dueInHour"),
    warnedBefore: n("warnedBefore"),
    warnedInHour: n("warnedInHour"),
    dueOfWarnedBefore: n("dueOfWarnedBefore"),
    dueOfWarnedInHour: n("dueOfWarnedInHour"),
  });
}

/**
 * Folds the appended deltas into the counters (a job every minute, and the benchmark after it
 * seeds). Safe to run anywhere at once: a delta is deleted by exactly one fold, and a delta
 * that a transaction has not committed yet is not seen, so it waits for the next fold.
 */
export async function foldQueueCounts(): Promise<{ folded: number }> {
  return db.transaction(async (tx) => {
    const moved = await tx.execute(sql`
      with moved as (delete from ticket_count_deltas returning family, status, assignee_key, bucket, delta),
      summed as (select family, status, assignee_key, bucket, sum(delta)::int as n, count(*)::int as rows from moved group by 1, 2, 3, 4),
      upserted as (
        insert into ticket_counts as c (family, status, assignee_key, bucket, n)
        select family, status, assignee_key, bucket, n from summed where n <> 0
        on conflict (family, status, assignee_key, bucket) do update set n = c.n + excluded.n
      )
      select coalesce(sum(rows), 0)::int as folded from summed`);
    await tx.execute(sql`delete from ticket_counts where n = 0`);
    return { folded: Number(rowsOf<{ folded: number }>(moved)[0]?.folded ?? 0) };
  });
}
