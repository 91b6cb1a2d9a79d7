import { and, asc, eq } from "drizzle-orm";
import { serviceItems, type ServiceItem } from "#db/schema";
import { recordAudit } from "~/utils/audit.server";
import { db } from "~/utils/db.server";
import { AppError } from "~/utils/errors.server";
import { isUuid } from "~/utils/pagination";
import { can, type Actor } from "../accounts/permissions";
import type { ServiceItemInput } from "./catalogue";

/**
 * The paid services catalogue: admins keep the price list (the same permission as products),
 * customers see its active items. Items are never deleted — a request keeps pointing at its
 * item — they are deactivated.
 */

function requireCatalogueAdmin(actor: Actor): void {
  if (!can(actor, "manage:product:any")) throw AppError.forbidden();
}

export async function listServiceItemsForAdmin(actor: Actor): Promise<ServiceItem[]> {
  requireCatalogueAdmin(actor);
  return db.select().from(serviceItems).orderBy(asc(serviceItems.nameEn), asc(serviceItems.id)).limit(500);
}

export async function getServiceItemForAdmin(actor: Actor, id: string): Promise<ServiceItem> {
  requireCatalogueAdmin(actor);
  if (!isUuid(id)) throw AppError.notFound();
  const [item] = await db.select().from(serviceItems).where(eq(serviceItems.id, id)).limit(1);
  if (!item) throw AppError.notFound();
  return item;
}

const audited = (item: ServiceItem) => ({
  nameEn: item.nameEn,
  nameRu: item.nameRu,
  unit: item.unit,
  priceMinor: item.priceMinor,
  currency: item.currency,
  active: item.active,
});

export async function createServiceItem(actor: Actor, input: ServiceItemInput, now = new Date()): Promise<ServiceItem> {
  requireCatalogueAdmin(actor);
  return db.transaction(async (tx) => {
    const [item] = await tx
      .insert(serviceItems)
      .values({ ...input, createdAt: now, updatedAt: now })
      .returning();
    await recordAudit(tx, { actorId: actor.id, action: "service.created", entityType: "service_item", entityId: item!.id, after: audited(item!) });
    return item!;
  });
}

export async function updateServiceItem(actor: Actor, id: string, input: ServiceItemInput, now = new Date()): Promise<ServiceItem> {
  requireCatalogueAdmin(actor);
  if (!isUuid(id)) throw AppError.notFound();
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(serviceItems).where(eq(serviceItems.id, id)).for("update").limit(1);
    if (!before) throw AppError.notFound();
    const [item] = await tx
      .update(serviceItems)
      .set({ ...input, updatedAt: now })
      .where(eq(serviceItems.id, id))
      .returning();
    await recordAudit(tx, { actorId: actor.id, action: "service.updated", entityType: "service_item", entityId: id, before: audited(before), after: audited(item!) });
    return item!;
  });
}

/** Deactivating hides the item from the portal; tickets already opened from it keep their estimate. */
export async function setServiceItemActive(actor: Actor, id: string, active: boolean, now = new Date()): Promise<ServiceItem> {
  requireCatalogueAdmin(actor);
  if (!isUuid(id)) throw AppError.notFound();
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(serviceItems).where(eq(serviceItems.id, id)).for("update").limit(1);
    if (!before) throw AppError.notFound();
    if (before.active === active) return before;
    const [item] = await tx.update(serviceItems).set({ active, updatedAt: now }).where(eq(serviceItems.id, id)).returning();
    await recordAudit(tx, {
      actorId: actor.id,
      action: active ? "service.activated" : "service.deactivated",
      entityType: "service_item",
      entityId: id,
      before: { active: before.active },
      after: { active },
    });
    return item!;
  });
}

function requireCatalogueReader(actor: Actor): void {
  if (actor.role === "customer" ? !can(actor, "create:ticket:own") : !can(actor, "read:ticket:any")) throw AppError.notFound();
}

/** What the portal offers: the active items, by name. */
export async function listActiveServices(actor: Actor): Promise<ServiceItem[]> {
  requireCatalogueReader(actor);
  return db.select().from(serviceItems).where(eq(serviceItems.active, true)).orderBy(asc(serviceItems.nameEn), asc(serviceItems.id)).limit(500);
}

/** One active item (a deactivated or unknown one is "not found" for the portal). */
export async function getActiveService(actor: Actor, id: string): Promise<ServiceItem> {
  requireCatalogueReader(actor);
  if (!isUuid(id)) throw AppError.notFound();
  const [item] = await db
    .select()
    .from(serviceItems)
    .where(and(eq(serviceItems.id, id), eq(serviceItems.active, true)))
    .limit(1);
  if (!item) throw AppError.notFound();
  return item;
}
