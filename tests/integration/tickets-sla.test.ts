import { and, asc, eq, like } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { businessCalendars, emails, organisations, slaEvents, supportPlans, tickets } from "#db/schema";
import { saveCalendar, savePlan, setOrganisationPlan } from "~/modules/sla/admin.server";
import { runSlaAlerts, ticketClocks } from "~/modules/sla/clocks.server";
import { DEFAULT_MOSCOW_CALENDAR } from "~/modules/sla/defaults";
import { ensureSlaDefaults } from "~/modules/sla/plans.server";
import { PRIORITY_PLAN_TARGETS } from "~/modules/sla/targets";
import { replyAsCustomer, replyAsStaff, setTicketStatus } from "~/modules/tickets/conversation.server";
import { claimTicket, setTicketPriority, staffTicketView } from "~/modules/tickets/desk.server";
import { db } from "~/utils/db.server";
import { createUser } from "../factories/accounts";
import { customerWithLicence, daysAfter, fileTestTicket, minutesAfter, MONDAY_10_MSK, staff } from "../factories/tickets";

const T0 = MONDAY_10_MSK; // Monday 2 March 2026, 10:00 MSK
const iso = (d: Date | null | undefined) => d?.toISOString() ?? null;

async function ticketRow(number: number) {
  const [row] = await db.select().from(tickets).where(eq(tickets.number, number));
  return row!;
}

async function recorded(ticketId: string) {
  return db
    .select({ clock: slaEvents.clock, type: slaEvents.type, at: slaEvents.at })
    .from(slaEvents)
    .where(eq(slaEvents.ticketId, ticketId))
    .orderBy(asc(slaEvents.at), asc(slaEvents.recordedAt));
}

async function alertEmails(number: number, template: "sla.warning" | "sla.breach") {
  return db
    .select()
    .from(emails)
    .where(and(eq(emails.template, template), like(emails.subject, `[#${number}]%`)));
}

describe("default calendar and plans", () => {
  it("are ensured idempotently: one calendar, Standard (default) and Priority", async () => {
    await ensureSlaDefaults();
    await Promise.all([ensureSlaDefaults(), ensureSlaDefaults()]);
    const plans = await db.select().from(supportPlans);
    expect(plans.map((p) => p.slug).sort()).toEqual(["priority", "standard"]);
    expect(plans.filter((p) => p.isDefault).map((p) => p.slug)).toEqual(["standard"]);
    const calendars = await db.select().from(businessCalendars);
    expect(calendars).toHaveLength(1);
    expect(calendars[0]!.definition).toMatchObject({ timeZone: "Europe/Moscow", weekly: { "1": [["10:00", "18:00"]], "6": [] } });
    expect(calendars[0]!.definition.holidays).toContain("2026-03-09");
  });
});

