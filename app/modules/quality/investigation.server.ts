import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import {
  attachments,
  complaintTickets,
  csatResponses,
  licences,
  products,
  qualityNotes,
  slaEvents,
  ticketMessages,
  tickets,
  timeEntries,
  users,
} from "#db/schema";
import { db } from "~/utils/db.server";
import { AppError } from "~/utils/errors.server";
import { can, type Actor } from "../accounts/permissions";
import { displayLicenceKey } from "../licensing/licence-key";
import { loadComplaintFor } from "./complaints.server";

/**
 * The investigation workspace's read model: every ticket a complaint is about, in full —
 * conversation with internal notes, attachments, time entries, SLA clock events and the
 * CSAT — plus the quality notes shared on each. Read-only; access details (secrets) are never
 * part of it. Reads the tickets, SLA and time tables directly rather than through their
 * modules' use cases, because this is the one view that needs all of them at once and none
 * of those use cases return internal notes together with time and clocks (docs/decisions/040).
 */
export async function investigationTickets(actor: Actor, complaintId: string) {
  if (!can(actor, "read:complaint:any")) throw AppError.forbidden();
  const complaint = await loadComplaintFor(actor, complaintId);
  const requester = alias(users, "requester");
  const assignee = alias(users, "assignee");
  const ticketRows = await db
    .select({
      ticket: tickets,
      requesterName: requester.name,
      assigneeName: assignee.name,
      productName: products.name,
      licenceKey: licences.keyCanonical,
    })
    .from(complaintTickets)
    .innerJoin(tickets, eq(tickets.id, complaintTickets.ticketId))
    .innerJoin(requester, eq(requester.id, tickets.requesterId))
    .leftJoin(assignee, eq(assignee.id, tickets.assigneeId))
    .leftJoin(products, eq(products.id, tickets.productId))
    .leftJoin(licences, eq(licences.id, tickets.licenceId))
    .where(eq(complaintTickets.complaintId, complaint.id))
    .orderBy(asc(tickets.number));
  const ids = ticketRows.map((r) => r.ticket.id);
  if (ids.length === 0) return [];
  const author = alias(users, "author");
  const [messages, files, time, clocks, csat, notes] = await Promise.all([
    db
      .select({ message: ticketMessages, authorName: author.name, authorRole: author.role })
      .from(ticketMessages)
      .innerJoin(author, eq(author.id, ticketMessages.authorId))
      .where(inArray(ticketMessages.ticketId, ids))
      .orderBy(asc(ticketMessages.createdAt)),
    db
      .select({ id: attachments.id, ticketId: attachments.ticketId, messageId: attachments.messageId, fileName: attachments.fileName, size: attachments.size })
      .from(attachments)
      .where(inArray(attachments.ticketId, ids))
      .orderBy(asc(attachments.createdAt)),
    db
      .select({ entry: timeEntries, engineerName: users.name })
      .from(timeEntries)
      .innerJoin(users, eq(users.id, timeEntries.engineerId))
      .where(and(inArray(timeEntries.ticketId, ids), isNull(timeEntries.deletedAt)))
      .orderBy(asc(timeEntries.startedAt)),
    db.select().from(slaEvents).where(inArray(slaEvents.ticketId, ids)).orderBy(asc(slaEvents.at), asc(slaEvents.recordedAt)),
    db
      .select({ csat: csatResponses, authorName: users.name })
      .from(csatResponses)
      .innerJoin(users, eq(users.id, csatResponses.authorId))
      .where(inArray(csatResponses.ticketId, ids)),
    db
      .select({ note: qualityNotes, authorName: users.name })
      .from(qualityNotes)
      .innerJoin(users, eq(users.id, qualityNotes.authorId))
      .where(and(inArray(qualityNotes.ticketId, ids), eq(qualityNotes.complaintId, complaint.id)))
      .orderBy(asc(qualityNotes.createdAt)),
  ]);
  return ticketRows.map(({ ticket, requesterName, assigneeName, productName, licenceKey }) => ({
    id: ticket.id,
    number: ticket.number,
    subject: ticket.subject,
    description: ticket.description,
    stepsToReproduce: ticket.stepsToReproduce,
    type: ticket.type,
    status: ticket.status,
    priority: ticket.priority,
    siteDown: ticket.siteDown,
    siteAddress: ticket.siteAddress,
    createdAt: ticket.createdAt,
    solvedAt: ticket.solvedAt,
    closedAt: ticket.closedAt,
    licenceId: ticket.licenceId,
    licenceKey: licenceKey ? displayLicenceKey(licenceKey) : null,
    productName,
    requesterName,
    assigneeId: ticket.assigneeId,
    assigneeName,
    messages: messages
      .filter((m) => m.message.ticketId === ticket.id)
      .map(({ message, authorName, authorRole }) => ({
        id: message.id,
        body: message.body,
        internal: message.visibility === "internal",
        fromStaff: message.fromStaff,
        authorName,
        authorRole,
        createdAt: message.createdAt,
        files: files.filter((f) => f.messageId === message.id).map((f) => ({ id: f.id, fileName: f.fileName, size: f.size })),
      })),
    otherFiles: files.filter((f) => f.ticketId === ticket.id && !f.messageId).map((f) => ({ id: f.id, fileName: f.fileName, size: f.size })),
    timeEntries: time
      .filter((t) => t.entry.ticketId === ticket.id)
      .map(({ entry, engineerName }) => ({
        id: entry.id,
        engineerName,
        startedAt: entry.startedAt,
        minutes: entry.minutes,
        note: entry.note,
        freeMinutes: entry.freeMinutes,
        prepaidMinutes: entry.prepaidMinutes,
        billableMinutes: entry.billableMinutes,
        notChargedMinutes: entry.notChargedMinutes,
        billableCancelledAt: entry.billableCancelledAt,
      })),
    slaEvents: clocks
      .filter((e) => e.ticketId === ticket.id)
      .map((e) => ({ id: e.id, clock: e.clock, type: e.type, at: e.at })),
    csat: (() => {
      const found = csat.find((c) => c.csat.ticketId === ticket.id);
      if (!found) return null;
      const c = found.csat;
      return {
        speedToReach: c.speedToReach,
        speedToUnderstand: c.speedToUnderstand,
        answerQuality: c.answerQuality,
        comfort: c.comfort,
        comment: c.comment,
        submittedAt: c.submittedAt,
        authorName: found.authorName,
      };
    })(),
    qualityNotes: notes
      .filter((n) => n.note.ticketId === ticket.id)
      .map(({ note, authorName }) => ({ id: note.id, body: note.body, authorName, createdAt: note.createdAt })),
  }));
}

export type InvestigationTicket = Awaited<ReturnType<typeof investigationTickets>>[number];
