import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { attachments, complaints, ticketMessages, tickets } from "#db/schema";
import { fileComplaint } from "~/modules/quality/complaints.server";
import { replyAsCustomer, replyAsStaff } from "~/modules/tickets/conversation.server";
import { fileTicket } from "~/modules/tickets/filing.server";
import { action as newTicketAction } from "~/routes/portal.tickets.new";
import { createSession } from "~/modules/accounts/auth.server";
import { db } from "~/utils/db.server";
import { idempotencyKeyOf, sweepIdempotencyKeys } from "~/utils/idempotency.server";
import { solvedTicketScenario } from "../factories/quality";
import { customerWithLicence, fileTestTicket, noAccess, PNG_BYTES, staff, ticketInput } from "../factories/tickets";

const png = () => [{ fileName: "screen.png", mime: "image/png", bytes: PNG_BYTES }];

/**
 * A double click, a retried request or back-and-resubmit sends the same form twice: the form's key
 * makes the second one answer with the first one's result. The pairs below run concurrently.
 */
describe("one ticket per submit, one message per reply", () => {
  it("files one ticket when the same form arrives twice at once, with one set of attachments", async () => {
    const { customer, licence } = await customerWithLicence({ now: new Date() });
    const key = idempotencyKeyOf(randomUUID(), customer.id);
    const input = ticketInput({ licenceId: licence.id, subject: "Sent twice" });
    const [a, b] = await Promise.all([fileTicket(customer, input, noAccess(), png(), undefined, key), fileTicket(customer, input, noAccess(), png(), undefined, key)]);
    expect(a).toEqual(b);
    const filed = await db.select().from(tickets).where(and(eq(tickets.requesterId, customer.id), eq(tickets.subject, "Sent twice")));
    expect(filed).toHaveLength(1);
    expect(await db.select().from(attachments).where(eq(attachments.ticketId, filed[0]!.id))).toHaveLength(1);
    // A third send, later (back and resubmit), still answers with the same ticket.
    expect(await fileTicket(customer, input, noAccess(), [], undefined, key)).toEqual(a);
    // Without a key (or with a new one) it is a new ticket.
    const other = await fileTicket(customer, input, noAccess(), [], undefined, idempotencyKeyOf(randomUUID(), customer.id));
    expect(other.number).not.toBe(a.number);
  });

  it("adds one customer reply and one staff reply under concurrent duplicates", async () => {
    const { customer, licence } = await customerWithLicence({ now: new Date() });
    const ticket = await fileTestTicket(customer, licence, { now: new Date() });
    const customerKey = idempotencyKeyOf(randomUUID(), customer.id);
    await Promise.all([1, 2, 3].map(() => replyAsCustomer(customer, ticket.number, "Same words", [], undefined, customerKey)));
    const engineer = await staff();
    const staffKey = idempotencyKeyOf(randomUUID(), engineer.id);
    const reply = { body: "Same answer", visibility: "public" as const };
    const results = await Promise.all([1, 2].map(() => replyAsStaff(engineer, ticket.number, reply, [], undefined, staffKey)));
    expect(results[0]).toEqual(results[1]);
    const messages = await db.select().from(ticketMessages).where(eq(ticketMessages.ticketId, ticket.id));
    expect(messages.filter((m) => m.body === "Same words")).toHaveLength(1);
    expect(messages.filter((m) => m.body === "Same answer")).toHaveLength(1);
  });

  it("files one complaint under concurrent duplicates", async () => {
    const { customer, ticket } = await solvedTicketScenario();
    const key = idempotencyKeyOf(randomUUID(), customer.id);
    const input = { ticketIds: [ticket.id], description: "Two days without an answer, then a wrong one." };
    const [a, b] = await Promise.all([fileComplaint(customer, input, [], undefined, key), fileComplaint(customer, input, [], undefined, key)]);
    expect(a.id).toBe(b.id);
    expect(await db.select().from(complaints).where(eq(complaints.authorId, customer.id))).toHaveLength(1);
  });

  it("frees the key when the first attempt fails, and refuses it for another kind of form", async () => {
    const { customer, licence } = await customerWithLicence({ now: new Date() });
    const key = idempotencyKeyOf(randomUUID(), customer.id);
    await expect(fileTicket(customer, ticketInput({ licenceId: randomUUID() }), noAccess(), [], undefined, key)).rejects.toBeTruthy();
    const filed = await fileTicket(customer, ticketInput({ licenceId: licence.id }), noAccess(), [], undefined, key);
    expect(filed.number).toBeGreaterThan(0);
    await expect(replyAsCustomer(customer, filed.number, "Another form, same key", [], undefined, key)).rejects.toMatchObject({ code: "conflict", message: "form.error.alreadySent" });
    // Another person's key of the same value is theirs, not this one.
    const { customer: other, licence: otherLicence } = await customerWithLicence({ now: new Date() });
    const theirs = await fileTicket(other, ticketInput({ licenceId: otherLicence.id }), noAccess(), [], undefined, idempotencyKeyOf(key!.key, other.id));
    expect(theirs.number).not.toBe(filed.number);
    // Anything that is not a key is no key.
    expect(idempotencyKeyOf("not-a-uuid", customer.id)).toBeNull();
    await sweepIdempotencyKeys(new Date(Date.now() + 2 * 24 * 3600_000));
    expect(await fileTicket(customer, ticketInput({ licenceId: licence.id }), noAccess(), [], undefined, key)).not.toEqual(filed);
  });

  it("the new-ticket form sent twice at once redirects both requests to the same ticket", async () => {
    const { customer, licence } = await customerWithLicence({ now: new Date() });
    const cookie = (await createSession(customer.id, new Request("http://keydesk.test/"))).split(";")[0]!;
    const key = randomUUID();
    const post = () => {
      const body = new FormData();
      const input = ticketInput({ licenceId: licence.id, subject: "Double click" });
      for (const [name, value] of Object.entries(input)) body.append(name, String(value === false ? "" : value));
      body.append("idempotencyKey", key);
      return newTicketAction({ request: new Request("http://keydesk.test/portal/tickets/new", { method: "POST", body, headers: { Cookie: cookie } }), params: {}, context: {} });
    };
    const [a, b] = (await Promise.all([post(), post()])) as Response[];
    expect(a.status).toBe(302);
    expect(b.headers.get("Location")).toBe(a.headers.get("Location"));
    expect(await db.select().from(tickets).where(and(eq(tickets.requesterId, customer.id), eq(tickets.subject, "Double click")))).toHaveLength(1);
  });
});
