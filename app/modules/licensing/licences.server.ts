import { randomBytes } from "node:crypto";
import { and, asc, desc, eq, exists, ilike, isNotNull, isNull, like, lt, lte, or, sql, type SQL } from "drizzle-orm";
import { activations, auditLog, licences, organisations, products, releases, supportEntries, users, type Licence, type Product } from "#db/schema";
import { recordAudit, type AuditAction } from "~/utils/audit.server";
import { resolveAuditRefs } from "~/modules/accounts/audit-log.server";
import { db, type Executor } from "~/utils/db.server";
import { AppError } from "~/utils/errors.server";
import { msg } from "~/utils/messages";
import { isUuid } from "~/utils/pagination";
import { can, type Actor } from "../accounts/permissions";
import { escapeLike } from "../accounts/users.server";
import { isReleaseEntitled } from "./entitlement";
import { formatLicenceKey, generateLicenceKey, normaliseLicenceKey, parseLicenceKey, type RandomBytes } from "./licence-key";
import { activationMovesLeft, canActivate, deriveLicenceStatus, nextMoveAvailableAt } from "./licence-status";
import { ledgerView, loadLedgerEntries, refreshSupportUntil } from "./ledger.server";
import { supportUntilAfterRenewal } from "./renewal-preview";
import { renewalPrice } from "./renewal-pricing";
import { getSettings } from "~/modules/settings/settings.server";

/* ------------------------------------------------------------------------------------------ */
/* Access                                                                                      */
/* ------------------------------------------------------------------------------------------ */

type LicenceWithProduct = { licence: Licence; product: Product };

/**
 * The one way a use case reaches a licence on behalf of someone: customers only within their
 * organisation (anything else is "not found"), staff with `read:licence:any`.
 */
export async function loadLicenceFor(
  actor: Actor,
  licenceId: string,
  options: { executor?: Executor; lock?: boolean } = {},
): Promise<LicenceWithProduct> {
  if (actor.role === "customer" ? !can(actor, "read:licence:own") : !can(actor, "read:licence:any")) throw AppError.forbidden();
  if (!isUuid(licenceId)) throw AppError.notFound();
  const query = (options.executor ?? db)
    .select({ licence: licences, product: products })
    .from(licences)
    .innerJoin(products, eq(products.id, licences.productId))
    .where(eq(licences.id, licenceId));
  const [row] = options.lock ? await query.for("update", { of: licences }) : await query;
  if (!row) throw AppError.notFound();
  if (actor.role === "customer" && row.licence.organisationId !== actor.organisationId) throw AppError.notFound();
  return row;
}

function requireStaffPermission(actor: Actor, ...permissions: Parameters<typeof can>[1][]) {
  if (!permissions.some((p) => can(actor, p))) throw AppError.forbidden();
}

export function statusOf(licence: Licence, product: Pick<Product, "free">, now: Date) {
  return deriveLicenceStatus(
    {
      revokedAt: licence.revokedAt,
      suspendedAt: licence.suspendedAt,
      sourceModified: licence.sourceModified,
      firstActivatedAt: licence.firstActivatedAt,
      supportUntil: licence.supportUntil,
      free: product.free,
    },
    now,
  );
}

/** Flattened status for JSON: name plus the one date it carries. */
export function statusSummary(licence: Licence, product: Pick<Product, "free">, now: Date) {
  const status = statusOf(licence, product, now);
  const date =
    status.status === "active" ? status.supportUntil : status.status === "expired" ? status.supportEndedOn : status.status === "revoked" ? status.revokedAt : status.status === "suspended" ? status.suspendedAt : null;
  return { status: status.status, date };
}

/* ------------------------------------------------------------------------------------------ */
/* Issuing                                                                                     */
/* ------------------------------------------------------------------------------------------ */

/**
 * Issues a licence inside the caller's transaction (order fulfilment). The key is 100 random
 * bits; on the astronomically unlikely unique conflict the insert does nothing and we draw again
 * (ON CONFLICT keeps the transaction usable, unlike catching a unique violation).
 */
