import { relations, sql } from "drizzle-orm";
import { bigint, boolean, index, integer, jsonb, pgEnum, pgSequence, pgTable, primaryKey, text, timestamp, unique, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { organisations, users } from "./accounts";
import { licences, products } from "./licensing";
import { searchConfigOf, tsvector } from "./search";
import { supportPlans } from "./sla";

/**
 * A note the mail channel adds to an emailed ticket or reply — access details lifted into the
 * vault, an attachment not accepted — stored as facts and put into words for each reader.
 */
export type MailNote =
  | { kind: "access_moved" }
  | { kind: "attachment_refused"; fileName: string; reason: "too_large" | "empty" | "type_not_accepted" | "too_many" };

export const ticketTypeEnum = pgEnum("ticket_type", ["question", "bug_report", "paid_service", "billing"]);
export const ticketStatusEnum = pgEnum("ticket_status", ["new", "open", "pending", "on_hold", "solved", "closed"]);
export const ticketPriorityEnum = pgEnum("ticket_priority", ["low", "normal", "high", "urgent"]);
export const slaStateEnum = pgEnum("sla_state", ["none", "ok", "warning", "breached", "paused"]);

export const ticketNumberSequence = pgSequence("ticket_number_seq", { startWith: 1001 });

export const tickets = pgTable(
  "tickets",
  {
    id: uuid().primaryKey().defaultRandom(),
    /** Human number (#1042) from a sequence: unique under concurrency without locks. */
    number: integer()
      .notNull()
      .default(sql`nextval('ticket_number_seq')`),
    organisationId: uuid()
      .notNull()
      .references(() => organisations.id, { onDelete: "restrict" }),
    licenceId: uuid().references(() => licences.id, { onDelete: "restrict" }),
    productId: uuid().references(() => products.id, { onDelete: "restrict" }),
    requesterId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    assigneeId: uuid().references(() => users.id, { onDelete: "set null" }),
    planId: uuid()
      .notNull()
      .references(() => supportPlans.id, { onDelete: "restrict" }),
    type: ticketTypeEnum().notNull(),
    status: ticketStatusEnum().notNull().default("new"),
    priority: ticketPriorityEnum().notNull().default("normal"),
    siteDown: boolean().notNull().default(false),
    /** Staff cleared a customer's "site is down" flag (misuse): when, who and why. */
    siteDownClearedAt: timestamp({ withTimezone: true }),
    siteDownClearedBy: uuid().references(() => users.id, { onDelete: "set null" }),
    siteDownClearReason: text(),
    /** Free products: bug reports accepted without a response-time commitment. */
    noResponseCommitment: boolean().notNull().default(false),
    subject: text().notNull(),
    description: text().notNull(),
    stepsToReproduce: text().notNull().default(""),
    /** What the mail channel did to the opening email (docs/decisions/132): said in each reader's language. */
    mailNotes: jsonb().$type<MailNote[]>(),
    siteAddress: text(),
    /** AES-256-GCM ciphertext of the access details (JSON); never plaintext in the database. */
    accessDetailsCiphertext: text(),
    accessDetailsErasedAt: timestamp({ withTimezone: true }),
    /** Denormalised from the SLA clocks for the queue: the earliest due time of a running clock. */
    slaDueAt: timestamp({ withTimezone: true }),
    slaWarnAt: timestamp({ withTimezone: true }),
    slaState: slaStateEnum().notNull().default("none"),
    /** The next warn/breach moment not yet recorded in sla_events (what the alert job looks for). */
    slaAlertAt: timestamp({ withTimezone: true }),
    followUpOfId: uuid(),
    /** Merged as a duplicate into another ticket of the organisation (docs/decisions/180): closed, points there. */
    mergedIntoId: uuid(),
    mergedAt: timestamp({ withTimezone: true }),
    /** Started by splitting a message out of another ticket (docs/decisions/180). */
    splitFromId: uuid(),
    /** Staff filed this ticket on the customer's behalf (a call, a message elsewhere). */
    filedByStaffId: uuid().references(() => users.id, { onDelete: "set null" }),
    /** Staff overrode the eligibility gate when filing on behalf: why (audited as well). */
    eligibilityOverrideReason: text(),
    lastCustomerMessageAt: timestamp({ withTimezone: true }),
    solvedAt: timestamp({ withTimezone: true }),
    closedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** Full-text document of subject (A), description (B) and steps (C), in the text's language. */
    searchVector: tsvector().generatedAlwaysAs(
      sql`setweight(to_tsvector(${searchConfigOf(sql`subject || ' ' || description`)}, subject), 'A') || setweight(to_tsvector(${searchConfigOf(sql`subject || ' ' || description`)}, description), 'B') || setweight(to_tsvector(${searchConfigOf(sql`subject || ' ' || description`)}, steps_to_reproduce), 'C')`,
    ),
  },
  (t) => [
    uniqueIndex("tickets_number_key").on(t.number),
    index("tickets_search_idx").using("gin", t.searchVector),
    index("tickets_queue_idx").on(t.status, t.slaDueAt, t.id),
    index("tickets_assignee_idx").on(t.assigneeId, t.status, t.slaDueAt),
    index("tickets_organisation_idx").on(t.organisationId, t.createdAt),
    index("tickets_licence_idx").on(t.licenceId),
    index("tickets_closed_idx").on(t.closedAt),
    // Queues over active tickets sort by SLA due time (nulls last), then id, for keyset paging.
    index("tickets_active_due_idx")
      .on(t.slaDueAt, t.id)
      .where(sql`${t.status} in ('new', 'open', 'pending', 'on_hold')`),
    index("tickets_active_assignee_due_idx")
      .on(t.assigneeId, t.slaDueAt, t.id)
      .where(sql`${t.status} in ('new', 'open', 'pending', 'on_hold')`),
    // The queue sorted by creation time (ADR 170).
    index("tickets_active_created_idx")
      .on(t.createdAt, t.id)
      .where(sql`${t.status} in ('new', 'open', 'pending', 'on_hold')`),
    // Newest first is (created_at DESC NULLS LAST, id ASC): the index above read backwards gives
    // id descending, so without this one the newest-first queue sorted every active ticket.
    index("tickets_active_created_desc_idx")
      .on(t.createdAt.desc().nullsLast(), t.id)
      .where(sql`${t.status} in ('new', 'open', 'pending', 'on_hold')`),
    // A ticket page lists the tickets merged into it and split out of it: without these, two
    // scans of every ticket per page view (40 ms each at 200 000 tickets).
    index("tickets_merged_into_idx")
      .on(t.mergedIntoId, t.number)
      .where(sql`${t.mergedIntoId} is not null`),
    index("tickets_split_from_idx")
      .on(t.splitFromId, t.number)
      .where(sql`${t.splitFromId} is not null`),
    // The partial hour of the breaching count (queue-counts.server.ts).
    index("tickets_active_warn_idx")
      .on(t.slaWarnAt)
      .where(sql`${t.status} in ('new', 'open', 'pending', 'on_hold')`),
    index("tickets_sla_alert_idx").on(t.slaAlertAt).where(sql`${t.slaAlertAt} is not null`),
    index("tickets_solved_at_idx").on(t.solvedAt).where(sql`${t.status} = 'solved'`),
    index("tickets_vault_erase_idx").on(t.closedAt).where(sql`${t.accessDetailsCiphertext} is not null`),
    index("tickets_follow_up_idx").on(t.followUpOfId),
    // Reports: created and solved per period (backlog trend, engineer load, dashboards).
    index("tickets_created_idx").on(t.createdAt),
    // Covering (docs/decisions/072): solved per engineer and the open backlog by age, status,
    // product and engineer are read by index-only scans, with the report filters in the index.
    index("tickets_solved_idx").on(t.solvedAt, t.assigneeId, t.productId, t.organisationId).where(sql`${t.solvedAt} is not null`),
    index("tickets_active_report_idx")
      .on(t.createdAt, t.status, t.productId, t.assigneeId, t.organisationId)
      .where(sql`${t.status} in ('new', 'open', 'pending', 'on_hold')`),
  ],
);

/**
 * Queue counts at constant cost (docs/decisions/095): statement triggers on `tickets` append
 * the changes of each statement as signed deltas per key; a job folds them into
 * `ticket_counts` every minute. A key is a family — `s` (status × assignee of an active
 * ticket), `d` (hour of the SLA due time), `w`/`b` (hour of the warn/due time of tickets whose
 * warning comes no later than their due time) — with sentinels ('' and the epoch) for the parts
 * a family does not use, so the key can be a primary key.
 */
export const ticketCounts = pgTable(
  "ticket_counts",
  {
    family: text().notNull(),
    status: text().notNull().default(""),
    assigneeKey: text().notNull().default(""),
    bucket: timestamp({ withTimezone: true }).notNull().default(sql`'epoch'::timestamptz`),
    n: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.family, t.status, t.assigneeKey, t.bucket] })],
);

