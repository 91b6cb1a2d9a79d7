import { and, asc, count, eq, isNull, sql } from "drizzle-orm";
import { attachments, licences, products, runningTimers, ticketMessages, tickets, timeEntries, users, type Ticket } from "#db/schema";
import { recordAudit } from "~/utils/audit.server";
import { db, type Executor } from "~/utils/db.server";
import { queueEmail } from "~/utils/email.server";
import { readTicketRow } from "./ticket-row.server";
import { AppError } from "~/utils/errors.server";
import { msg } from "~/utils/messages";
import { can, type Actor } from "../accounts/permissions";
import { emailWanted } from "../notifications/notifications.server";
import type { EligibilityAllowed } from "../licensing/eligibility";
import { createTicketRecord, type FileTicketResult } from "./filing.server";
import { addParticipant, ccCandidates, customerRecipients, moveParticipants, ticketParticipantList } from "./participants.server";
import { applyStatus, customerTicketUrl, findTicket, isCustomer } from "./tickets.server";

/**
 * Merge a duplicate into another ticket and split a message out into a new one
 * (docs/decisions/180). Both are staff actions, one transaction each, audited on both tickets.
 */

function requireStaff(actor: Actor): void {
  if (isCustomer(actor) || !can(actor, "update:ticket:any")) throw AppError.forbidden();
}

async function numberOf(executor: Executor, id: string | null): Promise<number | null> {
  if (!id) return null;
  const [row] = await executor.select({ number: tickets.number }).from(tickets).where(eq(tickets.id, id)).limit(1);
  return row?.number ?? null;
}

/** Refuses any new message on a merged ticket, naming where the conversation went. */
export async function assertNotMerged(executor: Executor, ticket: Pick<Ticket, "mergedIntoId">): Promise<void> {
  if (!ticket.mergedIntoId) return;
  const target = await numberOf(executor, ticket.mergedIntoId);
  throw AppError.conflict(msg("merge.mergedIntoNotice", { number: String(target) }));
}

export type MergeResult = { source: number; target: number; messages: number; attachments: number; timeEntries: number; minutes: number };

/**
 * Merges ticket `sourceNumber` into `targetNumber`: messages (the source's opening text
 * becomes a message too), attachments, time entries, running timers, CC and followers move;
 * the source is closed with a pointer and keeps its own SLA history untouched; the target's
 * clocks are not replayed (moved messages carry no clock facts). The customers of the source
 * are told by email.
 */