export async function issueLicence(
  tx: Executor,
  input: { productId: string; organisationId: string; orderId: string | null; free: boolean; recordedAt: Date; actorId: string | null },
  random: RandomBytes = (n) => randomBytes(n),
): Promise<Licence> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const parsed = parseLicenceKey(generateLicenceKey(random));
    if (!parsed.ok) throw new Error("Generated an invalid licence key");
    const [licence] = await tx
      .insert(licences)
      .values({ keyCanonical: parsed.canonical, productId: input.productId, organisationId: input.organisationId, issuedFromOrderId: input.orderId })
      .onConflictDoNothing({ target: licences.keyCanonical })
      .returning();
    if (!licence) continue;
    if (!input.free) {
      const termMonths = (await getSettings(tx)).licences.supportTermMonths;
      await tx.insert(supportEntries).values({ licenceId: licence.id, kind: "initial", orderId: input.orderId, recordedAt: input.recordedAt, termMonths });
      await refreshSupportUntil(tx, licence.id);
    }
    await recordAudit(tx, {
      actorId: input.actorId,
      action: "licence.issued",
      entityType: "licence",
      entityId: licence.id,
      after: { productId: input.productId, organisationId: input.organisationId, orderId: input.orderId },
    });
    return licence;
  }
  throw new Error("Could not draw a unique licence key");
}

/* ------------------------------------------------------------------------------------------ */
/* Customer portal                                                                             */
/* ------------------------------------------------------------------------------------------ */

export async function listOrganisationLicences(actor: Actor, now = new Date()) {
  if (actor.role !== "customer" || !actor.organisationId || !can(actor, "read:licence:own")) throw AppError.forbidden();
  const rows = await db
    .select({ licence: licences, product: products })
    .from(licences)
    .innerJoin(products, eq(products.id, licences.productId))
    .where(eq(licences.organisationId, actor.organisationId))
    .orderBy(desc(licences.createdAt), desc(licences.id))
    .limit(500);
  return rows.map(({ licence, product }) => ({
    id: licence.id,
    key: formatLicenceKey(licence.keyCanonical),
    productName: product.name,
    productionHost: licence.productionHost,
    ...statusSummary(licence, product, now),
  }));
}

/** Everything the licence page shows (portal and desk). */
export async function getLicenceDetail(actor: Actor, licenceId: string, now = new Date()) {
  const { licence, product } = await loadLicenceFor(actor, licenceId);
  const [activationRows, ledger, releaseRows, entries, organisation, settings] = await Promise.all([
    db.select().from(activations).where(eq(activations.licenceId, licence.id)).orderBy(desc(activations.activatedAt)),
    ledgerView(db, licence.id, licence.firstActivatedAt),
    db
      .select({ id: releases.id, version: releases.version, notes: releases.notes, publishedAt: releases.publishedAt, fileName: releases.fileName, fileSize: releases.fileSize })
      .from(releases)
      .where(and(eq(releases.productId, product.id), isNotNull(releases.publishedAt), lte(releases.publishedAt, now)))
      .orderBy(desc(releases.publishedAt)),
    loadLedgerEntries(db, licence.id),
    db.select({ id: organisations.id, name: organisations.name }).from(organisations).where(eq(organisations.id, licence.organisationId)),
    getSettings(),
  ]);
  const moveLimit = settings.licences.moveLimitPerYear;
  const moves = activationRows.filter((a) => a.isMove).map((a) => a.activatedAt);
  const cutOff = product.free ? null : licence.supportUntil;
  const canRenew = !product.free && !licence.revokedAt;
  return {
    licence: {
      id: licence.id,
      key: formatLicenceKey(licence.keyCanonical),
      productionHost: licence.productionHost,
      firstActivatedAt: licence.firstActivatedAt,
      supportUntil: licence.supportUntil,
      sourceModified: licence.sourceModified,
      sourceModifiedNote: licence.sourceModifiedNote,
      sourceCheckRequestedAt: licence.sourceCheckRequestedAt,
      suspendedAt: licence.suspendedAt,
      revokedAt: licence.revokedAt,
      platformLicenceExpiresAt: licence.platformLicenceExpiresAt,
      platformLicenceVerifiedAt: licence.platformLicenceVerifiedAt,
      createdAt: licence.createdAt,
      ...statusSummary(licence, product, now),
    },
    organisation: organisation[0] ?? null,
    product: {
      id: product.id,
      name: product.name,
      slug: product.slug,
      free: product.free,
      requiredPlatform: product.requiredPlatform,
      listPriceMinor: product.listPriceMinor,
      currency: product.currency,
    },
    activations: activationRows.map((a) => ({ id: a.id, host: a.host, kind: a.kind, isMove: a.isMove, activatedAt: a.activatedAt, releasedAt: a.releasedAt })),
    moves: {
      limit: moveLimit,
      left: activationMovesLeft(moves, now, moveLimit),
      nextAvailableAt: nextMoveAvailableAt(moves, now, moveLimit),
    },
    ledger,
    releases: releaseRows.map((r) => ({ ...r, entitled: isReleaseEntitled(r, cutOff, now), hasFile: r.fileName !== null })),
    renewal: canRenew
      ? {
          quote: renewalPrice({ listPriceMinor: product.listPriceMinor, currency: product.currency, percentage: settings.renewals.renewalPercent }),
          termMonths: settings.licences.supportTermMonths,
          ...supportUntilAfterRenewal(entries, licence.firstActivatedAt, now, settings.licences.supportTermMonths),
        }
      : null,
  };
}

