import { bigint, index, integer, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./accounts";

/**
 * A user's TOTP authenticator (RFC 6238). The secret is encrypted with the vault key, bound to
 * the user id; `confirmedAt` is null until the first code proves the app was set up.
 * `lastUsedStep` is the 30-second step of the last accepted code: a code is never accepted
 * twice (replay), nor one from an earlier step.
 */
export const userTwoFactor = pgTable("user_two_factor", {
  userId: uuid()
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  secretCiphertext: text().notNull(),
  confirmedAt: timestamp({ withTimezone: true }),
  lastUsedStep: bigint({ mode: "number" }),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/** Ten single-use recovery codes per confirmed enrolment, stored as sha256 hashes. */
export const recoveryCodes = pgTable(
  "recovery_codes",
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    codeHash: text().notNull(),
    usedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("recovery_codes_user_idx").on(t.userId, t.codeHash)],
);

/** A password that was right, waiting for the second factor (short-lived, cookie holds the token). */
export const pendingSignIns = pgTable(
  "pending_sign_ins",
  {
    tokenHash: text().primaryKey(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("pending_sign_ins_user_idx").on(t.userId)],
);

/** Browsers a user has signed in from (a long-lived device cookie, stored hashed). */
export const knownDevices = pgTable(
  "known_devices",
  {
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    deviceHash: text().notNull(),
    firstSeenAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.deviceHash] })],
);

/**
 * Throttling counters shared by every app instance: one row per key (for example
 * `signin:acct-ip:<email>|<address>`), counting hits in the current window and the moment
 * until which the key is held back.
 */
export const throttleBuckets = pgTable(
  "throttle_buckets",
  {
    key: text().primaryKey(),
    hits: integer().notNull(),
    windowStartedAt: timestamp({ withTimezone: true }).notNull(),
    blockedUntil: timestamp({ withTimezone: true }),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("throttle_buckets_updated_idx").on(t.updatedAt)],
);

/**
 * Password reset requests, answered later by a job: the web request does the same work (one
 * insert) whether or not the address has an account, so neither the answer nor its timing
 * tells the two apart.
 */
export const passwordResetRequests = pgTable(
  "password_reset_requests",
  {
    id: uuid().primaryKey().defaultRandom(),
    email: text().notNull(),
    ipAddress: text().notNull(),
    requestedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    processedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index("password_reset_requests_pending_idx").on(t.processedAt, t.requestedAt)],
);
