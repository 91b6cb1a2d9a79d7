import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { attachments, auditLog, slaEvents, ticketEvents, ticketMessages, tickets, timeEntries } from "#db/schema";
import { addManualEntry } from "~/modules/time-tracking/entries.server";
import { replyAsCustomer, replyAsStaff, setTicketStatus } from "~/modules/tickets/conversation.server";
import { customerTicketView } from "~/modules/tickets/customer.server";
import { mergeTicket, splitMessage, ticketLinks } from "~/modules/tickets/merge.server";
import { fileTicketOnBehalf, OverrideNeededError } from "~/modules/tickets/on-behalf.server";
import { onBehalfSchema } from "~/modules/tickets/schemas";
import { addCc, setFollowing } from "~/modules/tickets/participants.server";
import { db } from "~/utils/db.server";
import { AppError } from "~/utils/errors.server";
import { renderMessage } from "~/utils/messages";
import { createUser } from "../factories/accounts";
import { customerWithLicence, daysAfter, emailsTo, fileTestTicket, minutesAfter, MONDAY_10_MSK, PNG_BYTES, staff, ticketInput } from "../factories/tickets";

const T0 = MONDAY_10_MSK;

async function row(number: number) {
  const [ticket] = await db.select().from(tickets).where(eq(tickets.number, number));
  return ticket!;
}

async function orgTime(organisationId: string) {
  const [totals] = await db
    .select({
      minutes: sql<number>`sum(${timeEntries.minutes})::int`,
      free: sql<number>`sum(${timeEntries.freeMinutes})::int`,
      prepaid: sql<number>`sum(${timeEntries.prepaidMinutes})::int`,
      billable: sql<number>`sum(${timeEntries.billableMinutes})::int`,
    })
    .from(timeEntries)
    .where(eq(timeEntries.organisationId, organisationId));
  return totals;
}

/** The error as an English reader meets it (the use case throws a catalogue message; the page puts it in words). */
const code = (promise: Promise<unknown>, locale: "en" | "ru" = "en") =>
  promise.then(() => "ok", (e: unknown) => (e instanceof AppError ? `${e.code}: ${renderMessage(locale, e.userMessage)}` : String(e)));