/**
 * Binds the licence to a host. Development hosts are free and unlimited; the first production
 * host starts the support term; another production host is a move (at most the `licences.moveLimitPerYear` setting, 3 by default, in 365 days). The
 * licence row is locked, so two tabs cannot both spend the last move.
 */
export async function activateLicence(actor: Actor, licenceId: string, host: string, now = new Date()) {
  if (actor.role === "customer" ? !can(actor, "activate:licence:own") : !can(actor, "update:licence:any")) throw AppError.forbidden();
  return db.transaction(async (tx) => {
    const { licence } = await loadLicenceFor(actor, licenceId, { executor: tx, lock: true });
    const history = await tx.select().from(activations).where(eq(activations.licenceId, licence.id));
    const moveLimit = (await getSettings(tx)).licences.moveLimitPerYear;
    const decision = canActivate(
      {
        host,
        productionHost: licence.productionHost,
        firstActivatedAt: licence.firstActivatedAt,
        moves: history.filter((a) => a.isMove).map((a) => a.activatedAt),
        revokedAt: licence.revokedAt,
        suspendedAt: licence.suspendedAt,
      },
      now,
      moveLimit,
    );
    if (!decision.allowed) {
      const message =
        decision.reason === "move_limit_reached"
          ? msg("licence.error.moveLimit", { limit: moveLimit, date: decision.nextMoveAvailableAt.toISOString().slice(0, 10) })
          : decision.reason === "revoked"
            ? "licence.error.revoked"
            : "licence.error.suspended";
      throw AppError.conflict(message);
    }
    if (decision.kind === "same_host") return { kind: decision.kind, host };
    if (decision.kind === "development") {
      const already = history.some((a) => a.kind === "development" && a.host === host && !a.releasedAt);
      if (!already) await tx.insert(activations).values({ licenceId: licence.id, host, kind: "development", activatedAt: now, activatedBy: actor.id });
      await recordAudit(tx, { actorId: actor.id, action: "licence.dev_host_added", entityType: "licence", entityId: licence.id, after: { host } });
      return { kind: decision.kind, host };
    }
    if (decision.kind === "move") {
      await tx
        .update(activations)
        .set({ releasedAt: now })
        .where(and(eq(activations.licenceId, licence.id), eq(activations.kind, "production"), isNull(activations.releasedAt)));
    }
    await tx.insert(activations).values({ licenceId: licence.id, host, kind: "production", isMove: decision.kind === "move", activatedAt: now, activatedBy: actor.id });
    await tx
      .update(licences)
      .set({
        productionHost: host,
        firstActivatedAt: licence.firstActivatedAt ?? now,
        // A new site: its platform licence has to be entered (and verified) again.
        ...(decision.kind === "move" ? { platformLicenceExpiresAt: null, platformLicenceVerifiedAt: null } : {}),
        updatedAt: now,
      })
      .where(eq(licences.id, licence.id));
    if (decision.kind === "first_activation") await refreshSupportUntil(tx, licence.id);
    await recordAudit(tx, {
      actorId: actor.id,
      action: decision.kind === "move" ? "licence.moved" : "licence.activated",
      entityType: "licence",
      entityId: licence.id,
      before: { productionHost: licence.productionHost },
      after: { productionHost: host },
    });
    return { kind: decision.kind, host, ...(decision.kind === "move" ? { movesLeft: decision.movesLeftAfter } : {}) };
  });
}

