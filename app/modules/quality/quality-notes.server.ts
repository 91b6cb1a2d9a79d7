import { and, asc, eq } from "drizzle-orm";
import { complaintTickets, qualityNotes, users } from "#db/schema";
import { recordAudit } from "~/utils/audit.server";
import { db } from "~/utils/db.server";
import { AppError } from "~/utils/errors.server";
import { msg } from "~/utils/messages";
import { isUuid } from "~/utils/pagination";
import { can, type Actor } from "../accounts/permissions";
import { loadComplaintFor } from "./complaints.server";

export const MAX_QUALITY_NOTE = 4000;

/**
 * Quality shares a note with the engineers on one of the complaint's tickets. The note is
 * the only thing engineers see of a complaint: its text, who wrote it and when — never the
 * complaint, its subject or its answer.
 */
export async function shareQualityNote(actor: Actor, complaintId: string, ticketId: string, body: string, now = new Date()) {
  if (!can(actor, "update:complaint:any")) throw AppError.forbidden();
  const text = body.trim();
  if (text === "") throw AppError.invalid("notes.error.required", { body: ["notes.error.required"] });
  if (text.length > MAX_QUALITY_NOTE) throw AppError.invalid(msg("validation.tooLong", { maximum: MAX_QUALITY_NOTE }), { body: [msg("validation.tooLong", { maximum: MAX_QUALITY_NOTE })] });
  return db.transaction(async (tx) => {
    const complaint = await loadComplaintFor(actor, complaintId, { executor: tx });
    if (!isUuid(ticketId)) throw AppError.invalid("notes.error.chooseRequest", { ticketId: ["notes.error.chooseRequest"] });
    const [link] = await tx
      .select()
      .from(complaintTickets)
      .where(and(eq(complaintTickets.complaintId, complaint.id), eq(complaintTickets.ticketId, ticketId)))
      .limit(1);
    if (!link) throw AppError.invalid("notes.error.chooseRequest", { ticketId: ["notes.error.chooseRequest"] });
    const [note] = await tx.insert(qualityNotes).values({ complaintId: complaint.id, ticketId, authorId: actor.id, body: text, createdAt: now }).returning();
    await recordAudit(tx, { actorId: actor.id, action: "quality_note.shared", entityType: "ticket", entityId: ticketId, after: { noteId: note!.id, complaintId: complaint.id, body: text } });
    return note!;
  });
}

/** Notes shared on a ticket, for the engineer's workspace. Staff only; customers never. */
export async function qualityNotesForTicket(actor: Actor, ticketId: string) {
  if (actor.role === "customer" || !can(actor, "read:ticket:any")) throw AppError.notFound();
  if (!isUuid(ticketId)) return [];
  return db
    .select({ id: qualityNotes.id, body: qualityNotes.body, authorName: users.name, createdAt: qualityNotes.createdAt })
    .from(qualityNotes)
    .innerJoin(users, eq(users.id, qualityNotes.authorId))
    .where(eq(qualityNotes.ticketId, ticketId))
    .orderBy(asc(qualityNotes.createdAt));
}

export type QualityNoteView = Awaited<ReturnType<typeof qualityNotesForTicket>>[number];
