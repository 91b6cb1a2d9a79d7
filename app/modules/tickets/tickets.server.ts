import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import { ticketEvents, ticketParticipants, tickets, users, type Ticket } from "#db/schema";
import type { Executor } from "~/utils/db.server";
import { queueEmail } from "~/utils/email.server";
import { getEnv } from "~/utils/env.server";
import { readTicketRow } from "./ticket-row.server";
import { AppError } from "~/utils/errors.server";
import { can, type Actor } from "../accounts/permissions";
import type { TicketStatus } from "./status";
import { getSettings } from "~/modules/settings/settings.server";
import { emailAssignmentChange, emailWanted } from "../notifications/notifications.server";

/**
 * Shared pieces of the ticket use cases: finding a ticket the actor may see, recording its
 * events, and the emails to the customer. Customers reach tickets of their own organisation
 * only; anything else is "not found" (never "forbidden"), so ticket numbers leak nothing.
 */

export type TicketEventType = (typeof ticketEvents.$inferInsert)["type"];

export function isCustomer(actor: Actor): boolean {
  return actor.role === "customer";
}

export function assertCanRead(actor: Actor, ticket: Pick<Ticket, "organisationId">): void {
  if (isCustomer(actor)) {
    if (!actor.organisationId || ticket.organisationId !== actor.organisationId) throw AppError.notFound("tickets.error.notFound");
    return;
  }
  if (!can(actor, "read:ticket:any")) throw AppError.forbidden();
}

/** The ticket with this number, if the actor may see it; `forUpdate` locks the row. */
export async function findTicket(executor: Executor, actor: Actor, number: number, options: { forUpdate?: boolean } = {}): Promise<Ticket> {
  if (!Number.isSafeInteger(number) || number <= 0) throw AppError.notFound("tickets.error.notFound");
  const ticket = options.forUpdate
    ? (await executor.select().from(tickets).where(eq(tickets.number, number)).limit(1).for("update"))[0]
    : await readTicketRow(executor, { number });
  if (!ticket) throw AppError.notFound("tickets.error.notFound");
  assertCanRead(actor, ticket);
  return ticket;
}

export async function recordTicketEvent(
  tx: Executor,
  event: { ticketId: string; type: TicketEventType; at: Date; actorId: string | null; data?: Record<string, unknown> },
): Promise<void> {
  await tx.insert(ticketEvents).values({ ...event, data: event.data ?? {} });
  // Emails follow from the recorded fact, whichever use case recorded it (claim, assign, remedy).
  if (event.type === "assigned") {
    const data = event.data ?? {};
    await emailAssignmentChange(tx, {
      ticketId: event.ticketId,
      from: typeof data.from === "string" ? data.from : null,
      to: typeof data.to === "string" ? data.to : null,
      actorId: event.actorId,
      at: event.at,
    });
  }
}

/** Moves the ticket to `to` and records the fact; keeps solved_at / closed_at in step. */
export async function applyStatus(tx: Executor, ticket: Ticket, to: TicketStatus, actorId: string | null, now: Date): Promise<Ticket> {
  if (ticket.status === to) return ticket;
  const patch: Partial<Ticket> = { status: to, updatedAt: now };
  if (to === "solved") patch.solvedAt = now;
  if (to === "closed") patch.closedAt = now;
  if (ticket.status === "solved" && to !== "closed") patch.solvedAt = null;
  const [updated] = await tx.update(tickets).set(patch).where(eq(tickets.id, ticket.id)).returning();
  await recordTicketEvent(tx, { ticketId: ticket.id, type: "status_changed", at: now, actorId, data: { from: ticket.status, to } });
  return updated!;
}

export async function userContact(executor: Executor, userId: string) {
  const [user] = await executor
    .select({ id: users.id, name: users.name, email: users.email, locale: users.locale, timeZone: users.timeZone, role: users.role, deactivatedAt: users.deactivatedAt })
    .from(users)
    .where(eq(users.id, userId))
    .limit(1);
  return user ?? null;
}

export function customerTicketUrl(number: number): string {
  return `${getEnv().APP_URL}/portal/tickets/${number}`;
}

export function deskTicketUrl(number: number): string {
  return `${getEnv().APP_URL}/desk/tickets/${number}`;
}

/** "Your ticket is now …" to the requester and the CC'd contacts (not to whoever changed it). */
export async function emailStatusChange(tx: Executor, ticket: Ticket, actorId: string | null, only?: string[]): Promise<void> {
  const cc = await tx
    .select({ userId: ticketParticipants.userId })
    .from(ticketParticipants)
    .where(and(eq(ticketParticipants.ticketId, ticket.id), eq(ticketParticipants.kind, "cc")));
  const ids = [...new Set([ticket.requesterId, ...cc.map((r) => r.userId)])].filter((id) => id !== actorId && (!only || only.includes(id)));
  for (const id of ids) {
    const person = await userContact(tx, id);
    if (!person || person.deactivatedAt) continue;
    if (!(await emailWanted(tx, person, "ticket_status_changed"))) continue;
    await queueEmail(tx, {
      to: person.email,
      template: "tickets.status-changed",
      ticketId: ticket.id,
      props: {
        locale: person.locale,
        name: person.name,
        number: ticket.number,
        subject: ticket.subject,
        status: ticket.status,
        autoCloseDays: (await getSettings(tx)).tickets.autoCloseDays,
        url: customerTicketUrl(ticket.number),
      },
    });
  }
}

/** Active staff who can be assigned tickets, for select boxes and checks. */
export async function assignableStaff(executor: Executor) {
  const rows = await executor
    .select({ id: users.id, name: users.name, role: users.role })
    .from(users)
    .where(and(isNull(users.deactivatedAt), inArray(users.role, ["engineer", "team_lead", "admin"])))
    .orderBy(asc(users.name));
  return rows;
}