describe("merging a duplicate", () => {
  it("moves messages, files, time and CC to the target, keeps both SLA histories and every minute's charge, and points the customer on", async () => {
    const { organisation, customer, licence } = await customerWithLicence();
    const engineer = await staff("engineer");
    const target = await fileTestTicket(customer, licence, { now: T0 });
    const source = await fileTestTicket(customer, licence, { now: minutesAfter(T0, 5), input: { subject: "Checkout error again" } });
    await replyAsCustomer(customer, source.number, "Here is a screenshot", [{ fileName: "shot.png", bytes: PNG_BYTES, mime: "image/png" }], minutesAfter(T0, 10));
    await replyAsStaff(engineer, target.number, { body: "Looking into it", visibility: "public" }, [], minutesAfter(T0, 20));
    // 40 + 50 minutes on the duplicate: more than the free allowance, so the split has parts.
    await addManualEntry(engineer, source.id, { date: "2026-03-02", startTime: "11:00", minutes: 40, note: "call" }, daysAfter(T0, 1));
    await addManualEntry(engineer, source.id, { date: "2026-03-02", startTime: "12:00", minutes: 50, note: "fix" }, daysAfter(T0, 1));
    await addManualEntry(engineer, target.id, { date: "2026-03-02", startTime: "13:00", minutes: 15, note: "" }, daysAfter(T0, 1));
    const timeBefore = await orgTime(organisation.id);
    const targetSlaBefore = await db.select().from(slaEvents).where(eq(slaEvents.ticketId, target.id));
    const sourceSlaBefore = await db.select().from(slaEvents).where(eq(slaEvents.ticketId, source.id));
    const targetRowBefore = await row(target.number);

    const result = await mergeTicket(engineer, source.number, target.number, minutesAfter(T0, 60));
    expect(result).toMatchObject({ source: source.number, target: target.number, attachments: 1, timeEntries: 2, minutes: 90 });

    const movedMessages = await db.select().from(ticketMessages).where(eq(ticketMessages.ticketId, target.id));
    expect(movedMessages.map((m) => m.body)).toEqual(expect.arrayContaining(["Here is a screenshot", "Looking into it", expect.stringContaining(`#${source.number}: Checkout error again`)]));
    expect(await db.select().from(ticketMessages).where(eq(ticketMessages.ticketId, source.id))).toHaveLength(0);
    expect(await db.select().from(attachments).where(eq(attachments.ticketId, target.id))).toHaveLength(1);
    expect((await db.select().from(timeEntries).where(eq(timeEntries.ticketId, target.id))).length).toBe(3);
    // Time and entitlement: the organisation's totals and every part of the split are unchanged.
    expect(await orgTime(organisation.id)).toEqual(timeBefore);
    // SLA: the target's history and clock as they were; the source's recorded history kept.
    expect(await db.select().from(slaEvents).where(eq(slaEvents.ticketId, target.id))).toEqual(targetSlaBefore);
    expect(await db.select().from(slaEvents).where(eq(slaEvents.ticketId, source.id))).toEqual(sourceSlaBefore);
    expect((await row(target.number)).slaDueAt).toEqual(targetRowBefore.slaDueAt);
    const merged = await row(source.number);
    expect(merged).toMatchObject({ status: "closed", mergedIntoId: target.id, slaDueAt: null, slaAlertAt: null });
    expect(await ticketLinks(db, merged)).toMatchObject({ mergedInto: target.number });
    expect((await ticketLinks(db, await row(target.number))).mergedFrom).toEqual([source.number]);

    const mails = (await emailsTo(customer.email)).filter((m) => m.template === "tickets.merged");
    expect(mails).toHaveLength(1);
    expect(mails[0]!.text).toContain(`#${target.number}`);
    const audits = await db.select({ action: auditLog.action, entityId: auditLog.entityId }).from(auditLog).where(eq(auditLog.actorId, engineer.id));
    expect(audits).toEqual(expect.arrayContaining([{ action: "ticket.merged_into", entityId: source.id }, { action: "ticket.merged_from", entityId: target.id }]));

    // The merged ticket takes no more messages, from either side, and no follow-up either.
    expect(await code(replyAsCustomer(customer, source.number, "one more thing", [], minutesAfter(T0, 70)))).toBe(`conflict: This ticket was merged into #${target.number}. Continue the conversation there.`);
    expect(await code(replyAsStaff(engineer, source.number, { body: "note", visibility: "internal" }, [], minutesAfter(T0, 70)))).toMatch(/^conflict: This ticket was merged/);
  });

  it("refuses itself, another organisation, a closed target, chains and time that would be charged differently", async () => {
    const { customer, licence } = await customerWithLicence();
    const other = await customerWithLicence();
    const engineer = await staff("engineer");
    const a = await fileTestTicket(customer, licence, { now: T0 });
    const b = await fileTestTicket(customer, licence, { now: T0 });
    const c = await fileTestTicket(customer, licence, { now: T0 });
    const foreign = await fileTestTicket(other.customer, other.licence, { now: T0 });
    expect(await code(mergeTicket(engineer, a.number, a.number))).toBe("invalid: A ticket cannot be merged into itself.");
    expect(await code(mergeTicket(engineer, a.number, 99_999_999), "ru")).toBe("invalid: Обращения #99999999 нет.");
    expect(await code(mergeTicket(engineer, a.number, foreign.number))).toMatch(/^invalid: .* belong to different organisations\.$/);
    expect(await code(mergeTicket(customer, a.number, b.number))).toMatch(/^forbidden/);
    expect(await code(mergeTicket(engineer, a.number, 99_999_999))).toBe("invalid: There is no ticket #99999999.");
    await db.update(tickets).set({ status: "closed", closedAt: T0 }).where(eq(tickets.id, c.id));
    expect(await code(mergeTicket(engineer, a.number, c.number))).toBe(`invalid: #${c.number} is closed: merge into an open ticket.`);
    await mergeTicket(engineer, b.number, a.number, minutesAfter(T0, 5));
    const d = await fileTestTicket(customer, licence, { now: T0 });
    expect(await code(mergeTicket(engineer, d.number, b.number))).toBe(`invalid: #${b.number} was itself merged into #${a.number}: merge into that ticket instead.`);
    expect(await code(mergeTicket(engineer, b.number, d.number))).toBe(`conflict: #${b.number} was already merged into #${a.number}.`);
    // A question's time merged into a bug report would move from free to billable minutes.
    const bug = await fileTestTicket(customer, licence, { now: T0, input: { type: "bug_report" } });
    await addManualEntry(engineer, d.id, { date: "2026-03-02", startTime: "11:00", minutes: 10, note: "" }, daysAfter(T0, 1));
    expect(await code(mergeTicket(engineer, d.number, bug.number))).toMatch(/^conflict: .* are of different types/);
    expect((await row(d.number)).mergedIntoId).toBeNull();
  });
});

