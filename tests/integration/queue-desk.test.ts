import { and, eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, tickets } from "#db/schema";
import { setTicketStatus } from "~/modules/tickets/conversation.server";
import { BULK_MAX, runBulk, TooManyTicketsError } from "~/modules/tickets/bulk.server";
import { listQueue } from "~/modules/tickets/queue.server";
import { SORT_KEYS, type QueueSort, type SortCursor } from "~/modules/tickets/queue-view";
import { deleteView, listSavedViews, renameView, saveView } from "~/modules/tickets/saved-views.server";
import { db } from "~/utils/db.server";
import { createTestLicence, createTestProduct, customerWithLicence, fileTestTicket, minutesAfter, MONDAY_10_MSK, staff } from "../factories/tickets";

const T0 = MONDAY_10_MSK;

describe("bulk actions", () => {
  it("sets eligible tickets pending one by one, audited, and says which closed one could not change", async () => {
    const engineer = await staff();
    const { customer, licence } = await customerWithLicence();
    const filed: Array<Awaited<ReturnType<typeof fileTestTicket>>> = [];
    for (let i = 0; i < 4; i++) filed.push(await fileTestTicket(customer, licence, { now: minutesAfter(T0, i) }));
    const [closed, ...open] = filed;
    await db.update(tickets).set({ status: "closed", closedAt: T0 }).where(eq(tickets.id, closed!.id));
    await db.update(tickets).set({ status: "open" }).where(eq(tickets.id, open[0]!.id));

    const summary = await runBulk(engineer, "status", { status: "pending" }, { numbers: filed.map((t) => t.number) }, minutesAfter(T0, 30));

    expect(summary.changed.sort()).toEqual(open.map((t) => t.number).sort());
    expect(summary.failed).toEqual([{ number: closed!.number, reason: { code: "closed" } }]);
    const after = await db.select().from(tickets).where(inArray(tickets.id, filed.map((t) => t.id)));
    for (const row of after) expect(row.status).toBe(row.id === closed!.id ? "closed" : "pending");
    // The clocks move exactly as for a single status change: a twin of ticket 3 set pending alone.
    const twin = await fileTestTicket(customer, licence, { now: minutesAfter(T0, 2) });
    await setTicketStatus(engineer, twin.number, "pending", minutesAfter(T0, 30));
    const [twinRow] = await db.select().from(tickets).where(eq(tickets.id, twin.id));
    const third = after.find((r) => r.id === filed[2]!.id)!;
    expect({ state: third.slaState, due: third.slaDueAt?.getTime() ?? null }).toEqual({ state: twinRow!.slaState, due: twinRow!.slaDueAt?.getTime() ?? null });
    const audits = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "ticket.status_changed"), inArray(auditLog.entityId, filed.map((t) => t.id))));
    expect(audits.map((a) => a.entityId).sort()).toEqual(open.map((t) => t.id).sort());
    expect(audits.every((a) => a.actorId === engineer.id)).toBe(true);

    // Again over the queue's filter: nothing changes, the already-pending are "unchanged".
    const again = await runBulk(engineer, "status", { status: "pending" }, { filters: { queue: "all", organisationId: customer.organisationId! } });
    expect(again.changed).toEqual([]);
    expect(again.unchanged.sort()).toEqual([...open, twin].map((t) => t.number).sort());
  });

  it("assigns to me and refuses an engineer assigning others, more than the cap, or a bad value", async () => {
    const engineer = await staff();
    const other = await staff();
    const { customer, licence } = await customerWithLicence();
    const a = await fileTestTicket(customer, licence);
    const b = await fileTestTicket(customer, licence);
    const mine = await runBulk(engineer, "assign", { assignee: "me" }, { numbers: [a.number, b.number] });
    expect(mine.changed).toHaveLength(2);
    const rows = await db.select({ assigneeId: tickets.assigneeId }).from(tickets).where(inArray(tickets.id, [a.id, b.id]));
    expect(rows.every((r) => r.assigneeId === engineer.id)).toBe(true);
    await expect(runBulk(engineer, "assign", { assignee: other.id }, { numbers: [a.number] })).rejects.toMatchObject({ code: "forbidden" });
    await expect(runBulk(engineer, "priority", { priority: "huge" }, { numbers: [a.number] })).rejects.toMatchObject({ code: "invalid" });
    const tooMany = Array.from({ length: BULK_MAX + 1 }, (_, i) => 900_000 + i);
    await expect(runBulk(engineer, "priority", { priority: "high" }, { numbers: tooMany })).rejects.toBeInstanceOf(TooManyTicketsError);
  });
});

