import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { activations, licences } from "#db/schema";
import {
  activateLicence,
  clearSourceModified,
  extendSupport,
  flagSourceModified,
  getLicenceDetail,
  issueLicence,
  licenceHistory,
  listOrganisationLicences,
  releaseForDownload,
  requestSourceCheck,
  restoreLicence,
  revokeLicence,
  searchLicences,
  setPlatformLicenceExpiry,
  suspendLicence,
  verifyPlatformLicence,
} from "~/modules/licensing/licences.server";
import { addUtcDays, addUtcYears } from "~/modules/licensing/support-ledger";
import { db } from "~/utils/db.server";
import { createUser } from "../factories/accounts";
import { createLicence, createProduct, createRelease } from "../factories/licensing";

const day = 86_400_000;

async function licenceRow(id: string) {
  return (await db.select().from(licences).where(eq(licences.id, id)))[0]!;
}

describe("activation", () => {
  it("development hosts are free; the first production host starts the term; moves are limited to 3 a year", async () => {
    const customer = await createUser("customer");
    const licence = await createLicence({ organisationId: customer.organisationId!, activatedAt: null });
    const t0 = new Date("2026-01-10T10:00:00Z");

    expect(await activateLicence(customer, licence.id, "localhost", t0)).toMatchObject({ kind: "development" });
    expect(await activateLicence(customer, licence.id, "staging.shop.example.com", t0)).toMatchObject({ kind: "development" });
    let row = await licenceRow(licence.id);
    expect(row.firstActivatedAt).toBeNull();
    expect(row.supportUntil).toBeNull();

    expect(await activateLicence(customer, licence.id, "shop.example.com", t0)).toMatchObject({ kind: "first_activation" });
    row = await licenceRow(licence.id);
    expect(row).toMatchObject({ productionHost: "shop.example.com", firstActivatedAt: t0, supportUntil: addUtcYears(t0, 1) });
    expect(await activateLicence(customer, licence.id, "shop.example.com", t0)).toMatchObject({ kind: "same_host" });

    for (let i = 1; i <= 3; i++) {
      expect(await activateLicence(customer, licence.id, `shop${i}.example.com`, new Date(t0.getTime() + i * day))).toMatchObject({ kind: "move", movesLeft: 3 - i });
    }
    await expect(activateLicence(customer, licence.id, "shop4.example.com", new Date(t0.getTime() + 10 * day))).rejects.toMatchObject({
      code: "conflict",
      message: "licence.error.moveLimit",
      userMessage: { key: "licence.error.moveLimit", params: { limit: 3, date: "2027-01-11" } },
    });
    // A year after the first move, one slot is free again; the term is unchanged by moves.
    expect(await activateLicence(customer, licence.id, "shop4.example.com", new Date(t0.getTime() + 367 * day))).toMatchObject({ kind: "move" });
    row = await licenceRow(licence.id);
    expect(row.supportUntil).toEqual(addUtcYears(t0, 1));
    const production = await db.select().from(activations).where(eq(activations.licenceId, licence.id));
    expect(production.filter((a) => a.kind === "production" && !a.releasedAt).map((a) => a.host)).toEqual(["shop4.example.com"]);

    const detail = await getLicenceDetail(customer, licence.id, new Date(t0.getTime() + 368 * day));
    // Only the move of day 367 is less than 365 days old on day 368.
    expect(detail.moves).toMatchObject({ limit: 3, left: 2 });
  });

  it("refuses revoked and suspended licences, and other organisations' licences are not found", async () => {
    const customer = await createUser("customer");
    const suspended = await createLicence({ organisationId: customer.organisationId!, overrides: { suspendedAt: new Date() } });
    await expect(activateLicence(customer, suspended.id, "x.example.com")).rejects.toMatchObject({ code: "conflict" });
    const foreign = await createLicence();
    await expect(activateLicence(customer, foreign.id, "x.example.com")).rejects.toMatchObject({ code: "not_found" });
    await expect(getLicenceDetail(customer, foreign.id)).rejects.toMatchObject({ code: "not_found" });
    const list = await listOrganisationLicences(customer);
    expect(list.map((l) => l.id)).toEqual([suspended.id]);
  });

  it("two concurrent activations on different production hosts bind only one of them", async () => {
    const customer = await createUser("customer");
    const licence = await createLicence({ organisationId: customer.organisationId!, activatedAt: null });
    const now = new Date();
    const results = await Promise.allSettled([
      activateLicence(customer, licence.id, "one.example.com", now),
      activateLicence(customer, licence.id, "two.example.com", now),
    ]);
    const kinds = results.map((r) => (r.status === "fulfilled" ? r.value.kind : "rejected")).sort();
    expect(kinds).toEqual(["first_activation", "move"]);
    const live = await db.select().from(activations).where(eq(activations.licenceId, licence.id));
    expect(live.filter((a) => !a.releasedAt)).toHaveLength(1);
  });
});

