import { and, asc, count, desc, eq, inArray, sql } from "drizzle-orm";
import { tags, ticketTags, tickets } from "#db/schema";
import { recordAudit } from "~/utils/audit.server";
import { db, type Executor } from "~/utils/db.server";
import { AppError } from "~/utils/errors.server";
import { msg, type MessageRef } from "~/utils/messages";
import { can, type Actor } from "../accounts/permissions";
import { findTicket, isCustomer } from "./tickets.server";
import { normaliseColour, normaliseTag, parseTagList, type TagProblem } from "./tags";

/**
 * Ticket tags (docs/decisions/175): an admin-managed list (labels in both languages, a colour)
 * plus free tags staff type. A ticket's tags are rows of (ticket, normalised name). Customers
 * never see them: every function here refuses a customer.
 *
 * Errors carry catalogue messages: `tags.error.<problem>` with the input as a parameter.
 */

function requireStaff(actor: Actor, permission: Parameters<typeof can>[1]): void {
  if (isCustomer(actor) || !can(actor, permission)) throw AppError.forbidden();
}

export function tagProblemCode(problem: TagProblem | "too_many", input: string): MessageRef {
  return msg(`tags.error.${problem}`, { input });
}

/** Normalises a list (or throws AppError.invalid naming the first bad entry). */
export function normaliseTagsOrThrow(input: string | readonly string[], field = "tags"): string[] {
  const parsed = parseTagList(input);
  if (!parsed.ok) {
    const code = tagProblemCode(parsed.problem, parsed.input);
    throw AppError.invalid(code, { [field]: [code] });
  }
  return parsed.tags;
}

async function ticketTagNames(executor: Executor, ticketId: string): Promise<string[]> {
  const rows = await executor.select({ tag: ticketTags.tag }).from(ticketTags).where(eq(ticketTags.ticketId, ticketId)).orderBy(asc(ticketTags.tag));
  return rows.map((r) => r.tag);
}

/**
 * Replaces a ticket's tags inside the caller's transaction (audited when anything changed).
 * `mode: "add"` keeps the existing tags and adds these (what a macro does).
 */
export async function setTicketTagsWithin(tx: Executor, actor: Actor, ticketId: string, input: readonly string[], mode: "replace" | "add" = "replace", now = new Date()) {
  requireStaff(actor, "update:ticket:any");
  const wanted = normaliseTagsOrThrow(input);
  const [ticket] = await tx.select({ id: tickets.id }).from(tickets).where(eq(tickets.id, ticketId)).for("update");
  if (!ticket) throw AppError.notFound();
  const before = await ticketTagNames(tx, ticketId);
  const after = mode === "add" ? [...before, ...wanted.filter((t) => !before.includes(t))].sort() : [...wanted].sort();
  if (after.length > 20) throw AppError.invalid(tagProblemCode("too_many", "20"), { tags: [tagProblemCode("too_many", "20")] });
  const removed = before.filter((t) => !after.includes(t));
  const added = after.filter((t) => !before.includes(t));
  if (removed.length === 0 && added.length === 0) return after;
  if (removed.length > 0) await tx.delete(ticketTags).where(and(eq(ticketTags.ticketId, ticketId), inArray(ticketTags.tag, removed)));
  if (added.length > 0) await tx.insert(ticketTags).values(added.map((tag) => ({ ticketId, tag, createdAt: now }))).onConflictDoNothing();
  await recordAudit(tx, { actorId: actor.id, action: "ticket.tags_changed", entityType: "ticket", entityId: ticketId, before: { tags: before }, after: { tags: after } });
  return after;
}

/**
 * Sets a ticket's tags (the full list: what is not in it is removed). One transaction with the
 * audit entry. Used by the ticket workspace and by bulk actions.
 */
export async function setTicketTags(actor: Actor, ticketId: string, input: readonly string[]): Promise<string[]> {
  requireStaff(actor, "update:ticket:any");
  return db.transaction((tx) => setTicketTagsWithin(tx, actor, ticketId, input));
}

/** The workspace's form: the ticket by its number (404 for a ticket the actor cannot see). */
export async function setTicketTagsByNumber(actor: Actor, number: number, input: readonly string[]): Promise<string[]> {
  requireStaff(actor, "update:ticket:any");
  return db.transaction(async (tx) => {
    const ticket = await findTicket(tx, actor, number);
    return setTicketTagsWithin(tx, actor, ticket.id, input);
  });
}

export type TagLabel = { name: string; label: string; colour: string | null; managed: boolean };

/** Tags of several tickets (queue rows), labelled in the reader's language. */
export async function tagsForTickets(actor: Actor, ticketIds: readonly string[], locale: "en" | "ru"): Promise<Record<string, TagLabel[]>> {
  requireStaff(actor, "read:ticket:any");
  if (ticketIds.length === 0) return {};
  const rows = await db
    .select({ ticketId: ticketTags.ticketId, tag: ticketTags.tag, labelEn: tags.labelEn, labelRu: tags.labelRu, colour: tags.colour })
    .from(ticketTags)
    .leftJoin(tags, eq(tags.name, ticketTags.tag))
    .where(inArray(ticketTags.ticketId, [...ticketIds]))
    .orderBy(asc(ticketTags.tag));
  const byTicket: Record<string, TagLabel[]> = {};
  for (const r of rows) {
    const label = (locale === "ru" ? r.labelRu : r.labelEn) || r.labelEn || r.tag;
    (byTicket[r.ticketId] ??= []).push({ name: r.tag, label, colour: r.colour, managed: r.labelEn !== null });
  }
  return byTicket;
}

