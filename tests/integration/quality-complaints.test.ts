import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditLog, complaintAnswers, complaintDeadlineAlerts, complaints, users } from "#db/schema";
import {
  acceptComplaintAnswer,
  advanceComplaint,
  complaintQueue,
  complaintSummary,
  escalateTicket,
  fileComplaint,
  getCustomerComplaint,
  listOrganisationComplaints,
  loadComplaintFor,
  recordFindings,
  replyToComplaint,
} from "~/modules/quality/complaints.server";
import { runComplaintDeadlineAlerts } from "~/modules/quality/deadlines.server";
import { investigationTickets } from "~/modules/quality/investigation.server";
import { qualityNotesForTicket, shareQualityNote } from "~/modules/quality/quality-notes.server";
import { db } from "~/utils/db.server";
import { AppError } from "~/utils/errors.server";
import {
  addMessage,
  addTimeEntry,
  createQualityTicket,
  createUser,
  customerWithActivatedLicence,
  emailsOf,
  FACTS,
  MONDAY_10_MSK,
  minutesAfter,
  solvedTicketScenario,
} from "../factories/quality";

const code = (promise: Promise<unknown>) =>
  promise.then(
    () => "ok",
    (e: unknown) => (e instanceof AppError ? e.code : `unexpected: ${String(e)}`),
  );

let quality: Awaited<ReturnType<typeof createUser>>;

beforeAll(async () => {
  quality = await createUser("quality", { name: "Quinn Quality" });
});

describe("filing a complaint", () => {
  it("files on two of the organisation's tickets, with the subject, due times and emails", async () => {
    const { customer, organisationId, licence, engineer, ticket } = await solvedTicketScenario();
    const second = await createQualityTicket({ organisationId, requesterId: customer.id, licence, assigneeId: engineer.id });
    const complaint = await fileComplaint(customer, { ticketIds: [second.id, ticket.id], description: FACTS }, [], MONDAY_10_MSK);
    const [low, high] = [ticket.number, second.number].sort((a, b) => a - b);
    expect(complaint.subject).toBe(`Complaint on requests #${low}, #${high}`);
    expect(complaint.status).toBe("received");
    expect(complaint.raisedByStaff).toBe(false);
    // Monday 10:00 MSK: acknowledge by Monday 18:00, answer by Wednesday 18:00 (business hours).
    expect(complaint.acknowledgeDueAt?.toISOString()).toBe("2026-03-02T15:00:00.000Z");
    expect(complaint.answerDueAt?.toISOString()).toBe("2026-03-04T15:00:00.000Z");
    expect(await emailsOf(customer.email, "quality.complaint-received")).toHaveLength(1);
    const alerts = await emailsOf(quality.email, "quality.alert");
    expect(alerts.some((e) => e.subject === `New complaint: ${complaint.subject}`)).toBe(true);
    const [audit] = await db.select().from(auditLog).where(and(eq(auditLog.entityId, complaint.id), eq(auditLog.action, "complaint.filed")));
    expect(audit).toBeTruthy();

    const list = await listOrganisationComplaints(customer);
    expect(list.complaints.map((c) => [c.id, c.ticketNumbers])).toEqual([[complaint.id, [low, high]]]);
  });

  it("refuses a ticket of another organisation, and staff and strangers", async () => {
    const { customer } = await solvedTicketScenario();
    const other = await solvedTicketScenario();
    expect(await code(fileComplaint(customer, { ticketIds: [other.ticket.id], description: FACTS }))).toBe("invalid");
    expect(await code(fileComplaint(customer, { ticketIds: ["not-a-uuid"], description: FACTS }))).toBe("invalid");
    expect(await code(fileComplaint(other.engineer, { ticketIds: [other.ticket.id], description: FACTS }))).toBe("forbidden");
  });
});

