import { and, eq } from "drizzle-orm";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { auditLog, licences, remedies, supportEntries, ticketEvents, tickets, timeEntries } from "#db/schema";
import { invalidateReleaseCache, resetApiRateLimit } from "~/modules/licensing/licence-api.server";
import { addUtcDays } from "~/modules/licensing/support-ledger";
import { advanceComplaint, fileComplaint, getCustomerComplaint } from "~/modules/quality/complaints.server";
import { applyRemedy, remedyChoices } from "~/modules/quality/remedies.server";
import { prepaidBalance } from "~/modules/time-tracking/counters.server";
import { action as validateLicence } from "~/routes/api.v1.licences.validate";
import { db } from "~/utils/db.server";
import { overrideEnvForTests } from "~/utils/env.server";
import { AppError } from "~/utils/errors.server";
import { addTimeEntry, createQualityTicket, createUser, customerWithActivatedLicence, emailsOf, FACTS, solvedTicketScenario } from "../factories/quality";
import { createLicence, createProduct } from "../factories/licensing";

const code = (promise: Promise<unknown>) =>
  promise.then(
    () => "ok",
    (e: unknown) => (e instanceof AppError ? e.code : `unexpected: ${String(e)}`),
  );

let quality: Awaited<ReturnType<typeof createUser>>;

beforeAll(async () => {
  quality = await createUser("quality");
});

beforeEach(async () => {
  overrideEnvForTests({ API_RATE_LIMIT_PER_MINUTE: 1000 });
  await resetApiRateLimit();
  invalidateReleaseCache();
});

/** A complaint on a solved ticket, acknowledged and under investigation. */
async function investigating() {
  const scenario = await solvedTicketScenario();
  const complaint = await fileComplaint(scenario.customer, { ticketIds: [scenario.ticket.id], description: FACTS });
  await advanceComplaint(quality, complaint.id, { type: "acknowledge" });
  await advanceComplaint(quality, complaint.id, { type: "startInvestigation" });
  return { ...scenario, complaint };
}

async function validate(key: string, host: string) {
  const request = new Request("http://keydesk.test/api/v1/licences/validate", {
    method: "POST",
    body: JSON.stringify({ key, host }),
    headers: { "Content-Type": "application/json", "x-keydesk-client-ip": "203.0.113.99" },
  });
  const response = (await validateLicence({ request, params: {}, context: {} })) as Response;
  return (await response.json()) as { valid: boolean; code: string; supportUntil: string | null };
}

