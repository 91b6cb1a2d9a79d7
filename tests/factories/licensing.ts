import { randomBytes, randomUUID } from "node:crypto";
import { licences, products, releases, supportEntries, type Licence, type Product } from "#db/schema";
import { generateLicenceKey, parseLicenceKey } from "~/modules/licensing/licence-key";
import { addUtcYears } from "~/modules/licensing/support-ledger";
import { db } from "~/utils/db.server";
import { createOrganisation } from "./accounts";

export async function createProduct(overrides: Partial<typeof products.$inferInsert> = {}): Promise<Product> {
  const suffix = randomUUID().slice(0, 8);
  const [product] = await db
    .insert(products)
    .values({ name: `Module ${suffix}`, slug: `module-${suffix}`, listPriceMinor: 1_000_000, currency: "RUB", ...overrides })
    .returning();
  return product!;
}

export async function createRelease(productId: string, version: string, publishedAt: Date | null, overrides: Partial<typeof releases.$inferInsert> = {}) {
  const [release] = await db.insert(releases).values({ productId, version, publishedAt, notes: `Release ${version}`, ...overrides }).returning();
  return release!;
}

export function newKey(): { key: string; canonical: string } {
  const key = generateLicenceKey((n) => randomBytes(n));
  const parsed = parseLicenceKey(key);
  if (!parsed.ok) throw new Error("generated an invalid key");
  return { key, canonical: parsed.canonical };
}

/**
 * A licence with an `initial` ledger entry. `activatedAt` starts the term (support_until =
 * activatedAt + 1 year unless overridden); `host` binds a production host.
 */
export async function createLicence(
  options: {
    product?: Product;
    organisationId?: string;
    activatedAt?: Date | null;
    host?: string | null;
    paidAt?: Date;
    overrides?: Partial<typeof licences.$inferInsert>;
  } = {},
): Promise<Licence & { key: string; product: Product }> {
  const product = options.product ?? (await createProduct());
  const organisationId = options.organisationId ?? (await createOrganisation()).id;
  const { key, canonical } = newKey();
  const activatedAt = options.activatedAt ?? null;
  const [licence] = await db
    .insert(licences)
    .values({
      keyCanonical: canonical,
      productId: product.id,
      organisationId,
      firstActivatedAt: activatedAt,
      supportUntil: activatedAt && !product.free ? addUtcYears(activatedAt, 1) : null,
      productionHost: options.host ?? null,
      ...options.overrides,
    })
    .returning();
  if (!product.free) {
    await db.insert(supportEntries).values({
      licenceId: licence!.id,
      kind: "initial",
      recordedAt: options.paidAt ?? activatedAt ?? new Date(),
    });
  }
  return { ...licence!, key, product };
}
