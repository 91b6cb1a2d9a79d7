import { createPrivateKey, createPublicKey, sign, type KeyObject } from "node:crypto";
import { and, eq, isNotNull, like, sql } from "drizzle-orm";
import { licences, products, releases, throttleBuckets } from "#db/schema";
import { currentDatabase, db, type Database, type DatabaseHandle } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { validateLicence, type LicenceValidationCode } from "./api-codes";
import { compareVersions, latestEntitledRelease, parseVersion } from "./entitlement";
import { normaliseHost } from "./host";
import { parseLicenceKey } from "./licence-key";
import { throttleKey, type QuotaDecision } from "~/modules/security/throttle";
import { takeQuota } from "~/modules/security/throttle.server";

/**
 * The licence API the vendor's modules call. One indexed lookup (licences.key_canonical joined
 * with its product) per request; the published releases of a product are cached in memory for
 * RELEASE_CACHE_MS, so a new release reaches modules within that time (and at once on the
 * instance where it was published). Every response body is signed with Ed25519.
 */

export type ValidateResponse = {
  valid: boolean;
  code: LicenceValidationCode;
  product: { slug: string; name: string } | null;
  /** End of the support term (exclusive, ISO 8601); null for free products and unstarted terms. */
  supportUntil: string | null;
  /** Releases published up to this instant are entitled; null means no cut-off. */
  updatesUntil: string | null;
  latestEntitledRelease: { version: string; publishedAt: string } | null;
  /** When `version` was sent: whether the latest entitled release is newer; else null. */
  updateAvailable: boolean | null;
  /** The host as we normalised it, and when we answered: both signed, so a response cannot be replayed for another site or passed off as fresh. */
  host: string | null;
  checkedAt: string;
};

const RELEASE_CACHE_MS = 30_000;
type CachedReleases = { at: number; releases: Array<{ version: string; publishedAt: Date | null }> };
const releaseCache = new Map<string, CachedReleases>();

async function publishedReleases(productId: string, now: number) {
  const hit = releaseCache.get(productId);
  if (hit && now - hit.at < RELEASE_CACHE_MS) return hit.releases;
  const rows = await db
    .select({ version: releases.version, publishedAt: releases.publishedAt })
    .from(releases)
    .where(and(eq(releases.productId, productId), isNotNull(releases.publishedAt)));
  releaseCache.set(productId, { at: now, releases: rows });
  return rows;
}

/** Called when an admin changes releases, so this instance answers with them at once. */
export function invalidateReleaseCache(productId?: string): void {
  if (productId) releaseCache.delete(productId);
  else releaseCache.clear();
}

function buildLookup(database: Database) {
  return database
    .select({
      revokedAt: licences.revokedAt,
      suspendedAt: licences.suspendedAt,
      firstActivatedAt: licences.firstActivatedAt,
      supportUntil: licences.supportUntil,
      productionHost: licences.productionHost,
      productId: products.id,
      slug: products.slug,
      name: products.name,
      free: products.free,
    })
    .from(licences)
    .innerJoin(products, eq(products.id, licences.productId))
    .where(eq(licences.keyCanonical, sql.placeholder("key")))
    .limit(1)
    .prepare("licence_api_lookup");
}

/**
 * The hot query, prepared once per database connection handle: building a drizzle query costs
 * more than running this one (an index lookup on licences_key_key plus the product's primary key).
 */
const lookups = new WeakMap<DatabaseHandle, ReturnType<typeof buildLookup>>();
function lookupStatement() {
  const handle = currentDatabase();
  let statement = lookups.get(handle);
  if (!statement) {
    statement = buildLookup(handle.db);
    lookups.set(handle, statement);
  }
  return statement;
}

