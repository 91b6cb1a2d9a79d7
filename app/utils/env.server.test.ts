import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ConfigurationError, parseEnv } from "./env.server";

const dataDir = mkdtempSync(path.join(tmpdir(), "keydesk-env-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe("parseEnv", () => {
  it("fills embedded defaults and generates secrets once into the data folder", () => {
    const first = parseEnv({ DATA_DIR: dataDir });
    expect(first).toMatchObject({ PORT: 3000, embedded: true, SEED_DEMO: true, SECURE_COOKIES: false, APP_URL: "http://localhost:3000" });
    expect(Buffer.from(first.ENCRYPTION_KEY, "base64")).toHaveLength(32);
    expect(first.LICENCE_SIGNING_KEY).toContain("PRIVATE KEY");
    const stored = JSON.parse(readFileSync(path.join(dataDir, "secrets.json"), "utf8"));
    expect(stored.SESSION_SECRET).toBe(first.SESSION_SECRET);
    // A restart keeps the same secrets: sessions and encrypted access details survive.
    expect(parseEnv({ DATA_DIR: dataDir }).SESSION_SECRET).toBe(first.SESSION_SECRET);
  });

  it.each([
    [{ PORT: "http" }, "PORT"],
    [{ DATABASE_URL: "mysql://x" }, "DATABASE_URL"],
    [{ ENCRYPTION_KEY: "short" }, "ENCRYPTION_KEY"],
    [{ STRIPE_SECRET_KEY: "pk_live_x" }, "STRIPE_SECRET_KEY"],
    [{ RUN_JOBS: "maybe" }, "RUN_JOBS"],
  ])("names the invalid variable in %j", (patch, variable) => {
    expect(() => parseEnv({ DATA_DIR: dataDir, ...patch })).toThrow(ConfigurationError);
    expect(() => parseEnv({ DATA_DIR: dataDir, ...patch })).toThrow(new RegExp(`${variable}:`));
  });

  it("requires every secret in production instead of generating one", () => {
    const attempt = () => parseEnv({ DATA_DIR: dataDir, NODE_ENV: "production" });
    expect(attempt).toThrow(/SESSION_SECRET: required when NODE_ENV=production/);
    expect(attempt).toThrow(/ENCRYPTION_KEY: required/);
    expect(attempt).toThrow(/LICENCE_SIGNING_KEY: required/);
  });

  it("refuses the test data endpoint's token in production, and a short one anywhere", () => {
    const secrets = { SESSION_SECRET: "s".repeat(32), ENCRYPTION_KEY: Buffer.alloc(32).toString("base64"), LICENCE_SIGNING_KEY: "-----BEGIN PRIVATE KEY-----" };
    const token = "t".repeat(32);
    expect(() => parseEnv({ DATA_DIR: dataDir, NODE_ENV: "production", ...secrets, KEYDESK_TEST_FACTORIES_TOKEN: token })).toThrow(/KEYDESK_TEST_FACTORIES_TOKEN: the test data endpoint never runs in production/);
    expect(parseEnv({ DATA_DIR: dataDir, NODE_ENV: "production", ...secrets }).KEYDESK_TEST_FACTORIES_TOKEN).toBeUndefined();
    expect(parseEnv({ DATA_DIR: dataDir, KEYDESK_TEST_FACTORIES_TOKEN: token }).KEYDESK_TEST_FACTORIES_TOKEN).toBe(token);
    expect(() => parseEnv({ DATA_DIR: dataDir, KEYDESK_TEST_FACTORIES_TOKEN: "short" })).toThrow(/KEYDESK_TEST_FACTORIES_TOKEN:/);
  });

  it("treats an empty variable as unset and a DATABASE_URL as server mode without demo data", () => {
    const env = parseEnv({ DATA_DIR: dataDir, DATABASE_URL: "postgres://u@h/db", RESEND_API_KEY: "" });
    expect(env).toMatchObject({ embedded: false, SEED_DEMO: false });
    expect(env.RESEND_API_KEY).toBeUndefined();
  });

  it("keeps files in the database on PostgreSQL and in the folder on the embedded database unless told", () => {
    expect(parseEnv({ DATA_DIR: dataDir }).FILES_BACKEND).toBe("folder");
    expect(parseEnv({ DATA_DIR: dataDir, DATABASE_URL: "postgres://u@h/db" }).FILES_BACKEND).toBe("database");
    expect(parseEnv({ DATA_DIR: dataDir, FILES_BACKEND: "database" }).FILES_BACKEND).toBe("database");
    const s3 = parseEnv({ DATA_DIR: dataDir, FILES_BACKEND: "s3", FILES_S3_BUCKET: "keydesk", FILES_S3_FORCE_PATH_STYLE: "yes" });
    expect(s3).toMatchObject({ FILES_BACKEND: "s3", FILES_S3_REGION: "us-east-1", FILES_S3_FORCE_PATH_STYLE: true, FILES_S3_PREFIX: "" });
  });

  it.each([
    [{ FILES_BACKEND: "ftp" }, /FILES_BACKEND:/],
    [{ FILES_BACKEND: "s3" }, /FILES_S3_BUCKET: required when FILES_BACKEND=s3/],
    [{ FILES_S3_ENDPOINT: "not a url" }, /FILES_S3_ENDPOINT:/],
    [{ FILES_S3_ACCESS_KEY_ID: "key" }, /set both or neither/],
    [{ SHUTDOWN_TIMEOUT_SECONDS: "-1" }, /SHUTDOWN_TIMEOUT_SECONDS:/],
  ])("refuses a files or shutdown setting that cannot work: %j", (patch, message) => {
    expect(() => parseEnv({ DATA_DIR: dataDir, ...patch })).toThrow(message);
  });
});
