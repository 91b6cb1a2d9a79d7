import { eq } from "drizzle-orm";
import { ticketMessages, tickets, type MailNote, type Ticket } from "#db/schema";
import { recordAudit } from "~/utils/audit.server";
import { db, type Executor } from "~/utils/db.server";
import { queueEmail } from "~/utils/email.server";
import { getEnv } from "~/utils/env.server";
import { AppError } from "~/utils/errors.server";
import { msg } from "~/utils/messages";
import { once, type IdempotencyKey } from "~/utils/idempotency.server";
import { can, type Actor } from "../accounts/permissions";
import { emailWanted } from "../notifications/notifications.server";
import { recomputeTicketSla } from "../sla/clocks.server";
import { discardStoredUploads, insertAttachments, withStoredUploads, type StoredUpload } from "./attachments.server";
import { createTicketRecord, EligibilityRefusedError, filingVerdictWithin } from "./filing.server";
import { assertNotMerged } from "./merge.server";
import { customerRecipients, staffFollowers } from "./participants.server";
import { canTransition, statusAfterCustomerMessage, statusAfterStaffMessage, type TicketStatus } from "./status";
import {
  applyStatus,
  customerTicketUrl,
  deskTicketUrl,
  emailStatusChange,
  findTicket,
  isCustomer,
  recordTicketEvent,
  userContact,
} from "./tickets.server";
import type { Upload } from "./uploads.server";
import { encryptAccessDetails, isEmptyAccessDetails, type AccessDetails } from "./vault.server";

/**
 * The conversation: customer replies (which reopen pending or solved tickets, or start a
 * linked follow-up on a closed one), staff replies and internal notes (reply and set a status
 * in one action), and status changes by either side. Each is one transaction that records the
 * facts, recomputes the clocks and queues the emails.
 */

export type CustomerReplyResult = { number: number; followUp: boolean };

export async function replyAsCustomer(actor: Actor, number: number, body: string, uploads: Upload[], now = new Date(), key: IdempotencyKey | null = null): Promise<CustomerReplyResult> {
  if (!isCustomer(actor) || !can(actor, "reply:ticket:own")) throw AppError.forbidden();
  return withStoredUploads(uploads, (stored) =>
    db.transaction((tx) =>
      // The same reply sent twice (double click, retry) is added once.
      once(
        tx,
        `ticket.reply:${number}`,
        key,
        async (): Promise<CustomerReplyResult> => {
          const result = await replyAsCustomerWithin(tx, actor, number, body, stored, now);
          return { number: result.number, followUp: result.followUp };
        },
        () => discardStoredUploads(stored),
      ),
    ),
  );
}

/** The customer's reply inside the caller's transaction (the portal form and email replies). */
export async function replyAsCustomerWithin(
  tx: Executor,
  actor: Actor,
  number: number,
  body: string,
  stored: StoredUpload[],
  now: Date,
  mailNotes: MailNote[] | null = null,
): Promise<CustomerReplyResult & { ticketId: string }> {
  if (!isCustomer(actor) || !can(actor, "reply:ticket:own")) throw AppError.forbidden();
  let ticket = await findTicket(tx, actor, number, { forUpdate: true });
  // Merged: neither a reply nor a follow-up — the pointer says where to write (docs/decisions/180).
  await assertNotMerged(tx, ticket);
  const next = statusAfterCustomerMessage(ticket.status);
  if (next === null) {
    // Closed: the reply becomes a new ticket linked to this one, through the same gate.
    const verdict = await filingVerdictWithin(tx, actor as Actor & { organisationId: string }, { licenceId: ticket.licenceId, type: ticket.type }, now);
    if (verdict.kind !== "verdict") throw AppError.invalid("tickets.error.cannotContinue");
    if (!verdict.eligibility.allowed) throw new EligibilityRefusedError(verdict.eligibility);
    const created = await createTicketRecord(
      tx,
      actor as Actor & { organisationId: string },
      {
        type: ticket.type,
        subject: ticket.subject,
        description: body,
        stepsToReproduce: "",
        siteAddress: ticket.siteAddress ?? "",
        siteDown: false,
        licence: verdict.licence,
        eligibility: verdict.eligibility,
        access: null,
        mailNotes,
        followUpOfId: ticket.id,
      },
      stored,
      now,
    );
    return { number: created.number, followUp: true, ticketId: created.id };
  }
  const [message] = await tx
    .insert(ticketMessages)
    .values({ ticketId: ticket.id, authorId: actor.id, fromStaff: false, visibility: "public", body, mailNotes, createdAt: now })
    .returning();
  await insertAttachments(tx, stored, { ticketId: ticket.id, messageId: message!.id, uploaderId: actor.id });
  await recordTicketEvent(tx, { ticketId: ticket.id, type: "customer_message", at: now, actorId: actor.id, data: { messageId: message!.id } });
  await tx.update(tickets).set({ lastCustomerMessageAt: now, updatedAt: now }).where(eq(tickets.id, ticket.id));
  const reopened = next !== ticket.status;
  if (reopened) ticket = await applyStatus(tx, ticket, next, actor.id, now);
  await recomputeTicketSla(tx, ticket.id, now);
  await emailAssigneeOfCustomerReply(tx, ticket, actor, body);
  await recordAudit(tx, {
    actorId: actor.id,
    action: "ticket.customer_replied",
    entityType: "ticket",
    entityId: ticket.id,
    after: { messageId: message!.id, status: ticket.status, attachments: stored.map((s) => s.fileName) },
  });
  return { number: ticket.number, followUp: false, ticketId: ticket.id };
}