describe("clocks through the use cases", () => {
  it("fulfils first response, starts next response, pauses it while pending and resumes on the customer's reply", async () => {
    const { customer, licence } = await customerWithLicence();
    const engineer = await staff();
    const filed = await fileTestTicket(customer, licence);
    const n = filed.number;

    // 10:30 the engineer answers: first response met.
    await replyAsStaff(engineer, n, { body: "Looking into it", visibility: "public" }, [], minutesAfter(T0, 30));
    let row = await ticketRow(n);
    expect(row).toMatchObject({ status: "open", slaDueAt: null, slaState: "none" });

    // 11:00 the customer writes: next response (8 h) runs.
    await replyAsCustomer(customer, n, "Any news?", [], minutesAfter(T0, 60));
    row = await ticketRow(n);
    expect(row.slaState).toBe("ok");
    expect(iso(row.slaDueAt)).toBe("2026-03-03T08:00:00.000Z"); // Tue 11:00 MSK

    // 12:00 the engineer sets pending without answering: next response pauses.
    await setTicketStatus(engineer, n, "pending", minutesAfter(T0, 120));
    row = await ticketRow(n);
    expect(row).toMatchObject({ status: "pending", slaState: "paused", slaDueAt: null, slaAlertAt: null });
    const panel = await staffTicketView(engineer, n, { locale: "en", timeZone: "Europe/Moscow", now: minutesAfter(T0, 150) });
    expect(panel.sla.clocks.find((c) => c.kind === "next_response")).toMatchObject({ status: "paused", elapsedBusinessMinutes: 60 });

    // 13:00 the customer replies: the ticket reopens and the clock resumes with 60 min used.
    await replyAsCustomer(customer, n, "Here is the screenshot", [], minutesAfter(T0, 180));
    row = await ticketRow(n);
    expect(row.status).toBe("open");
    expect(iso(row.slaDueAt)).toBe("2026-03-03T09:00:00.000Z"); // Tue 12:00 MSK: 1 h later than before
    const events = (await recorded(row.id)).map((e) => `${e.clock}:${e.type}@${e.at.toISOString().slice(11, 16)}`);
    expect(events).toEqual([
      "first_response:start@07:00",
      "first_response:fulfil@07:30",
      "next_response:start@08:00",
      "next_response:pause@09:00",
      "next_response:resume@10:00",
    ]);

    // 14:00 the engineer answers: next response met, nothing runs.
    await replyAsStaff(engineer, n, { body: "Fixed", visibility: "public" }, [], minutesAfter(T0, 240));
    row = await ticketRow(n);
    expect(row).toMatchObject({ slaDueAt: null, slaState: "none" });
    expect((await recorded(row.id)).at(-1)).toMatchObject({ clock: "next_response", type: "fulfil" });
  });

  it("starts the clock of a ticket filed at the weekend on Monday at opening", async () => {
    const { customer, licence } = await customerWithLicence();
    const saturday = new Date("2026-02-28T12:00:00Z");
    const filed = await fileTestTicket(customer, licence, { now: saturday });
    const row = await ticketRow(filed.number);
    expect(iso(row.slaDueAt)).toBe("2026-03-02T11:00:00.000Z"); // Mon 14:00 MSK
  });

  it("skips the 9 March public holiday", async () => {
    const { customer, licence } = await customerWithLicence();
    const friday = new Date("2026-03-06T13:00:00Z"); // Fri 16:00 MSK: 2 h today, 2 h on Tuesday
    const filed = await fileTestTicket(customer, licence, { now: friday });
    expect(iso((await ticketRow(filed.number)).slaDueAt)).toBe("2026-03-10T09:00:00.000Z"); // Tue 12:00 MSK
  });
});

