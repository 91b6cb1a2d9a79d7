import { describe, expect, it } from "vitest";
import { getSupportEligibility } from "~/modules/licensing/eligibility.server";
import { AppError } from "~/utils/errors.server";
import { createUser } from "../factories/accounts";
import { createLicence, createProduct } from "../factories/licensing";

const now = new Date("2026-06-01T12:00:00Z");

describe("getSupportEligibility", () => {
  it("allows full support for an activated licence within its term", async () => {
    const customer = await createUser("customer");
    const licence = await createLicence({ organisationId: customer.organisationId!, activatedAt: new Date("2026-01-01T00:00:00Z"), host: "shop.example.com" });
    const result = await getSupportEligibility(customer, licence.id, "question", now);
    expect(result.eligibility).toMatchObject({ allowed: true, code: "SUPPORTED" });
    expect(result.licence).toMatchObject({
      id: licence.id,
      productId: licence.productId,
      productName: licence.product.name,
      organisationId: customer.organisationId,
      productionHost: "shop.example.com",
    });
    expect(result.licence.supportUntil?.toISOString()).toBe("2027-01-01T00:00:00.000Z");
  });

  it("refuses an expired term with the renewal price, but always accepts billing", async () => {
    const customer = await createUser("customer");
    const product = await createProduct({ listPriceMinor: 1_234_501, currency: "RUB" });
    const licence = await createLicence({ product, organisationId: customer.organisationId!, activatedAt: new Date("2025-01-01T00:00:00Z"), host: "a.example.com" });
    const refused = await getSupportEligibility(customer, licence.id, "bug_report", now);
    expect(refused.eligibility).toMatchObject({ allowed: false, code: "SUPPORT_EXPIRED", nextStep: "renew" });
    if (refused.eligibility.code === "SUPPORT_EXPIRED") expect(refused.eligibility.params.renewalPrice.amountMinor).toBe(617_251);
    const billing = await getSupportEligibility(customer, licence.id, "billing", now);
    expect(billing.eligibility).toMatchObject({ allowed: true, code: "BILLING_ALWAYS_ALLOWED" });
  });

  it("uses the platform requirement and the licence flags", async () => {
    const customer = await createUser("customer");
    const product = await createProduct({ requiredPlatform: "1C-Bitrix" });
    const licence = await createLicence({ product, organisationId: customer.organisationId!, activatedAt: new Date("2026-01-01T00:00:00Z"), host: "b.example.com" });
    expect((await getSupportEligibility(customer, licence.id, "question", now)).eligibility.code).toBe("PLATFORM_LICENCE_REQUIRED");
    const flagged = await createLicence({ organisationId: customer.organisationId!, activatedAt: new Date("2026-01-01T00:00:00Z"), overrides: { sourceModified: true } });
    expect((await getSupportEligibility(customer, flagged.id, "question", now)).eligibility.code).toBe("SOURCE_MODIFIED");
  });

  it("answers 404 for another organisation's licence and for a non-uuid, and lets staff read any", async () => {
    const customer = await createUser("customer");
    const other = await createLicence({ activatedAt: null });
    const error = await getSupportEligibility(customer, other.id, "question", now).catch((e) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error.code).toBe("not_found");
    await expect(getSupportEligibility(customer, "nope", "question", now)).rejects.toMatchObject({ code: "not_found" });
    const engineer = await createUser("engineer");
    expect((await getSupportEligibility(engineer, other.id, "question", now)).eligibility.code).toBe("NOT_ACTIVATED");
  });
});
