import { and, asc, eq, or, sql } from "drizzle-orm";
import { z } from "zod";
import { savedViews, tickets } from "#db/schema";
import { recordAudit } from "~/utils/audit.server";
import { db, rowsOf } from "~/utils/db.server";
import { AppError } from "~/utils/errors.server";
import { can, type Actor } from "../accounts/permissions";
import { parseQueueFilters, queueFiltersToParams, type QueueFilters } from "./queue-filters";
import { queueWhere } from "./queue.server";
import { columnsToParam, parseColumns, parseSort, sortToParam, type Column, type QueueSort } from "./queue-view";

/**
 * Saved queue views (ADR 171): the filters, sort and columns of a queue under a name. A user
 * sees their own views and the shared ones; only team leads and admins (who assign tickets,
 * `assign:ticket:any`) share a view with the team. The owner renames and deletes a view; an
 * admin may also remove a shared one.
 */
export const VIEW_COUNT_CAP = 1000;
export const MAX_VIEWS_PER_USER = 50;

export type QueueView = { filters: QueueFilters; sort: QueueSort; columns: Column[] };

/** Reads a queue view from URL parameters (page cursor and anything else ignored). */
export function queueViewFromParams(params: URLSearchParams): QueueView {
  return { filters: parseQueueFilters(params), sort: parseSort(params.get("sort")), columns: parseColumns(params.get("cols")) };
}

/** The canonical query string of a view: queue always present, defaults left out. */
export function queueViewToParams(view: QueueView): URLSearchParams {
  const params = queueFiltersToParams(view.filters);
  params.set("queue", view.filters.queue);
  const sort = sortToParam(view.sort);
  if (sort) params.set("sort", sort);
  const cols = columnsToParam(view.columns);
  if (cols) params.set("cols", cols);
  return params;
}

function requireStaff(actor: Actor): void {
  if (actor.role === "customer" || !can(actor, "read:ticket:any")) throw AppError.forbidden();
}

export function canShareViews(actor: Actor): boolean {
  return actor.role !== "customer" && can(actor, "assign:ticket:any");
}

const nameSchema = z.string().trim().min(1, "views.nameRequired").max(80, "views.nameTooLong");

export const saveViewSchema = z.object({ name: nameSchema, shared: z.boolean().default(false), params: z.string().max(2000) });
export const renameViewSchema = z.object({ viewId: z.uuid(), name: nameSchema });

export type ListedView = { id: string; name: string; params: string; shared: boolean; mine: boolean; ownerId: string; count: number; capped: boolean };

/** The actor's own views and the shared ones, each with a bounded count (at most VIEW_COUNT_CAP). */
export async function listSavedViews(actor: Actor, now = new Date()): Promise<ListedView[]> {
  requireStaff(actor);
  const rows = await db
    .select()
    .from(savedViews)
    .where(or(eq(savedViews.ownerId, actor.id), eq(savedViews.shared, true)))
    .orderBy(asc(savedViews.shared), asc(savedViews.name))
    .limit(200);
  return Promise.all(
    rows.map(async (row) => {
      const view = queueViewFromParams(new URLSearchParams(row.params));
      const [counted] = rowsOf<{ n: number }>(
        await db.execute(
          sql`select count(*)::int as n from (select 1 from ${tickets} where ${queueWhere(actor, view.filters, now) ?? sql`true`} limit ${VIEW_COUNT_CAP + 1}) as bounded`,
        ),
      );
      const n = Number(counted?.n ?? 0);
      return {
        id: row.id,
        name: row.name,
        params: row.params,
        shared: row.shared,
        mine: row.ownerId === actor.id,
        ownerId: row.ownerId,
        count: Math.min(n, VIEW_COUNT_CAP),
        capped: n > VIEW_COUNT_CAP,
      };
    }),
  );
}

