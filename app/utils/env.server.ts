import { randomBytes, generateKeyPairSync } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import proxyaddr from "proxy-addr";
import { z } from "zod";

/**
 * The one place that reads process.env. Every setting is validated at start; a missing or
 * invalid one stops the app with a message naming the variable.
 */
const booleanish = z
  .enum(["true", "false", "1", "0", "yes", "no"])
  .transform((v) => v === "true" || v === "1" || v === "yes");

const base64Key32 = z
  .string()
  .refine((v) => Buffer.from(v, "base64").length === 32, "must be 32 bytes encoded as base64");

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  DATA_DIR: z.string().min(1).default("./data"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgres:// connection URL")
    .optional(),
  APP_URL: z.string().url().optional(),
  SESSION_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  ENCRYPTION_KEY: base64Key32.optional(),
  LICENCE_SIGNING_KEY: z
    .string()
    .includes("PRIVATE KEY", { message: "must be an Ed25519 private key in PEM format" })
    .optional(),
  RESEND_API_KEY: z.string().min(1).optional(),
  RESEND_BASE_URL: z.string().url().optional(),
  EMAIL_FROM: z.string().min(3).default("Keydesk <support@keydesk.localhost>"),
  /** Signing secret of Resend's webhook for inbound email (`email.received`). */
  RESEND_WEBHOOK_SECRET: z.string().startsWith("whsec_", "must start with whsec_").optional(),
  /** Bearer token of POST /api/v1/mail/inbound (the MTA pipe); unset turns the endpoint off. */
  MAIL_INBOUND_TOKEN: z.string().min(24, "must be at least 24 characters").optional(),
  /**
   * Bearer token of POST /api/test/factories, the end-to-end specs' test data endpoint (ADR 058);
   * unset (always in production) the address does not exist.
   */
  KEYDESK_TEST_FACTORIES_TOKEN: z.string().min(24, "must be at least 24 characters").optional(),
  STRIPE_SECRET_KEY: z.string().startsWith("sk_", "must start with sk_").optional(),
  STRIPE_WEBHOOK_SECRET: z.string().startsWith("whsec_", "must start with whsec_").optional(),
  STRIPE_API_BASE: z.string().url().optional(),
  /**
   * Addresses (or CIDR ranges, or loopback / linklocal / uniquelocal) of reverse proxies whose
   * X-Forwarded-For is believed; empty: the socket address is the client address.
   */
  TRUSTED_PROXIES: z
    .string()
    .transform((v) => v.split(",").map((p) => p.trim()).filter(Boolean))
    .refine((list) => {
      try {
        proxyaddr.compile(list);
        return true;
      } catch {
        return false;
      }
    }, "must be a comma-separated list of IP addresses, CIDR ranges or loopback/linklocal/uniquelocal")
    .default([]),
  /** Replaced by TRUSTED_PROXIES: `false` is still accepted, `true` stops with an explanation. */
  TRUST_PROXY: booleanish.optional(),
  /** Licence API requests per client address per minute (shared by all instances); 0 turns the limit off (benchmarks). */
  API_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).default(60),
  RUN_JOBS: booleanish.default(true),
  /** Benchmarks only: append every PostgreSQL statement and its parameters to this file as JSON lines. */
  SQL_TRACE_FILE: z.string().min(1).optional(),
  SEED_DEMO: booleanish.optional(),
  SECURE_COOKIES: booleanish.optional(),
  /** Where uploaded files go: `database` (default on PostgreSQL), `folder` (default on the embedded database) or `s3`. */
  FILES_BACKEND: z.enum(["database", "folder", "s3"]).optional(),
  FILES_S3_BUCKET: z.string().min(3).optional(),
  FILES_S3_REGION: z.string().min(1).default("us-east-1"),
  FILES_S3_ENDPOINT: z.string().url().optional(),
  FILES_S3_FORCE_PATH_STYLE: booleanish.default(false),
  FILES_S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  FILES_S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  FILES_S3_PREFIX: z.string().default(""),
  /** How long a stopping instance waits for requests in flight before closing their connections. */
  SHUTDOWN_TIMEOUT_SECONDS: z.coerce.number().int().min(0).max(3600).default(30),
  /** Folder of the backup archives (default `DATA_DIR/backups`). */
  BACKUP_DIR: z.string().min(1).optional(),
});

export type Env = Omit<
  z.infer<typeof envSchema>,
  "SESSION_SECRET" | "ENCRYPTION_KEY" | "LICENCE_SIGNING_KEY" | "APP_URL" | "SEED_DEMO" | "SECURE_COOKIES" | "FILES_BACKEND" | "BACKUP_DIR"
