import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { emails, licences, orders, stripeEvents, supportEntries } from "#db/schema";
import { createNewLicenceOrder, createRenewalOrder } from "~/modules/billing/orders.server";
import { startCheckout } from "~/modules/billing/stripe.server";
import { addUtcYears } from "~/modules/licensing/support-ledger";
import { db } from "~/utils/db.server";
import { overrideEnvForTests } from "~/utils/env.server";
import { createUser } from "../factories/accounts";
import { checkoutCompleted, deliverWebhook, startFakeStripe, stripeEvent, WEBHOOK_SECRET } from "../factories/billing";
import { createLicence, createProduct } from "../factories/licensing";

let fake: Awaited<ReturnType<typeof startFakeStripe>>;

beforeAll(async () => {
  fake = await startFakeStripe();
});
afterAll(async () => {
  overrideEnvForTests({ STRIPE_SECRET_KEY: undefined, STRIPE_WEBHOOK_SECRET: undefined, STRIPE_API_BASE: undefined });
  await fake.close();
});
beforeEach(() => {
  overrideEnvForTests({ STRIPE_SECRET_KEY: "sk_test_keydesk", STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET, STRIPE_API_BASE: fake.url });
});

async function cardOrder(listPriceMinor = 1_500_000) {
  const product = await createProduct({ listPriceMinor, currency: "RUB" });
  const email = `buyer-${Math.random().toString(36).slice(2, 8)}@example.com`;
  const { order } = await createNewLicenceOrder(null, { productId: product.id, email, name: "Ivan Buyer", organisationName: "Buyer LLC", method: "card", locale: "en" });
  return { order, product, email };
}

async function orderRow(id: string) {
  const [row] = await db.select().from(orders).where(eq(orders.id, id));
  return row!;
}

describe("Stripe Checkout", () => {
  it("creates a session through the real client with the server's amount, the order id and an idempotency key", async () => {
    const { order } = await cardOrder(1_234_550);
    const url = await startCheckout(order.id);
    expect(url).toMatch(/^https:\/\/checkout\.stripe\.test\/pay\/cs_test_/);
    const request = fake.requests.filter((r) => r.path === "/v1/checkout/sessions").at(-1)!;
    expect(request.headers.authorization).toBe("Bearer sk_test_keydesk");
    expect(request.headers["idempotency-key"]).toBe(`keydesk-checkout-${order.id}-1234550`);
    expect(request.body.get("mode")).toBe("payment");
    expect(request.body.get("line_items[0][price_data][unit_amount]")).toBe("1234550");
    expect(request.body.get("line_items[0][price_data][currency]")).toBe("rub");
    expect(request.body.get("metadata[order_id]")).toBe(order.id);
    expect(request.body.get("payment_intent_data[metadata][order_id]")).toBe(order.id);
    expect(request.body.get("success_url")).toBe(`http://keydesk.test/orders/${order.id}?checkout=success`);
    expect((await orderRow(order.id)).stripeSessionId).toMatch(/^cs_test_/);
    // Clicking "pay" again reuses the same session.
    expect(await startCheckout(order.id)).toBe(url);
  });

  it("refuses card orders when Stripe is not configured", async () => {
    overrideEnvForTests({ STRIPE_SECRET_KEY: undefined });
    const product = await createProduct();
    await expect(
      createNewLicenceOrder(null, { productId: product.id, email: "x@example.com", name: "X", organisationName: "X", method: "card", locale: "en" }),
    ).rejects.toMatchObject({ code: "invalid", message: "billing.error.cardUnavailable", fieldErrors: { method: ["billing.fieldError.cardUnavailable"] } });
  });
});

