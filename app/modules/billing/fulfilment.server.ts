import { and, eq, isNotNull, isNull } from "drizzle-orm";
import { authTokens, licences, orders, organisations, products, supportEntries, users, type Order } from "#db/schema";
import { recordAudit } from "~/utils/audit.server";
import { createToken } from "~/utils/crypto.server";
import type { Executor } from "~/utils/db.server";
import { queueEmail } from "~/utils/email.server";
import { getEnv } from "~/utils/env.server";
import { INVITATION_DAYS } from "../accounts/schemas";
import { formattersFor } from "../licensing/eligibility-messages";
import { formatLicenceKey } from "../licensing/licence-key";
import { issueLicence } from "../licensing/licences.server";
import { refreshSupportUntil, removeEntriesOfOrder } from "../licensing/ledger.server";
import { removePrepaidCreditForOrder } from "../time-tracking/prepaid.server";
import { fulfilPrepaidHoursOrder } from "../time-tracking/purchase.server";
import { fulfilPlanOrder, withdrawPlanOrder } from "../sla/plan-term.server";
import { translate } from "~/utils/i18n";
import { msg, type MessageRef } from "~/utils/messages";
import { issuePaymentDocuments, lineDescription } from "./documents.server";
import { getSettings } from "~/modules/settings/settings.server";

/**
 * What happens when money arrives (or leaves). Every function here runs inside the caller's
 * transaction — the Stripe webhook's (together with the processed-event record) or the staff
 * "mark paid" action's — so fulfilment is all-or-nothing and runs once.
 */

type Formatters = ReturnType<typeof formattersFor>;

async function buyerFormatters(tx: Executor, order: Order): Promise<Formatters> {
  const [user] = await tx.select({ timeZone: users.timeZone }).from(users).where(eq(users.email, order.buyerEmail)).limit(1);
  return formattersFor(order.locale, user?.timeZone ?? "Europe/Moscow");
}

const orderUrl = (order: Pick<Order, "id">) => `${getEnv().APP_URL}/orders/${order.id}`;

/**
 * Marks a pending order paid and delivers what it bought. The conditional update is the guard:
 * of any number of concurrent callers exactly one sees the row change from pending to paid.
 * Returns false when the order was not pending (already fulfilled, cancelled or refunded).
 */
export async function fulfilOrder(
  tx: Executor,
  orderId: string,
  paidAt: Date,
  options: { actorId: string | null; stripePaymentIntentId?: string | null; paymentReference?: string | null } = { actorId: null },
): Promise<{ fulfilled: boolean; order: Order | null; licenceId: string | null }> {
  const [order] = await tx
    .update(orders)
    .set({
      status: "paid",
      paidAt,
      markedPaidBy: options.actorId,
      updatedAt: paidAt,
      ...(options.stripePaymentIntentId ? { stripePaymentIntentId: options.stripePaymentIntentId } : {}),
      ...(options.paymentReference ? { paymentReference: options.paymentReference } : {}),
    })
    .where(and(eq(orders.id, orderId), eq(orders.status, "pending")))
    .returning();
  if (!order) return { fulfilled: false, order: null, licenceId: null };
  if (order.kind === "prepaid_hours") {
    // Time tracking credits the hours (once per order) and records the payment.
    await fulfilPrepaidHoursOrder(tx, order, paidAt, options.actorId);
    await issuePaymentDocuments(tx, order, paidAt, options.actorId);
    await queueReceipt(tx, order, translate(order.locale, "doc.line.hours", { hours: order.hours ?? 0 }), paidAt, null);
    return { fulfilled: true, order, licenceId: null };
  }
  if (order.kind === "support_plan") {
    // The organisation moves to the plan until the end of the term (extended when it holds it).
    const { planUntil } = await fulfilPlanOrder(tx, order, paidAt, options.actorId);
    await issuePaymentDocuments(tx, order, paidAt, options.actorId);
    await queueReceipt(tx, order, await lineDescription(tx, order), paidAt, planUntil);
    await recordOrderPaid(tx, order, paidAt, options.actorId, { planId: order.planId, planUntil });
    return { fulfilled: true, order, licenceId: null };
  }
  const [product] = await tx.select().from(products).where(eq(products.id, order.productId!));
  if (!product) throw new Error(`Order ${order.id} has no product`);
  let licenceId: string;
  let supportUntil: Date | null = null;

  if (order.kind === "new_licence") {
    const licence = await issueLicence(tx, {
      productId: product.id,
      organisationId: order.organisationId,
      orderId: order.id,
      free: product.free,
      recordedAt: paidAt,
      actorId: options.actorId,
    });
    licenceId = licence.id;
    await tx.update(orders).set({ licenceId }).where(eq(orders.id, order.id));
    await ensureBuyerLogin(tx, order);
    await queueEmail(tx, {
      to: order.buyerEmail,
      template: "licensing.licence-issued",
      props: {
        locale: order.locale,
        buyerName: order.buyerName,
        productName: product.name,
        licenceKey: formatLicenceKey(licence.keyCanonical),
        free: product.free,
        portalUrl: `${getEnv().APP_URL}/portal/licences/${licence.id}`,
      },
    });
  } else if (order.kind === "renewal") {
    licenceId = order.licenceId!;
    const termMonths = (await getSettings(tx)).licences.supportTermMonths;
    await tx.insert(supportEntries).values({ licenceId, kind: "renewal", orderId: order.id, recordedAt: paidAt, termMonths, createdBy: options.actorId });
    const before = await tx.select({ supportUntil: licences.supportUntil }).from(licences).where(eq(licences.id, licenceId));
    const term = await refreshSupportUntil(tx, licenceId);
    supportUntil = term.supportUntil;
    await recordAudit(tx, {
      actorId: options.actorId,
      action: "licence.renewed",
      entityType: "licence",
      entityId: licenceId,
      before: { supportUntil: before[0]?.supportUntil ?? null },
      after: { supportUntil, orderId: order.id, orderNumber: order.number },
    });
  } else {
    throw new Error(`Order kind ${order.kind} is not fulfilled by the licensing module`);
  }

  await issuePaymentDocuments(tx, { ...order, licenceId }, paidAt, options.actorId);
  await queueReceipt(tx, order, product.name, paidAt, supportUntil);
  await recordOrderPaid(tx, order, paidAt, options.actorId, { licenceId });
  return { fulfilled: true, order: { ...order, licenceId }, licenceId };
}

