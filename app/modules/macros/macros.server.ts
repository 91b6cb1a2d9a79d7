import { and, asc, eq, ilike, isNull, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { licences, macros, organisations, products, tickets, users, type Macro, type Ticket } from "#db/schema";
import { recordAudit } from "~/utils/audit.server";
import { db, type Executor } from "~/utils/db.server";
import { AppError } from "~/utils/errors.server";
import { checkInput, fieldErrorsOf } from "~/utils/forms";
import { can, type Actor } from "../accounts/permissions";
import { escapeLike } from "../accounts/users.server";
import { displayLicenceKey } from "../licensing/licence-key";
import { renewalPrice } from "../licensing/renewal-pricing";
import { getSettings } from "../settings/settings.server";
import { replyAsStaffWithin } from "../tickets/conversation.server";
import { applyAssignment, setTicketPriorityWithin } from "../tickets/desk.server";
import { normaliseTagsOrThrow, setTicketTagsWithin } from "../tickets/tags.server";
import { findTicket, isCustomer } from "../tickets/tickets.server";
import { discardStoredUploads, withStoredUploads } from "../tickets/attachments.server";
import type { Upload } from "../tickets/uploads.server";
import { once, type IdempotencyKey } from "~/utils/idempotency.server";
import type { TicketStatus } from "../tickets/status";
import { renderMacroBody, type MacroContext } from "./render";
import { macroSchema, type MacroInput } from "./schemas";

/**
 * Macros (docs/decisions/175): canned replies that can act. Personal (owner = the engineer)
 * or shared (owner null; team leads and admins edit them). Using one from the reply box
 * inserts the rendered text for editing; sending applies its actions and counts the use.
 * `applyMacro` does all of it at once (bulk actions).
 */

function requireReplier(actor: Actor): void {
  if (isCustomer(actor) || !can(actor, "reply:ticket:any")) throw AppError.forbidden();
}

/** Shared macros are the team's: team leads and admins (who assign tickets) edit them. */
export function canEditShared(actor: Actor): boolean {
  return !isCustomer(actor) && can(actor, "assign:ticket:any");
}

function canEdit(actor: Actor, macro: Pick<Macro, "ownerId">): boolean {
  return macro.ownerId === null ? canEditShared(actor) : macro.ownerId === actor.id;
}

const visibleTo = (actor: Actor) => or(isNull(macros.ownerId), eq(macros.ownerId, actor.id));

export type MacroListItem = Macro & { shared: boolean; editable: boolean };

/** The actor's macros and the shared ones, by title; `q` searches titles and texts. */
export async function listMacros(actor: Actor, options: { q?: string } = {}): Promise<MacroListItem[]> {
  requireReplier(actor);
  const q = options.q?.trim().slice(0, 100);
  const pattern = q ? `%${escapeLike(q)}%` : null;
  const rows = await db
    .select()
    .from(macros)
    .where(and(visibleTo(actor), pattern ? or(ilike(macros.title, pattern), ilike(macros.bodyEn, pattern), ilike(macros.bodyRu, pattern)) : undefined))
    .orderBy(asc(macros.title), asc(macros.id))
    .limit(500);
  return rows.map((m) => ({ ...m, shared: m.ownerId === null, editable: canEdit(actor, m) }));
}

export async function getMacro(actor: Actor, id: string): Promise<MacroListItem> {
  requireReplier(actor);
  const [row] = await db.select().from(macros).where(and(eq(macros.id, id), visibleTo(actor))).limit(1);
  if (!row) throw AppError.notFound();
  return { ...row, shared: row.ownerId === null, editable: canEdit(actor, row) };
}

function macroValues(actor: Actor, input: MacroInput) {
  const checked = checkInput(macroSchema, input);
  if (!checked.success) {
    const fieldErrors = fieldErrorsOf(checked.error.issues);
    throw AppError.invalid(Object.values(fieldErrors)[0]![0]!, fieldErrors);
  }
  const value = checked.data;
  if (value.shared && !canEditShared(actor)) throw AppError.forbidden("macros.error.onlyLeadsShared");
  return {
    title: value.title,
    bodyEn: value.bodyEn,
    bodyRu: value.bodyRu,
    setStatus: value.setStatus,
    setPriority: value.setPriority,
    assign: value.assign,
    addTags: normaliseTagsOrThrow(value.addTags, "addTags"),
    ownerId: value.shared ? null : actor.id,
  };
}

/** Creates (id null) or updates a macro; unknown placeholders are refused by name. */
export async function saveMacro(actor: Actor, id: string | null, input: MacroInput, now = new Date()): Promise<Macro> {
  requireReplier(actor);
  const values = macroValues(actor, input);
  return db.transaction(async (tx) => {
    if (id === null) {
      const [row] = await tx.insert(macros).values({ ...values, createdAt: now, updatedAt: now }).returning();
      await recordAudit(tx, { actorId: actor.id, action: "macro.created", entityType: "macro", entityId: row!.id, after: values });
      return row!;
    }
    const [before] = await tx.select().from(macros).where(and(eq(macros.id, id), visibleTo(actor))).for("update");
    if (!before) throw AppError.notFound();
    if (!canEdit(actor, before)) throw AppError.forbidden("macros.error.onlyLeadsShared");
    const [row] = await tx.update(macros).set({ ...values, updatedAt: now }).where(eq(macros.id, id)).returning();
    await recordAudit(tx, { actorId: actor.id, action: "macro.updated", entityType: "macro", entityId: id, before: { title: before.title, ownerId: before.ownerId }, after: values });
    return row!;
  });
}

export async function deleteMacro(actor: Actor, id: string): Promise<void> {
  requireReplier(actor);
  await db.transaction(async (tx) => {
    const [before] = await tx.select().from(macros).where(and(eq(macros.id, id), visibleTo(actor))).for("update");
    if (!before) throw AppError.notFound();
    if (!canEdit(actor, before)) throw AppError.forbidden("macros.error.onlyLeadsShared");
    await tx.delete(macros).where(eq(macros.id, id));
    await recordAudit(tx, { actorId: actor.id, action: "macro.deleted", entityType: "macro", entityId: id, before: { title: before.title, ownerId: before.ownerId } });
  });
}

/** What the placeholders speak about: the requester's language and zone decide the words. */
export async function macroContext(executor: Executor, ticket: Ticket, agentId: string): Promise<MacroContext> {
  // One statement: the organisation's row with the requester, the agent and the licence beside it.
  const agents = alias(users, "agent");
  const [row] = await executor
    .select({
      requester: { name: users.name, locale: users.locale, timeZone: users.timeZone },
      agentName: agents.name,
      organisationName: organisations.name,
      key: licences.keyCanonical,
      supportUntil: licences.supportUntil,
      revokedAt: licences.revokedAt,
      free: products.free,
      listPriceMinor: products.listPriceMinor,
      currency: products.currency,
    })
    .from(organisations)
    .leftJoin(users, eq(users.id, ticket.requesterId))
    .leftJoin(agents, eq(agents.id, agentId))
    .leftJoin(licences, ticket.licenceId ? eq(licences.id, ticket.licenceId) : sql`false`)
    .leftJoin(products, eq(products.id, licences.productId))
    .where(eq(organisations.id, ticket.organisationId))
    .limit(1);
  const requester = row?.requester ?? null;
  const agent = { name: row?.agentName ?? null };
  const organisation = { name: row?.organisationName ?? null };
  let licence: MacroContext["licence"] = null;
  let renewal: MacroContext["renewal"] = null;
  if (row?.key && row.free !== null && row.listPriceMinor !== null && row.currency !== null) {
    licence = { key: displayLicenceKey(row.key), supportUntil: row.free ? null : row.supportUntil };
    if (!row.free && !row.revokedAt) {
      const percentage = (await getSettings(executor)).renewals.renewalPercent;
      const quote = renewalPrice({ listPriceMinor: row.listPriceMinor, currency: row.currency, percentage });
      renewal = { amountMinor: quote.amountMinor, currency: quote.currency };
    }
  }
  return {
    locale: requester?.locale ?? "en",
    timeZone: requester?.timeZone ?? null,
    customer: { name: requester?.name ?? null },
    ticket: { number: ticket.number, subject: ticket.subject },
    organisation: { name: organisation?.name ?? null },
    licence,
    renewal,
    agent: { name: agent?.name ?? null },
  };
}

export type MacroForReply = {
  id: string;
  title: string;
  shared: boolean;
  body: string;
  setStatus: TicketStatus | null;
  setPriority: Macro["setPriority"];
  assign: string | null;
  addTags: string[];
  usageCount: number;
};

/** Every macro the actor may use, rendered for this ticket's customer (the reply box's picker). */
export async function macrosForReply(actor: Actor, number: number): Promise<MacroForReply[]> {
  requireReplier(actor);
  const ticket = await findTicket(db, actor, number);
  const [context, rows] = await Promise.all([
    macroContext(db, ticket, actor.id),
    db.select().from(macros).where(visibleTo(actor)).orderBy(sql`${macros.usageCount} desc`, asc(macros.title)).limit(300),
  ]);
  return rows.map((m) => ({
    id: m.id,
    title: m.title,
    shared: m.ownerId === null,
    body: renderMacroBody({ en: m.bodyEn, ru: m.bodyRu }, context),
    setStatus: m.setStatus,
    setPriority: m.setPriority,
    assign: m.assign,
    addTags: m.addTags,
    usageCount: m.usageCount,
  }));
}

async function visibleMacro(tx: Executor, actor: Actor, macroId: string): Promise<Macro> {
  const [macro] = await tx.select().from(macros).where(and(eq(macros.id, macroId), visibleTo(actor))).limit(1);
  if (!macro) throw AppError.notFound("macros.error.notFound");
  return macro;
}

/**
 * The macro's actions other than the reply and its status (priority, tags, assignment), and
 * its use counted — inside the caller's transaction, after the reply was posted.
 * "Assign to me" takes the ticket when it is free or the actor may assign; "nobody" releases
 * it when it is the actor's or the actor may assign; otherwise the assignment is left as is.
 */
async function applyMacroActionsWithin(tx: Executor, actor: Actor, number: number, macro: Macro, now: Date): Promise<void> {
  let ticket = await findTicket(tx, actor, number, { forUpdate: true });
  if (macro.setPriority && can(actor, "update:ticket:any")) await setTicketPriorityWithin(tx, actor, ticket, macro.setPriority, now);
  if (macro.addTags.length > 0 && can(actor, "update:ticket:any")) await setTicketTagsWithin(tx, actor, ticket.id, macro.addTags, "add", now);
  ticket = await findTicket(tx, actor, number, { forUpdate: true });
  if (macro.assign === "me" && (ticket.assigneeId === null || can(actor, "assign:ticket:any"))) await applyAssignment(tx, actor, ticket, actor.id, now);
  if (macro.assign === "nobody" && (ticket.assigneeId === actor.id || can(actor, "assign:ticket:any"))) await applyAssignment(tx, actor, ticket, null, now);
  await tx.update(macros).set({ usageCount: sql`${macros.usageCount} + 1` }).where(eq(macros.id, macro.id));
  await recordAudit(tx, { actorId: actor.id, action: "macro.applied", entityType: "ticket", entityId: ticket.id, after: { macroId: macro.id, title: macro.title } });
}

/**
 * The reply box sent a reply that started from a macro (the engineer may have edited the text):
 * the reply (with the status chosen in the form, else the macro's), then the macro's other
 * actions and its use count — one transaction.
 */
export async function sendMacroReply(
  actor: Actor,
  number: number,
  macroId: string,
  reply: { body: string; visibility: "public" | "internal"; status?: TicketStatus },
  uploads: Upload[] = [],
  now = new Date(),
  key: IdempotencyKey | null = null,
) {
  requireReplier(actor);
  return withStoredUploads(uploads, (stored) =>
    db.transaction((tx) =>
      once(
        tx,
        `ticket.reply:${number}`,
        key,
        async () => {
          const macro = await visibleMacro(tx, actor, macroId);
          const result = await replyAsStaffWithin(tx, actor, number, { ...reply, status: reply.status ?? macro.setStatus ?? undefined }, stored, now);
          await applyMacroActionsWithin(tx, actor, number, macro, now);
          return result;
        },
        () => discardStoredUploads(stored),
      ),
    ),
  );
}

/**
 * Applies a macro to a ticket as it is: posts the rendered text as a public reply (in the
 * customer's language), sets its status (a pending change pauses the clocks as any other),
 * priority, tags and assignment, and counts the use. One transaction, audited. For bulk actions.
 */
export async function applyMacro(actor: Actor, ticketId: string, macroId: string, now = new Date()): Promise<{ number: number; status: TicketStatus }> {
  requireReplier(actor);
  return db.transaction(async (tx) => {
    const [row] = await tx.select({ number: tickets.number }).from(tickets).where(eq(tickets.id, ticketId)).limit(1);
    if (!row) throw AppError.notFound();
    const ticket = await findTicket(tx, actor, row.number, { forUpdate: true });
    const macro = await visibleMacro(tx, actor, macroId);
    const body = renderMacroBody({ en: macro.bodyEn, ru: macro.bodyRu }, await macroContext(tx, ticket, actor.id)).trim();
    if (!body) throw AppError.invalid("macros.error.body");
    const result = await replyAsStaffWithin(tx, actor, ticket.number, { body, visibility: "public", status: macro.setStatus ?? undefined }, [], now);
    await applyMacroActionsWithin(tx, actor, ticket.number, macro, now);
    return { number: result.number, status: (await findTicket(tx, actor, ticket.number)).status };
  });
}