/** The customer states when the site's platform licence (e.g. 1C-Bitrix) expires. */
export async function setPlatformLicenceExpiry(actor: Actor, licenceId: string, expiresAt: Date) {
  if (actor.role !== "customer" || !can(actor, "activate:licence:own")) throw AppError.forbidden();
  await db.transaction(async (tx) => {
    const { licence, product } = await loadLicenceFor(actor, licenceId, { executor: tx, lock: true });
    if (!product.requiredPlatform) throw AppError.invalid("licence.error.noPlatform");
    await tx.update(licences).set({ platformLicenceExpiresAt: expiresAt, platformLicenceVerifiedAt: null, updatedAt: new Date() }).where(eq(licences.id, licence.id));
    await recordAudit(tx, {
      actorId: actor.id,
      action: "licence.platform_expiry_set",
      entityType: "licence",
      entityId: licence.id,
      before: { platformLicenceExpiresAt: licence.platformLicenceExpiresAt },
      after: { platformLicenceExpiresAt: expiresAt },
    });
  });
}

/** A customer whose licence is flagged "source modified" asks staff to check the restored code. */
export async function requestSourceCheck(actor: Actor, licenceId: string, now = new Date()) {
  if (actor.role !== "customer") throw AppError.forbidden();
  await db.transaction(async (tx) => {
    const { licence } = await loadLicenceFor(actor, licenceId, { executor: tx, lock: true });
    if (!licence.sourceModified) throw AppError.invalid("licence.error.nothingToCheck");
    await tx.update(licences).set({ sourceCheckRequestedAt: now, updatedAt: now }).where(eq(licences.id, licence.id));
    await recordAudit(tx, { actorId: actor.id, action: "licence.source_check_requested", entityType: "licence", entityId: licence.id });
  });
}

/** The stored file of a release, if this licence may download it now (checked here, on the server). */
export async function releaseForDownload(actor: Actor, licenceId: string, releaseId: string, now = new Date()) {
  const { licence, product } = await loadLicenceFor(actor, licenceId);
  if (!isUuid(releaseId)) throw AppError.notFound();
  const [release] = await db
    .select()
    .from(releases)
    .where(and(eq(releases.id, releaseId), eq(releases.productId, product.id)));
  if (!release || !release.fileStoragePath || !release.fileName || !release.fileSha256) throw AppError.notFound();
  if (licence.revokedAt || licence.suspendedAt) throw AppError.forbidden("licence.error.downloadBlocked");
  if (!isReleaseEntitled(release, product.free ? null : licence.supportUntil, now)) {
    throw AppError.forbidden("licence.error.releaseAfterTerm");
  }
  return { storagePath: release.fileStoragePath, fileName: release.fileName, sha256: release.fileSha256, size: release.fileSize };
}

/* ------------------------------------------------------------------------------------------ */
/* Staff licence desk                                                                          */
/* ------------------------------------------------------------------------------------------ */

export const LICENCES_PAGE_SIZE = 50;

/**
 * Search by key (full, or the start of one), organisation name or host (current production host
 * or any activation). Newest first, keyset on (created_at, id).
 */
