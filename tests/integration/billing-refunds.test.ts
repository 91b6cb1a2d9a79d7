import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { auditLog, billingDocuments, licences, orders, refunds } from "#db/schema";
import { createNewLicenceOrder, markOrderPaid } from "~/modules/billing/orders.server";
import { refundReasonIn } from "~/modules/billing/refund-reason";
import { refundOrderPayment } from "~/modules/billing/refunds.server";
import { db } from "~/utils/db.server";
import { overrideEnvForTests } from "~/utils/env.server";
import { createUser } from "../factories/accounts";
import { checkoutCompleted, deliverWebhook, startFakeStripe, stripeEvent, WEBHOOK_SECRET } from "../factories/billing";
import { createProduct } from "../factories/licensing";
import { pdfText } from "../factories/pdf";
import { idempotencyKeyOf } from "~/utils/idempotency.server";

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

const email = () => `buyer-${Math.random().toString(36).slice(2, 8)}@example.com`;

async function paidCardOrder(listPriceMinor = 1_000_000) {
  const product = await createProduct({ listPriceMinor, currency: "RUB" });
  const { order } = await createNewLicenceOrder(null, { productId: product.id, email: email(), name: "Ivan", organisationName: "Buyer LLC", method: "card", locale: "ru" });
  const pi = `pi_${order.id.slice(0, 12)}`;
  await deliverWebhook(stripeEvent("checkout.session.completed", checkoutCompleted(order.id, { paymentIntent: pi })));
  const [paid] = await db.select().from(orders).where(eq(orders.id, order.id));
  expect(paid!.status).toBe("paid");
  return { order: paid!, pi };
}

const orderRow = async (id: string) => (await db.select().from(orders).where(eq(orders.id, id)))[0]!;

