import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { accessDetailsSchema, decryptAccessDetails, decryptSecret, encryptAccessDetails, encryptSecret, isEmptyAccessDetails, VaultError } from "./vault.server";

const KEY = randomBytes(32).toString("base64");
const OTHER_KEY = randomBytes(32).toString("base64");
const details = accessDetailsSchema.parse({ siteAdminLogin: "admin", siteAdminPassword: "s3cret!", serverProtocol: "sftp", serverAddress: "shop.example.ru" });

describe("access-detail vault", () => {
  it("round-trips and stores no plaintext", () => {
    const stored = encryptAccessDetails(details, KEY, "ticket-1");
    expect(stored).toMatch(/^v1:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+$/);
    expect(stored).not.toContain("s3cret");
    expect(stored).not.toContain("admin");
    expect(decryptAccessDetails(stored, KEY, "ticket-1")).toEqual(details);
  });

  it("uses a fresh 12-byte IV every time", () => {
    const a = encryptSecret("same", KEY, "x");
    const b = encryptSecret("same", KEY, "x");
    expect(a).not.toBe(b);
    expect(Buffer.from(a.split(":")[1], "base64")).toHaveLength(12);
    expect(Buffer.from(a.split(":")[2], "base64")).toHaveLength(16);
  });

  it("detects a changed ciphertext, tag or IV", () => {
    const stored = encryptSecret("password: hunter2", KEY, "t");
    const [v, iv, tag, data] = stored.split(":");
    const flip = (b64: string) => {
      const buf = Buffer.from(b64, "base64");
      buf[0] ^= 0x01;
      return buf.toString("base64");
    };
    expect(() => decryptSecret([v, iv, tag, flip(data)].join(":"), KEY, "t")).toThrow(VaultError);
    expect(() => decryptSecret([v, iv, flip(tag), data].join(":"), KEY, "t")).toThrow(VaultError);
    expect(() => decryptSecret([v, flip(iv), tag, data].join(":"), KEY, "t")).toThrow(VaultError);
  });

  it("refuses the wrong key and a ciphertext moved to another ticket", () => {
    const stored = encryptAccessDetails(details, KEY, "ticket-1");
    expect(() => decryptAccessDetails(stored, OTHER_KEY, "ticket-1")).toThrow(VaultError);
    expect(() => decryptAccessDetails(stored, KEY, "ticket-2")).toThrow(VaultError);
  });

  it("refuses unknown formats and bad keys", () => {
    expect(() => decryptSecret("v2:a:b:c", KEY, "t")).toThrow(VaultError);
    expect(() => decryptSecret("not a vault value", KEY, "t")).toThrow(VaultError);
    expect(() => encryptSecret("x", Buffer.from("short").toString("base64"), "t")).toThrow(/32 bytes/);
  });

  it("knows when nothing was typed", () => {
    expect(isEmptyAccessDetails(accessDetailsSchema.parse({}))).toBe(true);
    expect(isEmptyAccessDetails(details)).toBe(false);
  });
});