/** The audit record of a fulfilled order, with what it delivered. */
async function recordOrderPaid(tx: Executor, order: Order, paidAt: Date, actorId: string | null, delivered: Record<string, unknown>) {
  await recordAudit(tx, {
    actorId,
    action: "order.paid",
    entityType: "order",
    entityId: order.id,
    before: { status: "pending" },
    after: { status: "paid", paidAt, ...delivered, via: actorId ? "invoice" : order.method },
  });
}

/** The receipt email for a paid order with something to pay (a free licence gets none). */
async function queueReceipt(tx: Executor, order: Order, productName: string, paidAt: Date, supportUntil: Date | null) {
  if (order.amountMinor <= 0) return;
  const format = await buyerFormatters(tx, order);
  await queueEmail(tx, {
    to: order.buyerEmail,
    template: "billing.receipt",
    props: {
      locale: order.locale,
      buyerName: order.buyerName,
      orderNumber: order.number,
      kind: order.kind,
      productName,
      amount: format.money({ amountMinor: order.amountMinor, currency: order.currency }),
      paidOn: format.date(paidAt),
      supportUntil: supportUntil ? format.date(supportUntil) : null,
      orderUrl: orderUrl(order),
    },
  });
}

/**
 * A buyer whose organisation was created by this purchase gets a login (an invitation to set a
 * password), so they can see the key in the portal. An organisation that already has contacts
 * decides itself who gets a login.
 */
async function ensureBuyerLogin(tx: Executor, order: Order): Promise<void> {
  const [existing] = await tx.select({ id: users.id }).from(users).where(eq(users.email, order.buyerEmail)).limit(1);
  if (existing) return;
  const [contact] = await tx.select({ id: users.id }).from(users).where(eq(users.organisationId, order.organisationId)).limit(1);
  if (contact) return;
  const [organisation] = await tx.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, order.organisationId));
  const [user] = await tx
    .insert(users)
    .values({
      email: order.buyerEmail,
      name: order.buyerName ?? order.buyerEmail,
      role: "customer",
      organisationId: order.organisationId,
      isPrimaryContact: true,
      locale: order.locale,
    })
    .returning({ id: users.id });
  const { token, hash } = createToken();
  await tx.insert(authTokens).values({
    tokenHash: hash,
    userId: user!.id,
    purpose: "invitation",
    expiresAt: new Date(Date.now() + INVITATION_DAYS * 24 * 3600_000),
  });
  await queueEmail(tx, {
    to: order.buyerEmail,
    template: "invitation",
    props: {
      locale: order.locale,
      name: order.buyerName ?? order.buyerEmail,
      invitedBy: "Keydesk",
      organisationName: organisation?.name ?? null,
      acceptUrl: `${getEnv().APP_URL}/invitation/${token}`,
      expiresInDays: INVITATION_DAYS,
    },
  });
  await recordAudit(tx, {
    actorId: null,
    action: "user.created_by_purchase",
    entityType: "user",
    entityId: user!.id,
    after: { email: order.buyerEmail, organisationId: order.organisationId, orderId: order.id },
  });
}