export async function mergeTicket(actor: Actor, sourceNumber: number, targetNumber: number, now = new Date()): Promise<MergeResult> {
  requireStaff(actor);
  if (sourceNumber === targetNumber) throw AppError.invalid("merge.error.self", { target: ["merge.error.chooseAnother"] });
  return db.transaction(async (tx) => {
    // Lock in number order, so two opposite merges cannot deadlock.
    const [first, second] = sourceNumber < targetNumber ? [sourceNumber, targetNumber] : [targetNumber, sourceNumber];
    const a = await findTicket(tx, actor, first, { forUpdate: true }).catch(notFoundAs(first, targetNumber));
    const b = await findTicket(tx, actor, second, { forUpdate: true }).catch(notFoundAs(second, targetNumber));
    const source = a.number === sourceNumber ? a : b;
    const target = a.number === targetNumber ? a : b;
    if (source.mergedIntoId) throw AppError.conflict(msg("merge.error.alreadyMerged", { source: String(source.number), into: String(await numberOf(tx, source.mergedIntoId)) }));
    if (target.mergedIntoId) {
      throw AppError.invalid(msg("merge.error.targetMerged", { target: String(target.number), into: String(await numberOf(tx, target.mergedIntoId)) }), { target: ["merge.error.chooseNotMerged"] });
    }
    if (target.status === "closed") throw AppError.invalid(msg("merge.error.targetClosed", { target: String(target.number) }), { target: ["merge.error.chooseNotClosed"] });
    if (source.status === "closed") throw AppError.conflict(msg("merge.error.sourceClosed", { source: String(source.number) }));
    if (source.organisationId !== target.organisationId) {
      throw AppError.invalid(msg("merge.error.otherOrganisation", { source: String(source.number), target: String(target.number) }), { target: ["merge.error.chooseSameOrganisation"] });
    }
    const [time] = await tx
      .select({ n: count(), minutes: sql<number>`coalesce(sum(${timeEntries.minutes}), 0)::int` })
      .from(timeEntries)
      .where(and(eq(timeEntries.ticketId, source.id), isNull(timeEntries.deletedAt)));
    // The split into free / prepaid / billable minutes depends on the ticket's type: moving time
    // to a ticket of another type would re-charge it. Exact accounting first.
    if ((time?.n ?? 0) > 0 && source.type !== target.type) {
      throw AppError.conflict(msg("merge.error.differentTypes", { source: String(source.number), target: String(target.number) }));
    }
    // The source's opening text joins the target's conversation as the customer's message of its time.
    await tx.insert(ticketMessages).values({
      ticketId: target.id,
      authorId: source.requesterId,
      fromStaff: false,
      visibility: "public",
      body: [`#${source.number}: ${source.subject}`, source.description, source.stepsToReproduce].filter((s) => s.trim() !== "").join("\n\n"),
      mailNotes: source.mailNotes,
      createdAt: source.createdAt,
    });
    const messages = await tx.update(ticketMessages).set({ ticketId: target.id }).where(eq(ticketMessages.ticketId, source.id)).returning({ id: ticketMessages.id });
    const files = await tx.update(attachments).set({ ticketId: target.id }).where(eq(attachments.ticketId, source.id)).returning({ id: attachments.id });
    // Same organisation and type: the cached split of every entry stays what the fold computes.
    const entries = await tx.update(timeEntries).set({ ticketId: target.id }).where(eq(timeEntries.ticketId, source.id)).returning({ id: timeEntries.id });
    await tx.update(runningTimers).set({ ticketId: target.id }).where(eq(runningTimers.ticketId, source.id));
    await moveParticipants(tx, source.id, target.id);
    if (source.requesterId !== target.requesterId) await addParticipant(tx, target.id, source.requesterId, "cc", actor.id, now);
    if (source.assigneeId && source.assigneeId !== target.assigneeId) await addParticipant(tx, target.id, source.assigneeId, "follower", actor.id, now);

    const closed = await applyStatus(tx, source, "closed", actor.id, now);
    // The source's SLA history stays as recorded; its clocks no longer run or alert.
    await tx
      .update(tickets)
      .set({ mergedIntoId: target.id, mergedAt: now, slaDueAt: null, slaWarnAt: null, slaAlertAt: null, updatedAt: now })
      .where(eq(tickets.id, source.id));
    await tx.update(tickets).set({ updatedAt: now }).where(eq(tickets.id, target.id));

    for (const person of await customerRecipients(tx, closed)) {
      if (!(await emailWanted(tx, person, "ticket_status_changed"))) continue;
      await queueEmail(tx, {
        to: person.email,
        template: "tickets.merged",
        ticketId: source.id,
        props: { locale: person.locale, name: person.name, number: source.number, subject: source.subject, targetNumber: target.number, url: customerTicketUrl(target.number) },
      });
    }
    const result: MergeResult = {
      source: source.number,
      target: target.number,
      messages: messages.length + 1,
      attachments: files.length,
      timeEntries: entries.length,
      minutes: time?.minutes ?? 0,
    };
    await recordAudit(tx, { actorId: actor.id, action: "ticket.merged_into", entityType: "ticket", entityId: source.id, before: { status: source.status }, after: { ...result, status: "closed" } });
    await recordAudit(tx, { actorId: actor.id, action: "ticket.merged_from", entityType: "ticket", entityId: target.id, after: result });
    return result;
  });
}

