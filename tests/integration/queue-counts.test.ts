import fc from "fast-check";
import { inArray, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { supportPlans, tickets } from "#db/schema";
import { foldQueueCounts, queueCounts } from "~/modules/tickets/queue-counts.server";
import type { QueueCounts } from "~/modules/tickets/queue-counts";
import { db, rowsOf } from "~/utils/db.server";
import { createOrganisation, createUser } from "../factories/accounts";
import { ensureSla, staff } from "../factories/tickets";

/**
 * The counters (docs/decisions/095) against the deliberately simple reference: a count(*) over
 * the active tickets with the queues' own conditions, after random ticket changes — one and
 * many rows per statement, deletes, folds at random moments — read at random instants.
 */
async function referenceCounts(actorId: string, now: Date): Promise<QueueCounts> {
  const at = now.toISOString();
  const [row] = rowsOf<Record<string, number>>(
    await db.execute(sql`
      select count(*)::int as open,
        (count(*) filter (where assignee_id is null))::int as unassigned,
        (count(*) filter (where assignee_id = ${actorId}))::int as mine,
        (count(*) filter (where sla_warn_at <= ${at}::timestamptz and sla_due_at > ${at}::timestamptz))::int as breaching,
        (count(*) filter (where sla_due_at <= ${at}::timestamptz))::int as breached,
        (count(*) filter (where status = 'pending'))::int as pending,
        (count(*) filter (where status = 'on_hold'))::int as on_hold
      from tickets where status in ('new', 'open', 'pending', 'on_hold')`),
  );
  return Object.fromEntries(Object.entries(row!).map(([k, v]) => [k, Number(v)])) as QueueCounts;
}

const BASE = Date.parse("2026-06-01T00:00:00Z");
const STATUSES = ["new", "open", "pending", "on_hold", "solved", "closed"] as const;
/** Times on a coarse grid around hour boundaries, so equal and boundary instants happen often. */
const instant = fc.integer({ min: 0, max: 48 }).map((quarter) => new Date(BASE + quarter * 15 * 60_000));
const maybeInstant = fc.option(instant, { nil: null });
const ticketState = fc.record({
  status: fc.constantFrom(...STATUSES),
  assignee: fc.integer({ min: 0, max: 2 }),
  due: maybeInstant,
  warnBefore: fc.option(fc.integer({ min: -60, max: 120 }), { nil: null }),
});
type TicketState = typeof ticketState extends fc.Arbitrary<infer T> ? T : never;

const operation = fc.oneof(
  fc.record({ kind: fc.constant("insert" as const), states: fc.array(ticketState, { minLength: 1, maxLength: 4 }) }),
  fc.record({ kind: fc.constant("update" as const), pick: fc.nat(), state: ticketState }),
  fc.record({ kind: fc.constant("updateMany" as const), from: fc.constantFrom(...STATUSES), to: fc.constantFrom(...STATUSES) }),
  fc.record({ kind: fc.constant("touch" as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant("delete" as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant("fold" as const) }),
);

describe("queue counts at constant cost", () => {
  it("equal a count(*) of the queues after any sequence of ticket changes, at any instant", async () => {
    await ensureSla();
    const [plan] = await db.select({ id: supportPlans.id }).from(supportPlans).limit(1);
    const organisation = await createOrganisation();
    const requester = await createUser("customer", { organisationId: organisation.id });
    const engineers = [await staff(), await staff()];
    const assigneeOf = (i: number) => (i === 0 ? null : engineers[i - 1]!.id);
    const columns = (state: TicketState) => ({
      status: state.status,
      assigneeId: assigneeOf(state.assignee),
      slaDueAt: state.due,
      slaWarnAt: state.due && state.warnBefore !== null ? new Date(state.due.getTime() - state.warnBefore * 60_000) : null,
    });
    const mine: string[] = [];

    await fc.assert(
      fc.asyncProperty(fc.array(operation, { minLength: 1, maxLength: 12 }), fc.array(instant, { minLength: 1, maxLength: 3 }), async (operations, instants) => {
        for (const op of operations) {
          if (op.kind === "insert") {
            const rows = await db
              .insert(tickets)
              .values(op.states.map((state) => ({ organisationId: organisation.id, requesterId: requester.id, planId: plan!.id, type: "question" as const, subject: "s", description: "d", ...columns(state) })))
              .returning({ id: tickets.id });
            mine.push(...rows.map((r) => r.id));
          } else if (op.kind === "update" && mine.length > 0) {
            await db.update(tickets).set(columns(op.state)).where(inArray(tickets.id, [mine[op.pick % mine.length]!]));
          } else if (op.kind === "updateMany" && mine.length > 0) {
            await db.execute(sql`update tickets set status = ${op.to} where status = ${op.from} and organisation_id = ${organisation.id}`);
          } else if (op.kind === "touch" && mine.length > 0) {
            await db.update(tickets).set({ subject: "touched" }).where(inArray(tickets.id, [mine[op.pick % mine.length]!]));
          } else if (op.kind === "delete" && mine.length > 0) {
            const [id] = mine.splice(op.pick % mine.length, 1);
            await db.delete(tickets).where(inArray(tickets.id, [id!]));
          } else if (op.kind === "fold") {
            await foldQueueCounts();
          }
        }
        for (const now of instants) {
          for (const actor of engineers) expect(await queueCounts(actor, now)).toEqual(await referenceCounts(actor.id, now));
        }
      }),
      { numRuns: 40 },
    );
    // Folding changes nothing that can be read, and leaves no delta behind.
    const before = await queueCounts(engineers[0]!, new Date(BASE + 6 * 3_600_000));
    await foldQueueCounts();
    expect(await queueCounts(engineers[0]!, new Date(BASE + 6 * 3_600_000))).toEqual(before);
    expect(rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from ticket_count_deltas`))[0]!.n).toBe(0);
  });

  it("is refused to customers", async () => {
    const customer = await createUser("customer");
    await expect(queueCounts(customer)).rejects.toMatchObject({ code: "forbidden" });
  });
});