export async function searchLicences(actor: Actor, options: { q?: string; before?: { at: Date; id: string } } = {}, now = new Date()) {
  requireStaffPermission(actor, "read:licence:any");
  const filters: SQL[] = [];
  const q = options.q?.trim();
  if (q) {
    const parsed = parseLicenceKey(q);
    const normalised = normaliseLicenceKey(q);
    if (parsed.ok) {
      filters.push(eq(licences.keyCanonical, parsed.canonical));
    } else {
      const pattern = `%${escapeLike(q)}%`;
      const conditions: SQL[] = [
        ilike(organisations.name, pattern),
        ilike(licences.productionHost, pattern),
        exists(db.select({ one: sql`1` }).from(activations).where(and(eq(activations.licenceId, licences.id), ilike(activations.host, pattern)))),
      ];
      if (/^[0-9A-Z]{4,}$/.test(normalised)) {
        const prefix = normalised.startsWith("KD") ? normalised : `KD${normalised}`;
        conditions.push(like(licences.keyCanonical, `${escapeLike(prefix)}%`));
      }
      filters.push(or(...conditions)!);
    }
  }
  if (options.before) {
    filters.push(or(lt(licences.createdAt, options.before.at), and(eq(licences.createdAt, options.before.at), lt(licences.id, options.before.id)))!);
  }
  const rows = await db
    .select({ licence: licences, product: products, organisationName: organisations.name })
    .from(licences)
    .innerJoin(products, eq(products.id, licences.productId))
    .innerJoin(organisations, eq(organisations.id, licences.organisationId))
    .where(filters.length ? and(...filters) : undefined)
    .orderBy(desc(licences.createdAt), desc(licences.id))
    .limit(LICENCES_PAGE_SIZE + 1);
  const page = rows.slice(0, LICENCES_PAGE_SIZE);
  const last = page.at(-1);
  return {
    licences: page.map(({ licence, product, organisationName }) => ({
      id: licence.id,
      key: formatLicenceKey(licence.keyCanonical),
      productName: product.name,
      organisationId: licence.organisationId,
      organisationName,
      productionHost: licence.productionHost,
      createdAt: licence.createdAt,
      ...statusSummary(licence, product, now),
    })),
    next: rows.length > LICENCES_PAGE_SIZE && last ? { at: last.licence.createdAt, id: last.licence.id } : null,
  };
}