function notFoundAs(number: number, targetNumber: number) {
  return (error: unknown): never => {
    if (error instanceof AppError && error.code === "not_found" && number === targetNumber) {
      throw AppError.invalid(msg("merge.error.noTicket", { number: String(number) }), { target: ["merge.error.enterExisting"] });
    }
    throw error;
  };
}

/**
 * Splits a message out of a ticket into a new ticket of the same organisation: the message's
 * text opens the new ticket, its files move with it, the two tickets link both ways. The new
 * ticket's clocks start now (the split), like any new ticket; the source's history is untouched
 * apart from the message leaving it.
 */
export async function splitMessage(actor: Actor, number: number, messageId: string, subject: string, now = new Date()): Promise<FileTicketResult> {
  requireStaff(actor);
  if (!/^[0-9a-f-]{36}$/i.test(messageId)) throw AppError.notFound("split.error.messageNotFound");
  const title = subject.trim();
  if (title.length < 3 || title.length > 200) throw AppError.invalid(msg("split.error.subject", { min: 3, max: 200 }), { subject: [msg("split.error.subject", { min: 3, max: 200 })] });
  return db.transaction(async (tx) => {
    const source = await findTicket(tx, actor, number, { forUpdate: true });
    await assertNotMerged(tx, source);
    const [message] = await tx
      .select()
      .from(ticketMessages)
      .where(and(eq(ticketMessages.id, messageId), eq(ticketMessages.ticketId, source.id)))
      .limit(1);
    if (!message) throw AppError.notFound("split.error.messageNotFound");
    if (message.visibility !== "public") throw AppError.invalid("split.error.onlyPublic");
    const [author] = await tx.select({ organisation_id: users.organisationId, role: users.role }).from(users).where(eq(users.id, message.authorId)).limit(1);
    // The customer who wrote it files the new ticket; a staff message is filed for the requester.
    const requesterId = author && author.role === "customer" && author.organisation_id === source.organisationId ? message.authorId : source.requesterId;
    const [licence] = source.licenceId
      ? await tx
          .select({ id: licences.id, productId: licences.productId, productName: products.name, organisationId: licences.organisationId, productionHost: licences.productionHost, supportUntil: licences.supportUntil })
          .from(licences)
          .innerJoin(products, eq(products.id, licences.productId))
          .where(eq(licences.id, source.licenceId))
          .limit(1)
      : [];
    const eligibility: EligibilityAllowed = { allowed: true, code: "BILLING_ALWAYS_ALLOWED", params: {}, noResponseCommitment: source.noResponseCommitment };
    const requester = { id: requesterId, role: "customer", organisationId: source.organisationId } as Actor & { organisationId: string };
    const created = await createTicketRecord(
      tx,
      requester,
      {
        type: source.type,
        subject: title,
        description: message.body,
        mailNotes: message.mailNotes,
        stepsToReproduce: "",
        siteAddress: source.siteAddress ?? "",
        siteDown: false,
        licence: licence ?? null,
        eligibility,
        access: null,
        followUpOfId: null,
        filedBy: { staffId: actor.id, overrideReason: null, splitFromId: source.id },
      },
      [],
      now,
    );
    const files = await tx.update(attachments).set({ ticketId: created.id, messageId: null }).where(eq(attachments.messageId, message.id)).returning({ id: attachments.id });
    await tx.delete(ticketMessages).where(eq(ticketMessages.id, message.id));
    await tx.update(tickets).set({ updatedAt: now }).where(eq(tickets.id, source.id));
    await recordAudit(tx, {
      actorId: actor.id,
      action: "ticket.message_split",
      entityType: "ticket",
      entityId: source.id,
      after: { messageId: message.id, newTicket: created.number, attachments: files.length },
    });
    return created;
  });
}

