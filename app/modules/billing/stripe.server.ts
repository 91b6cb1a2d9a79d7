import { and, eq } from "drizzle-orm";
import Stripe from "stripe";
import { z } from "zod";
import { orders, stripeEvents, type Order } from "#db/schema";
import { recordAudit } from "~/utils/audit.server";
import { db, type Executor } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { AppError } from "~/utils/errors.server";
import { msg } from "~/utils/messages";
import { isUuid } from "~/utils/pagination";
import { closeDispute, fulfilOrder, refundOrder, suspendForDispute } from "./fulfilment.server";
import { lineDescription } from "./documents.server";
import { fromStripeAmount, toStripeAmount } from "./money";
import { systemRefundReason } from "./refund-reason";
import { recordRefund } from "./refunds.server";
import { stripeClient } from "./stripe-client.server";

/**
 * Card payments through Stripe Checkout. The amount always comes from our order row (computed
 * on the server when the order was created); fulfilment is driven only by signed webhooks.
 */

/**
 * Opens (or, within Stripe's 24-hour idempotency window, re-opens) the Checkout Session of a
 * pending card order and returns where to send the buyer.
 */
export async function startCheckout(orderId: string): Promise<string> {
  if (!isUuid(orderId)) throw AppError.notFound();
  const [row] = await db.select().from(orders).where(eq(orders.id, orderId)).limit(1);
  if (!row) throw AppError.notFound();
  if (row.status !== "pending") throw AppError.conflict(msg("billing.error.alreadyStatus", { status: row.status }));
  if (row.amountMinor <= 0) throw AppError.invalid("billing.error.nothingToPay");
  const appUrl = getEnv().APP_URL;
  const name = await lineDescription(db, row);
  const session = await stripeClient().checkout.sessions.create(
    {
      mode: "payment",
      client_reference_id: row.id,
      customer_email: row.buyerEmail,
      locale: row.locale,
      line_items: [
        {
          quantity: 1,
          price_data: {
            currency: row.currency.toLowerCase(),
            unit_amount: toStripeAmount(row.amountMinor, row.currency),
            product_data: { name },
          },
        },
      ],
      metadata: { order_id: row.id, order_number: String(row.number) },
      payment_intent_data: { metadata: { order_id: row.id, order_number: String(row.number) } },
      success_url: `${appUrl}/orders/${row.id}?checkout=success`,
      cancel_url: `${appUrl}/orders/${row.id}?checkout=cancelled`,
    },
    // The same order always maps to the same session while Stripe remembers the key.
    { idempotencyKey: `keydesk-checkout-${row.id}-${row.amountMinor}` },
  );
  await db
    .update(orders)
    .set({ stripeSessionId: session.id, method: "card", updatedAt: new Date() })
    .where(eq(orders.id, row.id));
  if (!session.url) throw new Error("Stripe returned a Checkout Session without a URL");
  return session.url;
}

/** Verifies the signature over the exact bytes received; a bad signature is a 400, never processed. */
export function verifyStripeEvent(payload: string, signature: string | null): Stripe.Event {
  const env = getEnv();
  if (!env.STRIPE_WEBHOOK_SECRET) throw AppError.notFound("billing.error.webhookNotConfigured");
  if (!signature) throw AppError.invalid("billing.error.signatureMissing");
  try {
    return Stripe.webhooks.constructEvent(payload, signature, env.STRIPE_WEBHOOK_SECRET);
  } catch {
    throw AppError.invalid("billing.error.signatureInvalid");
  }
}

export type WebhookOutcome = "processed" | "duplicate" | "ignored";

const stripeId = z.string().min(1).max(255);
const expandable = z.union([stripeId, z.object({ id: stripeId })]).nullish();
const sessionShape = z.object({
  id: stripeId,
  metadata: z.record(z.string(), z.string()).nullish(),
  client_reference_id: z.string().max(255).nullish(),
  payment_intent: expandable,
  payment_status: z.string(),
  amount_total: z.number().int().nonnegative().nullable(),
});
const EVENT_SHAPES: Record<string, z.ZodType> = {
  "checkout.session.completed": sessionShape,
  "checkout.session.async_payment_succeeded": sessionShape,
  "checkout.session.async_payment_failed": sessionShape,
  "charge.refunded": z.object({
    payment_intent: expandable,
    amount_refunded: z.number().int().nonnegative().optional(),
    refunded: z.boolean(),
    refunds: z.object({ data: z.array(z.object({ id: stripeId })) }).nullish(),
  }),
  "charge.dispute.created": z.object({ id: stripeId, payment_intent: expandable }),
  "charge.dispute.closed": z.object({ id: stripeId, payment_intent: expandable, status: z.string() }),
};
const eventShape = z.object({ id: stripeId, type: z.string().min(1).max(255), data: z.object({ object: z.record(z.string(), z.unknown()) }) });

/**
 * A correctly signed event can still be malformed (a hand-made test event, an API version we
 * do not expect): the fields this module reads are checked before anything is written, so such
 * an event answers 400 and changes nothing.
 */
export function assertStripeEventShape(event: unknown): asserts event is Stripe.Event {
  const base = eventShape.safeParse(event);
  const object = base.success ? EVENT_SHAPES[base.data.type]?.safeParse(base.data.data.object) : undefined;
  if (!base.success || (object && !object.success)) {
    const issues = (base.success ? object!.error! : base.error).issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    console.warn(`Stripe event refused as malformed: ${issues}`);
    throw AppError.invalid("billing.error.eventMalformed");
  }
}

