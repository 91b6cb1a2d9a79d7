import { and, eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, bulkRuns, tickets } from "#db/schema";
import { BULK_INLINE_MAX, getBulkRun, processBulkRun, startBulk, sweepBulkRuns } from "~/modules/tickets/bulk-runs.server";
import { runBulk } from "~/modules/tickets/bulk.server";
import { loader as progressLoader } from "~/routes/desk.tickets.bulk.$runId";
import { createSession } from "~/modules/accounts/auth.server";
import { db } from "~/utils/db.server";
import { customerWithLicence, fileTestTicket, minutesAfter, MONDAY_10_MSK, staff } from "../factories/tickets";

const T0 = MONDAY_10_MSK;

async function ticketsFor(count: number) {
  const { customer, licence } = await customerWithLicence();
  const filed: Array<Awaited<ReturnType<typeof fileTestTicket>>> = [];
  for (let i = 0; i < count; i++) filed.push(await fileTestTicket(customer, licence, { now: minutesAfter(T0, i) }));
  return filed;
}

async function statusAudits(ids: string[]) {
  return db
    .select({ entityId: auditLog.entityId })
    .from(auditLog)
    .where(and(eq(auditLog.action, "ticket.status_changed"), inArray(auditLog.entityId, ids)));
}

describe("bulk actions in the background", () => {
  it("a large selection becomes a run the job works through in chunks, recording every ticket's outcome and reason", async () => {
    const engineer = await staff();
    const filed = await ticketsFor(14);
    const [closedBefore, closedLater, ...rest] = filed;
    await db.update(tickets).set({ status: "closed", closedAt: T0 }).where(eq(tickets.id, closedBefore!.id));
    await db.update(tickets).set({ status: "pending" }).where(eq(tickets.id, rest[0]!.id));

    const started = await startBulk(engineer, "status", { status: "pending" }, { numbers: filed.map((t) => t.number) }, minutesAfter(T0, 30), { inlineMax: 5 });
    expect(started).toMatchObject({ kind: "queued", total: 14 });
    if (started.kind !== "queued") throw new Error("expected a queued run");
    // Nothing changed inside the request.
    expect(await statusAudits(filed.map((t) => t.id))).toEqual([]);
    const queued = await getBulkRun(engineer, started.runId);
    expect(queued).toMatchObject({ status: "queued", total: 14, processed: 0, change: "status:pending" });

    // Between the confirmation and the job, one ticket is closed and one vanishes from the list's reach.
    await db.update(tickets).set({ status: "closed", closedAt: T0 }).where(eq(tickets.id, closedLater!.id));
    const [run] = await db.select().from(bulkRuns).where(eq(bulkRuns.id, started.runId));
    await db.update(bulkRuns).set({ numbers: [...run!.numbers, 99_999_998], total: 15 }).where(eq(bulkRuns.id, started.runId));

    const outcome = await processBulkRun(started.runId, { now: minutesAfter(T0, 31) });
    expect(outcome).toEqual({ claimed: true, changed: 11 });
    const done = await getBulkRun(engineer, started.runId);
    expect(done.status).toBe("done");
    expect(done.processed).toBe(15);
    expect(done.summary.changed).toEqual(rest.slice(1).map((t) => t.number).sort((a, b) => a - b));
    expect(done.summary.unchanged).toEqual([rest[0]!.number]);
    expect(done.summary.failed).toEqual(
      [
        { number: closedBefore!.number, reason: { code: "closed" } },
        { number: closedLater!.number, reason: { code: "closed" } },
        { number: 99_999_998, reason: { code: "not_found" } },
      ].sort((a, b) => a.number - b.number),
    );
    // Each change through the single-ticket use case: pending, audited once as the engineer.
    const rows = await db.select().from(tickets).where(inArray(tickets.id, rest.slice(1).map((t) => t.id)));
    expect(rows.map((r) => r.status)).toEqual(rows.map(() => "pending"));
    const audits = await statusAudits(filed.map((t) => t.id));
    expect(audits.map((a) => a.entityId).sort()).toEqual(rest.slice(1).map((t) => t.id).sort());

    // The same selection inline gives the same summary.
    const again = await runBulk(engineer, "status", { status: "pending" }, { numbers: filed.map((t) => t.number) });
    expect(again.failed.map((f) => f.number)).toEqual([closedBefore!.number, closedLater!.number].sort((a, b) => a - b));

    // Only the engineer who started it sees it; a made-up address is simply not found.
    const colleague = await staff();
    await expect(getBulkRun(colleague, started.runId)).rejects.toMatchObject({ code: "not_found", message: "bulk.error.runNotFound" });
    await expect(getBulkRun(engineer, "not-a-uuid")).rejects.toMatchObject({ code: "not_found" });
    // A finished run is never processed again.
    expect(await processBulkRun(started.runId)).toEqual({ claimed: false, changed: 0 });
  });

  it("small selections stay inline", async () => {
    const engineer = await staff();
    const filed = await ticketsFor(2);
    const started = await startBulk(engineer, "priority", { priority: "high" }, { numbers: filed.map((t) => t.number) });
    expect(started).toEqual({ kind: "done", summary: { changed: filed.map((t) => t.number).sort((a, b) => a - b), unchanged: [], failed: [] } });
    expect(BULK_INLINE_MAX).toBe(50);
  });

  it("two workers given the same run: one takes it, the other does nothing, and each ticket changes once", async () => {
    const engineer = await staff();
    const filed = await ticketsFor(12);
    const started = await startBulk(engineer, "status", { status: "pending" }, { numbers: filed.map((t) => t.number) }, minutesAfter(T0, 30), { inlineMax: 1 });
    if (started.kind !== "queued") throw new Error("expected a queued run");
    const outcomes = await Promise.all([processBulkRun(started.runId), processBulkRun(started.runId)]);
    expect(outcomes.map((o) => o.claimed).sort()).toEqual([false, true]);
    expect(outcomes.reduce((sum, o) => sum + o.changed, 0)).toBe(12);
    const audits = await statusAudits(filed.map((t) => t.id));
    expect(audits).toHaveLength(12);
    expect(new Set(audits.map((a) => a.entityId)).size).toBe(12);
    const run = await getBulkRun(engineer, started.runId);
    expect(run).toMatchObject({ status: "done", processed: 12 });
    expect(run.summary.changed).toHaveLength(12);
  });

  it("a run whose worker stopped is taken over only after its lease ran out, and resumes after the tickets already handled", async () => {
    const engineer = await staff();
    const filed = await ticketsFor(6);
    const started = await startBulk(engineer, "priority", { priority: "urgent" }, { numbers: filed.map((t) => t.number) }, T0, { inlineMax: 1 });
    if (started.kind !== "queued") throw new Error("expected a queued run");
    // A worker took it, handled the first two, and went silent; its lease still runs.
    const firstTwo = filed.slice(0, 2).map((t) => t.number);
    await db
      .update(bulkRuns)
      .set({ status: "running", processed: 2, changed: firstTwo, leaseToken: crypto.randomUUID(), leaseUntil: new Date(Date.now() + 60_000) })
      .where(eq(bulkRuns.id, started.runId));
    expect(await processBulkRun(started.runId)).toEqual({ claimed: false, changed: 0 });
    expect(await sweepBulkRuns()).toBe(0);
    // The lease ran out: the sweep takes it over and does the other four only.
    await db.update(bulkRuns).set({ leaseUntil: new Date(Date.now() - 1000) }).where(eq(bulkRuns.id, started.runId));
    expect(await sweepBulkRuns()).toBe(4);
    const rows = await db.select({ number: tickets.number, priority: tickets.priority }).from(tickets).where(inArray(tickets.id, filed.map((t) => t.id)));
    const urgent = rows.filter((r) => r.priority === "urgent").map((r) => r.number).sort((a, b) => a - b);
    expect(urgent).toEqual(filed.slice(2).map((t) => t.number).sort((a, b) => a - b));
    const run = await getBulkRun(engineer, started.runId);
    expect(run).toMatchObject({ status: "done", processed: 6 });
    expect(run.summary.changed).toEqual(filed.map((t) => t.number).sort((a, b) => a - b));
  });

  it("the progress page answers its owner only: a colleague, a customer and a made-up address get 404", async () => {
    const engineer = await staff();
    const colleague = await staff();
    const filed = await ticketsFor(2);
    const started = await startBulk(engineer, "priority", { priority: "low" }, { numbers: filed.map((t) => t.number) }, T0, { inlineMax: 1 });
    if (started.kind !== "queued") throw new Error("expected a queued run");
    const { customer } = await customerWithLicence();
    const load = async (userId: string, runId: string) => {
      const cookie = (await createSession(userId, new Request("http://keydesk.test/"))).split(";")[0]!;
      const request = new Request(`http://keydesk.test/desk/tickets/bulk/${runId}`, { headers: { Cookie: cookie } });
      return progressLoader({ request, params: { runId }, context: {} }).then(
        (value) => value,
        (thrown: unknown) => thrown,
      );
    };
    expect(await load(engineer.id, started.runId)).toMatchObject({ run: { id: started.runId, status: "queued", total: 2, processed: 0 } });
    for (const [userId, runId] of [
      [colleague.id, started.runId],
      [customer.id, started.runId],
      [engineer.id, "not-a-uuid"],
      [engineer.id, "00000000-0000-0000-0000-000000000000"],
    ] as const) {
      const answer = await load(userId, runId);
      expect(answer).toBeInstanceOf(Response);
      expect((answer as Response).status).toBe(404);
    }
  });
});