export const ticketCountDeltas = pgTable("ticket_count_deltas", {
  id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
  family: text().notNull(),
  status: text().notNull().default(""),
  assigneeKey: text().notNull().default(""),
  bucket: timestamp({ withTimezone: true }).notNull().default(sql`'epoch'::timestamptz`),
  delta: integer().notNull(),
});

export const messageVisibilityEnum = pgEnum("message_visibility", ["public", "internal"]);

export const ticketMessages = pgTable(
  "ticket_messages",
  {
    id: uuid().primaryKey().defaultRandom(),
    ticketId: uuid()
      .notNull()
      .references(() => tickets.id, { onDelete: "cascade" }),
    authorId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    fromStaff: boolean().notNull(),
    visibility: messageVisibilityEnum().notNull().default("public"),
    body: text().notNull(),
    /** What the mail channel did to an emailed reply (docs/decisions/132): said in each reader's language. */
    mailNotes: jsonb().$type<MailNote[]>(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** Full-text document of the body, Russian or English by the message's own text. */
    searchVector: tsvector().generatedAlwaysAs(sql`to_tsvector(${searchConfigOf(sql`body`)}, body)`),
  },
  (t) => [
    index("ticket_messages_ticket_idx").on(t.ticketId, t.createdAt),
    index("ticket_messages_search_idx").using("gin", t.searchVector),
    // The search box ranks the newest matches first: this index and the GIN one combine (BitmapAnd).
    index("ticket_messages_created_idx").on(t.createdAt),
    // Reports: public staff replies per period and engineer.
    index("ticket_messages_staff_replies_idx")
      .on(t.createdAt, t.authorId)
      .where(sql`${t.fromStaff} and ${t.visibility} = 'public'`),
  ],
);

export const attachments = pgTable(
  "attachments",
  {
    id: uuid().primaryKey().defaultRandom(),
    ticketId: uuid().references(() => tickets.id, { onDelete: "cascade" }),
    messageId: uuid().references(() => ticketMessages.id, { onDelete: "cascade" }),
    /** Complaints attach files too (quality module). */
    complaintId: uuid(),
    uploaderId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    fileName: text().notNull(),
    contentType: text().notNull(),
    size: bigint({ mode: "number" }).notNull(),
    sha256: text().notNull(),
    storagePath: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("attachments_ticket_idx").on(t.ticketId, t.createdAt), index("attachments_complaint_idx").on(t.complaintId)],
);

export const ticketEventTypeEnum = pgEnum("ticket_event_type", [
  "created",
  "customer_message",
  "staff_public_reply",
  "internal_note",
  "status_changed",
  "retargeted",
  "assigned",
  "access_details_revealed",
  "access_details_erased",
  "site_down_cleared",
]);

/** Everything that happened to a ticket; the SLA clocks are replayed from these facts. */
export const ticketEvents = pgTable(
  "ticket_events",
  {
    id: uuid().primaryKey().defaultRandom(),
    ticketId: uuid()
      .notNull()
      .references(() => tickets.id, { onDelete: "cascade" }),
    type: ticketEventTypeEnum().notNull(),
    at: timestamp({ withTimezone: true }).notNull(),
    actorId: uuid().references(() => users.id, { onDelete: "set null" }),
    data: jsonb().$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [index("ticket_events_ticket_idx").on(t.ticketId, t.at)],
);

export const slaClockEnum = pgEnum("sla_clock", ["first_response", "next_response", "resolution"]);
export const slaEventTypeEnum = pgEnum("sla_event_type", ["start", "pause", "resume", "fulfil", "warn", "breach", "retarget"]);

/** Recorded clock events for reports; warn and breach rows double as "notified once" markers. */
export const slaEvents = pgTable(
  "sla_events",
  {
    id: uuid().primaryKey().defaultRandom(),
    ticketId: uuid()
      .notNull()
      .references(() => tickets.id, { onDelete: "cascade" }),
    clock: slaClockEnum().notNull(),
    type: slaEventTypeEnum().notNull(),
    /** The clock cycle's start (next response runs once per unanswered customer message). */
    cycleStartedAt: timestamp({ withTimezone: true }).notNull(),
    at: timestamp({ withTimezone: true }).notNull(),
    recordedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("sla_events_once").on(t.ticketId, t.clock, t.type, t.cycleStartedAt, t.at),
    // A warning and a breach notify once per clock cycle, whatever moment a later retarget computes.
    uniqueIndex("sla_events_threshold_once")
      .on(t.ticketId, t.clock, t.type, t.cycleStartedAt)
      .where(sql`${t.type} in ('warn', 'breach')`),
    index("sla_events_ticket_idx").on(t.ticketId, t.at),
  ],
);

export const ticketParticipantKindEnum = pgEnum("ticket_participant_kind", ["cc", "follower"]);

/**
 * People on a ticket besides the requester and the assignee: CC'd contacts of the ticket's
 * organisation (they get the customer's emails) and staff followers (they get the assignee's).
 */
export const ticketParticipants = pgTable(
  "ticket_participants",
  {
    ticketId: uuid()
      .notNull()
      .references(() => tickets.id, { onDelete: "cascade" }),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: ticketParticipantKindEnum().notNull(),
    addedBy: uuid().references(() => users.id, { onDelete: "set null" }),
    addedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.ticketId, t.userId, t.kind] }), index("ticket_participants_user_idx").on(t.userId, t.kind)],
);