describe("warning and breach jobs", () => {
  it("warn at 75 % and breach at 100 %, each exactly once, emailing the assignee and team leads", async () => {
    const { customer, licence } = await customerWithLicence();
    const engineer = await staff("engineer", "Egor On Duty");
    const lead = await staff("team_lead", "Tatiana Lead");
    const filed = await fileTestTicket(customer, licence);
    await claimTicket(engineer, filed.number, minutesAfter(T0, 1));
    const id = (await ticketRow(filed.number)).id;

    // First response is due 14:00 MSK, warning at 13:00 MSK (10:00Z).
    await runSlaAlerts(minutesAfter(T0, 179));
    expect(await alertEmails(filed.number, "sla.warning")).toHaveLength(0);

    await runSlaAlerts(minutesAfter(T0, 181));
    await runSlaAlerts(minutesAfter(T0, 185));
    const warnings = await alertEmails(filed.number, "sla.warning");
    expect(warnings.map((e) => e.toAddress).sort()).toEqual(expect.arrayContaining([engineer.email, lead.email]));
    expect(warnings.filter((e) => e.toAddress === engineer.email)).toHaveLength(1);
    expect(warnings.filter((e) => e.toAddress === lead.email)).toHaveLength(1);
    expect((await ticketRow(filed.number)).slaState).toBe("warning");

    // Two instances running the job at the same moment still breach once.
    await Promise.all([runSlaAlerts(minutesAfter(T0, 241)), runSlaAlerts(minutesAfter(T0, 241))]);
    await runSlaAlerts(minutesAfter(T0, 300));
    const breaches = await alertEmails(filed.number, "sla.breach");
    expect(breaches.filter((e) => e.toAddress === engineer.email)).toHaveLength(1);
    expect(breaches.filter((e) => e.toAddress === lead.email)).toHaveLength(1);
    expect(breaches[0]!.text).toMatch(/overdue by/);
    const row = await ticketRow(filed.number);
    expect(row).toMatchObject({ slaState: "breached", slaAlertAt: null });
    const thresholds = (await recorded(id)).filter((e) => e.type === "warn" || e.type === "breach");
    expect(thresholds.map((e) => `${e.type}@${e.at.toISOString()}`)).toEqual(["warn@2026-03-02T10:00:00.000Z", "breach@2026-03-02T11:00:00.000Z"]);

    // A user action after the breach records nothing new and sends nothing new.
    await replyAsStaff(engineer, filed.number, { body: "Sorry for the wait", visibility: "public" }, [], minutesAfter(T0, 320));
    expect(await alertEmails(filed.number, "sla.breach")).toHaveLength(breaches.length);
    expect((await recorded(id)).filter((e) => e.type === "breach")).toHaveLength(1);
  });

  it("a priority change re-targets from the original start, can breach at once, and the job says so once", async () => {
    const { customer, licence, organisation } = await customerWithLicence();
    const admin = await createUser("admin");
    const [priorityPlan] = await db.select().from(supportPlans).where(eq(supportPlans.slug, "priority"));
    await setOrganisationPlan(admin, organisation.id, priorityPlan!.id, T0);
    const engineer = await staff();
    const filed = await fileTestTicket(customer, licence);
    expect(iso((await ticketRow(filed.number)).slaDueAt)).toBe("2026-03-02T08:00:00.000Z"); // 1 h on the Priority plan

    // 45 minutes in, the ticket becomes urgent: 30 minutes from the original start → breached.
    await setTicketPriority(engineer, filed.number, "urgent", minutesAfter(T0, 45));
    const row = await ticketRow(filed.number);
    expect(iso(row.slaDueAt)).toBe("2026-03-02T07:30:00.000Z");
    expect(row.slaState).toBe("breached");
    const events = await recorded(row.id);
    expect(events.filter((e) => e.type === "retarget")).toHaveLength(1);
    // The breach is recorded at the retarget, never before it.
    expect(events.find((e) => e.type === "breach")?.at.toISOString()).toBe(minutesAfter(T0, 45).toISOString());
    await runSlaAlerts(minutesAfter(T0, 46));
    await runSlaAlerts(minutesAfter(T0, 50));
    expect((await recorded(row.id)).filter((e) => e.type === "breach")).toHaveLength(1);
  });

  it("moving an organisation to another plan re-targets its open tickets", async () => {
    const { customer, licence, organisation } = await customerWithLicence();
    const admin = await createUser("admin");
    const filed = await fileTestTicket(customer, licence);
    expect(iso((await ticketRow(filed.number)).slaDueAt)).toBe("2026-03-02T11:00:00.000Z");
    const [priorityPlan] = await db.select().from(supportPlans).where(eq(supportPlans.slug, "priority"));
    const result = await setOrganisationPlan(admin, organisation.id, priorityPlan!.id, minutesAfter(T0, 10));
    expect(result.retargeted).toBe(1);
    const row = await ticketRow(filed.number);
    expect(row.planId).toBe(priorityPlan!.id);
    expect(iso(row.slaDueAt)).toBe("2026-03-02T08:00:00.000Z");
    const [org] = await db.select().from(organisations).where(eq(organisations.id, organisation.id));
    expect(org!.planId).toBe(priorityPlan!.id);
    // Back to the default plan (null): re-targeted again.
    expect((await setOrganisationPlan(admin, organisation.id, null, minutesAfter(T0, 20))).retargeted).toBe(1);
  });

  it("a free product's ticket never alerts", async () => {
    const { createTestProduct } = await import("../factories/tickets");
    const product = await createTestProduct({ free: true, listPriceMinor: 0 });
    const { customer, licence } = await customerWithLicence({ product });
    const filed = await fileTestTicket(customer, licence, { input: { type: "bug_report" } });
    await runSlaAlerts(daysAfter(T0, 3));
    expect(await alertEmails(filed.number, "sla.breach")).toHaveLength(0);
    expect(await recorded((await ticketRow(filed.number)).id)).toHaveLength(0);
  });
});