/** The admin list, with how many tickets carry each tag. */
export async function listTags(actor: Actor) {
  requireStaff(actor, "read:ticket:any");
  return db
    .select({ id: tags.id, name: tags.name, labelEn: tags.labelEn, labelRu: tags.labelRu, colour: tags.colour, tickets: sql<number>`(select count(*)::int from ${ticketTags} where ${ticketTags.tag} = ${tags.name})` })
    .from(tags)
    .orderBy(asc(tags.name))
    .limit(1000);
}

export type TagInput = { labelEn: string; labelRu: string; colour?: string | null };

function tagValues(input: TagInput) {
  const labelEn = input.labelEn.trim();
  const labelRu = input.labelRu.trim() || labelEn;
  const name = normaliseTag(labelEn);
  if (!name.ok) {
    const code = tagProblemCode(name.problem, labelEn);
    throw AppError.invalid(code, { labelEn: [code] });
  }
  if (labelRu.length > 60) throw AppError.invalid(tagProblemCode("too_long", labelRu), { labelRu: [tagProblemCode("too_long", labelRu)] });
  return { name: name.tag, labelEn, labelRu, colour: normaliseColour(input.colour) };
}

async function assertNameFree(tx: Executor, name: string, exceptId: string | null) {
  const [clash] = await tx.select({ id: tags.id }).from(tags).where(eq(tags.name, name)).limit(1);
  if (clash && clash.id !== exceptId) throw AppError.invalid(msg("tags.error.exists", { input: name }), { labelEn: [msg("tags.error.exists", { input: name })] });
}

export async function createTag(actor: Actor, input: TagInput) {
  requireStaff(actor, "manage:settings:any");
  const values = tagValues(input);
  return db.transaction(async (tx) => {
    await assertNameFree(tx, values.name, null);
    const [row] = await tx.insert(tags).values(values).returning();
    await recordAudit(tx, { actorId: actor.id, action: "tag.created", entityType: "tag", entityId: row!.id, after: values });
    return row!;
  });
}

/** Renames a managed tag; tickets carrying the old name carry the new one (same transaction). */
export async function updateTag(actor: Actor, id: string, input: TagInput) {
  requireStaff(actor, "manage:settings:any");
  const values = tagValues(input);
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(tags).where(eq(tags.id, id)).for("update");
    if (!before) throw AppError.notFound();
    await assertNameFree(tx, values.name, id);
    await tx.update(tags).set(values).where(eq(tags.id, id));
    if (before.name !== values.name) {
      // Tickets that already carry the new name keep one row.
      await tx.execute(sql`delete from ${ticketTags} where ${ticketTags.tag} = ${before.name} and ${ticketTags.ticketId} in (select ${ticketTags.ticketId} from ${ticketTags} where ${ticketTags.tag} = ${values.name})`);
      await tx.update(ticketTags).set({ tag: values.name }).where(eq(ticketTags.tag, before.name));
    }
    await recordAudit(tx, { actorId: actor.id, action: "tag.updated", entityType: "tag", entityId: id, before: { name: before.name, labelEn: before.labelEn, labelRu: before.labelRu, colour: before.colour }, after: values });
  });
}

/** Deletes a managed tag and removes it from every ticket (the page asks for confirmation). */
export async function deleteTag(actor: Actor, id: string): Promise<number> {
  requireStaff(actor, "manage:settings:any");
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(tags).where(eq(tags.id, id)).for("update");
    if (!before) throw AppError.notFound();
    const removed = await tx.delete(ticketTags).where(eq(ticketTags.tag, before.name)).returning({ ticketId: ticketTags.ticketId });
    await tx.delete(tags).where(eq(tags.id, id));
    await recordAudit(tx, { actorId: actor.id, action: "tag.deleted", entityType: "tag", entityId: id, before: { name: before.name, labelEn: before.labelEn, labelRu: before.labelRu }, after: { ticketsUntagged: removed.length } });
    return removed.length;
  });
}

/** Managed tags for pickers (workspace datalist, queue filter, macro form). */
export async function tagChoices(actor: Actor, locale: "en" | "ru") {
  requireStaff(actor, "read:ticket:any");
  const rows = await db.select().from(tags).orderBy(asc(tags.name)).limit(500);
  return rows.map((r) => ({ name: r.name, label: (locale === "ru" ? r.labelRu : r.labelEn) || r.name, colour: r.colour }));
}

/** Tickets by tag (the report): every tag in use, most used first; `active` counts open work. */
export async function ticketsByTag(actor: Actor, options: { from?: Date; to?: Date } = {}) {
  if (isCustomer(actor) || !can(actor, "read:report:any")) throw AppError.forbidden();
  const conditions = [
    options.from ? sql`${tickets.createdAt} >= ${options.from.toISOString()}::timestamptz` : undefined,
    options.to ? sql`${tickets.createdAt} < ${options.to.toISOString()}::timestamptz` : undefined,
  ].filter((c) => c !== undefined);
  return db
    .select({
      tag: ticketTags.tag,
      labelEn: tags.labelEn,
      labelRu: tags.labelRu,
      tickets: count(),
      active: sql<number>`count(*) filter (where ${tickets.status} in ('new', 'open', 'pending', 'on_hold'))::int`,
    })
    .from(ticketTags)
    .innerJoin(tickets, eq(tickets.id, ticketTags.ticketId))
    .leftJoin(tags, eq(tags.name, ticketTags.tag))
    .where(conditions.length ? and(...conditions) : undefined)
    .groupBy(ticketTags.tag, tags.labelEn, tags.labelRu)
    .orderBy(desc(count()), asc(ticketTags.tag))
    .limit(500);
}