describe("who sees a complaint", () => {
  it("engineers cannot read complaints; customers of another organisation get not found", async () => {
    const { customer, ticket, engineer } = await solvedTicketScenario();
    const complaint = await fileComplaint(customer, { ticketIds: [ticket.id], description: FACTS });
    expect(await code(loadComplaintFor(engineer, complaint.id))).toBe("forbidden");
    expect(await code(complaintSummary(engineer, complaint.id))).toBe("forbidden");
    expect(await code(investigationTickets(engineer, complaint.id))).toBe("forbidden");
    expect(await code(complaintQueue(engineer))).toBe("forbidden");
    const lead = await createUser("team_lead");
    expect(await code(complaintSummary(lead, complaint.id))).toBe("forbidden");

    const stranger = (await customerWithActivatedLicence()).customer;
    expect(await code(getCustomerComplaint(stranger, complaint.id))).toBe("not_found");
    expect(await code(replyToComplaint(stranger, complaint.id, "no"))).toBe("not_found");
    expect((await listOrganisationComplaints(stranger)).complaints).toEqual([]);
    // A colleague in the same organisation sees it.
    const colleague = await createUser("customer", { organisationId: customer.organisationId });
    expect((await getCustomerComplaint(colleague, complaint.id)).subject).toBe(complaint.subject);
    expect((await complaintSummary(quality, complaint.id)).complaint.id).toBe(complaint.id);
  });

  it("a staff escalation is internal: not in the customer's list and not found for them", async () => {
    const { customer, ticket, engineer } = await solvedTicketScenario();
    const escalated = await escalateTicket(engineer, ticket.number, "The customer waited two days for a first answer.");
    const row = await loadComplaintFor(quality, escalated.complaintId);
    expect(row.raisedByStaff).toBe(true);
    expect(row.authorId).toBe(engineer.id);
    expect(await code(getCustomerComplaint(customer, escalated.complaintId))).toBe("not_found");
    expect((await listOrganisationComplaints(customer)).complaints).toEqual([]);
    expect(await code(escalateTicket(engineer, ticket.number, "Again, with more details here."))).toBe("conflict");
    expect(await code(escalateTicket(engineer, ticket.number, "short"))).toBe("invalid");
    expect(await code(escalateTicket(customer, ticket.number, "I want to escalate this myself."))).toBe("forbidden");
    expect((await emailsOf(quality.email, "quality.alert")).some((e) => e.subject.startsWith("Escalated to quality"))).toBe(true);
  });
});

describe("the complaint lifecycle through its use cases", () => {
  it("received → acknowledged → investigating → answered → reply → answered → closed", async () => {
    const { customer, ticket } = await solvedTicketScenario();
    const t0 = MONDAY_10_MSK;
    const complaint = await fileComplaint(customer, { ticketIds: [ticket.id], description: FACTS }, [], t0);
    expect(await code(advanceComplaint(quality, complaint.id, { type: "answer", outcome: "upheld", text: "Too early" }, t0))).toBe("conflict");

    const acknowledged = await advanceComplaint(quality, complaint.id, { type: "acknowledge" }, minutesAfter(t0, 30));
    expect(acknowledged).toMatchObject({ status: "acknowledged", assigneeId: quality.id });
    expect(await emailsOf(customer.email, "quality.complaint-acknowledged")).toHaveLength(1);
    await advanceComplaint(quality, complaint.id, { type: "startInvestigation" }, minutesAfter(t0, 40));
    await recordFindings(quality, complaint.id, { rootCauses: ["slow_response", "not_resolved"], correctiveActions: "Weekly review of first-response times." });
    expect(await code(recordFindings(quality, complaint.id, { rootCauses: ["made_up"], correctiveActions: "" }))).toBe("invalid");
    expect(await code(advanceComplaint(quality, complaint.id, { type: "answer", outcome: "rejected", text: "   " }))).toBe("invalid");

    const answered = await advanceComplaint(quality, complaint.id, { type: "answer", outcome: "partly_upheld", text: "We were slow; the answer was right." }, minutesAfter(t0, 120));
    expect(answered).toMatchObject({ status: "answered", outcome: "partly_upheld", answer: "We were slow; the answer was right." });
    const answerEmails = await emailsOf(customer.email, "quality.complaint-answered");
    expect(answerEmails).toHaveLength(1);
    expect(answerEmails[0]!.text).toContain("Partly upheld");

    const view = await getCustomerComplaint(customer, complaint.id);
    expect(view).toMatchObject({ canReply: true, canAccept: true });
    const replyAt = new Date("2026-03-10T07:00:00Z"); // Tuesday 10:00 MSK
    const reopened = await replyToComplaint(customer, complaint.id, "The answer ignores the logs we sent.", replyAt);
    expect(reopened).toMatchObject({ status: "investigating", customerReply: "The answer ignores the logs we sent." });
    // A fresh 3 business days from the reply.
    expect(reopened.answerDueAt?.toISOString()).toBe("2026-03-12T15:00:00.000Z");
    expect((await emailsOf(quality.email, "quality.alert")).some((e) => e.subject.startsWith("Complaint reopened"))).toBe(true);

    await advanceComplaint(quality, complaint.id, { type: "answer", outcome: "upheld", text: "You are right about the logs." }, minutesAfter(replyAt, 60));
    expect(await code(replyToComplaint(customer, complaint.id, "Once more"))).toBe("invalid");
    const final = await getCustomerComplaint(customer, complaint.id);
    expect(final.answers.map((a) => a.outcome)).toEqual(["partly_upheld", "upheld"]);
    const answerRows = await db.select().from(complaintAnswers).where(eq(complaintAnswers.complaintId, complaint.id)).orderBy(complaintAnswers.ordinal);
    expect(answerRows.map((a) => [a.ordinal, a.outcome, a.text])).toEqual([
      [1, "partly_upheld", "We were slow; the answer was right."],
      [2, "upheld", "You are right about the logs."],
    ]);
    expect(final.canReply).toBe(false);

    const closed = await acceptComplaintAnswer(customer, complaint.id, minutesAfter(replyAt, 120));
    expect(closed.status).toBe("closed");
    expect(await code(advanceComplaint(quality, complaint.id, { type: "close" }))).toBe("conflict");
    const row = await loadComplaintFor(quality, complaint.id);
    expect(row.rootCauses).toEqual(["slow_response", "not_resolved"]);
    const actions = (await db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.entityId, complaint.id))).map((a) => a.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        "complaint.filed",
        "complaint.acknowledged",
        "complaint.investigation_started",
        "complaint.findings_recorded",
        "complaint.answered",
        "complaint.customer_replied",
        "complaint.accepted_by_customer",
      ]),
    );
  });
});

