import { and, eq, isNull } from "drizzle-orm";
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { auditLog, prepaidCredits, runningTimers, supportPlans, timeEntries, timeEntryRevisions } from "#db/schema";
import { setOrganisationPlan } from "~/modules/sla/admin.server";
import { recomputeOrganisationAllocation, reflowAfterPlanChange } from "~/modules/time-tracking/allocation.server";
import { setContract } from "~/modules/time-tracking/contracts.server";
import { addManualEntry, cancelBillable, deleteEntry, editEntry, getTicketTimePanel, getTicketTimeSummary, setNotCharged } from "~/modules/time-tracking/entries.server";
import { creditPrepaidMinutes, creditPrepaidMinutesForOrder, removePrepaidCreditForOrder } from "~/modules/time-tracking/prepaid.server";
import { parseReportFilters } from "~/modules/reports/filters";
import { runReport } from "~/modules/reports/reports.server";
import { csvValue } from "~/modules/reports/tables";
import { getRunningTimer, startTimer, stopTimer } from "~/modules/time-tracking/timers.server";
import { getUsage, monthlyStatementCsv } from "~/modules/time-tracking/usage.server";
import { db } from "~/utils/db.server";
import { AppError } from "~/utils/errors.server";
import { createCustomerOrganisation, createPlan, createPrepaidOrder, createTicket, createUser } from "../factories/time";

const ZONE = "Europe/Moscow";
const msk = (local: string) => DateTime.fromISO(local, { zone: ZONE }).toJSDate();
const NOW = msk("2026-03-20T18:00");

async function splitOf(entryId: string) {
  const [row] = await db.select().from(timeEntries).where(eq(timeEntries.id, entryId));
  return { free: row!.freeMinutes, prepaid: row!.prepaidMinutes, billable: row!.billableMinutes, notCharged: row!.notChargedMinutes };
}

