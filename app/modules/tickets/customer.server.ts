import { and, asc, desc, eq, ilike, inArray, isNull, lt, or, sql, type SQL } from "drizzle-orm";
import { attachments, products, supportPlans, ticketEvents, ticketMessages, tickets, users } from "#db/schema";
import { db } from "~/utils/db.server";
import { AppError } from "~/utils/errors.server";
import { can, type Actor } from "../accounts/permissions";
import { escapeLike } from "../accounts/users.server";
import { ticketClocks } from "../sla/clocks.server";
import { promiseFromClocks } from "../sla/promise";
import { ticketNumberFromSearch } from "./queue-filters";
import type { CustomerListStatus } from "./schemas";
import { ACTIVE_STATUSES, nextStatuses } from "./status";
import { findTicket } from "./tickets.server";
import { getSettings } from "~/modules/settings/settings.server";

/** The customer's side: their organisation's tickets and one ticket's public conversation. */

export const CUSTOMER_PAGE_SIZE = 30;

function requireCustomerReader(actor: Actor): asserts actor is Actor & { organisationId: string } {
  if (actor.role !== "customer" || !actor.organisationId || !can(actor, "read:ticket:own")) throw AppError.notFound();
}

export async function listOrganisationTickets(
  actor: Actor,
  options: { status: CustomerListStatus; q?: string; before?: { at: Date; id: string } | null },
) {
  requireCustomerReader(actor);
  const conditions: SQL[] = [eq(tickets.organisationId, actor.organisationId)];
  if (options.status === "active") conditions.push(inArray(tickets.status, [...ACTIVE_STATUSES]));
  if (options.status === "solved") conditions.push(eq(tickets.status, "solved"));
  if (options.status === "closed") conditions.push(eq(tickets.status, "closed"));
  if (options.q) {
    const number = ticketNumberFromSearch(options.q);
    conditions.push(number !== null ? eq(tickets.number, number) : ilike(tickets.subject, `%${escapeLike(options.q)}%`));
  }
  if (options.before) {
    const at = options.before.at.toISOString();
    conditions.push(
      or(lt(tickets.createdAt, options.before.at), and(sql`${tickets.createdAt} = ${at}::timestamptz`, lt(tickets.id, options.before.id)))!,
    );
  }
  const rows = await db
    .select({
      id: tickets.id,
      number: tickets.number,
      subject: tickets.subject,
      status: tickets.status,
      type: tickets.type,
      createdAt: tickets.createdAt,
      updatedAt: tickets.updatedAt,
      productName: products.name,
      requesterName: users.name,
    })
    .from(tickets)
    .leftJoin(products, eq(products.id, tickets.productId))
    .innerJoin(users, eq(users.id, tickets.requesterId))
    .where(and(...conditions))
    .orderBy(desc(tickets.createdAt), desc(tickets.id))
    .limit(CUSTOMER_PAGE_SIZE + 1);
  const page = rows.slice(0, CUSTOMER_PAGE_SIZE);
  const last = page.at(-1);
  return { tickets: page, next: rows.length > CUSTOMER_PAGE_SIZE && last ? { at: last.createdAt, id: last.id } : null };
}

/** One ticket as its organisation's contacts see it: public messages only, no secrets. */
export async function customerTicketView(actor: Actor, number: number, now = new Date()) {
  requireCustomerReader(actor);
  const ticket = await findTicket(db, actor, number);
  const [messages, files, statusEvents, clocks, product, original, followUps, { tickets: ticketSettings }] = await Promise.all([
    db
      .select({ id: ticketMessages.id, body: ticketMessages.body, mailNotes: ticketMessages.mailNotes, fromStaff: ticketMessages.fromStaff, createdAt: ticketMessages.createdAt, authorName: users.name })
      .from(ticketMessages)
      .innerJoin(users, eq(users.id, ticketMessages.authorId))
      .where(and(eq(ticketMessages.ticketId, ticket.id), eq(ticketMessages.visibility, "public")))
      .orderBy(asc(ticketMessages.createdAt), asc(ticketMessages.id))
      .limit(1000),
    db
      .select({ id: attachments.id, messageId: attachments.messageId, fileName: attachments.fileName, contentType: attachments.contentType, size: attachments.size })
      .from(attachments)
      .leftJoin(ticketMessages, eq(ticketMessages.id, attachments.messageId))
      .where(and(eq(attachments.ticketId, ticket.id), or(isNull(attachments.messageId), eq(ticketMessages.visibility, "public"))))
      .orderBy(asc(attachments.createdAt)),
    db
      .select({ at: ticketEvents.at, data: ticketEvents.data })
      .from(ticketEvents)
      .where(and(eq(ticketEvents.ticketId, ticket.id), eq(ticketEvents.type, "status_changed")))
      .orderBy(asc(ticketEvents.at)),
    ticketClocks(db, ticket, now),
    ticket.productId ? db.select({ name: products.name }).from(products).where(eq(products.id, ticket.productId)).limit(1) : Promise.resolve([]),
    ticket.followUpOfId ? db.select({ number: tickets.number }).from(tickets).where(eq(tickets.id, ticket.followUpOfId)).limit(1) : Promise.resolve([]),
    db.select({ number: tickets.number }).from(tickets).where(eq(tickets.followUpOfId, ticket.id)).orderBy(asc(tickets.number)),
    getSettings(),
  ]);
  // A site that is down on a plan without urgent support: the plan's name for the upsell.
  const [plan] = ticket.siteDown ? await db.select({ name: supportPlans.name, allowsUrgent: supportPlans.allowsUrgent }).from(supportPlans).where(eq(supportPlans.id, ticket.planId)).limit(1) : [];
  return {
    siteDownUpsell: plan && !plan.allowsUrgent ? plan.name : null,
    ticket: {
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
      autoCloseAt: ticket.status === "solved" && ticket.solvedAt ? new Date(ticket.solvedAt.getTime() + ticketSettings.autoCloseDays * 86_400_000) : null,
      hasAccessDetails: Boolean(ticket.accessDetailsCiphertext),
      accessDetailsErasedAt: ticket.accessDetailsErasedAt,
      accessDetailsEraseAt:
        ticket.closedAt && ticket.accessDetailsCiphertext ? new Date(ticket.closedAt.getTime() + ticketSettings.accessDetailsErasureDays * 86_400_000) : null,
      productName: product[0]?.name ?? null,
      followUpOf: original[0]?.number ?? null,
      followUps: followUps.map((f) => f.number),
      noResponseCommitment: ticket.noResponseCommitment,
    },
    promise: promiseFromClocks(clocks.clocks, ticket),
    customerStatuses: nextStatuses(ticket.status, "customer"),
    messages,
    attachments: files,
    statusEvents: statusEvents.map((e) => ({ at: e.at, to: String(e.data.to ?? "") })),
  };
}
