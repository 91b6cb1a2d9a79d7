import { and, desc, eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { auditLog, licences, orders, settings } from "#db/schema";
import { createNewLicenceOrder, createRenewalOrder, markOrderPaid } from "~/modules/billing/orders.server";
import { activateLicence, getLicenceDetail } from "~/modules/licensing/licences.server";
import { addUtcMonths } from "~/modules/licensing/support-ledger";
import { DEFAULT_SETTINGS, SETTING_AREAS } from "~/modules/settings/definitions";
import { forgetCachedSettings, getSettings, saveSettingsArea, updateSettingsArea } from "~/modules/settings/settings.server";
import { db } from "~/utils/db.server";
import { createUser } from "../factories/accounts";
import { createProduct } from "../factories/licensing";

const email = () => `settings-${Math.random().toString(36).slice(2, 8)}@example.com`;

afterEach(async () => {
  for (const area of SETTING_AREAS) await saveSettingsArea(area, DEFAULT_SETTINGS[area]);
  forgetCachedSettings();
});

describe("the settings page's use case", () => {
  it("saves an area for an admin, audits only what changed with old and new values, and is read at once", async () => {
    const admin = await createUser("admin");
    const result = await updateSettingsArea(admin, "tickets", { maxUploadMb: "40", accessDetailsErasureDays: "7", autoCloseDays: "10" });
    expect(result).toEqual({ ok: true, value: { maxUploadMb: 40, accessDetailsErasureDays: 7, autoCloseDays: 10, onCallEmail: "" } });
    expect((await getSettings()).tickets).toEqual({ maxUploadMb: 40, accessDetailsErasureDays: 7, autoCloseDays: 10, onCallEmail: "" });
    const [entry] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "settings.updated"), eq(auditLog.entityId, "tickets"), eq(auditLog.actorId, admin.id)))
      .orderBy(desc(auditLog.at))
      .limit(1);
    expect(entry).toMatchObject({ before: { maxUploadMb: 25, autoCloseDays: 7 }, after: { maxUploadMb: 40, autoCloseDays: 10 } });

    // Saving the same values again writes no audit line.
    await updateSettingsArea(admin, "tickets", { maxUploadMb: "40", accessDetailsErasureDays: "7", autoCloseDays: "10" });
    const lines = await db.select().from(auditLog).where(and(eq(auditLog.action, "settings.updated"), eq(auditLog.entityId, "tickets"), eq(auditLog.actorId, admin.id)));
    expect(lines).toHaveLength(1);
  });

  it("refuses bad values with a code per field and keeps the old values", async () => {
    const admin = await createUser("admin");
    const result = await updateSettingsArea(admin, "renewals", { renewalPercent: "150", reminderDays: "30" });
    expect(result).toEqual({ ok: false, errors: { renewalPercent: { code: "range", min: 1, max: 100 }, reminderDays: { code: "listCount", min: 2, max: 2 } } });
    expect((await getSettings()).renewals).toEqual(DEFAULT_SETTINGS.renewals);
  });

  it("is for admins only", async () => {
    for (const role of ["team_lead", "engineer", "quality", "customer"] as const) {
      await expect(updateSettingsArea(await createUser(role), "sla", { warningPercent: "80" })).rejects.toMatchObject({ code: "forbidden" });
    }
    expect((await getSettings()).sla.warningPercent).toBe(75);
  });

  it("clears the demo-data note when an admin saves the security area", async () => {
    await saveSettingsArea("security", { requireTwoFactorForStaff: false, turnedOffByDemoData: true });
    const admin = await createUser("admin");
    await updateSettingsArea(admin, "security", { staffIdleHours: "8", customerIdleDays: "30", absoluteLifetimeDays: "30" });
    expect((await getSettings()).security).toMatchObject({ requireTwoFactorForStaff: false, staffIdleHours: 8, turnedOffByDemoData: false });
  });

  it("reads an unknown or damaged stored row as the defaults, never as an error", async () => {
    await db.insert(settings).values({ key: "licences", value: { supportTermMonths: "a lot", moveLimitPerYear: 5 } }).onConflictDoUpdate({ target: settings.key, set: { value: { supportTermMonths: "a lot", moveLimitPerYear: 5 } } });
    forgetCachedSettings();
    expect((await getSettings()).licences).toEqual({ supportTermMonths: 12, moveLimitPerYear: 5 });
  });
});