> & {
  /** Absolute folder of the backup archives. */
  BACKUP_DIR: string;
  /** The backend new uploads go to unless `files:migrate` switched it (see file-storage/setting.server.ts). */
  FILES_BACKEND: "database" | "folder" | "s3";
  SESSION_SECRET: string;
  ENCRYPTION_KEY: string;
  LICENCE_SIGNING_KEY: string;
  APP_URL: string;
  SEED_DEMO: boolean;
  SECURE_COOKIES: boolean;
  embedded: boolean;
};

export class ConfigurationError extends Error {
  override name = "ConfigurationError";
}

type GeneratedSecrets = { SESSION_SECRET: string; ENCRYPTION_KEY: string; LICENCE_SIGNING_KEY: string };

/** Secrets are generated once into the data folder so that a restart keeps sessions and vault contents. */
function loadOrCreateSecrets(dataDir: string): GeneratedSecrets {
  const file = path.join(dataDir, "secrets.json");
  if (existsSync(file)) {
    const stored = JSON.parse(readFileSync(file, "utf8")) as Partial<GeneratedSecrets>;
    if (stored.SESSION_SECRET && stored.ENCRYPTION_KEY && stored.LICENCE_SIGNING_KEY) {
      return stored as GeneratedSecrets;
    }
  }
  mkdirSync(dataDir, { recursive: true });
  const { privateKey } = generateKeyPairSync("ed25519");
  const secrets: GeneratedSecrets = {
    SESSION_SECRET: randomBytes(32).toString("base64url"),
    ENCRYPTION_KEY: randomBytes(32).toString("base64"),
    LICENCE_SIGNING_KEY: privateKey.export({ format: "pem", type: "pkcs8" }).toString(),
  };
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  // Empty strings in a shell environment mean "unset".
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new ConfigurationError(`Invalid configuration:\n${lines.join("\n")}`);
  }
  const env = parsed.data;
  if (env.TRUST_PROXY === true) {
    throw new ConfigurationError(
      "Invalid configuration:\n  TRUST_PROXY: replaced by TRUSTED_PROXIES, which names the proxies whose X-Forwarded-For is believed " +
        "(trusting every sender let any client choose its address). Set for example TRUSTED_PROXIES=loopback or TRUSTED_PROXIES=10.0.0.5,10.0.1.0/24, and remove TRUST_PROXY.",
    );
  }
  const production = env.NODE_ENV === "production";
  const missing = (["SESSION_SECRET", "ENCRYPTION_KEY", "LICENCE_SIGNING_KEY"] as const).filter((k) => !env[k]);
  if (production && missing.length > 0) {
    throw new ConfigurationError(
      `Invalid configuration:\n${missing.map((k) => `  ${k}: required when NODE_ENV=production`).join("\n")}`,
    );
  }
  if (production && env.KEYDESK_TEST_FACTORIES_TOKEN) {
    throw new ConfigurationError(
      "Invalid configuration:\n  KEYDESK_TEST_FACTORIES_TOKEN: the test data endpoint never runs in production (NODE_ENV=production); remove the variable",
    );
  }
  const s3Missing = (["FILES_S3_BUCKET"] as const).filter((k) => env.FILES_BACKEND === "s3" && !env[k]);
  if (s3Missing.length > 0) {
    throw new ConfigurationError(`Invalid configuration:\n${s3Missing.map((k) => `  ${k}: required when FILES_BACKEND=s3`).join("\n")}`);
  }
  if (!env.FILES_S3_ACCESS_KEY_ID !== !env.FILES_S3_SECRET_ACCESS_KEY) {
    throw new ConfigurationError("Invalid configuration:\n  FILES_S3_ACCESS_KEY_ID, FILES_S3_SECRET_ACCESS_KEY: set both or neither");
  }
  const generated = missing.length > 0 ? loadOrCreateSecrets(path.resolve(env.DATA_DIR)) : null;
  return {
    ...env,
    DATA_DIR: path.resolve(env.DATA_DIR),
    BACKUP_DIR: path.resolve(env.BACKUP_DIR ?? path.join(env.DATA_DIR, "backups")),
    APP_URL: (env.APP_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, ""),
    SESSION_SECRET: env.SESSION_SECRET ?? generated!.SESSION_SECRET,
    ENCRYPTION_KEY: env.ENCRYPTION_KEY ?? generated!.ENCRYPTION_KEY,
    LICENCE_SIGNING_KEY: env.LICENCE_SIGNING_KEY ?? generated!.LICENCE_SIGNING_KEY,
    SEED_DEMO: env.SEED_DEMO ?? !env.DATABASE_URL,
    SECURE_COOKIES: env.SECURE_COOKIES ?? production,
    FILES_BACKEND: env.FILES_BACKEND ?? (env.DATABASE_URL ? "database" : "folder"),
    embedded: !env.DATABASE_URL,
  };
}

let cached: Env | null = null;

export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** Tests point the app at another database or outbox without restarting the process. */
export function overrideEnvForTests(patch: Partial<Env>): void {
  cached = { ...getEnv(), ...patch };
}