describe("remedies act on the system", () => {
  it("extend support: a compensation entry in the ledger, and the licence API shows the new date", async () => {
    const { complaint, licence, customer, organisationId } = await investigating();
    // Another licence of the organisation whose product sorts first: the form still starts on the ticket's.
    await customerWithActivatedLicence({ organisationId, product: await createProduct({ name: "AAA first by name" }) });
    const choices = await remedyChoices(quality, complaint.id);
    expect(choices.licences.length).toBe(2);
    expect(choices.licences[0]!.id).not.toBe(licence.id);
    expect(choices.preselectedLicenceId).toBe(licence.id);
    const before = await validate(licence.key, licence.productionHost!);
    expect(before).toMatchObject({ valid: true, supportUntil: licence.supportUntil!.toISOString() });

    const { effect } = await applyRemedy(quality, complaint.id, { type: "extend_support", licenceId: licence.id, days: 30 });
    const expected = addUtcDays(licence.supportUntil!, 30);
    expect(effect).toMatchObject({ supportUntilBefore: licence.supportUntil!.toISOString(), supportUntil: expected.toISOString() });
    const ledger = await db.select().from(supportEntries).where(eq(supportEntries.licenceId, licence.id));
    expect(ledger.map((e) => [e.kind, e.days])).toEqual([
      ["initial", null],
      ["compensation", 30],
    ]);
    expect(ledger[1]!.createdBy).toBe(quality.id);
    const [row] = await db.select({ supportUntil: licences.supportUntil }).from(licences).where(eq(licences.id, licence.id));
    expect(row!.supportUntil?.toISOString()).toBe(expected.toISOString());

    const after = await validate(licence.key, licence.productionHost!);
    expect(after).toMatchObject({ valid: true, supportUntil: expected.toISOString() });

    const audits = await db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.entityId, licence.id));
    expect(audits.map((a) => a.action)).toContain("licence.extended");

    // The answer lists the remedy, in the customer's words.
    await advanceComplaint(quality, complaint.id, { type: "answer", outcome: "upheld", text: "We were too slow; support is extended." });
    const [email] = await emailsOf(customer.email, "quality.complaint-answered");
    expect(email!.text).toContain("Support extended by 30 days");
    const view = await getCustomerComplaint(customer, complaint.id, "ru");
    expect(view.remedies.map((r) => r.text)).toEqual(["Поддержка продлена на 30 дней"]);
  });

  it("credit prepaid minutes: the organisation's balance rises", async () => {
    const { complaint, organisationId } = await investigating();
    const before = await prepaidBalance(db, organisationId);
    const { effect } = await applyRemedy(quality, complaint.id, { type: "credit_prepaid", organisationId, minutes: 90 });
    expect(await prepaidBalance(db, organisationId)).toBe(before + 90);
    expect(effect).toMatchObject({ prepaidBalance: before + 90 });
    const [remedy] = await db.select().from(remedies).where(eq(remedies.complaintId, complaint.id));
    expect(remedy).toMatchObject({ type: "credit_prepaid", appliedBy: quality.id });
  });

  it("cancel billable: the entry's billable minutes are waived", async () => {
    const { complaint, ticket, engineer } = await investigating();
    const entry = await addTimeEntry(ticket, engineer.id, { minutes: 240 });
    const choices = await remedyChoices(quality, complaint.id);
    expect(choices.timeEntries.map((e) => e.id)).toContain(entry.id);
    await applyRemedy(quality, complaint.id, { type: "cancel_billable", timeEntryId: entry.id });
    const [row] = await db.select().from(timeEntries).where(eq(timeEntries.id, entry.id));
    expect(row!.billableCancelledAt).not.toBeNull();
    expect(row!.billableMinutes).toBe(0);
    expect(await code(applyRemedy(quality, complaint.id, { type: "cancel_billable", timeEntryId: entry.id }))).toBe("invalid");
  });

  it("reassign: the ticket gets another engineer, with its event and audit", async () => {
    const { complaint, ticket, engineer } = await investigating();
    const other = await createUser("engineer");
    await applyRemedy(quality, complaint.id, { type: "reassign_ticket", ticketId: ticket.id, assigneeId: other.id });
    const [row] = await db.select({ assigneeId: tickets.assigneeId }).from(tickets).where(eq(tickets.id, ticket.id));
    expect(row!.assigneeId).toBe(other.id);
    const events = await db.select().from(ticketEvents).where(and(eq(ticketEvents.ticketId, ticket.id), eq(ticketEvents.type, "assigned")));
    expect(events.map((e) => e.data)).toEqual([{ from: engineer.id, to: other.id, remedy: true }]);
    expect(await code(applyRemedy(quality, complaint.id, { type: "reassign_ticket", ticketId: ticket.id, assigneeId: other.id }))).toBe("invalid");
    expect(await code(applyRemedy(quality, complaint.id, { type: "reassign_ticket", ticketId: ticket.id, assigneeId: quality.id }))).toBe("invalid");
  });

  it("stays inside the complaining organisation and the investigation, and needs the quality role", async () => {
    const { complaint, ticket, engineer, customer } = await investigating();
    const stranger = await customerWithActivatedLicence();
    const freeProduct = await createProduct({ free: true, listPriceMinor: 0 });
    const freeLicence = await createLicence({ product: freeProduct, organisationId: customer.organisationId, activatedAt: new Date() });
    const strangerTicket = await createQualityTicket({ organisationId: stranger.organisationId, requesterId: stranger.customer.id });
    const checks = await Promise.all([
      code(applyRemedy(quality, complaint.id, { type: "extend_support", licenceId: stranger.licence.id, days: 30 })),
      code(applyRemedy(quality, complaint.id, { type: "extend_support", licenceId: freeLicence.id, days: 30 })),
      code(applyRemedy(quality, complaint.id, { type: "credit_prepaid", organisationId: stranger.organisationId, minutes: 30 })),
      code(applyRemedy(quality, complaint.id, { type: "reassign_ticket", ticketId: strangerTicket.id, assigneeId: engineer.id })),
      code(applyRemedy(engineer, complaint.id, { type: "credit_prepaid", organisationId: customer.organisationId, minutes: 30 })),
    ]);
    expect(checks).toEqual(["invalid", "invalid", "invalid", "invalid", "forbidden"]);
    expect(await db.select().from(remedies).where(eq(remedies.complaintId, complaint.id))).toEqual([]);

    // Not before acknowledgement, nor after the answer.
    const fresh = await fileComplaint(customer, { ticketIds: [ticket.id], description: FACTS });
    expect(await code(applyRemedy(quality, fresh.id, { type: "credit_prepaid", organisationId: customer.organisationId, minutes: 30 }))).toBe("conflict");
    await advanceComplaint(quality, complaint.id, { type: "answer", outcome: "rejected", text: "Nothing went wrong." });
    expect(await code(applyRemedy(quality, complaint.id, { type: "credit_prepaid", organisationId: customer.organisationId, minutes: 30 }))).toBe("conflict");
  });
});
