import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import { complaintTickets, licences, products, remedies, supportEntries, tickets, timeEntries } from "#db/schema";
import { recordAudit } from "~/utils/audit.server";
import { db, type Transaction } from "~/utils/db.server";
import { AppError } from "~/utils/errors.server";
import { isUuid } from "~/utils/pagination";
import { can, type Actor } from "../accounts/permissions";
import { displayLicenceKey } from "../licensing/licence-key";
import { refreshSupportUntil } from "../licensing/ledger.server";
import { assignableStaff, recordTicketEvent } from "../tickets/tickets.server";
import { cancelBillable } from "../time-tracking/entries.server";
import { creditPrepaidMinutes } from "../time-tracking/prepaid.server";
import { loadComplaintFor } from "./complaints.server";
import type { Remedy } from "./remedies";
import { remedyRefusal, type RemedyFacts } from "./remedy-scope";
import { syncSlaCycleAssignee } from "../sla/clocks.server";

/**
 * Remedies act on the system (SPEC §6): each one runs the owning module's use case inside the
 * remedy's transaction, so the effect, the remedy record and the audit entries commit together.
 *
 * - extend_support: a `compensation` entry in the support ledger; support_until is recomputed
 *   by licensing's `refreshSupportUntil` (a lapsed term gets N days from today).
 * - credit_prepaid: time-tracking's `creditPrepaidMinutes` (source "remedy").
 * - cancel_billable: time-tracking's `cancelBillable` (the entry's billable minutes are waived).
 * - reassign_ticket: the ticket's assignee changes, with the ticket event the SLA and desk
 *   views read ("assigned") and an audit entry.
 *
 * Remedies are applied while the complaint is being investigated, and appear in the answer.
 */
const REMEDY_STATUSES = new Set(["acknowledged", "investigating"]);

export async function applyRemedy(actor: Actor, complaintId: string, remedy: Remedy, now = new Date()) {
  if (!can(actor, "apply:remedy:any")) throw AppError.forbidden();
  return db.transaction(async (tx) => {
    const complaint = await loadComplaintFor(actor, complaintId, { executor: tx, lock: true });
    if (!REMEDY_STATUSES.has(complaint.status)) {
      throw AppError.conflict("remedy.error.notInvestigating");
    }
    const links = await tx.select({ ticketId: complaintTickets.ticketId }).from(complaintTickets).where(eq(complaintTickets.complaintId, complaint.id));
    const facts = await loadFacts(tx, remedy, { organisationId: complaint.organisationId, ticketIds: links.map((l) => l.ticketId) });
    const refusal = remedyRefusal(remedy, facts);
    if (refusal) throw AppError.invalid(`remedy.refusal.${refusal}` as const);
    // The note names the complaint (its subject, "Complaint on request #1001"); what kind of entry it
    // is (a remedy) each page says in the reader's language from the entry's source, not stored words.
    const effect = await applyEffect(tx, actor, remedy, { id: complaint.id, note: complaint.subject }, now);
    const [row] = await tx
      .insert(remedies)
      .values({ complaintId: complaint.id, type: remedy.type, details: { ...remedy, effect }, appliedBy: actor.id, appliedAt: now })
      .returning();
    await recordAudit(tx, {
      actorId: actor.id,
      action: "complaint.remedy_applied",
      entityType: "complaint",
      entityId: complaint.id,
      after: { remedyId: row!.id, ...remedy, effect },
    });
    return { remedy: row!, effect };
  });
}

async function loadFacts(tx: Transaction, remedy: Remedy, complaint: RemedyFacts["complaint"]): Promise<RemedyFacts> {
  switch (remedy.type) {
    case "extend_support": {
      if (!isUuid(remedy.licenceId)) return { complaint, licence: null };
      const [row] = await tx
        .select({ organisationId: licences.organisationId, free: products.free, revokedAt: licences.revokedAt })
        .from(licences)
        .innerJoin(products, eq(products.id, licences.productId))
        .where(eq(licences.id, remedy.licenceId))
        .limit(1);
      return { complaint, licence: row ? { organisationId: row.organisationId, free: row.free, revoked: row.revokedAt !== null } : null };
    }
    case "credit_prepaid":
      return { complaint };
    case "cancel_billable": {
      if (!isUuid(remedy.timeEntryId)) return { complaint, timeEntry: null };
      const [row] = await tx.select().from(timeEntries).where(eq(timeEntries.id, remedy.timeEntryId)).limit(1);
      return {
        complaint,
        timeEntry: row
          ? {
              organisationId: row.organisationId,
              ticketId: row.ticketId,
              billableMinutes: row.billableMinutes,
              billableCancelled: row.billableCancelledAt !== null,
              deleted: row.deletedAt !== null,
            }
          : null,
      };
    }
    case "reassign_ticket": {
      if (!isUuid(remedy.ticketId) || !isUuid(remedy.assigneeId)) return { complaint, assignee: null };
      const staff = await assignableStaff(tx);
      const person = staff.find((s) => s.id === remedy.assigneeId);
      const [ticket] = await tx.select({ assigneeId: tickets.assigneeId }).from(tickets).where(eq(tickets.id, remedy.ticketId)).limit(1);
      return { complaint, assignee: person ? { role: person.role, active: true, currentAssignee: ticket?.assigneeId === person.id } : null };
    }
  }
}

