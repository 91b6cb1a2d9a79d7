import { relations } from "drizzle-orm";
import { boolean, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, unique, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { organisations, users } from "./accounts";
import { products } from "./licensing";
import { tickets } from "./tickets";

export const csatResponses = pgTable(
  "csat_responses",
  {
    id: uuid().primaryKey().defaultRandom(),
    ticketId: uuid()
      .notNull()
      .references(() => tickets.id, { onDelete: "cascade" }),
    authorId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    /** The engineer assigned when the ticket was solved, for reports by engineer. */
    engineerId: uuid().references(() => users.id, { onDelete: "set null" }),
    speedToReach: integer().notNull(),
    speedToUnderstand: integer().notNull(),
    answerQuality: integer().notNull(),
    comfort: integer().notNull(),
    comment: text().notNull().default(""),
    submittedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("csat_responses_ticket_key").on(t.ticketId), index("csat_responses_submitted_idx").on(t.submittedAt)],
);

export const complaintStatusEnum = pgEnum("complaint_status", ["received", "acknowledged", "investigating", "answered", "closed"]);
export const complaintOutcomeEnum = pgEnum("complaint_outcome", ["upheld", "partly_upheld", "rejected"]);

export const complaints = pgTable(
  "complaints",
  {
    id: uuid().primaryKey().defaultRandom(),
    organisationId: uuid()
      .notNull()
      .references(() => organisations.id, { onDelete: "restrict" }),
    authorId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    raisedByStaff: boolean().notNull().default(false),
    subject: text().notNull(),
    description: text().notNull(),
    status: complaintStatusEnum().notNull().default("received"),
    /** The answer in force (the latest row of `complaint_answers`), for lists and reports. */
    outcome: complaintOutcomeEnum(),
    answer: text(),
    /** The customer's single "not satisfied" reply. */
    customerReply: text(),
    customerRepliedAt: timestamp({ withTimezone: true }),
    rootCauses: jsonb().$type<string[]>().notNull().default([]),
    correctiveActions: text().notNull().default(""),
    assigneeId: uuid().references(() => users.id, { onDelete: "set null" }),
    acknowledgeDueAt: timestamp({ withTimezone: true }),
    answerDueAt: timestamp({ withTimezone: true }),
    acknowledgedAt: timestamp({ withTimezone: true }),
    /** When quality last started investigating (again after the customer's reply). */
    investigationStartedAt: timestamp({ withTimezone: true }),
    answeredAt: timestamp({ withTimezone: true }),
    closedAt: timestamp({ withTimezone: true }),
    /** When the complaint was received: the start of its acknowledge and first answer clocks. */
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("complaints_status_idx").on(t.status, t.createdAt), index("complaints_org_idx").on(t.organisationId, t.createdAt)],
);

/**
 * Every answer given to a complaint, oldest first (`ordinal` 1, 2…): a complaint reopened by
 * the customer's reply gets a second answer and the first is kept. The latest one is also in
 * the complaint's outcome / answer / answered_at columns.
 */
export const complaintAnswers = pgTable(
  "complaint_answers",
  {
    complaintId: uuid()
      .notNull()
      .references(() => complaints.id, { onDelete: "cascade" }),
    ordinal: integer().notNull(),
    outcome: complaintOutcomeEnum().notNull(),
    text: text().notNull(),
    answeredAt: timestamp({ withTimezone: true }).notNull(),
  },
  // The key's leading column is the index the complaint's answers are read by.
  (t) => [primaryKey({ name: "complaint_answers_pk", columns: [t.complaintId, t.ordinal] })],
);

export const complaintClockEnum = pgEnum("complaint_clock", ["acknowledge", "answer"]);
export const complaintAlertKindEnum = pgEnum("complaint_alert_kind", ["warn", "breach"]);

/**
 * Deadline alerts already sent: one per complaint, clock, kind and clock cycle (the cycle is
 * the clock's start; the answer clock starts again at the customer's reply). The key is what
 * makes "sent once" hold when two instances run the job at the same moment.
 */
export const complaintDeadlineAlerts = pgTable(
  "complaint_deadline_alerts",
  {
    complaintId: uuid()
      .notNull()
      .references(() => complaints.id, { onDelete: "cascade" }),
    clock: complaintClockEnum().notNull(),
    kind: complaintAlertKindEnum().notNull(),
    cycleStartedAt: timestamp({ withTimezone: true }).notNull(),
    sentAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ name: "complaint_deadline_alerts_pk", columns: [t.complaintId, t.clock, t.kind, t.cycleStartedAt] })],
);