async function emailAssigneeOfCustomerReply(tx: Executor, ticket: Ticket, author: Actor, body: string) {
  const writer = await userContact(tx, author.id);
  // The assignee and the staff following the ticket (docs/decisions/181).
  const assignee = ticket.assigneeId ? await userContact(tx, ticket.assigneeId) : null;
  const staff = [...(assignee && !assignee.deactivatedAt ? [assignee] : []), ...(await staffFollowers(tx, ticket.id, [ticket.assigneeId]))];
  for (const person of staff) await emailStaffOfCustomerReply(tx, ticket, person, writer?.name ?? "", body);
}

async function emailStaffOfCustomerReply(
  tx: Executor,
  ticket: Ticket,
  assignee: NonNullable<Awaited<ReturnType<typeof userContact>>>,
  writerName: string,
  body: string,
) {
  if (!(await emailWanted(tx, assignee, "customer_replied"))) return;
  await queueEmail(tx, {
    to: assignee.email,
    template: "tickets.replied",
    ticketId: ticket.id,
    props: {
      locale: assignee.locale,
      name: assignee.name,
      number: ticket.number,
      subject: ticket.subject,
      authorName: writerName,
      body,
      status: null,
      audience: "staff",
      url: deskTicketUrl(ticket.number),
    },
  });
}

export type StaffReplyInput = { body: string; visibility: "public" | "internal"; status?: TicketStatus };

/** A public reply or an internal note, optionally setting the status in the same action. */
export async function replyAsStaff(actor: Actor, number: number, input: StaffReplyInput, uploads: Upload[], now = new Date(), key: IdempotencyKey | null = null) {
  if (isCustomer(actor) || !can(actor, "reply:ticket:any")) throw AppError.forbidden();
  return withStoredUploads(uploads, (stored) =>
    db.transaction((tx) =>
      // The same reply sent twice (double click, retry) is added once.
      once(tx, `ticket.reply:${number}`, key, async () => {
      return replyAsStaffWithin(tx, actor, number, input, stored, now);
    }, () => discardStoredUploads(stored)),
    ),
  );
}

