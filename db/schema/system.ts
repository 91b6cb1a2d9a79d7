import { index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./accounts";

export const emailStatusEnum = pgEnum("email_status", ["queued", "sent", "failed", "outbox"]);

/** Every email is recorded here; without an email provider this table *is* the outbox. */
export const emails = pgTable(
  "emails",
  {
    id: uuid().primaryKey().defaultRandom(),
    toAddress: text().notNull(),
    subject: text().notNull(),
    template: text().notNull(),
    html: text().notNull(),
    text: text().notNull(),
    status: emailStatusEnum().notNull(),
    attempts: integer().notNull().default(0),
    nextAttemptAt: timestamp({ withTimezone: true }),
    lastError: text(),
    providerId: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    index("emails_created_idx").on(t.createdAt, t.id),
    index("emails_to_idx").on(t.toAddress, t.createdAt),
    index("emails_dispatch_idx").on(t.status, t.nextAttemptAt),
  ],
);

export const auditLog = pgTable(
  "audit_log",
  {
    id: uuid().primaryKey().defaultRandom(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
    actorId: uuid().references(() => users.id, { onDelete: "set null" }),
    action: text().notNull(),
    entityType: text().notNull(),
    entityId: text().notNull(),
    before: jsonb(),
    after: jsonb(),
  },
  (t) => [
    index("audit_log_at_idx").on(t.at, t.id),
    index("audit_log_entity_idx").on(t.entityType, t.entityId, t.at),
    index("audit_log_actor_idx").on(t.actorId, t.at),
  ],
);

/** Admin-editable settings (seller details for invoices, defaults) as one JSON value per key. */
export const settings = pgTable("settings", {
  key: text().primaryKey(),
  value: jsonb().notNull(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

export type EmailRecord = typeof emails.$inferSelect;
export type AuditEntry = typeof auditLog.$inferSelect;

/**
 * Submissions already handled: a form carries a random key, and the second request with the
 * same key (double click, retry after a dropped connection, back and resubmit) gets the first
 * one's result instead of doing the work again. Rows older than a day are removed.
 */
export const idempotencyKeys = pgTable(
  "idempotency_keys",
  {
    key: uuid().notNull(),
    actor: text().notNull(),
    scope: text().notNull(),
    result: jsonb(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.actor, t.key] }), index("idempotency_keys_created_idx").on(t.createdAt)],
);