async function applyEffect(tx: Transaction, actor: Actor, remedy: Remedy, complaint: { id: string; note: string }, now: Date): Promise<Record<string, unknown>> {
  const complaintId = complaint.id;
  switch (remedy.type) {
    case "extend_support": {
      const [before] = await tx.select({ supportUntil: licences.supportUntil }).from(licences).where(eq(licences.id, remedy.licenceId)).for("update");
      const [entry] = await tx
        .insert(supportEntries)
        .values({
          licenceId: remedy.licenceId,
          kind: "compensation",
          recordedAt: now,
          days: remedy.days,
          reason: complaint.note,
          createdBy: actor.id,
        })
        .returning({ id: supportEntries.id });
      const term = await refreshSupportUntil(tx, remedy.licenceId);
      await recordAudit(tx, {
        actorId: actor.id,
        action: "licence.extended",
        entityType: "licence",
        entityId: remedy.licenceId,
        before: { supportUntil: before?.supportUntil ?? null },
        after: { supportUntil: term.supportUntil, days: remedy.days, entryId: entry!.id, complaintId },
      });
      return { entryId: entry!.id, supportUntilBefore: before?.supportUntil?.toISOString() ?? null, supportUntil: term.supportUntil?.toISOString() ?? null };
    }
    case "credit_prepaid": {
      const result = await creditPrepaidMinutes(
        actor,
        { organisationId: remedy.organisationId, minutes: remedy.minutes, source: "remedy", note: complaint.note },
        { executor: tx },
        now,
      );
      return { creditId: result.creditId, prepaidBalance: result.prepaidBalance };
    }
    case "cancel_billable": {
      const result = await cancelBillable(actor, remedy.timeEntryId, { executor: tx, reason: complaint.note }, now);
      return { cancelledMinutes: result.cancelledMinutes };
    }
    case "reassign_ticket": {
      const [ticket] = await tx.select().from(tickets).where(eq(tickets.id, remedy.ticketId)).for("update");
      await tx.update(tickets).set({ assigneeId: remedy.assigneeId, updatedAt: now }).where(eq(tickets.id, ticket!.id));
      await syncSlaCycleAssignee(tx, ticket!.id, remedy.assigneeId);
      await recordTicketEvent(tx, {
        ticketId: ticket!.id,
        type: "assigned",
        at: now,
        actorId: actor.id,
        data: { from: ticket!.assigneeId, to: remedy.assigneeId, remedy: true },
      });
      await recordAudit(tx, {
        actorId: actor.id,
        action: "ticket.assigned",
        entityType: "ticket",
        entityId: ticket!.id,
        before: { assigneeId: ticket!.assigneeId },
        after: { assigneeId: remedy.assigneeId, complaintId },
      });
      return { ticketNumber: ticket!.number, from: ticket!.assigneeId };
    }
  }
}

/** What the remedy forms offer: the organisation's licences, billable time on the complaint's tickets, engineers. */
export async function remedyChoices(actor: Actor, complaintId: string) {
  if (!can(actor, "apply:remedy:any")) throw AppError.forbidden();
  const complaint = await loadComplaintFor(actor, complaintId);
  const links = await db.select({ ticketId: complaintTickets.ticketId }).from(complaintTickets).where(eq(complaintTickets.complaintId, complaint.id));
  const ticketIds = links.map((l) => l.ticketId);
  const [licenceRows, entryRows, ticketRows, engineers] = await Promise.all([
    db
      .select({ id: licences.id, key: licences.keyCanonical, productName: products.name, supportUntil: licences.supportUntil, free: products.free, revokedAt: licences.revokedAt })
      .from(licences)
      .innerJoin(products, eq(products.id, licences.productId))
      .where(eq(licences.organisationId, complaint.organisationId))
      .orderBy(asc(products.name)),
    ticketIds.length
      ? db
          .select({ id: timeEntries.id, ticketNumber: tickets.number, startedAt: timeEntries.startedAt, minutes: timeEntries.minutes, billableMinutes: timeEntries.billableMinutes, note: timeEntries.note })
          .from(timeEntries)
          .innerJoin(tickets, eq(tickets.id, timeEntries.ticketId))
          .where(and(inArray(timeEntries.ticketId, ticketIds), isNull(timeEntries.deletedAt), isNull(timeEntries.billableCancelledAt)))
          .orderBy(asc(timeEntries.startedAt))
      : Promise.resolve([]),
    ticketIds.length
      ? db
          .select({ id: tickets.id, number: tickets.number, assigneeId: tickets.assigneeId, licenceId: tickets.licenceId })
          .from(tickets)
          .where(inArray(tickets.id, ticketIds))
          .orderBy(asc(tickets.number))
      : Promise.resolve([]),
    assignableStaff(db),
  ]);
  const offered = licenceRows
    .filter((l) => !l.free && !l.revokedAt)
    .map((l) => ({ id: l.id, label: `${l.productName} · ${displayLicenceKey(l.key)}`, supportUntil: l.supportUntil }));
  // "Extend support" starts on the licence of the complained-about ticket, not the first by name.
  const ticketLicence = ticketRows.map((t) => t.licenceId).find((id) => id && offered.some((l) => l.id === id)) ?? null;
  return {
    organisationId: complaint.organisationId,
    licences: offered,
    preselectedLicenceId: ticketLicence ?? offered[0]?.id ?? null,
    timeEntries: entryRows.filter((e) => e.billableMinutes > 0),
    tickets: ticketRows.map(({ licenceId: _licenceId, ...t }) => t),
    engineers,
  };
}
