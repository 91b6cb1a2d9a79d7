import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { activations, licences, orders, products, releases, supportEntries } from "#db/schema";
import type { Executor } from "~/utils/db.server";
import { storeFile } from "~/utils/files.server";
import { refreshSupportUntil } from "~/modules/licensing/ledger.server";
import { generateLicenceKey, parseLicenceKey } from "~/modules/licensing/licence-key";

const DAY = 86_400_000;

const DEMO_PRODUCTS = [
  {
    slug: "seo-booster",
    name: "SEO Booster",
    description: "Meta tags, sitemaps and clean URLs for online shops.\n\nWorks on any PHP site; installs in five minutes.",
    listPriceMinor: 1_200_000,
    requiredPlatform: null,
    free: false,
    releases: [
      ["1.0.0", 500, "First public release."],
      ["1.5.0", 200, "Sitemap index for large catalogues."],
      ["2.0.0", 10, "Structured data for products and reviews."],
    ],
  },
  {
    slug: "exchange-1c",
    name: "1C Exchange Connector",
    description: "Two-way exchange of goods, prices and orders between 1C-Bitrix and 1C:Enterprise.",
    listPriceMinor: 2_400_000,
    requiredPlatform: "1C-Bitrix",
    free: false,
    releases: [
      ["3.1.0", 300, "Faster price upload."],
      ["3.2.0", 20, "Order statuses sync back to 1C."],
    ],
  },
  {
    slug: "cookie-notice",
    name: "Cookie Notice",
    description: "A small, accessible cookie consent banner. Free.",
    listPriceMinor: 0,
    requiredPlatform: null,
    free: true,
    releases: [
      ["1.0.0", 100, "First release."],
      ["1.1.0", 5, "Russian translation."],
    ],
  },
] as const;

/**
 * Demo catalogue and licences (called from seedDemoData inside its transaction): Romashka holds
 * two active licences on its production site; Vasilek has one whose support ended before the
 * latest release (so that release is locked) and one never activated.
 */
export async function seedLicensingDemo(tx: Executor, orgIds: Map<string, string>, now = new Date()): Promise<void> {
  const productIds = new Map<string, string>();
  for (const p of DEMO_PRODUCTS) {
    const [product] = await tx
      .insert(products)
      .values({ slug: p.slug, name: p.name, description: p.description, listPriceMinor: p.listPriceMinor, currency: "RUB", free: p.free, requiredPlatform: p.requiredPlatform })
      .returning({ id: products.id });
    productIds.set(p.slug, product!.id);
    for (const [version, daysAgo, notes] of p.releases) {
      const fileName = `${p.slug}-${version}.txt`;
      const file = await storeFile("releases", new TextEncoder().encode(`${p.name} ${version}\n\n${notes}\n\n(Demo package.)\n`), { executor: tx });
      await tx.insert(releases).values({
        productId: product!.id,
        version,
        notes,
        publishedAt: new Date(now.getTime() - daysAgo * DAY),
        fileName,
        fileSize: file.size,
        fileSha256: file.sha256,
        fileStoragePath: file.storagePath,
      });
    }
  }

  const licence = async (input: { org: string; email: string; name: string; slug: string; paidDaysAgo: number; activatedDaysAgo: number | null; host: string | null; platformDays?: number }) => {
    const product = DEMO_PRODUCTS.find((p) => p.slug === input.slug)!;
    const paidAt = new Date(now.getTime() - input.paidDaysAgo * DAY);
    const organisationId = orgIds.get(input.org)!;
    const [order] = await tx
      .insert(orders)
      .values({
        kind: "new_licence",
        status: "paid",
        method: "invoice",
        organisationId,
        buyerEmail: input.email,
        buyerName: input.name,
        productId: productIds.get(input.slug)!,
        listPriceMinor: product.listPriceMinor,
        percentage: 100,
        amountMinor: product.listPriceMinor,
        currency: "RUB",
        paidAt,
        createdAt: paidAt,
        updatedAt: paidAt,
      })
      .returning({ id: orders.id });
    const parsed = parseLicenceKey(generateLicenceKey((n) => randomBytes(n)));
    const activatedAt = input.activatedDaysAgo === null ? null : new Date(now.getTime() - input.activatedDaysAgo * DAY);
    const [row] = await tx
      .insert(licences)
      .values({
        keyCanonical: (parsed as { canonical: string }).canonical,
        productId: productIds.get(input.slug)!,
        organisationId,
        issuedFromOrderId: order!.id,
        firstActivatedAt: activatedAt,
        productionHost: input.host,
        platformLicenceExpiresAt: input.platformDays ? new Date(now.getTime() + input.platformDays * DAY) : null,
        createdAt: paidAt,
      })
      .returning({ id: licences.id });
    await tx.update(orders).set({ licenceId: row!.id }).where(eq(orders.id, order!.id));
    await tx.insert(supportEntries).values({ licenceId: row!.id, kind: "initial", orderId: order!.id, recordedAt: paidAt });
    if (activatedAt && input.host) {
      await tx.insert(activations).values({ licenceId: row!.id, host: input.host, kind: "production", activatedAt });
    }
    await refreshSupportUntil(tx, row!.id);
  };

  await licence({ org: "Romashka LLC", email: "anna@romashka.test", name: "Anna Petrova", slug: "seo-booster", paidDaysAgo: 70, activatedDaysAgo: 60, host: "romashka.test-shop.ru" });
  await licence({ org: "Romashka LLC", email: "anna@romashka.test", name: "Anna Petrova", slug: "exchange-1c", paidDaysAgo: 40, activatedDaysAgo: 38, host: "romashka.test-shop.ru", platformDays: 200 });
  await licence({ org: "Vasilek Trading", email: "clara@vasilek.test", name: "Clara Smirnova", slug: "seo-booster", paidDaysAgo: 410, activatedDaysAgo: 400, host: "vasilek-market.ru" });
  await licence({ org: "Vasilek Trading", email: "clara@vasilek.test", name: "Clara Smirnova", slug: "exchange-1c", paidDaysAgo: 5, activatedDaysAgo: null, host: null });
  // A second lapsed licence on another site, so the demo shows a refusal even after the first is renewed.
  await licence({ org: "Vasilek Trading", email: "clara@vasilek.test", name: "Clara Smirnova", slug: "seo-booster", paidDaysAgo: 430, activatedDaysAgo: 420, host: "vasilek-outlet.ru" });
}