export const ticketsRelations = relations(tickets, ({ one, many }) => ({
  organisation: one(organisations, { fields: [tickets.organisationId], references: [organisations.id] }),
  licence: one(licences, { fields: [tickets.licenceId], references: [licences.id] }),
  product: one(products, { fields: [tickets.productId], references: [products.id] }),
  requester: one(users, { fields: [tickets.requesterId], references: [users.id] }),
  assignee: one(users, { fields: [tickets.assigneeId], references: [users.id] }),
  messages: many(ticketMessages),
  events: many(ticketEvents),
}));
export const ticketMessagesRelations = relations(ticketMessages, ({ one, many }) => ({
  ticket: one(tickets, { fields: [ticketMessages.ticketId], references: [tickets.id] }),
  author: one(users, { fields: [ticketMessages.authorId], references: [users.id] }),
  attachments: many(attachments),
}));
export const attachmentsRelations = relations(attachments, ({ one }) => ({
  message: one(ticketMessages, { fields: [attachments.messageId], references: [ticketMessages.id] }),
}));

export type Ticket = typeof tickets.$inferSelect;
export type TicketMessage = typeof ticketMessages.$inferSelect;
export type TicketEvent = typeof ticketEvents.$inferSelect;
export type Attachment = typeof attachments.$inferSelect;
export type TicketParticipant = typeof ticketParticipants.$inferSelect;
