import { and, asc, eq, isNull } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import {
  attachments,
  auditLog,
  licences,
  organisations,
  products,
  supportPlans,
  ticketEvents,
  ticketMessages,
  tickets,
  users,
  type Ticket,
} from "#db/schema";
import { recordAudit } from "~/utils/audit.server";
import { db, type Executor } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { AppError } from "~/utils/errors.server";
import { msg } from "~/utils/messages";
import { can, type Actor } from "../accounts/permissions";
import { deriveLicenceStatus } from "../licensing/licence-status";
import { recomputeTicketSla, slaPanel, syncSlaCycleAssignee } from "../sla/clocks.server";
import { loadPlan, planForOrganisation } from "../sla/plans.server";
import type { Priority } from "../sla/targets";
import { assignableStaff, findTicket, isCustomer, recordTicketEvent } from "./tickets.server";
import { decryptAccessDetails, type AccessDetails } from "./vault.server";
import { getSettings } from "~/modules/settings/settings.server";

/**
 * The engineer's workspace: the full ticket, claim/assign, priority, and the access-detail
 * vault behind an audited "reveal".
 */

function requireStaffPermission(actor: Actor, permission: Parameters<typeof can>[1]): void {
  if (isCustomer(actor) || !can(actor, permission)) throw AppError.forbidden();
}

export class AlreadyClaimedError extends AppError {
  constructor(readonly claimedBy: string) {
    super("conflict", msg("tickets.error.alreadyClaimed", { name: claimedBy }));
  }
}

/**
 * Claims an unassigned ticket for the actor. Race-free: the conditional UPDATE … WHERE
 * assignee_id IS NULL lets exactly one of two simultaneous claims win; the other is told who.
 */
export async function claimTicket(actor: Actor, number: number, now = new Date()): Promise<void> {
  requireStaffPermission(actor, "update:ticket:any");
  await db.transaction(async (tx) => {
    const ticket = await findTicket(tx, actor, number);
    if (ticket.status === "closed") throw AppError.conflict("tickets.error.closed");
    const [claimed] = await tx
      .update(tickets)
      .set({ assigneeId: actor.id, updatedAt: now })
      .where(and(eq(tickets.id, ticket.id), isNull(tickets.assigneeId)))
      .returning({ id: tickets.id });
    if (!claimed) {
      const [current] = await tx
        .select({ id: users.id, name: users.name })
        .from(tickets)
        .innerJoin(users, eq(users.id, tickets.assigneeId))
        .where(eq(tickets.id, ticket.id))
        .limit(1);
      if (current?.id === actor.id) return;
      throw new AlreadyClaimedError(current?.name ?? "someone else");
    }
    await syncSlaCycleAssignee(tx, ticket.id, actor.id);
    await recordTicketEvent(tx, { ticketId: ticket.id, type: "assigned", at: now, actorId: actor.id, data: { from: null, to: actor.id, claim: true } });
    await recordAudit(tx, { actorId: actor.id, action: "ticket.claimed", entityType: "ticket", entityId: ticket.id, after: { assigneeId: actor.id } });
  });
}

/** A team lead (assign:ticket:any) assigns or unassigns; an engineer may unassign themselves. */
export async function assignTicket(actor: Actor, number: number, assigneeId: string | null, now = new Date()): Promise<void> {
  requireStaffPermission(actor, "update:ticket:any");
  await db.transaction(async (tx) => {
    const ticket = await findTicket(tx, actor, number, { forUpdate: true });
    const selfRelease = assigneeId === null && ticket.assigneeId === actor.id;
    if (!selfRelease && !can(actor, "assign:ticket:any")) throw AppError.forbidden("tickets.error.onlyLeadsAssignClaim");
    if (assigneeId !== null) {
      const staff = await assignableStaff(tx);
      if (!staff.some((s) => s.id === assigneeId)) throw AppError.invalid("tickets.error.chooseEngineer", { assigneeId: ["tickets.error.chooseEngineer"] });
    }
    await applyAssignment(tx, actor, ticket, assigneeId, now);
  });
}

