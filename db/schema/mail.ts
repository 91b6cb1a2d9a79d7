import { sql } from "drizzle-orm";
import { index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { organisations, users } from "./accounts";
import { bytea } from "./files";
import { tickets } from "./tickets";

/** How an inbound email reached us. */
export const inboundSourceEnum = pgEnum("inbound_email_source", ["imap", "resend", "pipe"]);

/** What receiving an email did (one row per distinct message; the key makes a redelivery a no-op). */
export const inboundOutcomeEnum = pgEnum("inbound_email_outcome", [
  "ticket_created",
  "reply_added",
  "follow_up_created",
  "refused",
  "unknown_rejected",
  "unknown_held",
  "needs_triage",
  "auto_ignored",
  "bounce",
  "malformed",
  "released",
]);

export const inboundEmails = pgTable(
  "inbound_emails",
  {
    id: uuid().primaryKey().defaultRandom(),
    /** The normalised Message-ID, or `sha256:<hex>` of the raw message when it has none. */
    dedupeKey: text().notNull(),
    source: inboundSourceEnum().notNull(),
    fromAddress: text().notNull(),
    fromName: text().notNull().default(""),
    subject: text().notNull().default(""),
    outcome: inboundOutcomeEnum().notNull(),
    /** Reason code and parameters (loop rule, eligibility code, refused attachments…). */
    detail: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    organisationId: uuid().references(() => organisations.id, { onDelete: "set null" }),
    ticketId: uuid().references(() => tickets.id, { onDelete: "set null" }),
    /** The full original (RFC 822) for staff, in file storage. */
    rawStoragePath: text(),
    rawSha256: text(),
    rawSize: integer().notNull().default(0),
    receivedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    resolvedAt: timestamp({ withTimezone: true }),
    resolvedById: uuid().references(() => users.id, { onDelete: "set null" }),
  },
  (t) => [
    uniqueIndex("inbound_emails_dedupe_key").on(t.dedupeKey),
    index("inbound_emails_received_idx").on(t.receivedAt, t.id),
    index("inbound_emails_open_queue_idx")
      .on(t.outcome, t.receivedAt)
      .where(sql`${t.outcome} in ('unknown_held', 'needs_triage') and ${t.resolvedAt} is null`),
  ],
);

/** Addresses whose notifications bounced (a DSN came back); shown beside the contact. */
export const bouncingAddresses = pgTable("bouncing_addresses", {
  address: text().primaryKey(),
  lastBounceAt: timestamp({ withTimezone: true }).notNull(),
  bounces: integer().notNull().default(1),
  /** The DSN's status and diagnostic (e.g. "5.1.1 user unknown"). */
  diagnostic: text().notNull().default(""),
});

/**
 * State of the IMAP poller: a lease so that only one instance polls at a time, and the last
 * result for the admin page (the server's message on failure, retried with backoff).
 */
export const mailboxPollState = pgTable("mailbox_poll_state", {
  id: text().primaryKey(),
  leaseUntil: timestamp({ withTimezone: true }),
  leaseHolder: text(),
  lastAttemptAt: timestamp({ withTimezone: true }),
  lastSuccessAt: timestamp({ withTimezone: true }),
  lastError: text(),
  failures: integer().notNull().default(0),
  nextAttemptAt: timestamp({ withTimezone: true }),
  lastImported: integer().notNull().default(0),
});

export const inboundQueueStateEnum = pgEnum("inbound_queue_state", ["queued", "done", "failed"]);

/**
 * Messages the MTA pipe accepted and has not processed yet: the endpoint stores the raw bytes
 * here (durably, before answering 202) and a background job receives them. The dedupe key (as
 * in inbound_emails) makes a redelivery a no-op; processed rows keep the key (not the bytes)
 * for a while so a late redelivery is still recognised.
 */
export const inboundQueue = pgTable(
  "inbound_queue",
  {
    id: uuid().primaryKey().defaultRandom(),
    dedupeKey: text().notNull(),
    source: inboundSourceEnum().notNull(),
    raw: bytea(),
    size: integer().notNull(),
    state: inboundQueueStateEnum().notNull().default("queued"),
    attempts: integer().notNull().default(0),
    /** A worker's lease: another worker takes the message only after it ran out. */
    leaseUntil: timestamp({ withTimezone: true }),
    lastError: text(),
    outcome: text(),
    inboundEmailId: uuid(),
    acceptedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    processedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    uniqueIndex("inbound_queue_dedupe_key").on(t.dedupeKey),
    index("inbound_queue_waiting_idx").on(t.acceptedAt).where(sql`${t.state} = 'queued'`),
    index("inbound_queue_processed_idx").on(t.processedAt).where(sql`${t.processedAt} is not null`),
  ],
);

export type InboundEmail = typeof inboundEmails.$inferSelect;