/** The licence's history: every audited change, newest first. */
export async function licenceHistory(actor: Actor, licenceId: string) {
  await loadLicenceFor(actor, licenceId);
  requireStaffPermission(actor, "read:licence:any");
  return db
    .select({
      id: auditLog.id,
      at: auditLog.at,
      action: auditLog.action,
      entityType: auditLog.entityType,
      entityId: auditLog.entityId,
      before: auditLog.before,
      after: auditLog.after,
      actorName: users.name,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(and(eq(auditLog.entityType, "licence"), eq(auditLog.entityId, licenceId)))
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(200);
}

/** The licence's history in words: its entries with every id they mention resolved (one query per kind). */
export async function readableLicenceHistory(actor: Actor, licenceId: string, locale: "en" | "ru") {
  const entries = await licenceHistory(actor, licenceId);
  return { entries, refs: await resolveAuditRefs(entries, locale) };
}

type StaffChange = (licence: Licence, now: Date) => { set: Partial<typeof licences.$inferInsert>; action: AuditAction; after?: Record<string, unknown> };

async function staffChange(actor: Actor, licenceId: string, now: Date, change: StaffChange, permissions: Parameters<typeof can>[1][] = ["update:licence:any"]) {
  requireStaffPermission(actor, ...permissions);
  return db.transaction(async (tx) => {
    const { licence } = await loadLicenceFor(actor, licenceId, { executor: tx, lock: true });
    const { set, action, after } = change(licence, now);
    await tx.update(licences).set({ ...set, updatedAt: now }).where(eq(licences.id, licence.id));
    const before = Object.fromEntries(Object.keys(set).map((k) => [k, licence[k as keyof Licence]]));
    await recordAudit(tx, { actorId: actor.id, action, entityType: "licence", entityId: licence.id, before, after: { ...set, ...after } });
  });
}

export function flagSourceModified(actor: Actor, licenceId: string, note: string, now = new Date()) {
  return staffChange(actor, licenceId, now, () => ({
    set: { sourceModified: true, sourceModifiedNote: note, sourceCheckRequestedAt: null },
    action: "licence.source_modified_flagged",
  }));
}

export function clearSourceModified(actor: Actor, licenceId: string, note: string, now = new Date()) {
  return staffChange(actor, licenceId, now, (licence) => {
    if (!licence.sourceModified) throw AppError.invalid("licence.error.notFlagged");
    return { set: { sourceModified: false, sourceModifiedNote: null, sourceCheckRequestedAt: null }, action: "licence.source_modified_cleared", after: { note } };
  });
}

/** Staff confirm the site's platform licence (and may correct its expiry date). */
export function verifyPlatformLicence(actor: Actor, licenceId: string, expiresAt: Date, now = new Date()) {
  return staffChange(actor, licenceId, now, () => ({
    set: { platformLicenceExpiresAt: expiresAt, platformLicenceVerifiedAt: now },
    action: "licence.platform_verified",
  }));
}

export function suspendLicence(actor: Actor, licenceId: string, reason: string, now = new Date()) {
  return staffChange(actor, licenceId, now, (licence) => {
    if (licence.revokedAt) throw AppError.invalid("licence.error.revokedCannotSuspend");
    if (licence.suspendedAt) throw AppError.invalid("licence.error.alreadySuspended");
    return { set: { suspendedAt: now }, action: "licence.suspended", after: { reason } };
  });
}

export function restoreLicence(actor: Actor, licenceId: string, reason: string, now = new Date()) {
  return staffChange(actor, licenceId, now, (licence) => {
    if (!licence.suspendedAt && !licence.revokedAt) throw AppError.invalid("licence.error.notSuspendedOrRevoked");
    return { set: { suspendedAt: null, revokedAt: null }, action: "licence.restored", after: { reason } };
  });
}

export function revokeLicence(actor: Actor, licenceId: string, reason: string, now = new Date()) {
  return staffChange(actor, licenceId, now, (licence) => {
    if (licence.revokedAt) throw AppError.invalid("licence.error.alreadyRevoked");
    return { set: { revokedAt: now }, action: "licence.revoked", after: { reason } };
  });
}

/**
 * Adds N days of support with a reason (a compensation entry in the ledger). Staff with
 * `update:licence:any` and the quality team (a complaint remedy, `apply:remedy:any`) may do it.
 */
export async function extendSupport(actor: Actor, licenceId: string, days: number, reason: string, now = new Date()) {
  requireStaffPermission(actor, "update:licence:any", "apply:remedy:any");
  if (!Number.isInteger(days) || days < 1) throw AppError.invalid("licence.error.daysMin", { days: ["licence.error.daysMinField"] });
  return db.transaction(async (tx) => {
    const { licence, product } = await loadLicenceFor(actor, licenceId, { executor: tx, lock: true });
    if (product.free) throw AppError.invalid("licence.error.freeNoTerm");
    const [entry] = await tx
      .insert(supportEntries)
      .values({ licenceId: licence.id, kind: "compensation", recordedAt: now, days, reason, createdBy: actor.id })
      .returning();
    const term = await refreshSupportUntil(tx, licence.id);
    await recordAudit(tx, {
      actorId: actor.id,
      action: "licence.extended",
      entityType: "licence",
      entityId: licence.id,
      before: { supportUntil: licence.supportUntil },
      after: { supportUntil: term.supportUntil, days, reason, entryId: entry!.id },
    });
    return { supportUntil: term.supportUntil };
  });
}

/** Organisation's licences for the desk's organisation page and other modules. */
export async function licencesOfOrganisation(actor: Actor, organisationId: string, now = new Date()) {
  if (actor.role === "customer" ? actor.organisationId !== organisationId : !can(actor, "read:licence:any")) throw AppError.notFound();
  const rows = await db
    .select({ licence: licences, product: products })
    .from(licences)
    .innerJoin(products, eq(products.id, licences.productId))
    .where(eq(licences.organisationId, organisationId))
    .orderBy(asc(products.name), desc(licences.createdAt));
  return rows.map(({ licence, product }) => ({
    id: licence.id,
    key: formatLicenceKey(licence.keyCanonical),
    productId: product.id,
    productName: product.name,
    productionHost: licence.productionHost,
    ...statusSummary(licence, product, now),
  }));
}
