import { createPublicKey, verify } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { invalidateReleaseCache, resetApiRateLimit } from "~/modules/licensing/licence-api.server";
import { action as validate } from "~/routes/api.v1.licences.validate";
import { loader as publicKey } from "~/routes/api.v1.public-key";
import { overrideEnvForTests } from "~/utils/env.server";
import { createLicence, createProduct, createRelease } from "../factories/licensing";

const day = 86_400_000;

async function call(body: unknown, address = "203.0.113.7") {
  const request = new Request("http://keydesk.test/api/v1/licences/validate", {
    method: "POST",
    body: typeof body === "string" ? body : JSON.stringify(body),
    headers: { "Content-Type": "application/json", "x-keydesk-client-ip": address },
  });
  const response = (await validate({ request, params: {}, context: {} })) as Response;
  const text = await response.text();
  return { response, text, json: JSON.parse(text) };
}

async function verifier() {
  const response = publicKey();
  const { pem, raw } = (await response.json()) as { pem: string; raw: string };
  return { key: createPublicKey(pem), raw };
}

afterEach(() => {
  vi.useRealTimers();
});

beforeEach(async () => {
  overrideEnvForTests({ API_RATE_LIMIT_PER_MINUTE: 60 });
  await resetApiRateLimit();
  invalidateReleaseCache();
});

describe("POST /api/v1/licences/validate", () => {
  it("answers every code, with the latest entitled release", async () => {
    const product = await createProduct({ name: "SEO Booster", slug: `seo-${Date.now()}` });
    const activatedAt = new Date(Date.now() - 100 * day);
    const active = await createLicence({ product, activatedAt, host: "shop.example.com" });
    await createRelease(product.id, "1.0.0", new Date(activatedAt.getTime() - day));
    await createRelease(product.id, "1.1.0", new Date(Date.now() - day));
    await createRelease(product.id, "9.0.0", new Date(Date.now() + 30 * day)); // scheduled, not yet out

    const ok = await call({ key: active.key, host: "https://www.shop.example.com/catalog", version: "1.0.0" });
    expect(ok.response.status).toBe(200);
    expect(ok.json).toMatchObject({
      valid: true,
      code: "VALID",
      product: { slug: product.slug, name: "SEO Booster" },
      supportUntil: active.supportUntil!.toISOString(),
      updatesUntil: active.supportUntil!.toISOString(),
      latestEntitledRelease: { version: "1.1.0" },
      updateAvailable: true,
      host: "shop.example.com",
    });

    expect((await call({ key: active.key, host: "other.example.com" })).json).toMatchObject({ valid: false, code: "HOST_MISMATCH" });
    expect((await call({ key: active.key, host: "localhost:8080" })).json).toMatchObject({ valid: true, code: "VALID" });

    const expired = await createLicence({ product, activatedAt: new Date(Date.now() - 400 * day), host: "old.example.com" });
    const expiredAnswer = (await call({ key: expired.key, host: "old.example.com" })).json;
    expect(expiredAnswer).toMatchObject({ valid: true, code: "SUPPORT_EXPIRED", latestEntitledRelease: { version: "1.0.0" } });

    const fresh = await createLicence({ product, activatedAt: null });
    expect((await call({ key: fresh.key, host: "new.example.com" })).json).toMatchObject({ valid: false, code: "NOT_ACTIVATED" });
    const suspended = await createLicence({ product, activatedAt, host: "s.example.com", overrides: { suspendedAt: new Date() } });
    expect((await call({ key: suspended.key, host: "s.example.com" })).json).toMatchObject({ valid: false, code: "SUSPENDED", latestEntitledRelease: null });
    const revoked = await createLicence({ product, activatedAt, host: "r.example.com", overrides: { revokedAt: new Date() } });
    expect((await call({ key: revoked.key, host: "r.example.com" })).json).toMatchObject({ valid: false, code: "REVOKED" });

    const typo = active.key.slice(0, -1) + (active.key.endsWith("0") ? "1" : "0");
    expect((await call({ key: typo, host: "shop.example.com" })).json).toMatchObject({ valid: false, code: "TYPO", product: null });
    // A well-formed key with a correct check character that we never issued.
    const { newKey } = await import("../factories/licensing");
    expect((await call({ key: newKey().key, host: "shop.example.com" })).json).toMatchObject({ valid: false, code: "NOT_FOUND" });
  });

  it("signs the exact response bytes with Ed25519; the published key verifies them", async () => {
    const licence = await createLicence({ activatedAt: new Date(), host: "sig.example.com" });
    const { key, raw } = await verifier();
    expect(Buffer.from(raw, "base64")).toHaveLength(32);
    const { response, text } = await call({ key: licence.key, host: "sig.example.com" });
    const signature = Buffer.from(response.headers.get("X-Keydesk-Signature")!, "base64");
    expect(verify(null, Buffer.from(text), key, signature)).toBe(true);
    expect(verify(null, Buffer.from(text.replace("true", "false")), key, signature)).toBe(false);
  });

  it("answers 400 with field errors for invalid input (also signed)", async () => {
    const missing = await call({ host: 5 });
    expect(missing.response.status).toBe(400);
    expect(missing.json).toMatchObject({ error: "invalid_request", fieldErrors: { key: ["key is required"], host: ["host is required"] } });
    expect(missing.response.headers.get("X-Keydesk-Signature")).toBeTruthy();
    const notJson = await call("{nope");
    expect(notJson.response.status).toBe(400);
  });

  it("answers 429 with Retry-After after 60 requests a minute from one address", async () => {
    // Frozen at the start of a window, so the 61 calls cannot straddle two windows.
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2030-01-01T10:00:00.000Z"));
    const body = { key: "KD-00000-00000-00000-00000-0", host: "a.example.com" };
    for (let i = 0; i < 60; i++) expect((await call(body, "198.51.100.1")).response.status).not.toBe(429);
    const limited = await call(body, "198.51.100.1");
    expect(limited.response.status).toBe(429);
    expect(Number(limited.response.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect((await call(body, "198.51.100.2")).response.status).toBe(200);
    overrideEnvForTests({ API_RATE_LIMIT_PER_MINUTE: 0 });
    expect((await call(body, "198.51.100.1")).response.status).toBe(200);
  });
});