describe("the investigation workspace", () => {
  it("shows each ticket in full: internal notes, time, CSAT; quality notes reach engineers only", async () => {
    const { customer, ticket, engineer } = await solvedTicketScenario();
    await addMessage(ticket, customer.id, "It still fails.", { fromStaff: false });
    await addMessage(ticket, engineer.id, "Probably the cache; asked the customer for logs.", { internal: true });
    await addTimeEntry(ticket, engineer.id, { minutes: 45 });
    const complaint = await fileComplaint(customer, { ticketIds: [ticket.id], description: FACTS });
    const [dossier] = await investigationTickets(quality, complaint.id);
    expect(dossier!.messages.map((m) => [m.body, m.internal])).toEqual([
      ["It still fails.", false],
      ["Probably the cache; asked the customer for logs.", true],
    ]);
    expect(dossier!.timeEntries).toHaveLength(1);
    expect(dossier!.assigneeName).toBe(engineer.name);

    expect(await qualityNotesForTicket(engineer, ticket.id)).toEqual([]);
    await shareQualityNote(quality, complaint.id, ticket.id, "Please always read attached logs before answering.");
    const notes = await qualityNotesForTicket(engineer, ticket.id);
    expect(notes.map((n) => n.body)).toEqual(["Please always read attached logs before answering."]);
    expect(Object.keys(notes[0]!).sort()).toEqual(["authorName", "body", "createdAt", "id"]);
    expect(await code(qualityNotesForTicket(customer, ticket.id))).toBe("not_found");
    expect(await code(shareQualityNote(engineer, complaint.id, ticket.id, "x"))).toBe("forbidden");
    const other = await solvedTicketScenario();
    expect(await code(shareQualityNote(quality, complaint.id, other.ticket.id, "Not this one"))).toBe("invalid");
  });

  it("the queue counts per status and marks deadlines", async () => {
    const { customer, ticket } = await solvedTicketScenario();
    const complaint = await fileComplaint(customer, { ticketIds: [ticket.id], description: FACTS }, [], MONDAY_10_MSK);
    const queue = await complaintQueue(quality, "open", new Date("2026-03-02T14:00:00Z"));
    const item = queue.items.find((i) => i.id === complaint.id)!;
    expect(item.due).toMatchObject({ clock: "acknowledge", status: "warning" });
    expect(queue.counts.received).toBeGreaterThanOrEqual(1);
    const later = await complaintQueue(quality, "received", new Date("2026-03-03T14:00:00Z"));
    expect(later.items.find((i) => i.id === complaint.id)!.due!.status).toBe("breached");
  });
});

