import { eq } from "drizzle-orm";
import { orders, refunds, type Order, type Refund } from "#db/schema";
import { recordAudit } from "~/utils/audit.server";
import { db, type Executor } from "~/utils/db.server";
import { AppError } from "~/utils/errors.server";
import { msg } from "~/utils/messages";
import { isUuid } from "~/utils/pagination";
import { can, type Actor } from "../accounts/permissions";
import { issueDocument } from "./documents.server";
import { refundOrder } from "./fulfilment.server";
import { formatMajorAmount, parseMajorAmount, toStripeAmount } from "./money";
import { refundReasonForAudit } from "./refund-reason";
import { stripeClient } from "./stripe-client.server";
import { once, type IdempotencyKey } from "~/utils/idempotency.server";

/**
 * Refunds. Staff return all or part of a paid order: card payments through Stripe's refund API
 * (idempotent: a double submit or the client's own retry maps to the same Stripe refund), bank
 * transfers recorded by hand. Each refund issues a credit note; when the whole amount is back, the
 * existing refund consequences apply (a new licence is revoked, a renewal loses its period,
 * prepaid hours are withdrawn). The `charge.refunded` webhook reconciles refunds made elsewhere.
 */

/**
 * Records money returned on an order inside the caller's transaction (the order row is locked).
 * `reason` is what staff wrote; a refund recorded from a Stripe event gives its `stripeEventId`
 * and no words (readers are told "refunded in Stripe" in their own language).
 */
export async function recordRefund(
  tx: Executor,
  order: Order,
  input: { amountMinor: number; reason: string; stripeEventId?: string | null; method: "stripe" | "manual"; stripeRefundId: string | null; actorId: string | null },
  now: Date,
): Promise<Refund | null> {
  if (input.stripeRefundId) {
    const [known] = await tx.select().from(refunds).where(eq(refunds.stripeRefundId, input.stripeRefundId)).limit(1);
    if (known) return null;
  }
  const remaining = order.amountMinor - order.refundedMinor;
  const amountMinor = Math.min(input.amountMinor, remaining);
  if (amountMinor <= 0) return null;
  const [refund] = await tx
    .insert(refunds)
    .values({
      orderId: order.id,
      amountMinor,
      currency: order.currency,
      reason: input.reason,
      stripeEventId: input.stripeEventId ?? null,
      method: input.method,
      stripeRefundId: input.stripeRefundId,
      createdBy: input.actorId,
      createdAt: now,
    })
    .returning();
  const refundedMinor = order.refundedMinor + amountMinor;
  await tx.update(orders).set({ refundedMinor, updatedAt: now }).where(eq(orders.id, order.id));
  await recordAudit(tx, {
    actorId: input.actorId,
    action: "order.refund_recorded",
    entityType: "order",
    entityId: order.id,
    before: { refundedMinor: order.refundedMinor },
    after: { refundId: refund!.id, amountMinor, refundedMinor, method: input.method, stripeRefundId: input.stripeRefundId, reason: refundReasonForAudit(refund!) },
  });
  await issueDocument(tx, { order: { ...order, refundedMinor }, kind: "credit_note", now, actorId: input.actorId, refund: refund! });
  if (refundedMinor >= order.amountMinor) await refundOrder(tx, { ...order, refundedMinor }, now, refundReasonForAudit(refund!));
  return refund!;
}

export async function refundOrderPayment(actor: Actor, orderId: string, input: { amount: string; reason: string }, now = new Date(), key: IdempotencyKey | null = null) {
  if (!can(actor, "mark-paid:order:any")) throw AppError.forbidden();
  if (!isUuid(orderId)) throw AppError.notFound();
  const [order] = await db.select().from(orders).where(eq(orders.id, orderId)).limit(1);
  if (!order) throw AppError.notFound();
  if (order.status !== "paid") throw AppError.conflict("billing.error.onlyPaidRefunded");
  const remaining = order.amountMinor - order.refundedMinor;
  const amountMinor = parseMajorAmount(input.amount, order.currency);
  if (amountMinor === null || amountMinor <= 0) throw AppError.invalid("billing.error.refundAmount", { amount: ["billing.fieldError.refundAmount"] });
  if (amountMinor > remaining) {
    const amount = formatMajorAmount(remaining, order.currency);
    throw AppError.invalid(msg("billing.error.refundAtMost", { amount }), { amount: [msg("billing.fieldError.refundAtMost", { amount })] });
  }
  const reason = input.reason.trim();
  let stripeRefundId: string | null = null;
  const viaStripe = order.method === "card" && Boolean(order.stripePaymentIntentId);
  if (viaStripe) {
    // The form's key (or, without one, same order + amount already refunded + amount): a double
    // submit or a retried request never returns the money twice, however late it arrives.
    const refund = await stripeClient().refunds.create(
      { payment_intent: order.stripePaymentIntentId!, amount: toStripeAmount(amountMinor, order.currency), reason: "requested_by_customer", metadata: { order_id: order.id, order_number: String(order.number), reason: reason.slice(0, 450) } },
      { idempotencyKey: key ? `keydesk-refund-${order.id}-${key.key}` : `keydesk-refund-${order.id}-${order.refundedMinor}-${amountMinor}` },
    );
    if (refund.status === "failed" || refund.status === "canceled") throw AppError.conflict("billing.error.stripeRefundRefused");
    stripeRefundId = refund.id;
  }
  return db.transaction((tx) =>
    once(tx, `order.refund:${orderId}`, key, async () => {
      const [locked] = await tx.select().from(orders).where(eq(orders.id, orderId)).for("update");
      if (!locked) throw AppError.notFound();
      if (!viaStripe && locked.refundedMinor !== order.refundedMinor) throw AppError.conflict("billing.error.orderChanged");
      const refund = await recordRefund(tx, locked, { amountMinor, reason, method: viaStripe ? "stripe" : "manual", stripeRefundId, actorId: actor.id }, now);
      return { refundId: refund?.id ?? null, amountMinor, currency: order.currency };
    }),
  );
}