/** Saves the given queue parameters under a name (replacing the actor's own view of that name). */
export async function saveView(actor: Actor, input: z.input<typeof saveViewSchema>): Promise<{ id: string }> {
  requireStaff(actor);
  const parsed = saveViewSchema.safeParse(input);
  if (!parsed.success) throw AppError.invalid("views.invalid", { name: ["views.nameRequired"] });
  const { name, shared, params } = parsed.data;
  if (shared && !canShareViews(actor)) throw AppError.forbidden("views.error.onlyLeadsShare");
  const canonical = queueViewToParams(queueViewFromParams(new URLSearchParams(params))).toString();
  return db.transaction(async (tx) => {
    const [{ n } = { n: 0 }] = await tx.select({ n: sql<number>`count(*)::int` }).from(savedViews).where(eq(savedViews.ownerId, actor.id));
    const [existing] = await tx.select().from(savedViews).where(and(eq(savedViews.ownerId, actor.id), eq(savedViews.name, name))).limit(1);
    if (!existing && Number(n) >= MAX_VIEWS_PER_USER) throw AppError.conflict("views.tooMany");
    const now = new Date();
    const [row] = existing
      ? await tx.update(savedViews).set({ params: canonical, shared, updatedAt: now }).where(eq(savedViews.id, existing.id)).returning({ id: savedViews.id })
      : await tx.insert(savedViews).values({ ownerId: actor.id, name, params: canonical, shared }).returning({ id: savedViews.id });
    await recordAudit(tx, {
      actorId: actor.id,
      action: existing ? "view.updated" : "view.created",
      entityType: "saved_view",
      entityId: row!.id,
      before: existing ? { params: existing.params, shared: existing.shared } : undefined,
      after: { name, params: canonical, shared },
    });
    return { id: row!.id };
  });
}

async function ownedView(actor: Actor, viewId: string) {
  const [view] = await db.select().from(savedViews).where(eq(savedViews.id, viewId)).limit(1);
  // Someone else's personal view does not exist for this actor.
  if (!view || (view.ownerId !== actor.id && !view.shared)) throw AppError.notFound("views.notFound");
  const adminOnShared = view.shared && can(actor, "manage:user:any");
  if (view.ownerId !== actor.id && !adminOnShared) throw AppError.forbidden("views.error.onlyOwner");
  return view;
}

export async function renameView(actor: Actor, viewId: string, name: string): Promise<void> {
  requireStaff(actor);
  const parsed = renameViewSchema.safeParse({ viewId, name });
  if (!parsed.success) throw AppError.invalid("views.invalid", { name: ["views.nameRequired"] });
  const view = await ownedView(actor, parsed.data.viewId);
  if (view.name === parsed.data.name) return;
  await db.transaction(async (tx) => {
    const [clash] = await tx
      .select({ id: savedViews.id })
      .from(savedViews)
      .where(and(eq(savedViews.ownerId, view.ownerId), eq(savedViews.name, parsed.data.name)))
      .limit(1);
    if (clash) throw AppError.invalid("views.nameTaken", { name: ["views.nameTaken"] });
    await tx.update(savedViews).set({ name: parsed.data.name, updatedAt: new Date() }).where(eq(savedViews.id, view.id));
    await recordAudit(tx, { actorId: actor.id, action: "view.renamed", entityType: "saved_view", entityId: view.id, before: { name: view.name }, after: { name: parsed.data.name } });
  });
}

export async function deleteView(actor: Actor, viewId: string): Promise<void> {
  requireStaff(actor);
  if (!z.uuid().safeParse(viewId).success) throw AppError.notFound("views.notFound");
  const view = await ownedView(actor, viewId);
  await db.transaction(async (tx) => {
    await tx.delete(savedViews).where(eq(savedViews.id, view.id));
    await recordAudit(tx, { actorId: actor.id, action: "view.deleted", entityType: "saved_view", entityId: view.id, before: { name: view.name, params: view.params, shared: view.shared } });
  });
}
