import { and, asc, eq, inArray, isNull, ne } from "drizzle-orm";
import { ticketParticipants, users, type Ticket } from "#db/schema";
import { recordAudit } from "~/utils/audit.server";
import { db, type Executor } from "~/utils/db.server";
import { AppError } from "~/utils/errors.server";
import { can, type Actor } from "../accounts/permissions";
import { findTicket, isCustomer, userContact } from "./tickets.server";

/**
 * CC and followers (docs/decisions/181). CC'd people are contacts of the ticket's own
 * organisation — never another's — and receive the emails the requester receives; followers
 * are staff who receive the emails the assignee receives. Customers of the organisation may add
 * CC from its contacts; only staff follow.
 */

export type ParticipantKind = "cc" | "follower";

export async function participantIds(executor: Executor, ticketId: string, kind: ParticipantKind): Promise<string[]> {
  const rows = await executor
    .select({ userId: ticketParticipants.userId })
    .from(ticketParticipants)
    .where(and(eq(ticketParticipants.ticketId, ticketId), eq(ticketParticipants.kind, kind)));
  return rows.map((r) => r.userId);
}

/** The requester and the CC'd contacts (active ones), each once: who gets the customer's emails. */
export async function customerRecipients(executor: Executor, ticket: Pick<Ticket, "id" | "requesterId">) {
  const ids = [ticket.requesterId, ...(await participantIds(executor, ticket.id, "cc"))];
  const people = await Promise.all([...new Set(ids)].map((id) => userContact(executor, id)));
  return people.filter((p): p is NonNullable<typeof p> => p !== null && !p.deactivatedAt);
}

/** Staff followers (active ones) other than `except`: who get the assignee's emails too. */
export async function staffFollowers(executor: Executor, ticketId: string, except: Array<string | null>) {
  const ids = (await participantIds(executor, ticketId, "follower")).filter((id) => !except.includes(id));
  const people = await Promise.all(ids.map((id) => userContact(executor, id)));
  return people.filter((p): p is NonNullable<typeof p> => p !== null && !p.deactivatedAt && p.role !== "customer");
}

/** CC'd contacts and followers of a ticket, by name, for the ticket pages. */
export async function ticketParticipantList(executor: Executor, ticketId: string) {
  return executor
    .select({ userId: users.id, name: users.name, email: users.email, kind: ticketParticipants.kind })
    .from(ticketParticipants)
    .innerJoin(users, eq(users.id, ticketParticipants.userId))
    .where(eq(ticketParticipants.ticketId, ticketId))
    .orderBy(asc(users.name));
}

/** Contacts of the ticket's organisation who could be CC'd (not the requester, not already CC'd). */
export async function ccCandidates(executor: Executor, ticket: Pick<Ticket, "id" | "organisationId" | "requesterId">) {
  const already = await participantIds(executor, ticket.id, "cc");
  const rows = await executor
    .select({ id: users.id, name: users.name, email: users.email })
    .from(users)
    .where(and(eq(users.organisationId, ticket.organisationId), eq(users.role, "customer"), isNull(users.deactivatedAt), ne(users.id, ticket.requesterId)))
    .orderBy(asc(users.name))
    .limit(500);
  return rows.filter((r) => !already.includes(r.id));
}

function canTouch(actor: Actor): boolean {
  return isCustomer(actor) ? can(actor, "reply:ticket:own") : can(actor, "update:ticket:any");
}