describe("queue sort", () => {
  it("pages through every sort, both directions, yielding each ticket exactly once in the sort's order", async () => {
    const engineer = await staff("engineer", "Alice Sorter");
    const lead = await staff("team_lead", "Boris Sorter");
    const { customer, licence } = await customerWithLicence();
    const free = await createTestLicence(customer.organisationId!, { product: await createTestProduct({ free: true, listPriceMinor: 0 }) });
    const priorities = ["low", "normal", "high", "urgent"] as const;
    const statuses = ["new", "open", "pending", "on_hold", "solved", "closed"] as const;
    const ids: string[] = [];
    for (let i = 0; i < 13; i++) {
      const t = await fileTestTicket(customer, i % 4 === 0 ? free : licence, {
        now: minutesAfter(T0, i % 5), // equal creation times on purpose
        input: { subject: `Subject ${i % 3}`, ...(i % 4 === 0 ? { type: "bug_report" as const } : {}) },
      });
      await db
        .update(tickets)
        .set({ priority: priorities[i % 4], status: statuses[i % 6], assigneeId: i % 3 === 0 ? null : i % 3 === 1 ? engineer.id : lead.id })
        .where(eq(tickets.id, t.id));
      ids.push(t.id);
    }
    const filters = { queue: "all" as const, organisationId: customer.organisationId! };
    for (const key of SORT_KEYS) {
      for (const dir of ["asc", "desc"] as const) {
        const sort: QueueSort = { key, dir };
        const whole = (await listQueue(engineer, filters, { sort, pageSize: 100, now: T0 })).rows.map((r) => r.id);
        expect(whole.sort()).toEqual([...ids].sort());
        const expected = (await listQueue(engineer, filters, { sort, pageSize: 100, now: T0 })).rows.map((r) => r.id);
        const seen: string[] = [];
        let cursor: SortCursor | null = null;
        for (let page = 0; page < 20; page++) {
          const result: Awaited<ReturnType<typeof listQueue>> = await listQueue(engineer, filters, { sort, cursor, pageSize: 4, now: T0 });
          seen.push(...result.rows.map((r) => r.id));
          if (!result.nextCursor) break;
          cursor = result.nextCursor;
        }
        expect(seen, `${key} ${dir}`).toEqual(expected);
      }
    }
    // The orders are what they say: priority by rank, number ascending.
    const byPriority = await listQueue(engineer, filters, { sort: { key: "priority", dir: "desc" }, pageSize: 100, now: T0 });
    expect(byPriority.rows[0]!.priority).toBe("urgent");
    expect(byPriority.rows.at(-1)!.priority).toBe("low");
    const byNumber = (await listQueue(engineer, filters, { sort: { key: "number", dir: "asc" }, pageSize: 100, now: T0 })).rows.map((r) => r.number);
    expect(byNumber).toEqual([...byNumber].sort((x, y) => x - y));
  });
});

describe("saved views", () => {
  it("are personal unless a team lead shares them; each user sees their own and the shared ones", async () => {
    const lead = await staff("team_lead");
    const alice = await staff();
    const bob = await staff();
    const { customer, licence } = await customerWithLicence();
    await fileTestTicket(customer, licence);
    await fileTestTicket(customer, licence, { input: { priority: "urgent" } as never });
    const teamView = await saveView(lead, { name: "Team: this customer", shared: true, params: `queue=open&organisation=${customer.organisationId}&sort=-created&cols=subject,status` });
    const aliceView = await saveView(alice, { name: "Alice's", params: "queue=mine" });
    await expect(saveView(alice, { name: "Sneaky", shared: true, params: "queue=open" })).rejects.toMatchObject({ code: "forbidden" });

    const bobSees = await listSavedViews(bob);
    expect(bobSees.map((v) => v.id)).toContain(teamView.id);
    expect(bobSees.map((v) => v.id)).not.toContain(aliceView.id);
    const team = bobSees.find((v) => v.id === teamView.id)!;
    expect(team).toMatchObject({ shared: true, mine: false, count: 2, capped: false });
    expect(new URLSearchParams(team.params).get("sort")).toBe("-created");
    expect((await listSavedViews(alice)).map((v) => v.id)).toEqual(expect.arrayContaining([teamView.id, aliceView.id]));

    // Bob cannot touch Alice's view (it does not exist for him) nor the lead's shared one.
    await expect(deleteView(bob, aliceView.id)).rejects.toMatchObject({ code: "not_found" });
    await expect(renameView(bob, teamView.id, "Mine now")).rejects.toMatchObject({ code: "forbidden" });
    await renameView(alice, aliceView.id, "My queue");
    await deleteView(lead, teamView.id);
    const aliceNow = await listSavedViews(alice);
    expect(aliceNow.map((v) => v.name)).toContain("My queue");
    expect(aliceNow.map((v) => v.id)).not.toContain(teamView.id);
    const audited = await db.select().from(auditLog).where(and(eq(auditLog.entityType, "saved_view"), eq(auditLog.entityId, teamView.id)));
    expect(audited.map((a) => a.action).sort()).toEqual(["view.created", "view.deleted"]);
  });
});