describe("downloads", () => {
  it("entitled releases download; releases published after support ended are locked", async () => {
    const customer = await createUser("customer");
    const product = await createProduct();
    const activatedAt = new Date(Date.now() - 500 * day);
    const licence = await createLicence({ product, organisationId: customer.organisationId!, activatedAt, host: "shop.example.com" });
    const old = await createRelease(product.id, "1.0.0", new Date(activatedAt.getTime() + 10 * day), { fileName: "m-1.0.0.zip", fileStoragePath: "releases/x/a", fileSha256: "a".repeat(64) });
    const late = await createRelease(product.id, "2.0.0", new Date(Date.now() - 10 * day), { fileName: "m-2.0.0.zip", fileStoragePath: "releases/x/b", fileSha256: "b".repeat(64) });
    await createRelease(product.id, "3.0.0", null);
    const detail = await getLicenceDetail(customer, licence.id);
    expect(detail.releases.map((r) => [r.version, r.entitled])).toEqual([
      ["2.0.0", false],
      ["1.0.0", true],
    ]);
    expect(detail.licence.status).toBe("expired");
    expect(detail.renewal?.quote.amountMinor).toBe(500_000);
    await expect(releaseForDownload(customer, licence.id, old.id)).resolves.toMatchObject({ fileName: "m-1.0.0.zip" });
    await expect(releaseForDownload(customer, licence.id, late.id)).rejects.toMatchObject({ code: "forbidden", message: "licence.error.releaseAfterTerm" });
    const stranger = await createUser("customer");
    await expect(releaseForDownload(stranger, licence.id, old.id)).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("platform licence and source flag", () => {
  it("the customer enters the platform expiry; staff verify it", async () => {
    const customer = await createUser("customer");
    const lead = await createUser("team_lead");
    const product = await createProduct({ requiredPlatform: "1C-Bitrix" });
    const licence = await createLicence({ product, organisationId: customer.organisationId!, activatedAt: new Date(), host: "b.example.com" });
    const expires = new Date("2027-03-01T00:00:00Z");
    await setPlatformLicenceExpiry(customer, licence.id, expires);
    expect((await licenceRow(licence.id)).platformLicenceExpiresAt).toEqual(expires);
    await verifyPlatformLicence(lead, licence.id, expires);
    expect((await licenceRow(licence.id)).platformLicenceVerifiedAt).not.toBeNull();
    const plain = await createLicence({ organisationId: customer.organisationId! });
    await expect(setPlatformLicenceExpiry(customer, plain.id, expires)).rejects.toMatchObject({ code: "invalid" });
  });

  it("staff flag 'source modified', the customer asks for a check, staff clear it — all in the history", async () => {
    const customer = await createUser("customer");
    const lead = await createUser("team_lead");
    const engineer = await createUser("engineer");
    const licence = await createLicence({ organisationId: customer.organisationId!, activatedAt: new Date(), host: "c.example.com" });
    await expect(flagSourceModified(engineer, licence.id, "core files patched")).rejects.toMatchObject({ code: "forbidden" });
    await flagSourceModified(lead, licence.id, "core files patched");
    expect(await licenceRow(licence.id)).toMatchObject({ sourceModified: true, sourceModifiedNote: "core files patched" });
    await requestSourceCheck(customer, licence.id);
    expect((await licenceRow(licence.id)).sourceCheckRequestedAt).not.toBeNull();
    await clearSourceModified(lead, licence.id, "original restored");
    expect(await licenceRow(licence.id)).toMatchObject({ sourceModified: false, sourceCheckRequestedAt: null });
    const history = await licenceHistory(lead, licence.id);
    expect(history.map((h) => h.action)).toEqual(["licence.source_modified_cleared", "licence.source_check_requested", "licence.source_modified_flagged"]);
  });
});

describe("staff licence desk", () => {
  it("suspends, restores, revokes and extends with a reason (compensation entry), all audited", async () => {
    const lead = await createUser("team_lead");
    const quality = await createUser("quality");
    const activatedAt = new Date(Date.now() - 30 * day);
    const licence = await createLicence({ activatedAt, host: "d.example.com" });
    await suspendLicence(lead, licence.id, "chargeback risk");
    expect((await licenceRow(licence.id)).suspendedAt).not.toBeNull();
    await restoreLicence(lead, licence.id, "resolved");
    expect((await licenceRow(licence.id)).suspendedAt).toBeNull();
    const { supportUntil } = await extendSupport(quality, licence.id, 14, "complaint #12: slow answer");
    expect(supportUntil).toEqual(addUtcDays(addUtcYears(activatedAt, 1), 14));
    expect((await licenceRow(licence.id)).supportUntil).toEqual(supportUntil);
    await expect(extendSupport(await createUser("engineer"), licence.id, 5, "x")).rejects.toMatchObject({ code: "forbidden" });
    await revokeLicence(lead, licence.id, "fraud");
    expect((await licenceRow(licence.id)).revokedAt).not.toBeNull();
    const history = await licenceHistory(lead, licence.id);
    expect(history.map((h) => h.action)).toEqual(["licence.revoked", "licence.extended", "licence.restored", "licence.suspended"]);
    expect(history[1]!.after).toMatchObject({ days: 14, reason: "complaint #12: slow answer" });
  });

  it("searches by key (any spelling), organisation name and host, newest first with keyset pages", async () => {
    const engineer = await createUser("engineer");
    const customer = await createUser("customer");
    const a = await createLicence({ organisationId: customer.organisationId!, activatedAt: new Date(), host: "findme-host.example.com" });
    const b = await createLicence({ organisationId: customer.organisationId! });
    expect((await searchLicences(engineer, { q: a.key.toLowerCase().replace(/-/g, "") })).licences.map((l) => l.id)).toEqual([a.id]);
    expect((await searchLicences(engineer, { q: a.key.slice(0, 11) })).licences.map((l) => l.id)).toContain(a.id);
    expect((await searchLicences(engineer, { q: "findme-host" })).licences.map((l) => l.id)).toEqual([a.id]);
    const [org] = (await searchLicences(engineer, { q: b.key })).licences;
    const byOrg = await searchLicences(engineer, { q: org!.organisationName });
    expect(byOrg.licences.map((l) => l.id)).toEqual([b.id, a.id]);
    await expect(searchLicences(customer, {})).rejects.toMatchObject({ code: "forbidden" });
  });

  it("draws another key when a generated key already exists", async () => {
    const existing = await createLicence();
    const product = await createProduct();
    const org = (await createUser("customer")).organisationId!;
    // The first draw replays bytes that encode the existing key; the second is random.
    const { randomBytes } = await import("node:crypto");
    const { parseLicenceKey } = await import("~/modules/licensing/licence-key");
    const canonicalBody = (parseLicenceKey(existing.key) as { canonical: string }).canonical.slice(2, 22);
    const bytes = crockfordToBytes(canonicalBody);
    let calls = 0;
    const licence = await db.transaction((tx) =>
      issueLicence(tx, { productId: product.id, organisationId: org, orderId: null, free: false, recordedAt: new Date(), actorId: null }, (n) => (calls++ === 0 ? bytes : randomBytes(n))),
    );
    expect(calls).toBe(2);
    expect(licence.keyCanonical).not.toBe(existing.keyCanonical);
  });
});

function crockfordToBytes(body: string): Uint8Array {
  const alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
  let bits = "";
  for (const c of body) bits += alphabet.indexOf(c).toString(2).padStart(5, "0");
  const out = new Uint8Array(13);
  for (let i = 0; i < 13; i++) out[i] = parseInt(bits.slice(i * 8, i * 8 + 8).padEnd(8, "0"), 2);
  return out;
}
