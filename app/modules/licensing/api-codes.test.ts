import { describe, expect, it } from "vitest";
import { LICENCE_VALIDATION_CODES, validateLicence, type ValidatableLicence } from "./api-codes";
import type { LicenceKeyParseResult } from "./licence-key";

const at = (iso: string) => new Date(iso);
const NOW = at("2025-06-01T12:00:00Z");

const goodKey: LicenceKeyParseResult = { ok: true, canonical: "KD0000000000000000000000" };
const typo: LicenceKeyParseResult = { ok: false, reason: "typo" };
const malformed: LicenceKeyParseResult = { ok: false, reason: "malformed" };

const bound: ValidatableLicence = {
  revokedAt: null,
  suspendedAt: null,
  firstActivatedAt: at("2025-01-01T00:00:00Z"),
  supportUntil: at("2026-01-01T00:00:00Z"),
  free: false,
  productionHost: "shop.example.com",
};
const expired: Partial<ValidatableLicence> = { supportUntil: at("2025-05-01T00:00:00Z") };
const unbound: Partial<ValidatableLicence> = { firstActivatedAt: null, supportUntil: null, productionHost: null };
const revoked: Partial<ValidatableLicence> = { revokedAt: at("2025-05-01T00:00:00Z") };
const suspended: Partial<ValidatableLicence> = { suspendedAt: at("2025-05-01T00:00:00Z") };

describe("validateLicence", () => {
  it.each<[string, LicenceKeyParseResult, Partial<ValidatableLicence> | null, string, string, boolean]>([
    ["bound host, support running", goodKey, {}, "shop.example.com", "VALID", true],
    ["bound host given as a URL with www and port", goodKey, {}, "https://www.Shop.Example.com:443/bitrix/", "VALID", true],
    ["bound host, support ended: software keeps working", goodKey, expired, "shop.example.com", "SUPPORT_EXPIRED", true],
    ["support ends exactly now", goodKey, { supportUntil: NOW }, "shop.example.com", "SUPPORT_EXPIRED", true],
    ["activated with no term left", goodKey, { supportUntil: null }, "shop.example.com", "SUPPORT_EXPIRED", true],
    ["free product on its host", goodKey, { free: true, supportUntil: null }, "shop.example.com", "VALID", true],
    ["another production host", goodKey, {}, "other-shop.com", "HOST_MISMATCH", false],
    ["another production host, support ended", goodKey, expired, "other-shop.com", "HOST_MISMATCH", false],
    ["an unparseable host", goodKey, {}, "ftp://shop.example.com", "HOST_MISMATCH", false],
    ["production host, not activated", goodKey, unbound, "shop.example.com", "NOT_ACTIVATED", false],
    ["released after activation", goodKey, { productionHost: null }, "shop.example.com", "NOT_ACTIVATED", false],
    ["localhost, not activated", goodKey, unbound, "http://localhost:8080", "VALID", true],
    ["staging copy of an activated licence", goodKey, {}, "staging.shop.example.com", "VALID", true],
    ["dev host, support ended", goodKey, expired, "dev.shop.example.com", "SUPPORT_EXPIRED", true],
    ["loopback IP", goodKey, {}, "127.0.0.1", "VALID", true],
    ["free product on a dev host", goodKey, { free: true, supportUntil: null }, "shop.test", "VALID", true],
    ["suspended", goodKey, suspended, "shop.example.com", "SUSPENDED", false],
    ["suspended on a dev host", goodKey, suspended, "localhost", "SUSPENDED", false],
    ["revoked", goodKey, revoked, "shop.example.com", "REVOKED", false],
    ["revoked on a dev host", goodKey, revoked, "localhost", "REVOKED", false],
    ["revoked and suspended", goodKey, { ...revoked, ...suspended }, "shop.example.com", "REVOKED", false],
    ["well-formed key we never issued", goodKey, null, "shop.example.com", "NOT_FOUND", false],
    ["mistyped key", typo, null, "shop.example.com", "TYPO", false],
    ["malformed key", malformed, null, "shop.example.com", "TYPO", false],
    ["mistyped key on a dev host", typo, null, "localhost", "TYPO", false],
  ])("%s → %s", (_label, parseResult, overrides, host, code, valid) => {
    const licence = overrides === null ? null : { ...bound, ...overrides };
    expect(validateLicence({ licence, parseResult, host, now: NOW })).toEqual({ valid, code });
  });

  it("lists every code the API can return", () => {
    expect(LICENCE_VALIDATION_CODES).toEqual([
      "VALID",
      "SUPPORT_EXPIRED",
      "NOT_ACTIVATED",
      "HOST_MISMATCH",
      "SUSPENDED",
      "REVOKED",
      "NOT_FOUND",
      "TYPO",
    ]);
  });
});
