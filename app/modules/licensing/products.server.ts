import { and, asc, desc, eq, isNotNull, lte, ne } from "drizzle-orm";
import { products, releases, type Product } from "#db/schema";
import { recordAudit } from "~/utils/audit.server";
import { db, type Executor } from "~/utils/db.server";
import { AppError } from "~/utils/errors.server";
import { deleteStoredFile } from "~/utils/files.server";
import { isUuid } from "~/utils/pagination";
import { can, type Actor } from "../accounts/permissions";
import { invalidateReleaseCache } from "./licence-api.server";
import { renewalPrice } from "./renewal-pricing";
import type { ProductFormInput } from "./schemas";
import { getSettings } from "~/modules/settings/settings.server";

/** Release packages may be this large (admin upload). */
export const MAX_RELEASE_BYTES = 200 * 1024 * 1024;

export type StoredReleaseFile = { storagePath: string; sha256: string; size: number; fileName: string };

function requireProductAdmin(actor: Actor) {
  if (!can(actor, "manage:product:any")) throw AppError.forbidden();
}

/** Renewal terms shown before any payment: the renewal share (50 % by default) of today's list price. */
export function renewalTerms(product: Pick<Product, "free" | "listPriceMinor" | "currency">, renewalPercent: number) {
  return product.free ? null : renewalPrice({ listPriceMinor: product.listPriceMinor, currency: product.currency, percentage: renewalPercent });
}

/* Public catalogue ------------------------------------------------------------------------- */

export async function listCatalogue() {
  const rows = await db.select().from(products).where(eq(products.active, true)).orderBy(asc(products.name)).limit(500);
  const { renewalPercent } = (await getSettings()).renewals;
  return rows.map((p) => ({
    id: p.id,
    slug: p.slug,
    name: p.name,
    description: p.description,
    listPriceMinor: p.listPriceMinor,
    currency: p.currency,
    free: p.free,
    requiredPlatform: p.requiredPlatform,
    renewal: renewalTerms(p, renewalPercent),
  }));
}

export async function getCatalogueProduct(slug: string, now = new Date()) {
  const [product] = await db
    .select()
    .from(products)
    .where(and(eq(products.slug, slug.toLowerCase()), eq(products.active, true)))
    .limit(1);
  if (!product) throw AppError.notFound();
  const recent = await db
    .select({ version: releases.version, notes: releases.notes, publishedAt: releases.publishedAt })
    .from(releases)
    .where(and(eq(releases.productId, product.id), isNotNull(releases.publishedAt), lte(releases.publishedAt, now)))
    .orderBy(desc(releases.publishedAt))
    .limit(5);
  const settings = await getSettings();
  return {
    product,
    renewal: renewalTerms(product, settings.renewals.renewalPercent),
    terms: { months: settings.licences.supportTermMonths, renewalPercent: settings.renewals.renewalPercent },
    releases: recent,
  };
}

export async function getPurchasableProduct(executor: Executor, productId: string) {
  if (!isUuid(productId)) throw AppError.notFound();
  const [product] = await executor.select().from(products).where(and(eq(products.id, productId), eq(products.active, true))).limit(1);
  if (!product) throw AppError.notFound();
  return product;
}

/* Admin ------------------------------------------------------------------------------------ */

export async function listProductsForAdmin(actor: Actor) {
  requireProductAdmin(actor);
  return db.select().from(products).orderBy(asc(products.name)).limit(1000);
}

export async function getProductForAdmin(actor: Actor, productId: string) {
  requireProductAdmin(actor);
  if (!isUuid(productId)) throw AppError.notFound();
  const [product] = await db.select().from(products).where(eq(products.id, productId)).limit(1);
  if (!product) throw AppError.notFound();
  const releaseRows = await db.select().from(releases).where(eq(releases.productId, productId)).orderBy(desc(releases.createdAt));
  return { product, releases: releaseRows };
}

async function assertSlugFree(executor: Executor, slug: string, exceptId?: string) {
  const [taken] = await executor
    .select({ id: products.id })
    .from(products)
    .where(exceptId ? and(eq(products.slug, slug), ne(products.id, exceptId)) : eq(products.slug, slug))
    .limit(1);
  if (taken) throw AppError.invalid("product.error.slugTaken", { slug: ["product.error.slugTakenField"] });
}

