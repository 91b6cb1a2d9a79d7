import { forgetCachedSettings, saveSettingsArea } from "~/modules/settings/settings.server";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, emails, licences, orders, organisations, products, settings, supportEntries, users } from "#db/schema";
import {
  cancelOrder,
  createNewLicenceOrder,
  createRenewalOrder,
  createRenewalOrderByKey,
  getOrderView,
  listOrders,
  lookupLicenceForRenewal,
  markOrderPaid,
} from "~/modules/billing/orders.server";
import { activateLicence } from "~/modules/licensing/licences.server";
import { addUtcYears } from "~/modules/licensing/support-ledger";
import { db } from "~/utils/db.server";
import { createOrganisation, createUser } from "../factories/accounts";
import { createLicence, createProduct } from "../factories/licensing";

const email = () => `buyer-${Math.random().toString(36).slice(2, 8)}@example.com`;

describe("buying by invoice", () => {
  it("snapshots the price, emails the invoice, and staff marking it paid fulfils like the webhook (audited)", async () => {
    const admin = await createUser("admin");
    const product = await createProduct({ listPriceMinor: 2_000_000, currency: "RUB" });
    const buyer = email();
    const { order } = await createNewLicenceOrder(null, { productId: product.id, email: buyer, name: "Olga", organisationName: "Olga Ltd", method: "invoice", locale: "ru" });
    expect(order).toMatchObject({ status: "pending", kind: "new_licence", listPriceMinor: 2_000_000, percentage: 100, amountMinor: 2_000_000, currency: "RUB", method: "invoice", locale: "ru" });
    const [invoiceMail] = await db.select().from(emails).where(eq(emails.toAddress, buyer));
    expect(invoiceMail).toMatchObject({ template: "billing.invoice" });
    expect(invoiceMail!.subject).toContain(`Счёт ${order.number}`);

    // A later price change never alters the order.
    await db.update(products).set({ listPriceMinor: 9_999_900 }).where(eq(products.id, product.id));
    const view = await getOrderView(null, order.id);
    expect(view.order.amountMinor).toBe(2_000_000);
    expect(view.seller.bankAccount).toMatch(/^\d+$/);
    expect(view.canMarkPaid).toBe(false);
    expect((await getOrderView(admin, order.id)).canMarkPaid).toBe(true);

    const engineer = await createUser("engineer");
    await expect(markOrderPaid(engineer, order.id)).rejects.toMatchObject({ code: "forbidden" });
    const result = await markOrderPaid(admin, order.id);
    expect(result.fulfilled).toBe(true);
    const [paid] = await db.select().from(orders).where(eq(orders.id, order.id));
    expect(paid).toMatchObject({ status: "paid", markedPaidBy: admin.id });
    expect(await db.select().from(supportEntries).where(eq(supportEntries.orderId, order.id))).toHaveLength(1);
    const audits = await db.select().from(auditLog).where(and(eq(auditLog.entityType, "order"), eq(auditLog.entityId, order.id)));
    expect(audits.map((a) => a.action).sort()).toEqual(["document.issued", "document.issued", "order.created", "order.marked_paid", "order.paid"]);
    const templates = (await db.select().from(emails).where(eq(emails.toAddress, buyer))).map((m) => m.template).sort();
    expect(templates).toEqual(["billing.invoice", "billing.receipt", "invitation", "licensing.licence-issued"]);
    // The new organisation got its first login (an invitation), as its primary contact.
    const [login] = await db.select().from(users).where(eq(users.email, buyer));
    expect(login).toMatchObject({ role: "customer", isPrimaryContact: true, organisationId: paid!.organisationId, locale: "ru" });

    await expect(markOrderPaid(admin, order.id)).rejects.toMatchObject({ code: "conflict" });
  });

  it("links the order to the organisation of the email's login, or of the organisation's email", async () => {
    const customer = await createUser("customer");
    const product = await createProduct();
    const byLogin = await createNewLicenceOrder(null, { productId: product.id, email: customer.email, name: "C", organisationName: "Ignored", method: "invoice", locale: "en" });
    expect(byLogin.order.organisationId).toBe(customer.organisationId);

    const orgEmail = email();
    const org = await createOrganisation();
    await db.update(organisations).set({ email: orgEmail }).where(eq(organisations.id, org.id));
    const byOrgEmail = await createNewLicenceOrder(null, { productId: product.id, email: orgEmail, name: "D", organisationName: "Ignored", method: "invoice", locale: "en" });
    expect(byOrgEmail.order.organisationId).toBe(org.id);

    const admin = await createUser("admin");
    await expect(
      createNewLicenceOrder(null, { productId: product.id, email: admin.email, name: "A", organisationName: "A", method: "invoice", locale: "en" }),
    ).rejects.toMatchObject({ code: "invalid", message: "billing.error.staffEmail", fieldErrors: { email: ["billing.fieldError.staffEmail"] } });
  });

  it("issues a free product at once with a zero-amount paid order and no support term", async () => {
    const product = await createProduct({ free: true, listPriceMinor: 0 });
    const buyer = email();
    const { order, fulfilled } = await createNewLicenceOrder(null, { productId: product.id, email: buyer, name: "F", organisationName: "Free Org", method: "invoice", locale: "en" });
    expect(fulfilled).toBe(true);
    expect(order).toMatchObject({ status: "paid", amountMinor: 0 });
    const [licence] = await db.select().from(licences).where(eq(licences.issuedFromOrderId, order.id));
    expect(licence!.supportUntil).toBeNull();
    expect(await db.select().from(supportEntries).where(eq(supportEntries.licenceId, licence!.id))).toHaveLength(0);
    const templates = (await db.select().from(emails).where(eq(emails.toAddress, buyer))).map((m) => m.template).sort();
    expect(templates).toEqual(["invitation", "licensing.licence-issued"]);
  });

  it("lets staff cancel a pending invoice and lists orders by status", async () => {
    const admin = await createUser("admin");
    const product = await createProduct();
    const { order } = await createNewLicenceOrder(null, { productId: product.id, email: email(), name: "E", organisationName: "E", method: "invoice", locale: "en" });
    const pending = await listOrders(admin, { status: "pending" });
    expect(pending.orders.some((o) => o.id === order.id)).toBe(true);
    await cancelOrder(admin, order.id);
    await expect(markOrderPaid(admin, order.id)).rejects.toMatchObject({ code: "conflict", userMessage: { key: "billing.error.alreadyStatus", params: { status: "cancelled" } } });
    expect((await listOrders(admin, { q: String(order.number) })).orders).toMatchObject([{ id: order.id, status: "cancelled" }]);
  });

  it("prints the seller details from settings over the defaults", async () => {
    await saveSettingsArea("seller", { name: "Vendor JSC", bankName: "Sber" });
    const product = await createProduct();
    const { order } = await createNewLicenceOrder(null, { productId: product.id, email: email(), name: "S", organisationName: "S", method: "invoice", locale: "en" });
    const view = await getOrderView(null, order.id);
    expect(view.seller).toMatchObject({ name: "Vendor JSC", bankName: "Sber", paymentTermsDays: 10 });
    await db.delete(settings).where(eq(settings.key, "seller"));
    forgetCachedSettings();
  });

  it("hides another organisation's order from a signed-in customer", async () => {
    const product = await createProduct();
    const { order } = await createNewLicenceOrder(null, { productId: product.id, email: email(), name: "H", organisationName: "H", method: "invoice", locale: "en" });
    const stranger = await createUser("customer");
    await expect(getOrderView(stranger, order.id)).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("renewals", () => {
  const day = 86_400_000;

  it("early renewal extends from the current end; the price is 50 % of today's list price, half-up", async () => {
    const admin = await createUser("admin");
    const customer = await createUser("customer");
    const product = await createProduct({ listPriceMinor: 1_234_501 });
    const activatedAt = new Date(Date.now() - 200 * day);
    const licence = await createLicence({ product, organisationId: customer.organisationId!, activatedAt, host: "a.example.com" });
    const { order } = await createRenewalOrder({ ...customer, locale: "en" }, licence.id, "invoice");
    expect(order).toMatchObject({ kind: "renewal", listPriceMinor: 1_234_501, percentage: 50, amountMinor: 617_251, licenceId: licence.id });
    // A second click reuses the open order.
    expect((await createRenewalOrder({ ...customer, locale: "en" }, licence.id, "invoice")).order.id).toBe(order.id);
    await markOrderPaid(admin, order.id);
    const [row] = await db.select().from(licences).where(eq(licences.id, licence.id));
    expect(row!.supportUntil).toEqual(addUtcYears(activatedAt, 2));
  });

  it("late renewal starts at the payment time", async () => {
    const admin = await createUser("admin");
    const activatedAt = new Date(Date.now() - 500 * day);
    const licence = await createLicence({ activatedAt, host: "late.example.com" });
    const preview = await lookupLicenceForRenewal(licence.key.toLowerCase().replace(/-/g, " "));
    expect(preview).toMatchObject({ ok: true, status: { status: "expired" } });
    const { order } = await createRenewalOrderByKey({ key: licence.key, email: email(), method: "invoice", locale: "en" });
    const paidAt = new Date();
    await markOrderPaid(admin, order.id, paidAt);
    const [row] = await db.select().from(licences).where(eq(licences.id, licence.id));
    expect(row!.supportUntil).toEqual(addUtcYears(paidAt, 1));
  });

  it("renewal before activation adds a year to the unstarted term", async () => {
    const admin = await createUser("admin");
    const customer = await createUser("customer");
    const licence = await createLicence({ organisationId: customer.organisationId!, activatedAt: null });
    const { order } = await createRenewalOrder({ ...customer, locale: "en" }, licence.id, "invoice");
    await markOrderPaid(admin, order.id);
    expect((await db.select().from(licences).where(eq(licences.id, licence.id)))[0]!.supportUntil).toBeNull();
    const activatedAt = new Date();
    await activateLicence(customer, licence.id, "shop-before.example.com", activatedAt);
    expect((await db.select().from(licences).where(eq(licences.id, licence.id)))[0]!.supportUntil).toEqual(addUtcYears(activatedAt, 2));
  });

  it("renew by key says 'typo' for a mistyped key and refuses free and revoked licences", async () => {
    const licence = await createLicence({ activatedAt: null });
    const typo = licence.key.slice(0, -1) + (licence.key.endsWith("0") ? "1" : "0");
    expect(await lookupLicenceForRenewal(typo)).toEqual({ ok: false, reason: "typo" });
    expect(await lookupLicenceForRenewal("hello")).toEqual({ ok: false, reason: "malformed" });
    await expect(createRenewalOrderByKey({ key: typo, email: email(), method: "invoice", locale: "en" })).rejects.toMatchObject({
      code: "invalid",
      message: "billing.error.keyTypo",
      fieldErrors: { key: ["billing.fieldError.keyTypo"] },
    });
    const free = await createLicence({ product: await createProduct({ free: true, listPriceMinor: 0 }) });
    await expect(createRenewalOrderByKey({ key: free.key, email: email(), method: "invoice", locale: "en" })).rejects.toMatchObject({ code: "invalid", message: "billing.error.freeNoRenewal" });
    const revoked = await createLicence({ overrides: { revokedAt: new Date() } });
    expect(await lookupLicenceForRenewal(revoked.key)).toMatchObject({ ok: true, quote: null });
  });
});