/**
 * Applies one verified event. The processed-event row is inserted first, inside the same
 * transaction as the fulfilment: a concurrent delivery of the same event waits on that row's
 * unique key and then finds it taken (0 rows) and stops; a failure rolls both back, so Stripe's
 * retry processes it again. Unknown event types are recorded and change nothing.
 */
export async function handleStripeEvent(event: Stripe.Event, now = new Date()): Promise<WebhookOutcome> {
  assertStripeEventShape(event);
  return db.transaction(async (tx) => {
    const inserted = await tx.insert(stripeEvents).values({ id: event.id, type: event.type }).onConflictDoNothing().returning({ id: stripeEvents.id });
    if (inserted.length === 0) return "duplicate";
    switch (event.type) {
      case "checkout.session.completed":
      case "checkout.session.async_payment_succeeded": {
        const session = event.data.object;
        const order = await orderOfSession(tx, session);
        if (!order) return "ignored";
        const paymentIntentId = typeof session.payment_intent === "string" ? session.payment_intent : (session.payment_intent?.id ?? null);
        await tx
          .update(orders)
          .set({ stripeSessionId: session.id, ...(paymentIntentId ? { stripePaymentIntentId: paymentIntentId } : {}) })
          .where(eq(orders.id, order.id));
        // Delayed methods complete the session unpaid; async_payment_succeeded follows.
        if (session.payment_status !== "paid") return "processed";
        if (session.amount_total !== null && session.amount_total !== toStripeAmount(order.amountMinor, order.currency)) {
          await recordAudit(tx, { actorId: null, action: "order.amount_mismatch", entityType: "order", entityId: order.id, after: { expected: order.amountMinor, received: session.amount_total, eventId: event.id } });
          return "ignored";
        }
        await fulfilOrder(tx, order.id, now, { actorId: null, stripePaymentIntentId: paymentIntentId });
        return "processed";
      }
      case "checkout.session.async_payment_failed": {
        const order = await orderOfSession(tx, event.data.object);
        if (!order) return "ignored";
        const [cancelled] = await tx
          .update(orders)
          .set({ status: "cancelled", updatedAt: now })
          .where(and(eq(orders.id, order.id), eq(orders.status, "pending")))
          .returning({ status: orders.status });
        if (cancelled) {
          await recordAudit(tx, { actorId: null, action: "order.payment_failed", entityType: "order", entityId: order.id, before: { status: "pending" }, after: { status: "cancelled", eventId: event.id } });
        }
        return "processed";
      }
      case "charge.refunded": {
        const charge = event.data.object;
        const order = await orderOfPaymentIntent(tx, charge.payment_intent);
        if (!order) return "ignored";
        // Money returned outside Keydesk (Stripe's dashboard) is recorded here with its credit note;
        // refunds made from the order page are already recorded (same Stripe refund id).
        const refundedMinor = typeof charge.amount_refunded === "number" ? fromStripeAmount(charge.amount_refunded, order.currency) : 0;
        const latest = charge.refunds?.data?.[0]?.id ?? null;
        if (refundedMinor > order.refundedMinor && order.status === "paid") {
          // No words are stored: readers are told "refunded in Stripe" with the event id, in their language.
          await recordRefund(tx, order, { amountMinor: refundedMinor - order.refundedMinor, reason: "", stripeEventId: event.id, method: "stripe", stripeRefundId: latest, actorId: null }, now);
        }
        // A partial refund is a goodwill gesture, not a withdrawal of what was bought.
        if (!charge.refunded) return "processed";
        await refundOrder(tx, order, now, systemRefundReason({ reason: "", stripeEventId: event.id })!);
        return "processed";
      }
      case "charge.dispute.created": {
        const dispute = event.data.object;
        const order = await orderOfPaymentIntent(tx, dispute.payment_intent);
        if (!order) return "ignored";
        await suspendForDispute(tx, order, now, dispute.id);
        return "processed";
      }
      case "charge.dispute.closed": {
        const dispute = event.data.object;
        const order = await orderOfPaymentIntent(tx, dispute.payment_intent);
        if (!order) return "ignored";
        await closeDispute(tx, order, now, dispute.id, dispute.status === "lost" ? "lost" : "won");
        return "processed";
      }
      default:
        return "ignored";
    }
  });
}

async function orderOfSession(tx: Executor, session: Stripe.Checkout.Session): Promise<Order | null> {
  const orderId = session.metadata?.order_id ?? session.client_reference_id;
  if (orderId && isUuid(orderId)) {
    const [order] = await tx.select().from(orders).where(eq(orders.id, orderId)).for("update");
    if (order) return order;
  }
  const [bySession] = await tx.select().from(orders).where(eq(orders.stripeSessionId, session.id)).for("update");
  return bySession ?? null;
}

async function orderOfPaymentIntent(tx: Executor, paymentIntent: string | Stripe.PaymentIntent | null): Promise<Order | null> {
  const id = typeof paymentIntent === "string" ? paymentIntent : (paymentIntent?.id ?? null);
  if (!id) return null;
  const [order] = await tx.select().from(orders).where(eq(orders.stripePaymentIntentId, id)).for("update");
  return order ?? null;
}