/**
 * A full refund: a new licence is revoked (and its paid year withdrawn); a renewal loses exactly
 * the period it bought, and support_until is recomputed from what remains; a support plan's term
 * comes off the organisation's end (back to the default plan when nothing is left). `reason` is
 * staff's words or a catalogue message (the audit log says it in its reader's language).
 */
export async function refundOrder(tx: Executor, order: Order, now: Date, reason: MessageRef | string): Promise<boolean> {
  const [updated] = await tx
    .update(orders)
    .set({ status: "refunded", refundedAt: now, updatedAt: now })
    .where(and(eq(orders.id, order.id), eq(orders.status, "paid")))
    .returning();
  if (!updated) return false;
  if (order.kind === "prepaid_hours") await removePrepaidCreditForOrder(tx, order.id, null, now);
  if (order.kind === "support_plan") await withdrawPlanOrder(tx, order, now);
  if (order.licenceId) {
    await removeEntriesOfOrder(tx, order.id, now);
    if (order.kind === "new_licence") {
      await tx.update(licences).set({ revokedAt: now, updatedAt: now }).where(and(eq(licences.id, order.licenceId), isNull(licences.revokedAt)));
    }
    const term = await refreshSupportUntil(tx, order.licenceId);
    await recordAudit(tx, {
      actorId: null,
      action: order.kind === "new_licence" ? "licence.revoked" : "licence.renewal_refunded",
      entityType: "licence",
      entityId: order.licenceId,
      after: { reason, orderId: order.id, orderNumber: order.number, supportUntil: term.supportUntil },
    });
  }
  await recordAudit(tx, { actorId: null, action: "order.refunded", entityType: "order", entityId: order.id, before: { status: "paid" }, after: { status: "refunded", reason } });
  return true;
}

/** A dispute opened on the payment: support is suspended until it is decided. */
export async function suspendForDispute(tx: Executor, order: Order, now: Date, disputeId: string): Promise<void> {
  if (!order.licenceId) return;
  const [changed] = await tx
    .update(licences)
    .set({ suspendedAt: now, updatedAt: now })
    .where(and(eq(licences.id, order.licenceId), isNull(licences.suspendedAt), isNull(licences.revokedAt)))
    .returning({ id: licences.id });
  if (changed) {
    await recordAudit(tx, { actorId: null, action: "licence.suspended", entityType: "licence", entityId: order.licenceId, after: { reason: msg("auditReason.disputeOpened"), disputeId, orderId: order.id } });
  }
}

/**
 * The dispute is decided. Won (or closed with a warning): the suspension is lifted. Lost: the
 * money went back, so the dispute counts as a refund — a new licence is revoked; a disputed
 * renewal loses its period and the suspension is lifted (the licence itself was paid for).
 */
export async function closeDispute(tx: Executor, order: Order, now: Date, disputeId: string, outcome: "won" | "lost"): Promise<void> {
  if (!order.licenceId) return;
  if (outcome === "lost") {
    await refundOrder(tx, order, now, msg("auditReason.disputeLostRefund", { dispute: disputeId }));
    if (order.kind === "new_licence") return;
  }
  const [changed] = await tx
    .update(licences)
    .set({ suspendedAt: null, updatedAt: now })
    .where(and(eq(licences.id, order.licenceId), isNotNull(licences.suspendedAt), isNull(licences.revokedAt)))
    .returning({ id: licences.id });
  if (changed) {
    await recordAudit(tx, { actorId: null, action: "licence.restored", entityType: "licence", entityId: order.licenceId, after: { reason: msg(outcome === "lost" ? "auditReason.disputeLost" : "auditReason.disputeWon"), disputeId, orderId: order.id } });
  }
}
