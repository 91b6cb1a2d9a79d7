import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { organisations, users } from "#db/schema";
import { seedDemoData } from "~/demo/seed.server";
import { getLicenceDetail, listOrganisationLicences } from "~/modules/licensing/licences.server";
import { listCatalogue } from "~/modules/licensing/products.server";
import { db } from "~/utils/db.server";

describe("demo data", () => {
  it("seeds the catalogue and licences that the demo and the end-to-end tests rely on", async () => {
    // The year of history has its own test (reports-history.test.ts); this one checks the demo logins' data.
    expect(await seedDemoData(db, { history: false })).toBe(true);
    const catalogue = await listCatalogue();
    expect(catalogue.map((p) => [p.slug, p.free, p.requiredPlatform, p.currency]).sort()).toEqual([
      ["cookie-notice", true, null, "RUB"],
      ["exchange-1c", false, "1C-Bitrix", "RUB"],
      ["seo-booster", false, null, "RUB"],
    ]);

    const actor = async (email: string) => {
      const [u] = await db.select().from(users).where(eq(users.email, email));
      return u!;
    };
    const anna = await actor("anna@romashka.test");
    const romashka = await listOrganisationLicences(anna);
    expect(romashka.map((l) => l.status)).toEqual(["active", "active"]);
    expect(romashka.every((l) => l.productionHost === "romashka.test-shop.ru")).toBe(true);

    const clara = await actor("clara@vasilek.test");
    const vasilek = await listOrganisationLicences(clara);
    expect(vasilek.map((l) => l.status).sort()).toEqual(["expired", "expired", "not_activated"]);
    const expired = vasilek.find((l) => l.status === "expired" && l.productionHost === "vasilek-market.ru")!;
    const detail = await getLicenceDetail(clara, expired.id);
    expect(detail.releases.map((r) => [r.version, r.entitled])).toEqual([
      ["2.0.0", false],
      ["1.5.0", true],
      ["1.0.0", true],
    ]);
    expect(detail.ledger[0]).toMatchObject({ kind: "initial", orderNumber: expect.any(Number) });
    const [org] = await db.select().from(organisations).where(eq(organisations.id, clara.organisationId!));
    expect(org!.name).toBe("Vasilek Trading");
    expect(await seedDemoData(db)).toBe(false);
  });
});