/** Merge and split links of a ticket, for the desk and the portal. */
export async function ticketLinks(executor: Executor, ticket: Pick<Ticket, "id" | "mergedIntoId" | "splitFromId">) {
  const [mergedInto, splitFrom, mergedFrom, splitInto] = await Promise.all([
    numberOf(executor, ticket.mergedIntoId),
    numberOf(executor, ticket.splitFromId),
    executor.select({ number: tickets.number }).from(tickets).where(eq(tickets.mergedIntoId, ticket.id)).orderBy(asc(tickets.number)).limit(50),
    executor.select({ number: tickets.number }).from(tickets).where(eq(tickets.splitFromId, ticket.id)).orderBy(asc(tickets.number)).limit(50),
  ]);
  return { mergedInto, splitFrom, mergedFrom: mergedFrom.map((r) => r.number), splitInto: splitInto.map((r) => r.number) };
}

/** The target as the confirmation names it, before anything moves. */
export async function mergePreview(actor: Actor, sourceNumber: number, targetNumber: number) {
  requireStaff(actor);
  const target = await findTicket(db, actor, targetNumber).catch(notFoundAs(targetNumber, targetNumber));
  const source = await findTicket(db, actor, sourceNumber);
  if (source.organisationId !== target.organisationId) throw AppError.invalid(msg("merge.error.otherOrganisation", { source: String(source.number), target: String(target.number) }), { target: ["merge.error.chooseSameOrganisation"] });
  return { source: { number: source.number, subject: source.subject }, target: { number: target.number, subject: target.subject } };
}

/** The number typed into the merge form ("123" or "#123"): the ticket to keep. */
function typedTicketNumber(typed: string): number {
  const target = typed.trim().replace(/^#/, "");
  if (!/^\d{1,9}$/.test(target)) throw AppError.invalid("merge.target", { target: ["merge.target"] });
  return Number(target);
}

/** The merge form's first step: the confirmation for the typed ticket number. */
export function previewMergeInto(actor: Actor, sourceNumber: number, typedTarget: string) {
  return mergePreview(actor, sourceNumber, typedTicketNumber(typedTarget));
}

/** The merge form's confirmed step: merges into the typed ticket number. */
export function mergeInto(actor: Actor, sourceNumber: number, typedTarget: string) {
  return mergeTicket(actor, sourceNumber, typedTicketNumber(typedTarget));
}

/** What the desk workspace shows for merge, split, CC and followers (and who filed it). */
export async function deskTicketExtras(actor: Actor, ticketId: string) {
  if (isCustomer(actor)) throw AppError.forbidden();
  const ticket = await readTicketRow(db, { id: ticketId });
  if (!ticket) throw AppError.notFound("tickets.error.notFound");
  const [links, participants, candidates, filedBy] = await Promise.all([
    ticketLinks(db, ticket),
    ticketParticipantList(db, ticket.id),
    ccCandidates(db, ticket),
    ticket.filedByStaffId ? db.select({ name: users.name }).from(users).where(eq(users.id, ticket.filedByStaffId)).limit(1) : Promise.resolve([]),
  ]);
  return {
    links,
    cc: participants.filter((p) => p.kind === "cc"),
    followers: participants.filter((p) => p.kind === "follower"),
    following: participants.some((p) => p.kind === "follower" && p.userId === actor.id),
    ccCandidates: candidates,
    filedBy: filedBy[0]?.name ?? null,
    overrideReason: ticket.eligibilityOverrideReason,
    canMerge: can(actor, "update:ticket:any") && !ticket.mergedIntoId && ticket.status !== "closed",
  };
}

/** The portal's view of the same: links and CC (customers of the ticket's organisation only). */
export async function portalTicketExtras(actor: Actor, number: number) {
  const ticket = await findTicket(db, actor, number);
  const [links, participants, candidates] = await Promise.all([ticketLinks(db, ticket), ticketParticipantList(db, ticket.id), ccCandidates(db, ticket)]);
  return { links, cc: participants.filter((p) => p.kind === "cc"), ccCandidates: ticket.mergedIntoId ? [] : candidates };
}