/** The staff reply inside the caller's transaction (the reply form, macros, bulk actions). */
export async function replyAsStaffWithin(tx: Executor, actor: Actor, number: number, input: StaffReplyInput, stored: StoredUpload[], now: Date) {
  if (isCustomer(actor) || !can(actor, "reply:ticket:any")) throw AppError.forbidden();
  let ticket = await findTicket(tx, actor, number, { forUpdate: true });
  await assertNotMerged(tx, ticket);
  if (ticket.status === "closed" && input.visibility === "public") {
    throw AppError.conflict("tickets.error.closedReply");
  }
  const next = statusAfterStaffMessage(ticket.status, { visibility: input.visibility, requested: input.status ?? null });
  if (next === null) throw AppError.invalid(msg("tickets.error.statusChange", { from: ticket.status, to: input.status ?? "" }), { status: ["tickets.error.chooseOtherStatus"] });
  const [message] = await tx
    .insert(ticketMessages)
    .values({ ticketId: ticket.id, authorId: actor.id, fromStaff: true, visibility: input.visibility, body: input.body, createdAt: now })
    .returning();
  await insertAttachments(tx, stored, { ticketId: ticket.id, messageId: message!.id, uploaderId: actor.id });
  await recordTicketEvent(tx, {
    ticketId: ticket.id,
    type: input.visibility === "public" ? "staff_public_reply" : "internal_note",
    at: now,
    actorId: actor.id,
    data: { messageId: message!.id },
  });
  await tx.update(tickets).set({ updatedAt: now }).where(eq(tickets.id, ticket.id));
  const statusChanged = next !== ticket.status;
  if (statusChanged) ticket = await applyStatus(tx, ticket, next, actor.id, now);
  await recomputeTicketSla(tx, ticket.id, now);
  if (input.visibility === "public") {
    // One email for "reply and set status": the reply, with the new status in it — to the
    // requester and everyone CC'd (docs/decisions/181).
    const author = await userContact(tx, actor.id);
    const noReplyEmails: string[] = [];
    for (const person of await customerRecipients(tx, ticket)) {
      const wantsReply = await emailWanted(tx, person, "ticket_replied");
      if (!wantsReply) {
        noReplyEmails.push(person.id);
        continue;
      }
      await queueEmail(tx, {
        to: person.email,
        template: "tickets.replied",
        ticketId: ticket.id,
        props: {
          locale: person.locale,
          name: person.name,
          number: ticket.number,
          subject: ticket.subject,
          authorName: author?.name ?? "",
          body: input.body,
          status: statusChanged ? ticket.status : null,
          audience: "customer",
          url: customerTicketUrl(ticket.number),
        },
      });
    }
    // Replies turned off: a status change in the same action is still told on its own (if wanted).
    if (statusChanged && noReplyEmails.length > 0) await emailStatusChange(tx, ticket, actor.id, noReplyEmails);
  } else if (statusChanged) {
    await emailStatusChange(tx, ticket, actor.id);
  }
  await recordAudit(tx, {
    actorId: actor.id,
    action: input.visibility === "public" ? "ticket.staff_replied" : "ticket.internal_note_added",
    entityType: "ticket",
    entityId: ticket.id,
    after: { messageId: message!.id, status: ticket.status, attachments: stored.map((s) => s.fileName) },
  });
  return { number: ticket.number, status: ticket.status, ticketId: ticket.id };
}

/**
 * A status change on its own: staff (any allowed move), the customer (mark solved, reopen,
 * confirm closed). Returns the ticket's new status.
 */
export async function setTicketStatus(actor: Actor, number: number, to: TicketStatus, now = new Date()): Promise<TicketStatus> {
  const by = isCustomer(actor) ? "customer" : "staff";
  if (by === "customer" ? !can(actor, "reply:ticket:own") : !can(actor, "update:ticket:any")) throw AppError.forbidden();
  return db.transaction(async (tx) => {
    const ticket = await findTicket(tx, actor, number, { forUpdate: true });
    if (ticket.status === to) return to;
    if (!canTransition(ticket.status, to, by)) throw AppError.conflict(msg("tickets.error.statusChange", { from: ticket.status, to }));
    const updated = await applyStatus(tx, ticket, to, actor.id, now);
    await recomputeTicketSla(tx, ticket.id, now);
    await emailStatusChange(tx, updated, actor.id);
    await recordAudit(tx, {
      actorId: actor.id,
      action: "ticket.status_changed",
      entityType: "ticket",
      entityId: ticket.id,
      before: { status: ticket.status },
      after: { status: to },
    });
    return to;
  });
}

/** The customer adds or replaces the access details (while the ticket is not closed). */
export async function updateAccessDetails(actor: Actor, number: number, access: AccessDetails, now = new Date()): Promise<void> {
  if (!isCustomer(actor) || !can(actor, "reply:ticket:own")) throw AppError.forbidden();
  await db.transaction(async (tx) => {
    const ticket = await findTicket(tx, actor, number, { forUpdate: true });
    if (ticket.status === "closed") throw AppError.conflict("tickets.error.closedAccess");
    const ciphertext = isEmptyAccessDetails(access) ? null : encryptAccessDetails(access, getEnv().ENCRYPTION_KEY, ticket.id);
    await tx
      .update(tickets)
      .set({ accessDetailsCiphertext: ciphertext, accessDetailsErasedAt: null, updatedAt: now })
      .where(eq(tickets.id, ticket.id));
    await recordAudit(tx, {
      actorId: actor.id,
      action: ciphertext ? "ticket.access_details_updated" : "ticket.access_details_removed",
      entityType: "ticket",
      entityId: ticket.id,
    });
  });
}