describe("changes apply from now on and never rewrite history", () => {
  it("a term already bought keeps its end when the term setting changes; the next renewal buys the new term", async () => {
    const admin = await createUser("admin");
    const customer = await createUser("customer", { isPrimaryContact: true });
    const product = await createProduct({ listPriceMinor: 1_000_000, currency: "RUB" });
    const { order } = await createNewLicenceOrder(null, { productId: product.id, email: email(), name: "T", organisationName: "Term Ltd", method: "invoice", locale: "en" });
    await markOrderPaid(admin, order.id);
    const [licence] = await db.select().from(licences).where(eq(licences.issuedFromOrderId, order.id));
    await db.update(licences).set({ organisationId: customer.organisationId! }).where(eq(licences.id, licence!.id));
    const activatedAt = new Date(Date.now() - 30 * 86_400_000);
    await activateLicence(admin, licence!.id, "shop.example.com", activatedAt);
    const [activated] = await db.select().from(licences).where(eq(licences.id, licence!.id));
    expect(activated!.supportUntil).toEqual(addUtcMonths(activatedAt, 12));

    await updateSettingsArea(admin, "licences", { supportTermMonths: "24", moveLimitPerYear: "3" });
    // The page shows the old end, and a renewal now would add the new term to it.
    const detail = await getLicenceDetail(admin, licence!.id);
    expect(detail.licence.supportUntil).toEqual(addUtcMonths(activatedAt, 12));
    expect(detail.renewal?.supportUntil).toEqual(addUtcMonths(activatedAt, 36));

    const renewal = await createRenewalOrder({ ...customer, locale: "en" }, licence!.id, "invoice");
    await markOrderPaid(admin, renewal.order.id);
    const [renewed] = await db.select().from(licences).where(eq(licences.id, licence!.id));
    expect(renewed!.supportUntil).toEqual(addUtcMonths(activatedAt, 36));
  });

  it("an order created at 50 % keeps 50 % when the renewal share changes; new quotes use the new share", async () => {
    const admin = await createUser("admin");
    const customer = await createUser("customer", { isPrimaryContact: true });
    const product = await createProduct({ listPriceMinor: 1_000_000, currency: "RUB" });
    const { order: bought } = await createNewLicenceOrder(null, { productId: product.id, email: customer.email, name: "R", organisationName: "Renew Ltd", method: "invoice", locale: "en" });
    await markOrderPaid(admin, bought.id);
    const [licence] = await db.select().from(licences).where(eq(licences.issuedFromOrderId, bought.id));
    await db.update(licences).set({ organisationId: customer.organisationId! }).where(eq(licences.id, licence!.id));

    const { order: older } = await createRenewalOrder({ ...customer, locale: "en" }, licence!.id, "invoice");
    expect(older).toMatchObject({ percentage: 50, amountMinor: 500_000 });

    await updateSettingsArea(admin, "renewals", { renewalPercent: "40", reminderDays: "30, 7" });
    expect((await getLicenceDetail(customer, licence!.id)).renewal?.quote).toMatchObject({ percentage: 40, amountMinor: 400_000 });
    const { order: newer } = await createRenewalOrder({ ...customer, locale: "en" }, licence!.id, "invoice");
    expect(newer).toMatchObject({ percentage: 40, amountMinor: 400_000 });

    await markOrderPaid(admin, older.id);
    const [paid] = await db.select().from(orders).where(eq(orders.id, older.id));
    expect(paid).toMatchObject({ status: "paid", percentage: 50, amountMinor: 500_000 });
  });
});