async function errorOf(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

async function setting() {
  const { org, customer } = await createCustomerOrganisation();
  const engineer = await createUser("engineer");
  const question = await createTicket(org.id, customer.id, "question");
  return { org, customer, engineer, question };
}

const entry = (date: string, startTime: string, minutes: number, note = "") => ({ date, startTime, minutes, note });

describe("timers", () => {
  it("stops the running timer when another ticket's starts, logging its minutes rounded up", async () => {
    const { org, customer, engineer, question } = await setting();
    const other = await createTicket(org.id, customer.id, "paid_service", "Set up the exchange");
    const t0 = msk("2026-03-16T10:00");
    await startTimer(engineer, question.id, t0);
    // 12 min 1 s: any started minute counts.
    const second = await startTimer(engineer, other.id, new Date(t0.getTime() + 12 * 60_000 + 1_000));
    expect(second.stopped).toMatchObject({ ticketId: question.id, ticketNumber: question.number, minutes: 13 });
    expect(second.timer.ticketId).toBe(other.id);
    const running = await db.select().from(runningTimers).where(eq(runningTimers.engineerId, engineer.id));
    expect(running).toHaveLength(1);
    expect(running[0]!.ticketId).toBe(other.id);
    const [logged] = await db.select().from(timeEntries).where(eq(timeEntries.ticketId, question.id));
    expect(logged).toMatchObject({ source: "timer", minutes: 13, startedAt: t0, freeMinutes: 13 });
    expect(await getRunningTimer(engineer)).toMatchObject({ ticketNumber: other.number });
  });

  it("keeps one timer per engineer when two starts arrive at once", async () => {
    const { org, customer, engineer, question } = await setting();
    const other = await createTicket(org.id, customer.id, "question");
    const at = msk("2026-03-16T11:00");
    const same = await Promise.all([startTimer(engineer, question.id, at), startTimer(engineer, question.id, at)]);
    expect(same.filter((r) => r.alreadyRunning)).toHaveLength(1);
    expect(await db.select().from(runningTimers).where(eq(runningTimers.engineerId, engineer.id))).toHaveLength(1);

    // Eight tabs start eight timers at the same instant, five minutes later.
    const others = [other, ...(await Promise.all(Array.from({ length: 7 }, () => createTicket(org.id, customer.id, "question"))))];
    const later = new Date(at.getTime() + 5 * 60_000);
    const results = await Promise.all(others.map((t) => startTimer(engineer, t.id, later)));
    const rows = await db.select().from(runningTimers).where(eq(runningTimers.engineerId, engineer.id));
    expect(rows).toHaveLength(1);
    // Each start stopped whatever ran before it and said so: the first timer's 5 minutes are
    // logged exactly once, the others ran for no time at all.
    expect(results.filter((r) => r.stopped !== null)).toHaveLength(8);
    expect(results.filter((r) => r.stopped?.ticketId === question.id)).toHaveLength(1);
    const entries = await db.select().from(timeEntries).where(eq(timeEntries.engineerId, engineer.id));
    expect(entries.map((e) => e.minutes)).toEqual([5]);
  });

  it("stops only the timer of the ticket asked about, and logs nothing for a sub-second timer", async () => {
    const { org, customer, engineer, question } = await setting();
    const other = await createTicket(org.id, customer.id, "question");
    const at = msk("2026-03-16T12:00");
    await startTimer(engineer, question.id, at);
    const stale = await stopTimer(engineer, { ticketId: other.id }, new Date(at.getTime() + 60_000));
    expect(stale).toMatchObject({ stopped: null, runningElsewhere: { ticketId: question.id } });
    const quick = await stopTimer(engineer, { ticketId: question.id }, new Date(at.getTime() + 400));
    expect(quick.stopped).toMatchObject({ minutes: 0, entryId: null });
    expect(await getRunningTimer(engineer)).toBeNull();
    expect(await stopTimer(engineer, {}, at)).toEqual({ stopped: null, runningElsewhere: null });
  });

  it("caps a timer left running for days at one day and refuses customers", async () => {
    const { customer, engineer, question } = await setting();
    const at = msk("2026-03-02T09:00");
    await startTimer(engineer, question.id, at);
    const { stopped } = await stopTimer(engineer, {}, msk("2026-03-05T09:00"));
    expect(stopped).toMatchObject({ minutes: 24 * 60, capped: true });
    expect(await errorOf(startTimer(customer, question.id, at))).toMatchObject({ code: "forbidden", message: "time.error.roleCannotLog" });
  });
});

describe("allocation reflow", () => {
  it("splits across the allowance, and an edit or delete of an earlier entry reflows the later ones", async () => {
    const { customer, engineer, question } = await setting();
    const first = await addManualEntry(engineer, question.id, entry("2026-03-16", "10:00", 10, "first call"), NOW);
    const second = await addManualEntry(engineer, question.id, entry("2026-03-16", "11:00", 20, "second call"), NOW);
    expect(await splitOf(first.entryId)).toEqual({ free: 10, prepaid: 0, billable: 0, notCharged: 0 });
    expect(await splitOf(second.entryId)).toEqual({ free: 5, prepaid: 0, billable: 15, notCharged: 0 });

    await editEntry(engineer, first.entryId, entry("2026-03-16", "10:00", 3, "first call, shorter"), NOW);
    expect(await splitOf(second.entryId)).toEqual({ free: 12, prepaid: 0, billable: 8, notCharged: 0 });

    await deleteEntry(engineer, first.entryId, NOW);
    expect(await splitOf(second.entryId)).toEqual({ free: 15, prepaid: 0, billable: 5, notCharged: 0 });
    const revisions = await db.select().from(timeEntryRevisions).where(eq(timeEntryRevisions.timeEntryId, first.entryId));
    expect(revisions).toHaveLength(2);
    expect(revisions.map((r) => (r.before as { minutes: number }).minutes).sort()).toEqual([10, 3]);
    expect(revisions.some((r) => r.after === null)).toBe(true);

    const summary = await getTicketTimeSummary(customer, { id: question.id }, msk("2026-03-16T19:00"));
    expect(summary.totals).toMatchObject({ total: 20, free: 15, billable: 5, entryCount: 1 });
    expect(summary.counters.freeMinutesLeftToday).toBe(0);
    const nextDay = await getTicketTimeSummary(customer, { id: question.id }, msk("2026-03-17T09:00"));
    expect(nextDay.counters.freeMinutesLeftToday).toBe(15);
  });

  it("lets only the author or an admin change an entry, and records the not-charged override", async () => {
    const { engineer, question } = await setting();
    const colleague = await createUser("engineer");
    const admin = await createUser("admin");
    const logged = await addManualEntry(engineer, question.id, entry("2026-03-10", "10:00", 30), NOW);
    expect(await errorOf(editEntry(colleague, logged.entryId, entry("2026-03-10", "10:00", 1), NOW))).toMatchObject({ code: "forbidden", message: "time.error.notYourEntry" });
    expect((await errorOf(deleteEntry(colleague, logged.entryId, NOW))).code).toBe("forbidden");
    await setNotCharged(admin, logged.entryId, { notCharged: true, reason: "Our documentation was wrong" }, NOW);
    expect(await splitOf(logged.entryId)).toEqual({ free: 0, prepaid: 0, billable: 0, notCharged: 30 });
    await setNotCharged(engineer, logged.entryId, { notCharged: false }, NOW);
    expect(await splitOf(logged.entryId)).toEqual({ free: 15, prepaid: 0, billable: 15, notCharged: 0 });
    const audit = await db.select().from(auditLog).where(and(eq(auditLog.entityId, logged.entryId)));
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(["time_entry.created", "time_entry.not_charged", "time_entry.charged"]));
    expect((await errorOf(addManualEntry(engineer, question.id, entry("2026-03-21", "10:00", 5), NOW))).code).toBe("invalid");
  });

  it("never charges bug reports and follows the contract's days-per-week limit", async () => {
    const { org, customer, engineer, question } = await setting();
    const bug = await createTicket(org.id, customer.id, "bug_report");
    const admin = await createUser("admin");
    const onBug = await addManualEntry(engineer, bug.id, entry("2026-03-09", "10:00", 40), NOW);
    expect(await splitOf(onBug.entryId)).toEqual({ free: 0, prepaid: 0, billable: 0, notCharged: 40 });
    const monday = await addManualEntry(engineer, question.id, entry("2026-03-09", "11:00", 10), NOW);
    const tuesday = await addManualEntry(engineer, question.id, entry("2026-03-10", "11:00", 10), NOW);
    expect((await splitOf(tuesday.entryId)).free).toBe(10);
    await setContract(admin, org.id, { freeDaysPerWeek: 1 }, NOW);
    expect((await splitOf(monday.entryId)).free).toBe(10);
    expect(await splitOf(tuesday.entryId)).toEqual({ free: 0, prepaid: 0, billable: 10, notCharged: 0 });
    await setContract(admin, org.id, { followPlan: ["freeDaysPerWeek"], freeMinutesPerDay: 0 }, NOW);
    expect(await splitOf(monday.entryId)).toEqual({ free: 0, prepaid: 0, billable: 10, notCharged: 0 });
  });

  it("keeps the cached split equal to a full fold through any mix of changes (incremental reflow)", async () => {
    const { org, customer, engineer, question } = await setting();
    const admin = await createUser("admin");
    const service = await createTicket(org.id, customer.id, "paid_service");
    await setContract(admin, org.id, { freeDaysPerWeek: 2, freeMinutesPerDay: 20 }, NOW);
    let seed = 42;
    const random = (n: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed % n;
    };
    const live: string[] = [];
    for (let step = 0; step < 60; step++) {
      const day = `2026-02-${String(1 + random(28)).padStart(2, "0")}`;
      const time = `${String(8 + random(12)).padStart(2, "0")}:${String(random(60)).padStart(2, "0")}`;
      const op = live.length === 0 ? 0 : random(6);
      if (op <= 1) {
        const ticket = random(3) === 0 ? service : question;
        live.push((await addManualEntry(engineer, ticket.id, entry(day, time, 1 + random(45)), NOW)).entryId);
      } else if (op === 2) {
        await editEntry(engineer, live[random(live.length)]!, entry(day, time, 1 + random(45)), NOW);
      } else if (op === 3) {
        await deleteEntry(engineer, live.splice(random(live.length), 1)[0]!, NOW);
      } else if (op === 4) {
        const order = { ...(await createPrepaidOrder(org.id, 1, "paid")), paidAt: msk(`${day}T${time}`) };
        await db.transaction((tx) => creditPrepaidMinutesForOrder(tx, order, NOW));
      } else {
        await setNotCharged(engineer, live[random(live.length)]!, random(2) ? { notCharged: true, reason: "goodwill" } : { notCharged: false }, NOW);
      }
    }
    const full = await db.transaction((tx) => recomputeOrganisationAllocation(tx, org.id));
    expect(full.changed).toBe(0);
    expect((await getUsage(customer, org.id, { month: "2026-02" }, NOW)).counters.prepaidBalance).toBe(full.prepaidBalance);
  });

  it("re-splits past time when the organisation's plan, or the plan itself, changes", async () => {
    const { org, engineer, question } = await setting();
    const admin = await createUser("admin");
    const logged = await addManualEntry(engineer, question.id, entry("2026-03-12", "10:00", 20), NOW);
    expect((await splitOf(logged.entryId)).free).toBe(15);
    const generous = await createPlan({ freeMinutesPerDay: 30 });
    await setOrganisationPlan(admin, org.id, generous.id, NOW);
    expect(await splitOf(logged.entryId)).toEqual({ free: 20, prepaid: 0, billable: 0, notCharged: 0 });
    await db.update(supportPlans).set({ freeMinutesPerDay: 5 }).where(eq(supportPlans.id, generous.id));
    expect(await db.transaction((tx) => reflowAfterPlanChange(tx, { planId: generous.id }))).toBe(1);
    expect(await splitOf(logged.entryId)).toEqual({ free: 5, prepaid: 0, billable: 15, notCharged: 0 });
  });

  it("counts the allowance per day in the organisation's own calendar zone", async () => {
    const plan = await createPlan({ timeZone: "Asia/Vladivostok", freeMinutesPerDay: 10 });
    const { org, customer } = await createCustomerOrganisation({ planId: plan.id });
    const engineer = await createUser("engineer");
    const question = await createTicket(org.id, customer.id, "question");
    // 23:30 and 00:30 Vladivostok time: two calendar days there (one day in Moscow).
    const late = await addManualEntry(engineer, question.id, entry("2026-03-10", "23:30", 10), NOW);
    const early = await addManualEntry(engineer, question.id, entry("2026-03-11", "00:30", 10), NOW);
    expect((await splitOf(late.entryId)).free).toBe(10);
    expect((await splitOf(early.entryId)).free).toBe(10);
    const [row] = await db.select().from(timeEntries).where(eq(timeEntries.id, early.entryId));
    expect(row!.startedAt.toISOString()).toBe("2026-03-10T14:30:00.000Z");
  });
});