/** Writes an assignment the caller has authorised (inside its transaction, ticket locked). */
export async function applyAssignment(tx: Executor, actor: Actor, ticket: Ticket, assigneeId: string | null, now: Date): Promise<void> {
  if (ticket.assigneeId === assigneeId) return;
  await tx.update(tickets).set({ assigneeId, updatedAt: now }).where(eq(tickets.id, ticket.id));
  await syncSlaCycleAssignee(tx, ticket.id, assigneeId);
  await recordTicketEvent(tx, { ticketId: ticket.id, type: "assigned", at: now, actorId: actor.id, data: { from: ticket.assigneeId, to: assigneeId } });
  await recordAudit(tx, {
    actorId: actor.id,
    action: "ticket.assigned",
    entityType: "ticket",
    entityId: ticket.id,
    before: { assigneeId: ticket.assigneeId },
    after: { assigneeId },
  });
}

/**
 * Changes the priority. The clocks re-target from their original start under the new
 * priority's targets (SPEC §4): a ticket can breach at once, and the alert fires.
 */
export async function setTicketPriority(actor: Actor, number: number, priority: Priority, now = new Date()): Promise<void> {
  requireStaffPermission(actor, "update:ticket:any");
  await db.transaction(async (tx) => {
    const ticket = await findTicket(tx, actor, number, { forUpdate: true });
    await setTicketPriorityWithin(tx, actor, ticket, priority, now);
  });
}

/** The priority change inside the caller's transaction (ticket locked, actor authorised). */
export async function setTicketPriorityWithin(tx: Executor, actor: Actor, ticket: Ticket, priority: Priority, now: Date): Promise<void> {
  requireStaffPermission(actor, "update:ticket:any");
  if (ticket.priority === priority) return;
  const plan = await loadPlan(tx, ticket.planId);
  await tx.update(tickets).set({ priority, updatedAt: now }).where(eq(tickets.id, ticket.id));
  await recordTicketEvent(tx, {
    ticketId: ticket.id,
    type: "retargeted",
    at: now,
    actorId: actor.id,
    data: { reason: "priority", priority, targets: plan.targets, planId: plan.plan.id },
  });
  await recomputeTicketSla(tx, ticket.id, now);
  await recordAudit(tx, { actorId: actor.id, action: "ticket.priority_changed", entityType: "ticket", entityId: ticket.id, before: { priority: ticket.priority }, after: { priority } });
}

/**
 * Staff clear a customer's "site is down" (misuse is visible, SPEC §3): the reason is required,
 * written to the ticket's history and the audit log; the flag's count in the report keeps the
 * ticket (as cleared). The priority stays as it is: staff change it separately if need be.
 */
export async function clearSiteDown(actor: Actor, number: number, reason: string, now = new Date()): Promise<void> {
  requireStaffPermission(actor, "update:ticket:any");
  const text = reason.trim();
  if (text.length < 3) throw AppError.invalid("siteDown.reasonRequired", { reason: ["siteDown.reasonRequired"] });
  await db.transaction(async (tx) => {
    const ticket = await findTicket(tx, actor, number, { forUpdate: true });
    if (!ticket.siteDown) throw AppError.conflict("siteDown.notFlagged");
    await tx.update(tickets).set({ siteDown: false, siteDownClearedAt: now, siteDownClearedBy: actor.id, siteDownClearReason: text, updatedAt: now }).where(eq(tickets.id, ticket.id));
    await recordTicketEvent(tx, { ticketId: ticket.id, type: "site_down_cleared", at: now, actorId: actor.id, data: { reason: text } });
    await recordAudit(tx, { actorId: actor.id, action: "ticket.site_down_cleared", entityType: "ticket", entityId: ticket.id, before: { siteDown: true }, after: { siteDown: false, reason: text } });
  });
}