describe("a complaint's subject in each reader's language", () => {
  it("staff alerts and the customer's emails say the stored subject in the recipient's language, not the author's", async () => {
    const russianQuality = await createUser("quality", { name: "Ксения Качество", locale: "ru" });
    const { customer, ticket } = await solvedTicketScenario();
    await db.update(users).set({ locale: "ru" }).where(eq(users.id, customer.id));
    const t0 = MONDAY_10_MSK;
    const complaint = await fileComplaint(customer, { ticketIds: [ticket.id], description: FACTS }, [], t0);
    // Stored as its Russian author read it.
    expect(complaint.subject).toBe(`Жалоба по обращению #${ticket.number}`);
    const english = `Complaint on request #${ticket.number}`;
    const subjects = async (address: string) => (await emailsOf(address, "quality.alert")).map((e) => e.subject).filter((s) => s.includes(`#${ticket.number}`));

    expect(await subjects(quality.email)).toEqual([`New complaint: ${english}`]);
    expect(await subjects(russianQuality.email)).toEqual([`Новая жалоба: ${complaint.subject}`]);

    // The customer reads English now: what they are sent about it is in English.
    await db.update(users).set({ locale: "en" }).where(eq(users.id, customer.id));
    await advanceComplaint(quality, complaint.id, { type: "acknowledge" }, minutesAfter(t0, 10));
    const acknowledged = await emailsOf(customer.email, "quality.complaint-acknowledged");
    expect(acknowledged.map((e) => e.subject)).toEqual([`Your complaint is being looked into: ${english}`]);
    expect(acknowledged[0]!.text).not.toMatch(/Жалоба/);

    await advanceComplaint(quality, complaint.id, { type: "startInvestigation" }, minutesAfter(t0, 20));
    await recordFindings(quality, complaint.id, { rootCauses: ["slow_response"], correctiveActions: "" });
    await advanceComplaint(quality, complaint.id, { type: "answer", outcome: "rejected", text: "The first answer was right." }, minutesAfter(t0, 60));
    expect((await emailsOf(customer.email, "quality.complaint-answered")).map((e) => e.subject)).toEqual([`Answer to your complaint: ${english}`]);
    await replyToComplaint(customer, complaint.id, "It was not: the logs were ignored.", minutesAfter(t0, 120));
    expect(await subjects(quality.email)).toContain(`Complaint reopened: ${english}`);
    expect(await subjects(russianQuality.email)).toContain(`Жалоба открыта повторно: ${complaint.subject}`);
    await db.update(users).set({ deactivatedAt: new Date() }).where(eq(users.id, russianQuality.id));
  });
});

describe("complaint deadline alerts", () => {
  it("warn and breach each fire once per clock cycle", async () => {
    await db.update(complaints).set({ status: "closed" }); // only this test's complaint is open
    const { customer, ticket } = await solvedTicketScenario();
    // A Russian author's subject; the English quality person's alerts name it in English.
    await db.update(users).set({ locale: "ru" }).where(eq(users.id, customer.id));
    const complaint = await fileComplaint(customer, { ticketIds: [ticket.id], description: FACTS }, [], MONDAY_10_MSK);
    const inEnglish = `Complaint on request #${ticket.number}`;
    const count = async () => (await emailsOf(quality.email, "quality.alert")).filter((e) => e.subject.includes(inEnglish) && e.subject.includes("acknowledgement")).length;
    expect((await runComplaintDeadlineAlerts(new Date("2026-03-02T08:00:00Z"))).sent).toBe(0);
    expect((await runComplaintDeadlineAlerts(new Date("2026-03-02T13:30:00Z"))).sent).toBe(1); // 75 %: Monday 16:30
    expect((await runComplaintDeadlineAlerts(new Date("2026-03-02T13:40:00Z"))).sent).toBe(0);
    expect(await count()).toBe(1);
    expect((await runComplaintDeadlineAlerts(new Date("2026-03-02T15:10:00Z"))).sent).toBe(1); // breach after 18:00
    expect((await runComplaintDeadlineAlerts(new Date("2026-03-02T15:20:00Z"))).sent).toBe(0);
    expect(await count()).toBe(2);
    // Acknowledging keeps the alerts already sent and stops the acknowledge clock.
    await advanceComplaint(quality, complaint.id, { type: "acknowledge" }, new Date("2026-03-02T15:30:00Z"));
    const sent = await db.select().from(complaintDeadlineAlerts).where(eq(complaintDeadlineAlerts.complaintId, complaint.id));
    expect(sent.map((a) => [a.clock, a.kind, a.cycleStartedAt.toISOString()]).sort()).toEqual([
      ["acknowledge", "breach", MONDAY_10_MSK.toISOString()],
      ["acknowledge", "warn", MONDAY_10_MSK.toISOString()],
    ]);
    expect((await runComplaintDeadlineAlerts(new Date("2026-03-02T15:40:00Z"))).sent).toBe(0);
  });
});