describe("Stripe webhooks", () => {
  it("rejects a bad signature and a tampered body without changing anything", async () => {
    const { order } = await cardOrder();
    const event = stripeEvent("checkout.session.completed", checkoutCompleted(order.id));
    expect((await deliverWebhook(event, { secret: "whsec_wrong" })).status).toBe(400);
    expect((await deliverWebhook(event, { tamper: true })).status).toBe(400);
    expect((await orderRow(order.id)).status).toBe("pending");
    expect(await db.select().from(stripeEvents).where(eq(stripeEvents.id, event.id))).toHaveLength(0);
  });

  it("fulfils a paid session once: licence, initial support entry, receipt and key emails", async () => {
    const { order, email } = await cardOrder();
    const event = stripeEvent("checkout.session.completed", checkoutCompleted(order.id, { amountTotal: 1_500_000 }));
    const response = await deliverWebhook(event);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ received: true, outcome: "processed" });
    const paid = await orderRow(order.id);
    expect(paid.status).toBe("paid");
    expect(paid.stripePaymentIntentId).toBe(`pi_test_${order.id.slice(0, 8)}`);
    const [licence] = await db.select().from(licences).where(eq(licences.id, paid.licenceId!));
    expect(licence!.issuedFromOrderId).toBe(order.id);
    expect(licence!.supportUntil).toBeNull(); // not activated yet
    const entries = await db.select().from(supportEntries).where(eq(supportEntries.licenceId, licence!.id));
    expect(entries).toMatchObject([{ kind: "initial", orderId: order.id }]);
    const mail = await db.select().from(emails).where(eq(emails.toAddress, email));
    expect(mail.map((m) => m.template).sort()).toEqual(["billing.receipt", "invitation", "licensing.licence-issued"]);
    const issued = mail.find((m) => m.template === "licensing.licence-issued")!;
    expect(issued.text).toMatch(/KD-[0-9A-Z]{5}-[0-9A-Z]{5}-[0-9A-Z]{5}-[0-9A-Z]{5}-[0-9A-Z]/);

    // The same event again: 200, nothing new.
    const again = await deliverWebhook(event);
    expect(await again.json()).toEqual({ received: true, outcome: "duplicate" });
    expect(await db.select().from(licences).where(eq(licences.issuedFromOrderId, order.id))).toHaveLength(1);
  });

  it("fulfils exactly once under twenty concurrent deliveries of one event", async () => {
    const { order, email } = await cardOrder();
    const event = stripeEvent("checkout.session.completed", checkoutCompleted(order.id));
    const responses = await Promise.all(Array.from({ length: 20 }, () => deliverWebhook(event)));
    expect(responses.map((r) => r.status)).toEqual(Array(20).fill(200));
    const outcomes = await Promise.all(responses.map(async (r) => ((await r.json()) as { outcome: string }).outcome));
    expect(outcomes.filter((o) => o === "processed")).toHaveLength(1);
    expect(await db.select().from(licences).where(eq(licences.issuedFromOrderId, order.id))).toHaveLength(1);
    expect(await db.select().from(emails).where(and(eq(emails.toAddress, email), eq(emails.template, "licensing.licence-issued")))).toHaveLength(1);
    expect(await db.select().from(stripeEvents).where(eq(stripeEvents.id, event.id))).toHaveLength(1);
  });

  it("fulfils once when two different events for the same order arrive concurrently", async () => {
    const { order } = await cardOrder();
    const completed = stripeEvent("checkout.session.completed", checkoutCompleted(order.id));
    const succeeded = stripeEvent("checkout.session.async_payment_succeeded", checkoutCompleted(order.id));
    await Promise.all([deliverWebhook(completed), deliverWebhook(succeeded), deliverWebhook(completed), deliverWebhook(succeeded)]);
    expect(await db.select().from(licences).where(eq(licences.issuedFromOrderId, order.id))).toHaveLength(1);
  });

  it("waits for async payments: completed unpaid does nothing, succeeded fulfils, failed cancels", async () => {
    const first = await cardOrder();
    await deliverWebhook(stripeEvent("checkout.session.completed", checkoutCompleted(first.order.id, { paymentStatus: "unpaid" })));
    expect((await orderRow(first.order.id)).status).toBe("pending");
    await deliverWebhook(stripeEvent("checkout.session.async_payment_succeeded", checkoutCompleted(first.order.id)));
    expect((await orderRow(first.order.id)).status).toBe("paid");

    const second = await cardOrder();
    await deliverWebhook(stripeEvent("checkout.session.completed", checkoutCompleted(second.order.id, { paymentStatus: "unpaid" })));
    await deliverWebhook(stripeEvent("checkout.session.async_payment_failed", checkoutCompleted(second.order.id, { paymentStatus: "unpaid" })));
    const failed = await orderRow(second.order.id);
    expect(failed.status).toBe("cancelled");
    expect(failed.licenceId).toBeNull();
  });

  it("does not fulfil when the paid amount differs from the order", async () => {
    const { order } = await cardOrder(1_000_000);
    await deliverWebhook(stripeEvent("checkout.session.completed", checkoutCompleted(order.id, { amountTotal: 100 })));
    expect((await orderRow(order.id)).status).toBe("pending");
  });

  it("answers 400 to signed but malformed events and applies none of them", async () => {
    const { order } = await cardOrder(1_000_000);
    const good = checkoutCompleted(order.id, { amountTotal: 1_000_000 });
    const malformed: unknown[] = [
      { ...stripeEvent("checkout.session.completed", good), id: undefined },
      { ...stripeEvent("checkout.session.completed", good), data: null },
      { ...stripeEvent("checkout.session.completed", good), data: { object: "cs_1" } },
      stripeEvent("checkout.session.completed", { ...good, id: 42 }),
      stripeEvent("checkout.session.completed", { ...good, metadata: "order" }),
      stripeEvent("checkout.session.completed", { ...good, amount_total: "1000000" }),
      stripeEvent("checkout.session.completed", { ...good, payment_status: undefined }),
      stripeEvent("checkout.session.completed", { ...good, payment_intent: { id: null } }),
      stripeEvent("charge.refunded", { id: "ch_m", object: "charge", payment_intent: 7, refunded: true }),
      stripeEvent("charge.refunded", { id: "ch_m", object: "charge", payment_intent: "pi_x", refunded: "yes" }),
      stripeEvent("charge.dispute.closed", { id: "dp_m", object: "dispute", payment_intent: "pi_x" }),
      [],
      "event",
      null,
    ];
    for (const event of malformed) {
      const response = await deliverWebhook(event);
      expect(response.status, JSON.stringify(event)).toBe(400);
      // Stripe is told in English, not by a catalogue key.
      expect(await response.json()).toEqual({ error: "Malformed Stripe event" });
    }
    expect((await orderRow(order.id)).status).toBe("pending");
    expect(await db.select().from(licences).where(eq(licences.issuedFromOrderId, order.id))).toHaveLength(0);
    // The well-formed event still fulfils afterwards.
    expect((await deliverWebhook(stripeEvent("checkout.session.completed", good))).status).toBe(200);
    expect((await orderRow(order.id)).status).toBe("paid");
  });

  it("answers 200 to unknown events and to events for unknown orders, changing nothing", async () => {
    const before = await db.select().from(orders);
    const unknown = await deliverWebhook(stripeEvent("customer.created", { id: "cus_1", object: "customer" }));
    expect(await unknown.json()).toEqual({ received: true, outcome: "ignored" });
    const stray = await deliverWebhook(stripeEvent("charge.refunded", { id: "ch_1", object: "charge", payment_intent: "pi_nobody", refunded: true }));
    expect(stray.status).toBe(200);
    expect(await db.select().from(orders)).toEqual(before);
  });

  it("a refunded new licence is revoked", async () => {
    const { order } = await cardOrder();
    const pi = `pi_refund_${order.id.slice(0, 6)}`;
    await deliverWebhook(stripeEvent("checkout.session.completed", checkoutCompleted(order.id, { paymentIntent: pi })));
    await deliverWebhook(stripeEvent("charge.refunded", { id: "ch_r1", object: "charge", payment_intent: pi, refunded: true, amount_refunded: 1_500_000 }));
    const refunded = await orderRow(order.id);
    expect(refunded.status).toBe("refunded");
    const [licence] = await db.select().from(licences).where(eq(licences.id, refunded.licenceId!));
    expect(licence!.revokedAt).not.toBeNull();
  });

  it("a partial refund changes nothing", async () => {
    const { order } = await cardOrder();
    const pi = `pi_partial_${order.id.slice(0, 6)}`;
    await deliverWebhook(stripeEvent("checkout.session.completed", checkoutCompleted(order.id, { paymentIntent: pi })));
    await deliverWebhook(stripeEvent("charge.refunded", { id: "ch_p", object: "charge", payment_intent: pi, refunded: false, amount_refunded: 100 }));
    expect((await orderRow(order.id)).status).toBe("paid");
  });

  it("a refunded renewal removes exactly its period and recomputes support_until", async () => {
    const customer = await createUser("customer");
    const activatedAt = new Date(Date.now() - 100 * 86_400_000);
    const licence = await createLicence({ organisationId: customer.organisationId!, activatedAt, host: "shop.example.com" });
    const { order } = await createRenewalOrder({ ...customer, locale: "en" }, licence.id, "card");
    const pi = `pi_renew_${order.id.slice(0, 6)}`;
    await deliverWebhook(stripeEvent("checkout.session.completed", checkoutCompleted(order.id, { paymentIntent: pi })));
    let [row] = await db.select().from(licences).where(eq(licences.id, licence.id));
    expect(row!.supportUntil).toEqual(addUtcYears(activatedAt, 2));
    await deliverWebhook(stripeEvent("charge.refunded", { id: "ch_r2", object: "charge", payment_intent: pi, refunded: true }));
    [row] = await db.select().from(licences).where(eq(licences.id, licence.id));
    expect(row!.supportUntil).toEqual(addUtcYears(activatedAt, 1));
    expect(row!.revokedAt).toBeNull();
    const entries = await db.select().from(supportEntries).where(eq(supportEntries.orderId, order.id));
    expect(entries[0]!.removedAt).not.toBeNull();
  });

  it("disputes suspend support; won restores it; lost revokes a new licence", async () => {
    const won = await cardOrder();
    const piWon = `pi_dw_${won.order.id.slice(0, 6)}`;
    await deliverWebhook(stripeEvent("checkout.session.completed", checkoutCompleted(won.order.id, { paymentIntent: piWon })));
    await deliverWebhook(stripeEvent("charge.dispute.created", { id: "dp_1", object: "dispute", payment_intent: piWon, status: "needs_response" }));
    const licenceId = (await orderRow(won.order.id)).licenceId!;
    expect((await db.select().from(licences).where(eq(licences.id, licenceId)))[0]!.suspendedAt).not.toBeNull();
    await deliverWebhook(stripeEvent("charge.dispute.closed", { id: "dp_1", object: "dispute", payment_intent: piWon, status: "won" }));
    const restored = (await db.select().from(licences).where(eq(licences.id, licenceId)))[0]!;
    expect(restored.suspendedAt).toBeNull();
    expect(restored.revokedAt).toBeNull();

    const lost = await cardOrder();
    const piLost = `pi_dl_${lost.order.id.slice(0, 6)}`;
    await deliverWebhook(stripeEvent("checkout.session.completed", checkoutCompleted(lost.order.id, { paymentIntent: piLost })));
    await deliverWebhook(stripeEvent("charge.dispute.created", { id: "dp_2", object: "dispute", payment_intent: piLost, status: "needs_response" }));
    await deliverWebhook(stripeEvent("charge.dispute.closed", { id: "dp_2", object: "dispute", payment_intent: piLost, status: "lost" }));
    const lostOrder = await orderRow(lost.order.id);
    expect(lostOrder.status).toBe("refunded");
    expect((await db.select().from(licences).where(eq(licences.id, lostOrder.licenceId!)))[0]!.revokedAt).not.toBeNull();
  });
});
