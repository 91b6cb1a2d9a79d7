import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { csatResponses, reviewInvitations, tickets } from "#db/schema";
import { escalateTicket } from "~/modules/quality/complaints.server";
import { closeCsatAlert, csatAlertQueue, csatFormFor, csatPromptFor, openCsatAlertCount, requestCsat, runCsatRequests, submitCsat } from "~/modules/quality/csat.server";
import { db } from "~/utils/db.server";
import { AppError } from "~/utils/errors.server";
import { createQualityTicket, createUser, daysAfter, emailsOf, solvedTicketScenario } from "../factories/quality";

const code = (promise: Promise<unknown>) =>
  promise.then(
    () => "ok",
    (e: unknown) => (e instanceof AppError ? e.code : `unexpected: ${String(e)}`),
  );

const ratings = (n: number, comment = "") => ({ speedToReach: n, speedToUnderstand: n, answerQuality: n, comfort: n, comment });

let quality: Awaited<ReturnType<typeof createUser>>;

beforeAll(async () => {
  quality = await createUser("quality");
});

describe("CSAT", () => {
  it("asks the requester once a ticket is solved, unless it was already rated", async () => {
    const { customer, ticket } = await solvedTicketScenario();
    expect(await requestCsat(db, ticket)).toBe(true);
    const [email] = await emailsOf(customer.email, "quality.csat-request");
    expect(email!.subject).toBe(`[#${ticket.number}] How did we do?`);
    expect(email!.html).toContain(`/portal/csat/${ticket.number}`);
    await submitCsat(customer, ticket.number, ratings(4));
    expect(await requestCsat(db, ticket)).toBe(false);
  });

  it("the job asks once per solve, again after a reopen and new solve, never once rated", async () => {
    const { customer, ticket, organisationId, licence } = await solvedTicketScenario();
    const open = await createQualityTicket({ organisationId, requesterId: customer.id, licence, status: "open" });
    const now = new Date();
    await runCsatRequests(now);
    await runCsatRequests(now);
    const asked = async () => (await emailsOf(customer.email, "quality.csat-request")).map((e) => e.subject);
    expect(await asked()).toEqual([`[#${ticket.number}] How did we do?`]);
    expect((await asked()).some((s) => s.includes(`#${open.number}]`))).toBe(false);
    // Reopened and solved again: a new solve, a new request.
    await db.update(tickets).set({ solvedAt: new Date(now.getTime() - 60_000) }).where(eq(tickets.id, ticket.id));
    await runCsatRequests(now);
    expect(await asked()).toHaveLength(2);
    await submitCsat(customer, ticket.number, ratings(4));
    await db.update(tickets).set({ solvedAt: new Date(now.getTime() - 30_000) }).where(eq(tickets.id, ticket.id));
    await runCsatRequests(now);
    expect(await asked()).toHaveLength(2);
    // Long-solved tickets are not asked when the job first meets them.
    const old = await createQualityTicket({ organisationId, requesterId: customer.id, licence, status: "closed", createdAt: daysAfter(now, -30) });
    await runCsatRequests(now);
    expect((await asked()).some((s) => s.includes(`#${old.number}]`))).toBe(false);
  });

  it("a rating of 1 alerts the quality team (queue and email) and records the engineer", async () => {
    const { customer, ticket, engineer } = await solvedTicketScenario();
    const before = await openCsatAlertCount();
    const result = await submitCsat(customer, ticket.number, { ...ratings(4, "Nobody read our logs"), speedToUnderstand: 1 });
    expect(result).toMatchObject({ low: true, invited: false });
    expect(result.csat.engineerId).toBe(engineer.id);
    const alerts = (await emailsOf(quality.email, "quality.alert")).filter((e) => e.subject.includes(`#${ticket.number}`));
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.subject).toBe(`Low satisfaction rating: #${ticket.number} ${ticket.subject}`);
    expect(alerts[0]!.text).toContain("How fast the engineer understood: 1/5");
    expect(await openCsatAlertCount()).toBe(before + 1);
    const queue = await csatAlertQueue(quality);
    expect(queue.find((a) => a.ticketId === ticket.id)).toMatchObject({ comment: "Nobody read our logs", engineerName: engineer.name });
    // Editing a low rating again does not alert twice.
    await submitCsat(customer, ticket.number, { ...ratings(3), comfort: 2 });
    expect((await emailsOf(quality.email, "quality.alert")).filter((e) => e.subject.includes(`#${ticket.number}`))).toHaveLength(1);
    // The prompt offers the complaint form.
    const prompt = await csatPromptFor(customer, ticket);
    expect(prompt?.csat).toMatchObject({ low: true, canEdit: true });
  });

  it("an alert leaves the queue when a complaint covers the ticket, or quality closes it", async () => {
    const a = await solvedTicketScenario();
    const b = await solvedTicketScenario();
    await submitCsat(a.customer, a.ticket.number, ratings(1));
    await submitCsat(b.customer, b.ticket.number, ratings(2));
    const open = (await csatAlertQueue(quality)).map((x) => x.ticketId);
    expect(open).toEqual(expect.arrayContaining([a.ticket.id, b.ticket.id]));
    await escalateTicket(quality, a.ticket.number, "Low rating: investigate the first response.");
    const [bAlert] = (await csatAlertQueue(quality)).filter((x) => x.ticketId === b.ticket.id);
    expect(await code(closeCsatAlert(quality, bAlert!.id, ""))).toBe("invalid");
    expect(await code(closeCsatAlert(a.engineer, bAlert!.id, "fine"))).toBe("forbidden");
    await closeCsatAlert(quality, bAlert!.id, "Customer called back; resolved by phone.");
    const after = (await csatAlertQueue(quality)).map((x) => x.ticketId);
    expect(after).not.toContain(a.ticket.id);
    expect(after).not.toContain(b.ticket.id);
    const all = await csatAlertQueue(quality, "all");
    expect(all.find((x) => x.ticketId === b.ticket.id)?.closed?.note).toBe("Customer called back; resolved by phone.");
    expect(all.find((x) => x.ticketId === a.ticket.id)?.complaints).toHaveLength(1);
  });

  it("only solved tickets of the customer's organisation; editable for 7 days", async () => {
    const { customer, ticket, organisationId, licence } = await solvedTicketScenario();
    const open = await createQualityTicket({ organisationId, requesterId: customer.id, licence, status: "open" });
    expect(await code(submitCsat(customer, open.number, ratings(5)))).toBe("conflict");
    expect((await csatFormFor(customer, open.number)).rateable).toBe(false);
    const stranger = (await solvedTicketScenario()).customer;
    expect(await code(submitCsat(stranger, ticket.number, ratings(5)))).toBe("not_found");
    expect(await code(csatFormFor(stranger, ticket.number))).toBe("not_found");

    const submittedAt = new Date("2026-03-02T10:00:00Z");
    await submitCsat(customer, ticket.number, ratings(3), submittedAt);
    await submitCsat(customer, ticket.number, ratings(4), daysAfter(submittedAt, 6.9));
    expect(await code(submitCsat(customer, ticket.number, ratings(5), daysAfter(submittedAt, 7)))).toBe("conflict");
    const rows = await db.select().from(csatResponses).where(eq(csatResponses.ticketId, ticket.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ speedToReach: 4, submittedAt });
  });

  it("all ratings 4 or 5 invite the rater to review the product, once", async () => {
    const { customer, ticket, organisationId, licence } = await solvedTicketScenario();
    const result = await submitCsat(customer, ticket.number, ratings(5));
    expect(result.invited).toBe(true);
    const [invitation] = await emailsOf(customer.email, "quality.review-invitation");
    expect(invitation!.html).toContain("/portal/reviews/");
    const second = await createQualityTicket({ organisationId, requesterId: customer.id, licence });
    expect((await submitCsat(customer, second.number, ratings(4))).invited).toBe(true);
    // The same ticket rated again does not invite again.
    expect((await submitCsat(customer, ticket.number, ratings(4))).invited).toBe(false);
    const rows = await db.select().from(reviewInvitations).where(eq(reviewInvitations.userId, customer.id));
    expect(rows.map((r) => r.reason)).toEqual(["csat", "csat"]);
  });
});