describe("prepaid minutes", () => {
  it("credits a paid order once, however often fulfilment runs, and takes it back on refund", async () => {
    const { org } = await setting();
    const order = await createPrepaidOrder(org.id, 5, "paid");
    const results = await Promise.all([
      db.transaction((tx) => creditPrepaidMinutesForOrder(tx, order, NOW)),
      db.transaction((tx) => creditPrepaidMinutesForOrder(tx, order, NOW)),
    ]);
    expect(results.filter((r) => r.credited)).toHaveLength(1);
    const again = await db.transaction((tx) => creditPrepaidMinutesForOrder(tx, order, NOW));
    expect(again).toMatchObject({ credited: false, prepaidBalance: 300 });
    expect(await db.select().from(prepaidCredits).where(eq(prepaidCredits.orderId, order.id))).toHaveLength(1);
    await db.transaction((tx) => removePrepaidCreditForOrder(tx, order.id, null, NOW));
    const live = await db.select().from(prepaidCredits).where(and(eq(prepaidCredits.organisationId, org.id), isNull(prepaidCredits.removedAt)));
    expect(live).toHaveLength(0);
  });

  it("draws the balance down minute by minute, never below zero; the rest is billable", async () => {
    const { org, customer, engineer, question } = await setting();
    const service = await createTicket(org.id, customer.id, "paid_service", "Data migration");
    const order = { ...(await createPrepaidOrder(org.id, 1, "paid")), paidAt: msk("2026-03-01T09:00") };
    await db.transaction((tx) => creditPrepaidMinutesForOrder(tx, order, NOW));
    const consult = await addManualEntry(engineer, question.id, entry("2026-03-02", "10:00", 40), NOW);
    expect(await splitOf(consult.entryId)).toEqual({ free: 15, prepaid: 25, billable: 0, notCharged: 0 });
    const migration = await addManualEntry(engineer, service.id, entry("2026-03-03", "10:00", 50), NOW);
    expect(await splitOf(migration.entryId)).toEqual({ free: 0, prepaid: 35, billable: 15, notCharged: 0 });
    const usage = await getUsage(customer, org.id, { month: "2026-03" }, NOW);
    expect(usage.counters.prepaidBalance).toBe(0);
    expect(usage.summary).toMatchObject({ free: 15, prepaid: 60, billable: 15, total: 90 });
    // 15 min at 3 000.00 an hour.
    expect(usage.summary.billableAmountMinor).toBe(75_000);

    // Deleting the consultation gives its prepaid minutes back to the later entry.
    await deleteEntry(engineer, consult.entryId, NOW);
    expect(await splitOf(migration.entryId)).toEqual({ free: 0, prepaid: 50, billable: 0, notCharged: 0 });
    expect((await getUsage(customer, org.id, { month: "2026-03" }, NOW)).counters.prepaidBalance).toBe(10);
  });

  it("applies quality remedies: goodwill minutes and a cancelled charge", async () => {
    const { org, engineer, question } = await setting();
    const quality = await createUser("quality");
    const logged = await addManualEntry(engineer, question.id, entry("2026-03-04", "10:00", 45), NOW);
    expect((await splitOf(logged.entryId)).billable).toBe(30);
    const cancelled = await cancelBillable(quality, logged.entryId, { reason: "Complaint upheld" }, NOW);
    expect(cancelled).toMatchObject({ cancelledMinutes: 30, alreadyCancelled: false });
    expect(await splitOf(logged.entryId)).toEqual({ free: 15, prepaid: 0, billable: 0, notCharged: 30 });
    expect((await cancelBillable(quality, logged.entryId, {}, NOW)).alreadyCancelled).toBe(true);
    const credit = await creditPrepaidMinutes(quality, { organisationId: org.id, minutes: 60, source: "remedy", note: "Sorry" }, {}, NOW);
    expect(credit.prepaidBalance).toBe(60);
    expect((await errorOf(creditPrepaidMinutes(engineer, { organisationId: org.id, minutes: 60, source: "remedy" }, {}, NOW))).code).toBe("forbidden");
  });
});