/** Adds a contact of the ticket's organisation as CC (customers of that organisation and staff). */
export async function addCc(actor: Actor, number: number, contactId: string, now = new Date()): Promise<void> {
  if (!canTouch(actor)) throw AppError.forbidden();
  await db.transaction(async (tx) => {
    const ticket = await findTicket(tx, actor, number, { forUpdate: true });
    const [contact] = /^[0-9a-f-]{36}$/i.test(contactId)
      ? await tx
          .select({ id: users.id, organisationId: users.organisationId, role: users.role, deactivatedAt: users.deactivatedAt })
          .from(users)
          .where(eq(users.id, contactId))
          .limit(1)
      : [];
    // Another organisation's people are not offered and not accepted — the same words as unknown.
    if (!contact || contact.role !== "customer" || contact.organisationId !== ticket.organisationId || contact.deactivatedAt) {
      throw AppError.invalid("cc.error.contactOfOrganisation", { contactId: ["cc.error.chooseContact"] });
    }
    if (contact.id === ticket.requesterId) return;
    const inserted = await tx
      .insert(ticketParticipants)
      .values({ ticketId: ticket.id, userId: contact.id, kind: "cc", addedBy: actor.id, addedAt: now })
      .onConflictDoNothing()
      .returning({ userId: ticketParticipants.userId });
    if (inserted.length === 0) return;
    await recordAudit(tx, { actorId: actor.id, action: "ticket.cc_added", entityType: "ticket", entityId: ticket.id, after: { number: ticket.number, contactId: contact.id } });
  });
}

export async function removeCc(actor: Actor, number: number, contactId: string): Promise<void> {
  if (!canTouch(actor)) throw AppError.forbidden();
  if (!/^[0-9a-f-]{36}$/i.test(contactId)) throw AppError.invalid("cc.error.chooseCcd");
  await db.transaction(async (tx) => {
    const ticket = await findTicket(tx, actor, number, { forUpdate: true });
    const removed = await tx
      .delete(ticketParticipants)
      .where(and(eq(ticketParticipants.ticketId, ticket.id), eq(ticketParticipants.userId, contactId), eq(ticketParticipants.kind, "cc")))
      .returning({ userId: ticketParticipants.userId });
    if (removed.length === 0) return;
    await recordAudit(tx, { actorId: actor.id, action: "ticket.cc_removed", entityType: "ticket", entityId: ticket.id, before: { number: ticket.number, contactId } });
  });
}

/** The staff member follows (or stops following) the ticket. */
export async function setFollowing(actor: Actor, number: number, follow: boolean, now = new Date()): Promise<void> {
  if (isCustomer(actor) || !can(actor, "read:ticket:any")) throw AppError.forbidden();
  await db.transaction(async (tx) => {
    const ticket = await findTicket(tx, actor, number);
    const changed = follow
      ? await tx
          .insert(ticketParticipants)
          .values({ ticketId: ticket.id, userId: actor.id, kind: "follower", addedBy: actor.id, addedAt: now })
          .onConflictDoNothing()
          .returning({ userId: ticketParticipants.userId })
      : await tx
          .delete(ticketParticipants)
          .where(and(eq(ticketParticipants.ticketId, ticket.id), eq(ticketParticipants.userId, actor.id), eq(ticketParticipants.kind, "follower")))
          .returning({ userId: ticketParticipants.userId });
    if (changed.length === 0) return;
    await recordAudit(tx, { actorId: actor.id, action: follow ? "ticket.followed" : "ticket.unfollowed", entityType: "ticket", entityId: ticket.id, after: { number: ticket.number } });
  });
}

/** Moves CC and followers of `fromId` onto `toId` (merge), keeping who added them. */
export async function moveParticipants(tx: Executor, fromId: string, toId: string): Promise<number> {
  const rows = await tx.select().from(ticketParticipants).where(eq(ticketParticipants.ticketId, fromId));
  if (rows.length > 0) {
    await tx
      .insert(ticketParticipants)
      .values(rows.map((r) => ({ ...r, ticketId: toId })))
      .onConflictDoNothing();
    await tx.delete(ticketParticipants).where(eq(ticketParticipants.ticketId, fromId));
  }
  return rows.length;
}

export async function addParticipant(tx: Executor, ticketId: string, userId: string, kind: ParticipantKind, addedBy: string, now: Date): Promise<void> {
  await tx.insert(ticketParticipants).values({ ticketId, userId, kind, addedBy, addedAt: now }).onConflictDoNothing();
}

/** Ticket ids among `ids` on which this user is CC'd (portal lists). */
export async function ccTicketIds(executor: Executor, userId: string, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await executor
    .select({ ticketId: ticketParticipants.ticketId })
    .from(ticketParticipants)
    .where(and(eq(ticketParticipants.userId, userId), eq(ticketParticipants.kind, "cc"), inArray(ticketParticipants.ticketId, ids)));
  return rows.map((r) => r.ticketId);
}