describe("admin changes", () => {
  it("a calendar edit moves the due times of open tickets at once", async () => {
    const { customer, licence } = await customerWithLicence();
    const admin = await createUser("admin");
    const filed = await fileTestTicket(customer, licence);
    const row = await ticketRow(filed.number);
    const [plan] = await db.select().from(supportPlans).where(eq(supportPlans.id, row.planId));
    // A lunch break 13:00–14:00 on Mondays pushes the 14:00 deadline to 15:00.
    const calendar = { ...DEFAULT_MOSCOW_CALENDAR, weekly: { ...DEFAULT_MOSCOW_CALENDAR.weekly, "1": [["10:00", "13:00"], ["14:00", "18:00"]] as Array<[string, string]> } };
    await saveCalendar(admin, plan!.calendarId, { name: "Moscow with lunch", calendar }, minutesAfter(T0, 5));
    expect(iso((await ticketRow(filed.number)).slaDueAt)).toBe("2026-03-02T12:00:00.000Z");
    const clocks = await ticketClocks(db, await ticketRow(filed.number), minutesAfter(T0, 5));
    expect(clocks.plan.calendarName).toBe("Moscow with lunch");
    // Put it back for the other tests in this file.
    await saveCalendar(admin, plan!.calendarId, { name: "Moscow office hours", calendar: DEFAULT_MOSCOW_CALENDAR }, minutesAfter(T0, 6));
  });

  it("keeps exactly one default plan and refuses to leave none", async () => {
    const admin = await createUser("admin");
    const [standard] = await db.select().from(supportPlans).where(eq(supportPlans.slug, "standard"));
    const input = {
      name: standard!.name,
      slug: standard!.slug,
      calendarId: standard!.calendarId,
      targets: PRIORITY_PLAN_TARGETS,
      isDefault: false,
      allowsUrgent: false,
      freeMinutesPerDay: 15,
      freeDaysPerWeek: null,
      priceMinor: null,
      termMonths: 12,
    };
    await expect(savePlan(admin, standard!.id, input)).rejects.toMatchObject({ code: "invalid", message: "sla.error.keepDefault", fieldErrors: { isDefault: ["sla.field.keepDefault"] } });
    const engineer = await staff();
    await expect(savePlan(engineer, standard!.id, { ...input, isDefault: true })).rejects.toMatchObject({ code: "forbidden" });
    const gold = await savePlan(admin, null, { ...input, name: "Gold", slug: "gold", isDefault: true });
    const defaults = await db.select().from(supportPlans).where(eq(supportPlans.isDefault, true));
    expect(defaults.map((p) => p.id)).toEqual([gold]);
    await expect(savePlan(admin, null, { ...input, name: "Gold 2", slug: "gold" })).rejects.toMatchObject({ code: "invalid", message: "sla.error.slugTaken", fieldErrors: { slug: ["sla.field.slugTaken"] } });
    // Restore the Standard plan as the default.
    await savePlan(admin, standard!.id, { ...input, targets: standard!.targets, isDefault: true });
  });
});