describe("what customers and staff read", () => {
  it("shows a customer their usage and statement, and nobody else's", async () => {
    const { org, customer, engineer, question } = await setting();
    const stranger = (await createCustomerOrganisation()).customer;
    await addManualEntry(engineer, question.id, entry("2026-02-27", "10:00", 5, "=HYPERLINK(\"x\")"), NOW);
    await addManualEntry(engineer, question.id, entry("2026-03-05", "10:00", 20, "Настроили обмен"), NOW);

    const march = await getUsage(customer, org.id, { month: "2026-03" }, NOW);
    expect(march.entries).toHaveLength(1);
    expect(march.entries[0]).toMatchObject({ day: "2026-03-05", ticketNumber: question.number, minutes: 20, free: 15, billable: 5 });
    expect(march.months.map((m) => [m.month, m.total])).toEqual([
      ["2026-03", 20],
      ["2026-02", 5],
    ]);
    expect(march.counters.freeMinutesLeftToday).toBe(15);

    const csv = await monthlyStatementCsv(customer, org.id, "2026-02");
    expect(csv.body.startsWith("Date,Ticket,")).toBe(true);
    expect(csv.body).toContain(`'=HYPERLINK`);
    expect(csv.filename).toBe("keydesk-statement-2026-02.csv");
    const ru = await monthlyStatementCsv(customer, org.id, "2026-03");
    expect(ru.body).toContain("Настроили обмен");

    expect((await errorOf(getUsage(stranger, org.id, {}, NOW))).code).toBe("not_found");
    expect((await errorOf(monthlyStatementCsv(stranger, org.id, "2026-03"))).code).toBe("not_found");
    expect((await errorOf(getTicketTimeSummary(stranger, { id: question.id }, NOW))).code).toBe("not_found");
    expect((await errorOf(getTicketTimePanel(customer, { id: question.id }, {}, NOW))).code).toBe("not_found");
  });

  it("pages a long month by keyset without gaps or repeats", async () => {
    const { org, customer, engineer, question } = await setting();
    for (let day = 1; day <= 28; day++) {
      for (const hour of ["09:00", "10:00"]) {
        await addManualEntry(engineer, question.id, entry(`2026-02-${String(day).padStart(2, "0")}`, hour, 1), NOW);
      }
    }
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof getUsage>> = await getUsage(customer, org.id, { month: "2026-02", after }, NOW);
      seen.push(...page.entries.map((e) => e.id));
      after = page.nextCursor;
    } while (after);
    expect(seen).toHaveLength(56);
    expect(new Set(seen).size).toBe(56);
  });

  it("reports time by engineer, organisation and ticket type, with a CSV", async () => {
    const { org, customer, engineer, question } = await setting();
    const lead = await createUser("team_lead");
    const bug = await createTicket(org.id, customer.id, "bug_report");
    await addManualEntry(engineer, question.id, entry("2026-01-12", "10:00", 25), NOW);
    await addManualEntry(lead, bug.id, entry("2026-01-12", "11:00", 10), NOW);
    // January in the organisations' zone, as the statements count it (`?month=` is that month).
    const filters = parseReportFilters(new URLSearchParams("month=2026-01&groupBy=month"), "Europe/Moscow", NOW);
    const time = async (actor: typeof lead, f = filters) => (await runReport(actor, "time", f, NOW, (key) => key, "en")).result;
    const report = await time(lead);
    const table = (name: string) => report.tables.find((t) => t.name === name)!.rows.map((row) => row.map(csvValue));
    expect(table("organisations").find((r) => r[0] === org.name)).toEqual([org.name, 15, 0, 10, 10, 35, 500]);
    expect(table("engineers").find((r) => r[0] === engineer.name)).toEqual([engineer.name, 15, 0, 10, 0, 25]);
    expect(table("entries")).toContainEqual([engineer.name, org.name, "time.type.question", 15, 0, 10, 0, 25]);
    expect(table("trend")).toEqual([["2026-01-01", ...table("types").at(-1)!.slice(1)]]);
    // The same figures a month later are empty; the engineer filter is who logged the time.
    const february = await time(lead, parseReportFilters(new URLSearchParams(`month=2026-02&organisation=${org.id}`), "Europe/Moscow", NOW));
    expect(february.tables.find((t) => t.name === "organisations")!.rows).toEqual([]);
    const byLead = await time(lead, { ...filters, organisationId: org.id, engineerId: lead.id });
    expect(byLead.tables.find((t) => t.name === "engineers")!.rows.map((r) => r[0])).toEqual([lead.name]);
    expect((await errorOf(runReport(engineer, "time", filters, NOW, (key) => key, "en"))).code).toBe("forbidden");
  });
});