/** Moves a ticket to its organisation's current plan (after an admin changed it); re-targets. */
export async function retargetTicketToPlan(tx: Executor, ticket: Ticket, planId: string, actorId: string | null, now: Date) {
  const plan = await loadPlan(tx, planId);
  await tx.update(tickets).set({ planId, updatedAt: now }).where(eq(tickets.id, ticket.id));
  await recordTicketEvent(tx, {
    ticketId: ticket.id,
    type: "retargeted",
    at: now,
    actorId,
    data: { reason: "plan", priority: ticket.priority, targets: plan.targets, planId },
  });
  await recomputeTicketSla(tx, ticket.id, now);
}

export type RevealResult = { details: AccessDetails; revealedAt: Date };

/**
 * Decrypts the access details for a staff member. Every reveal is written to the audit log
 * and the ticket's history, in the same transaction as the decryption is handed out.
 */
export async function revealAccessDetails(actor: Actor, number: number, now = new Date()): Promise<RevealResult> {
  requireStaffPermission(actor, "reveal:access-details:any");
  return db.transaction(async (tx) => {
    const ticket = await findTicket(tx, actor, number);
    if (ticket.accessDetailsErasedAt) throw AppError.conflict("tickets.error.accessErased");
    if (!ticket.accessDetailsCiphertext) throw AppError.notFound("tickets.error.noAccessDetails");
    const details = decryptAccessDetails(ticket.accessDetailsCiphertext, getEnv().ENCRYPTION_KEY, ticket.id);
    await recordTicketEvent(tx, { ticketId: ticket.id, type: "access_details_revealed", at: now, actorId: actor.id });
    await recordAudit(tx, { actorId: actor.id, action: "ticket.access_details_revealed", entityType: "ticket", entityId: ticket.id, after: { number: ticket.number } });
    return { details, revealedAt: now };
  });
}

const requesters = alias(users, "requester");
const assignees = alias(users, "assignee");