describe("splitting a message out", () => {
  it("starts a new linked ticket from the customer's message and its file, with clocks from the split", async () => {
    const { customer, licence } = await customerWithLicence();
    const engineer = await staff("engineer");
    const source = await fileTestTicket(customer, licence, { now: T0 });
    await replyAsCustomer(customer, source.number, "Also: invoices print blank pages", [{ fileName: "invoice.png", bytes: PNG_BYTES, mime: "image/png" }], minutesAfter(T0, 10));
    const [message] = await db.select().from(ticketMessages).where(eq(ticketMessages.ticketId, source.id));
    const splitAt = minutesAfter(T0, 30);
    const created = await splitMessage(engineer, source.number, message!.id, "Invoices print blank pages", splitAt);
    const fresh = await row(created.number);
    expect(fresh).toMatchObject({ requesterId: customer.id, splitFromId: source.id, description: "Also: invoices print blank pages", filedByStaffId: engineer.id });
    expect(fresh.createdAt).toEqual(splitAt);
    const [created_] = await db.select().from(ticketEvents).where(and(eq(ticketEvents.ticketId, created.id), eq(ticketEvents.type, "created")));
    expect(created_!.at).toEqual(splitAt);
    expect(await db.select().from(attachments).where(eq(attachments.ticketId, created.id))).toMatchObject([{ fileName: "invoice.png", messageId: null }]);
    expect(await db.select().from(ticketMessages).where(eq(ticketMessages.ticketId, source.id))).toHaveLength(0);
    expect((await ticketLinks(db, await row(source.number))).splitInto).toEqual([created.number]);
    expect((await ticketLinks(db, fresh)).splitFrom).toBe(source.number);
    const [audit] = await db.select().from(auditLog).where(and(eq(auditLog.entityId, source.id), eq(auditLog.action, "ticket.message_split")));
    expect(audit?.actorId).toBe(engineer.id);
  });
});

describe("CC and followers", () => {
  it("a CC'd contact of the organisation sees the ticket and gets replies; another organisation's contact can be neither", async () => {
    const { organisation, customer, licence } = await customerWithLicence();
    const colleague = await createUser("customer", { organisationId: organisation.id });
    const outsider = (await customerWithLicence()).customer;
    const engineer = await staff("engineer");
    const follower = await staff("engineer");
    const ticket = await fileTestTicket(customer, licence, { now: T0 });
    expect(await code(addCc(customer, ticket.number, outsider.id))).toBe("invalid: Choose a contact of this ticket's organisation.");
    expect(await code(addCc(outsider, ticket.number, outsider.id))).toBe("not_found: Ticket not found");
    await addCc(customer, ticket.number, colleague.id);
    expect((await customerTicketView(colleague, ticket.number, T0)).ticket.number).toBe(ticket.number);
    expect(await code(customerTicketView(outsider, ticket.number, T0))).toBe("not_found: Ticket not found");
    await replyAsStaff(engineer, ticket.number, { body: "Please try again now", visibility: "public" }, [], minutesAfter(T0, 30));
    expect((await emailsTo(colleague.email)).map((m) => m.template)).toContain("tickets.replied");
    await setTicketStatus(engineer, ticket.number, "on_hold", minutesAfter(T0, 35));
    expect((await emailsTo(colleague.email)).map((m) => m.template)).toContain("tickets.status-changed");
    await setFollowing(follower, ticket.number, true);
    await replyAsCustomer(customer, ticket.number, "Still broken", [], minutesAfter(T0, 40));
    expect((await emailsTo(follower.email)).map((m) => m.template)).toContain("tickets.replied");
    expect(await code(setFollowing(customer, ticket.number, true))).toMatch(/^forbidden/);
  });
});

describe("filing on behalf of a customer", () => {
  it("goes through the gate; a refusal passes only with a reason, audited, and the customer is told", async () => {
    const { organisation, customer, licence } = await customerWithLicence({ state: "expired" });
    const engineer = await staff("engineer");
    const input = onBehalfSchema.parse({ ...ticketInput({ licenceId: licence.id }), organisationId: organisation.id, contactId: customer.id, siteDown: "", overrideReason: "" });
    const refused = await fileTicketOnBehalf(engineer, input, T0).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(OverrideNeededError);
    const other = await customerWithLicence();
    expect(await code(fileTicketOnBehalf(engineer, { ...input, contactId: other.customer.id }, T0))).toBe("invalid: Choose a contact of the chosen organisation.");
    expect(await code(fileTicketOnBehalf(engineer, { ...input, licenceId: other.licence.id }, T0))).toBe("invalid: Choose a licence of the chosen organisation.");

    const filed = await fileTicketOnBehalf(engineer, { ...input, overrideReason: "Renewal is being paid, approved by sales" }, T0);
    expect(await row(filed.number)).toMatchObject({ requesterId: customer.id, filedByStaffId: engineer.id, eligibilityOverrideReason: "Renewal is being paid, approved by sales" });
    const [audit] = await db.select().from(auditLog).where(and(eq(auditLog.entityId, filed.id), eq(auditLog.action, "ticket.filed_on_behalf")));
    expect(audit?.actorId).toBe(engineer.id);
    expect(audit?.after).toMatchObject({ eligibilityOverrideReason: "Renewal is being paid, approved by sales", requesterId: customer.id });
    expect((await emailsTo(customer.email)).map((m) => m.template)).toEqual(["tickets.received"]);
  });

  it("files without any reason when the licence is supported", async () => {
    const { organisation, customer, licence } = await customerWithLicence();
    const lead = await staff("team_lead");
    const input = onBehalfSchema.parse({ ...ticketInput({ licenceId: licence.id }), organisationId: organisation.id, contactId: customer.id, siteDown: "" });
    const filed = await fileTicketOnBehalf(lead, input, T0);
    expect(await row(filed.number)).toMatchObject({ filedByStaffId: lead.id, eligibilityOverrideReason: null, slaState: "ok" });
  });
});