describe("refunds by staff", () => {
  it("a partial card refund goes through Stripe with an idempotency key (retried once), issues a credit note and keeps the licence", async () => {
    const admin = await createUser("admin");
    const { order, pi } = await paidCardOrder();
    fake.failNext(1);
    const before = fake.requests.length;
    await refundOrderPayment(admin, order.id, { amount: "2 500,00", reason: "Goodwill: late answer" });
    const calls = fake.requests.slice(before).filter((r) => r.path === "/v1/refunds");
    expect(calls).toHaveLength(2); // the 503, then the client's retry
    expect(calls[0]!.headers["idempotency-key"]).toBe(`keydesk-refund-${order.id}-0-250000`);
    expect(calls[1]!.headers["idempotency-key"]).toBe(calls[0]!.headers["idempotency-key"]);
    expect(calls[1]!.body.get("payment_intent")).toBe(pi);
    expect(calls[1]!.body.get("amount")).toBe("250000");

    const row = await orderRow(order.id);
    expect(row).toMatchObject({ status: "paid", refundedMinor: 250_000 });
    const [refund] = await db.select().from(refunds).where(eq(refunds.orderId, order.id));
    expect(refund).toMatchObject({ amountMinor: 250_000, method: "stripe", reason: "Goodwill: late answer" });
    expect(refund!.stripeRefundId).toMatch(/^re_test_/);
    const [credit] = await db.select().from(billingDocuments).where(and(eq(billingDocuments.orderId, order.id), eq(billingDocuments.kind, "credit_note")));
    const text = await pdfText(credit!.pdf);
    expect(text).toContain("Кредит-нота №");
    expect(text).toContain("Две тысячи пятьсот рублей 00 копеек");
    expect(text).toContain("Goodwill: late answer");
    expect((await db.select().from(licences).where(eq(licences.id, row.licenceId!)))[0]!.revokedAt).toBeNull();

    // Stripe's webhook for the same refund reconciles to nothing new.
    await deliverWebhook(stripeEvent("charge.refunded", { id: "ch_x", object: "charge", payment_intent: pi, refunded: false, amount_refunded: 250_000, refunds: { data: [{ id: refund!.stripeRefundId }] } }));
    expect(await db.select().from(refunds).where(eq(refunds.orderId, order.id))).toHaveLength(1);
    expect((await orderRow(order.id)).refundedMinor).toBe(250_000);
    const audits = await db.select().from(auditLog).where(and(eq(auditLog.entityId, order.id), eq(auditLog.action, "order.refund_recorded")));
    expect(audits).toHaveLength(1);
  });

  it("a double submit of the same refund form maps to one Stripe refund and records it once, even when the second comes late", async () => {
    const admin = await createUser("admin");
    const { order } = await paidCardOrder();
    const key = idempotencyKeyOf(randomUUID(), admin.id);
    await Promise.all([
      refundOrderPayment(admin, order.id, { amount: "100", reason: "twice" }, undefined, key),
      refundOrderPayment(admin, order.id, { amount: "100", reason: "twice" }, undefined, key),
    ]);
    // The same form sent again after the first finished (back and resubmit).
    await refundOrderPayment(admin, order.id, { amount: "100", reason: "twice" }, undefined, key);
    const recorded = await db.select().from(refunds).where(eq(refunds.orderId, order.id));
    expect(recorded).toHaveLength(1);
    expect((await orderRow(order.id)).refundedMinor).toBe(10_000);
  });

  it("refunding the rest withdraws the licence; amounts above what is left are refused", async () => {
    const admin = await createUser("admin");
    const { order } = await paidCardOrder(500_000);
    await expect(refundOrderPayment(admin, order.id, { amount: "5000.01", reason: "x" })).rejects.toMatchObject({
      code: "invalid",
      userMessage: { key: "billing.error.refundAtMost", params: { amount: "5000.00" } },
      fieldErrors: { amount: [{ key: "billing.fieldError.refundAtMost", params: { amount: "5000.00" } }] },
    });
    await expect(refundOrderPayment(admin, order.id, { amount: "abc", reason: "x" })).rejects.toMatchObject({ code: "invalid", fieldErrors: { amount: ["billing.fieldError.refundAmount"] } });
    await refundOrderPayment(admin, order.id, { amount: "1000", reason: "part" });
    await refundOrderPayment(admin, order.id, { amount: "4000", reason: "rest" });
    const row = await orderRow(order.id);
    expect(row).toMatchObject({ status: "refunded", refundedMinor: 500_000 });
    expect((await db.select().from(licences).where(eq(licences.id, row.licenceId!)))[0]!.revokedAt).not.toBeNull();
    const notes = await db.select().from(billingDocuments).where(and(eq(billingDocuments.orderId, order.id), eq(billingDocuments.kind, "credit_note")));
    expect(notes).toHaveLength(2);
    expect(notes[1]!.number).toBe(notes[0]!.number + 1);
    await expect(refundOrderPayment(admin, order.id, { amount: "1", reason: "more" })).rejects.toMatchObject({ code: "conflict", message: "billing.error.onlyPaidRefunded" });
  });

  it("a bank transfer is refunded by hand (no Stripe call); only admins refund", async () => {
    const admin = await createUser("admin");
    const engineer = await createUser("engineer");
    const product = await createProduct({ listPriceMinor: 300_000, currency: "RUB" });
    const { order } = await createNewLicenceOrder(null, { productId: product.id, email: email(), name: "B", organisationName: "B", method: "invoice", locale: "en" });
    await markOrderPaid(admin, order.id);
    await expect(refundOrderPayment(engineer, order.id, { amount: "3000", reason: "x" })).rejects.toMatchObject({ code: "forbidden" });
    const before = fake.requests.length;
    await refundOrderPayment(admin, order.id, { amount: "3000", reason: "Contract cancelled" });
    expect(fake.requests.length).toBe(before);
    const [refund] = await db.select().from(refunds).where(eq(refunds.orderId, order.id));
    expect(refund).toMatchObject({ method: "manual", amountMinor: 300_000, createdBy: admin.id });
    expect((await orderRow(order.id)).status).toBe("refunded");
  });

  it("a refund made in Stripe's dashboard is recorded from the webhook with its credit note, its reason a code said in the reader's language", async () => {
    const { order, pi } = await paidCardOrder(800_000);
    const event = stripeEvent("charge.refunded", { id: "ch_d", object: "charge", payment_intent: pi, refunded: true, amount_refunded: 800_000, refunds: { data: [{ id: "re_dashboard_1" }] } });
    await deliverWebhook(event);
    const row = await orderRow(order.id);
    expect(row).toMatchObject({ status: "refunded", refundedMinor: 800_000 });
    const recorded = await db.select().from(refunds).where(eq(refunds.stripeRefundId, "re_dashboard_1"));
    expect(recorded).toHaveLength(1);
    // No words are stored: the event id is, and each reader is told in their language.
    expect(recorded[0]).toMatchObject({ reason: "", stripeEventId: event.id });
    expect(refundReasonIn(recorded[0]!, "en")).toBe(`Refunded in Stripe (event ${event.id})`);
    expect(refundReasonIn(recorded[0]!, "ru")).toBe(`Возврат в Stripe (событие ${event.id})`);
    const credits = await db.select().from(billingDocuments).where(and(eq(billingDocuments.orderId, order.id), eq(billingDocuments.kind, "credit_note")));
    expect(credits).toHaveLength(1);
    // The credit note is the buyer's document, in the order's language (Russian here).
    const text = await pdfText(credits[0]!.pdf);
    expect(text).toContain(`Возврат в Stripe (событие ${event.id})`);
    expect(text).not.toContain("Stripe refund");
    // The audit log keeps the reason as the message, not as English words.
    const audit = await db.select().from(auditLog).where(and(eq(auditLog.entityId, order.id), eq(auditLog.action, "order.refunded")));
    expect((audit[0]!.after as { reason: unknown }).reason).toEqual({ key: "refund.reason.stripeEvent", params: { event: event.id } });
  });
});

describe("refunds recorded before reasons were codes", () => {
  it("the migration keeps the event id of an old webhook refund and drops its English words; staff's words stay", async () => {
    const staff = await createUser("admin");
    const { order } = await paidCardOrder(900_000);
    const base = { orderId: order.id, amountMinor: 100, currency: "RUB", method: "stripe" as const };
    const [old, typed, unlike] = await db
      .insert(refunds)
      .values([
        { ...base, reason: "Stripe refund (evt_1OldWebhook)", stripeRefundId: `re_old_${order.id}`, createdBy: null },
        { ...base, reason: "Stripe refund (evt_typed_by_staff)", stripeRefundId: null, createdBy: staff.id },
        { ...base, reason: "Stripe refund for a broken order", stripeRefundId: null, createdBy: null },
      ])
      .returning();
    const migration = readFileSync(path.resolve(process.cwd(), "db/migrations/0034_refund_reasons_from_stripe_events.sql"), "utf8");
    await db.execute(sql.raw(migration));
    const after = new Map((await db.select().from(refunds).where(eq(refunds.orderId, order.id))).map((r) => [r.id, r]));
    expect(after.get(old!.id)).toMatchObject({ reason: "", stripeEventId: "evt_1OldWebhook" });
    expect(refundReasonIn(after.get(old!.id)!, "ru")).toBe("Возврат в Stripe (событие evt_1OldWebhook)");
    expect(after.get(typed!.id)).toMatchObject({ reason: "Stripe refund (evt_typed_by_staff)", stripeEventId: null });
    expect(after.get(unlike!.id)).toMatchObject({ reason: "Stripe refund for a broken order", stripeEventId: null });
  });
});