/** Everything the workspace shows, for staff. */
export async function staffTicketView(actor: Actor, number: number, options: { now?: Date; locale: "en" | "ru"; timeZone: string }) {
  requireStaffPermission(actor, "read:ticket:any");
  const now = options.now ?? new Date();
  const ticket = await findTicket(db, actor, number);
  const [head] = await db
    .select({
      organisation: { id: organisations.id, name: organisations.name, planId: organisations.planId },
      requester: { id: requesters.id, name: requesters.name, email: requesters.email },
      assignee: { id: assignees.id, name: assignees.name },
      product: { id: products.id, name: products.name, free: products.free },
    })
    .from(tickets)
    .innerJoin(organisations, eq(organisations.id, tickets.organisationId))
    .innerJoin(requesters, eq(requesters.id, tickets.requesterId))
    .leftJoin(assignees, eq(assignees.id, tickets.assigneeId))
    .leftJoin(products, eq(products.id, tickets.productId))
    .where(eq(tickets.id, ticket.id))
    .limit(1);

  const [messages, files, events, reveals, staff, sla, licence, orgPlan, followUps, ticketPlan, settings] = await Promise.all([
    db
      .select({
        id: ticketMessages.id,
        body: ticketMessages.body,
        mailNotes: ticketMessages.mailNotes,
        visibility: ticketMessages.visibility,
        fromStaff: ticketMessages.fromStaff,
        createdAt: ticketMessages.createdAt,
        authorName: users.name,
      })
      .from(ticketMessages)
      .innerJoin(users, eq(users.id, ticketMessages.authorId))
      .where(eq(ticketMessages.ticketId, ticket.id))
      .orderBy(asc(ticketMessages.createdAt), asc(ticketMessages.id))
      .limit(1000),
    db
      .select({ id: attachments.id, messageId: attachments.messageId, fileName: attachments.fileName, contentType: attachments.contentType, size: attachments.size })
      .from(attachments)
      .where(eq(attachments.ticketId, ticket.id))
      .orderBy(asc(attachments.createdAt)),
    db
      .select({ id: ticketEvents.id, type: ticketEvents.type, at: ticketEvents.at, data: ticketEvents.data, actorName: users.name })
      .from(ticketEvents)
      .leftJoin(users, eq(users.id, ticketEvents.actorId))
      .where(eq(ticketEvents.ticketId, ticket.id))
      .orderBy(asc(ticketEvents.at))
      .limit(1000),
    db
      .select({ id: auditLog.id, at: auditLog.at, actorName: users.name })
      .from(auditLog)
      .leftJoin(users, eq(users.id, auditLog.actorId))
      .where(and(eq(auditLog.entityType, "ticket"), eq(auditLog.entityId, ticket.id), eq(auditLog.action, "ticket.access_details_revealed")))
      .orderBy(asc(auditLog.at))
      .limit(100),
    assignableStaff(db),
    slaPanel(db, ticket, now, options.locale, options.timeZone),
    ticket.licenceId
      ? db
          .select({ licence: licences, product: { name: products.name, free: products.free } })
          .from(licences)
          .innerJoin(products, eq(products.id, licences.productId))
          .where(eq(licences.id, ticket.licenceId))
          .limit(1)
          .then((rows) => rows[0] ?? null)
      : Promise.resolve(null),
    planForOrganisation(db, ticket.organisationId),
    db
      .select({ number: tickets.number, id: tickets.id })
      .from(tickets)
      .where(eq(tickets.followUpOfId, ticket.id))
      .orderBy(asc(tickets.number)),
    db.select({ name: supportPlans.name }).from(supportPlans).where(eq(supportPlans.id, ticket.planId)).limit(1),
    getSettings(),
  ]);
  const original = ticket.followUpOfId
    ? (await db.select({ number: tickets.number }).from(tickets).where(eq(tickets.id, ticket.followUpOfId)).limit(1))[0] ?? null
    : null;

  return {
    ticket: {
      id: ticket.id,
      number: ticket.number,
      subject: ticket.subject,
      description: ticket.description,
      mailNotes: ticket.mailNotes,
      stepsToReproduce: ticket.stepsToReproduce,
      siteAddress: ticket.siteAddress,
      siteDown: ticket.siteDown,
      type: ticket.type,
      status: ticket.status,
      priority: ticket.priority,
      createdAt: ticket.createdAt,
      solvedAt: ticket.solvedAt,
      closedAt: ticket.closedAt,
      slaDueAt: ticket.slaDueAt,
      slaWarnAt: ticket.slaWarnAt,
      slaState: ticket.slaState,
      noResponseCommitment: ticket.noResponseCommitment,
      hasAccessDetails: Boolean(ticket.accessDetailsCiphertext),
      accessDetailsErasedAt: ticket.accessDetailsErasedAt,
      accessDetailsEraseAt:
        ticket.closedAt && ticket.accessDetailsCiphertext
          ? new Date(ticket.closedAt.getTime() + settings.tickets.accessDetailsErasureDays * 86_400_000)
          : null,
      planName: ticketPlan[0]?.name ?? "",
      followUpOf: original,
      followUps,
    },
    organisation: head!.organisation,
    requester: head!.requester,
    assignee: head!.assignee?.id ? head!.assignee : null,
    product: head!.product?.id ? head!.product : null,
    licence: licence
      ? {
          id: licence.licence.id,
          productName: licence.product.name,
          keyEnding: licence.licence.keyCanonical.slice(-5),
          productionHost: licence.licence.productionHost,
          supportUntil: licence.licence.supportUntil,
          status: deriveLicenceStatus({ ...licence.licence, free: licence.product.free }, now).status,
          organisationPlan: orgPlan.plan.name,
        }
      : null,
    organisationPlan: orgPlan.plan.name,
    messages,
    attachments: files,
    events,
    reveals,
    staff,
    sla,
    now,
  };
}

/** Team leads for the queue's assignee filter etc. (small list). */
export async function staffChoices(actor: Actor) {
  requireStaffPermission(actor, "read:ticket:any");
  return assignableStaff(db);
}