export const complaintTickets = pgTable(
  "complaint_tickets",
  {
    complaintId: uuid()
      .notNull()
      .references(() => complaints.id, { onDelete: "cascade" }),
    ticketId: uuid()
      .notNull()
      .references(() => tickets.id, { onDelete: "restrict" }),
  },
  (t) => [unique("complaint_tickets_pair").on(t.complaintId, t.ticketId), index("complaint_tickets_ticket_idx").on(t.ticketId)],
);

export const remedyTypeEnum = pgEnum("remedy_type", ["extend_support", "credit_prepaid", "cancel_billable", "reassign_ticket"]);

export const remedies = pgTable(
  "remedies",
  {
    id: uuid().primaryKey().defaultRandom(),
    complaintId: uuid()
      .notNull()
      .references(() => complaints.id, { onDelete: "cascade" }),
    type: remedyTypeEnum().notNull(),
    details: jsonb().notNull(),
    appliedBy: uuid().references(() => users.id, { onDelete: "set null" }),
    appliedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("remedies_complaint_idx").on(t.complaintId)],
);

/** Quality notes shared with engineers on a ticket (engineers never see the complaint itself). */
export const qualityNotes = pgTable(
  "quality_notes",
  {
    id: uuid().primaryKey().defaultRandom(),
    complaintId: uuid()
      .notNull()
      .references(() => complaints.id, { onDelete: "cascade" }),
    ticketId: uuid()
      .notNull()
      .references(() => tickets.id, { onDelete: "cascade" }),
    authorId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    body: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("quality_notes_ticket_idx").on(t.ticketId, t.createdAt)],
);

export const reviewStatusEnum = pgEnum("review_status", ["pending", "published", "rejected"]);

export const reviews = pgTable(
  "reviews",
  {
    id: uuid().primaryKey().defaultRandom(),
    organisationId: uuid()
      .notNull()
      .references(() => organisations.id, { onDelete: "restrict" }),
    productId: uuid()
      .notNull()
      .references(() => products.id, { onDelete: "restrict" }),
    authorId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    before: text().notNull(),
    why: text().notNull(),
    after: text().notNull(),
    metrics: jsonb().$type<Array<{ label: string; before: string; after: string }>>().notNull().default([]),
    support: text().notNull().default(""),
    productRating: integer().notNull(),
    supportRating: integer().notNull(),
    showOrganisation: boolean().notNull().default(false),
    status: reviewStatusEnum().notNull().default("pending"),
    rejectionReason: text(),
    submittedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    moderatedAt: timestamp({ withTimezone: true }),
    moderatedBy: uuid().references(() => users.id, { onDelete: "set null" }),
    publishedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    uniqueIndex("reviews_org_product_key").on(t.organisationId, t.productId),
    index("reviews_product_status_idx").on(t.productId, t.status, t.publishedAt),
    index("reviews_status_idx").on(t.status, t.submittedAt),
  ],
);

export const reviewInvitationReasonEnum = pgEnum("review_invitation_reason", ["activation", "csat"]);

/** Review invitations sent, so each is sent once. */
export const reviewInvitations = pgTable(
  "review_invitations",
  {
    id: uuid().primaryKey().defaultRandom(),
    reason: reviewInvitationReasonEnum().notNull(),
    /** The licence (activation) or ticket (CSAT) that caused it. */
    sourceId: uuid().notNull(),
    userId: uuid().references(() => users.id, { onDelete: "set null" }),
    sentAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique("review_invitations_once").on(t.reason, t.sourceId)],
);

export const complaintsRelations = relations(complaints, ({ many, one }) => ({
  tickets: many(complaintTickets),
  answers: many(complaintAnswers),
  deadlineAlerts: many(complaintDeadlineAlerts),
  remedies: many(remedies),
  organisation: one(organisations, { fields: [complaints.organisationId], references: [organisations.id] }),
}));
export const complaintAnswersRelations = relations(complaintAnswers, ({ one }) => ({
  complaint: one(complaints, { fields: [complaintAnswers.complaintId], references: [complaints.id] }),
}));
export const complaintDeadlineAlertsRelations = relations(complaintDeadlineAlerts, ({ one }) => ({
  complaint: one(complaints, { fields: [complaintDeadlineAlerts.complaintId], references: [complaints.id] }),
}));
export const complaintTicketsRelations = relations(complaintTickets, ({ one }) => ({
  complaint: one(complaints, { fields: [complaintTickets.complaintId], references: [complaints.id] }),
  ticket: one(tickets, { fields: [complaintTickets.ticketId], references: [tickets.id] }),
}));

export type Complaint = typeof complaints.$inferSelect;
export type ComplaintAnswerRow = typeof complaintAnswers.$inferSelect;
export type ComplaintDeadlineAlertRow = typeof complaintDeadlineAlerts.$inferSelect;
export type Review = typeof reviews.$inferSelect;
export type CsatResponse = typeof csatResponses.$inferSelect;
