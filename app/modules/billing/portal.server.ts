import { and, desc, eq, lt, or, type SQL } from "drizzle-orm";
import { orders, organisationBillingDetails, products, supportPlans } from "#db/schema";
import { recordAudit } from "~/utils/audit.server";
import { db } from "~/utils/db.server";
import type { Actor } from "../accounts/permissions";
import { requireBillingAccess } from "./access.server";
import { documentsOfOrders } from "./documents.server";
import type { OrderStatus } from "./order-status";
import type { BillingDetailsInput, OrderKind } from "./schemas";

export const PORTAL_ORDERS_PAGE_SIZE = 25;

/**
 * The organisation's orders with their documents, newest first (keyset on created_at, id),
 * for its primary contact and billing contacts only.
 */
export async function listOrganisationOrders(
  actor: Actor,
  options: { status?: OrderStatus; kind?: OrderKind; before?: { at: Date; id: string } } = {},
) {
  const viewer = await requireBillingAccess(actor);
  const filters: SQL[] = [eq(orders.organisationId, viewer.organisationId)];
  if (options.status) filters.push(eq(orders.status, options.status));
  if (options.kind) filters.push(eq(orders.kind, options.kind));
  if (options.before) filters.push(or(lt(orders.createdAt, options.before.at), and(eq(orders.createdAt, options.before.at), lt(orders.id, options.before.id)))!);
  const rows = await db
    .select({ order: orders, productName: products.name, planName: supportPlans.name })
    .from(orders)
    .leftJoin(products, eq(products.id, orders.productId))
    .leftJoin(supportPlans, eq(supportPlans.id, orders.planId))
    .where(and(...filters))
    .orderBy(desc(orders.createdAt), desc(orders.id))
    .limit(PORTAL_ORDERS_PAGE_SIZE + 1);
  const page = rows.slice(0, PORTAL_ORDERS_PAGE_SIZE);
  const documents = await documentsOfOrders(db, page.map((r) => r.order.id));
  const last = page.at(-1);
  return {
    orders: page.map(({ order, productName, planName }) => ({
      id: order.id,
      number: order.number,
      kind: order.kind,
      hours: order.hours,
      termMonths: order.termMonths,
      productName: productName ?? planName,
      status: order.status,
      method: order.method,
      amountMinor: order.amountMinor,
      vatMinor: order.vatMinor,
      vatMode: order.vatMode,
      vatRateBasisPoints: order.vatRateBasisPoints,
      refundedMinor: order.refundedMinor,
      currency: order.currency,
      createdAt: order.createdAt,
      paidAt: order.paidAt,
      documents: documents.get(order.id) ?? [],
    })),
    next: rows.length > PORTAL_ORDERS_PAGE_SIZE && last ? { at: last.order.createdAt, id: last.order.id } : null,
  };
}

export async function getBillingDetails(actor: Actor) {
  const viewer = await requireBillingAccess(actor);
  const [row] = await db.select().from(organisationBillingDetails).where(eq(organisationBillingDetails.organisationId, viewer.organisationId)).limit(1);
  return row ?? null;
}

/** The buyer corrects the details printed on documents issued from now on (audited). */
export async function saveBillingDetails(actor: Actor, input: BillingDetailsInput, now = new Date()) {
  const viewer = await requireBillingAccess(actor);
  const values = {
    legalName: input.legalName,
    taxId: input.taxId ?? "",
    kpp: input.kpp ?? "",
    legalAddress: input.legalAddress ?? "",
    bankName: input.bankName ?? "",
    bankAccount: input.bankAccount ?? "",
    bankCode: input.bankCode ?? "",
    correspondentAccount: input.correspondentAccount ?? "",
    updatedBy: actor.id,
    updatedAt: now,
  };
  await db.transaction(async (tx) => {
    const [before] = await tx.select().from(organisationBillingDetails).where(eq(organisationBillingDetails.organisationId, viewer.organisationId)).limit(1);
    await tx
      .insert(organisationBillingDetails)
      .values({ organisationId: viewer.organisationId, ...values })
      .onConflictDoUpdate({ target: organisationBillingDetails.organisationId, set: values });
    await recordAudit(tx, { actorId: actor.id, action: "organisation.billing_details_updated", entityType: "organisation", entityId: viewer.organisationId, before: before ?? null, after: values });
  });
}