export async function validateLicenceRequest(input: { key: string; host: string; version?: string }, now = new Date()): Promise<ValidateResponse> {
  const parseResult = parseLicenceKey(input.key);
  const normalisedHost = normaliseHost(input.host);
  const base = { host: normalisedHost.ok ? normalisedHost.host : null, checkedAt: now.toISOString() };
  const empty = { product: null, supportUntil: null, updatesUntil: null, latestEntitledRelease: null, updateAvailable: null };
  if (!parseResult.ok) return { valid: false, code: "TYPO", ...empty, ...base };
  const [row] = await lookupStatement().execute({ key: parseResult.canonical });
  const result = validateLicence({ licence: row ? { ...row } : null, parseResult, host: input.host, now });
  if (!row) return { ...result, ...empty, ...base };
  const cutOff = row.free ? null : row.supportUntil;
  const supportUntil = row.free ? null : (row.supportUntil?.toISOString() ?? null);
  let latest: ValidateResponse["latestEntitledRelease"] = null;
  let updateAvailable: boolean | null = null;
  if (result.valid) {
    const found = latestEntitledRelease(await publishedReleases(row.productId, now.getTime()), cutOff, now);
    latest = found ? { version: found.version, publishedAt: found.publishedAt!.toISOString() } : null;
    if (input.version && parseVersion(input.version)) {
      updateAvailable = latest !== null && parseVersion(latest.version) !== null && compareVersions(latest.version, input.version) > 0;
    }
  }
  return {
    ...result,
    product: { slug: row.slug, name: row.name },
    supportUntil,
    updatesUntil: supportUntil,
    latestEntitledRelease: latest,
    updateAvailable,
    ...base,
  };
}

/* Signing ---------------------------------------------------------------------------------- */

let keys: { pem: string; privateKey: KeyObject; publicPem: string; publicRaw: string } | null = null;

function signingKeys() {
  const pem = getEnv().LICENCE_SIGNING_KEY;
  if (keys?.pem === pem) return keys;
  const privateKey = createPrivateKey(pem);
  if (privateKey.asymmetricKeyType !== "ed25519") throw new Error("LICENCE_SIGNING_KEY must be an Ed25519 private key");
  const publicKey = createPublicKey(privateKey);
  const jwk = publicKey.export({ format: "jwk" });
  keys = {
    pem,
    privateKey,
    publicPem: publicKey.export({ format: "pem", type: "spki" }).toString(),
    publicRaw: Buffer.from(jwk.x!, "base64url").toString("base64"),
  };
  return keys;
}

/** Ed25519 signature (base64) over exactly these bytes. */
export function signResponseBody(body: string): string {
  return sign(null, Buffer.from(body, "utf8"), signingKeys().privateKey).toString("base64");
}

export function licencePublicKey(): { algorithm: "Ed25519"; pem: string; raw: string } {
  const { publicPem, publicRaw } = signingKeys();
  return { algorithm: "Ed25519", pem: publicPem, raw: publicRaw };
}

export const SIGNATURE_HEADER = "X-Keydesk-Signature";

/** A JSON response whose exact bytes are signed; modules verify the header against the body. */
export function signedJson(payload: unknown, init: { status?: number; headers?: Record<string, string> } = {}): Response {
  const body = JSON.stringify(payload);
  return new Response(body, {
    status: init.status ?? 200,
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Cache-Control": "no-store",
      [SIGNATURE_HEADER]: signResponseBody(body),
      ...init.headers,
    },
  });
}

/* Rate limit ------------------------------------------------------------------------------- */

const API_WINDOW_SECONDS = 60;

/**
 * Per client address, counted in the database so that every instance shares the limit (ADR
 * 082). `null` when the limit is turned off.
 */
export async function checkApiRateLimit(clientAddress: string, now = new Date()): Promise<QuotaDecision | null> {
  const limit = getEnv().API_RATE_LIMIT_PER_MINUTE;
  if (limit === 0) return null;
  return takeQuota(throttleKey.licenceApi(clientAddress), limit, API_WINDOW_SECONDS, now);
}

/** Tests start each case with empty counters. */
export async function resetApiRateLimit(): Promise<void> {
  await db.delete(throttleBuckets).where(like(throttleBuckets.key, "api:%"));
}