export async function createProduct(actor: Actor, input: ProductFormInput) {
  requireProductAdmin(actor);
  return db.transaction(async (tx) => {
    await assertSlugFree(tx, input.slug);
    const [product] = await tx.insert(products).values(input).returning();
    await recordAudit(tx, { actorId: actor.id, action: "product.created", entityType: "product", entityId: product!.id, after: input });
    return product!;
  });
}

/** Price changes apply to future orders and renewal quotes only: orders keep their snapshot. */
export async function updateProduct(actor: Actor, productId: string, input: ProductFormInput) {
  requireProductAdmin(actor);
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(products).where(eq(products.id, productId)).for("update");
    if (!before) throw AppError.notFound();
    await assertSlugFree(tx, input.slug, productId);
    const [product] = await tx.update(products).set({ ...input, updatedAt: new Date() }).where(eq(products.id, productId)).returning();
    await recordAudit(tx, { actorId: actor.id, action: "product.updated", entityType: "product", entityId: productId, before, after: input });
    return product!;
  });
}

export type ReleaseInput = { version: string; notes: string; publishedAt: Date | null };

function fileColumns(file: StoredReleaseFile | undefined) {
  return file ? { fileName: file.fileName, fileSize: file.size, fileSha256: file.sha256, fileStoragePath: file.storagePath } : {};
}

export async function createRelease(actor: Actor, productId: string, input: ReleaseInput, file?: StoredReleaseFile) {
  requireProductAdmin(actor);
  const created = await db.transaction(async (tx) => {
    const [product] = await tx.select({ id: products.id }).from(products).where(eq(products.id, productId));
    if (!product) throw AppError.notFound();
    const [duplicate] = await tx.select({ id: releases.id }).from(releases).where(and(eq(releases.productId, productId), eq(releases.version, input.version)));
    if (duplicate) throw AppError.invalid("release.error.versionExists", { version: ["release.error.versionExistsField"] });
    const [release] = await tx.insert(releases).values({ productId, ...input, ...fileColumns(file) }).returning();
    await recordAudit(tx, { actorId: actor.id, action: "release.created", entityType: "release", entityId: release!.id, after: { productId, ...input, file: file?.fileName } });
    return release!;
  });
  invalidateReleaseCache(productId);
  return created;
}

export async function updateRelease(actor: Actor, productId: string, releaseId: string, input: ReleaseInput, file?: StoredReleaseFile) {
  requireProductAdmin(actor);
  if (!isUuid(releaseId)) throw AppError.notFound();
  const { release, replacedPath } = await db.transaction(async (tx) => {
    const [before] = await tx.select().from(releases).where(and(eq(releases.id, releaseId), eq(releases.productId, productId))).for("update");
    if (!before) throw AppError.notFound();
    const [duplicate] = await tx
      .select({ id: releases.id })
      .from(releases)
      .where(and(eq(releases.productId, productId), eq(releases.version, input.version), ne(releases.id, releaseId)));
    if (duplicate) throw AppError.invalid("release.error.versionExists", { version: ["release.error.versionExistsField"] });
    const [release] = await tx.update(releases).set({ ...input, ...fileColumns(file) }).where(eq(releases.id, releaseId)).returning();
    await recordAudit(tx, {
      actorId: actor.id,
      action: "release.updated",
      entityType: "release",
      entityId: releaseId,
      before: { version: before.version, publishedAt: before.publishedAt, file: before.fileName },
      after: { ...input, file: file?.fileName ?? before.fileName },
    });
    return { release: release!, replacedPath: file ? before.fileStoragePath : null };
  });
  // Only after the commit: a rolled-back update keeps pointing at the old file.
  if (replacedPath) await deleteStoredFile(replacedPath);
  invalidateReleaseCache(productId);
  return release;
}

export async function getReleaseForAdmin(actor: Actor, productId: string, releaseId: string) {
  requireProductAdmin(actor);
  if (!isUuid(productId) || !isUuid(releaseId)) throw AppError.notFound();
  const [row] = await db
    .select({ release: releases, productName: products.name })
    .from(releases)
    .innerJoin(products, eq(products.id, releases.productId))
    .where(and(eq(releases.id, releaseId), eq(releases.productId, productId)));
  if (!row) throw AppError.notFound();
  return row;
}
