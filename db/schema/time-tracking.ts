import { relations, sql } from "drizzle-orm";
import { boolean, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { organisations, users } from "./accounts";
import { orders } from "./billing";
import { tickets } from "./tickets";

/** Per-organisation contract overrides; a null column falls back to the organisation's plan. */
export const contracts = pgTable("contracts", {
  organisationId: uuid()
    .primaryKey()
    .references(() => organisations.id, { onDelete: "cascade" }),
  freeMinutesPerDay: integer(),
  /** null = unlimited days a week (when the column is set explicitly, see `freeDaysPerWeekSet`). */
  freeDaysPerWeek: integer(),
  freeDaysPerWeekSet: boolean().notNull().default(false),
  hourlyRateMinor: integer(),
  currency: text(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  updatedBy: uuid().references(() => users.id, { onDelete: "set null" }),
});

/** One running timer per engineer: the primary key makes a second one impossible. */
export const runningTimers = pgTable("running_timers", {
  engineerId: uuid()
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  ticketId: uuid()
    .notNull()
    .references(() => tickets.id, { onDelete: "cascade" }),
  startedAt: timestamp({ withTimezone: true }).notNull(),
});

export const timeEntrySourceEnum = pgEnum("time_entry_source", ["timer", "manual"]);

export const timeEntries = pgTable(
  "time_entries",
  {
    id: uuid().primaryKey().defaultRandom(),
    ticketId: uuid()
      .notNull()
      .references(() => tickets.id, { onDelete: "cascade" }),
    organisationId: uuid()
      .notNull()
      .references(() => organisations.id, { onDelete: "restrict" }),
    engineerId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    source: timeEntrySourceEnum().notNull(),
    startedAt: timestamp({ withTimezone: true }).notNull(),
    minutes: integer().notNull(),
    note: text().notNull().default(""),
    notCharged: boolean().notNull().default(false),
    notChargedReason: text(),
    /** Quality remedy: the billable part of this entry is waived. */
    billableCancelledAt: timestamp({ withTimezone: true }),
    /** The split as last computed (the allocation is deterministic; these are a cache for lists). */
    freeMinutes: integer().notNull().default(0),
    prepaidMinutes: integer().notNull().default(0),
    billableMinutes: integer().notNull().default(0),
    notChargedMinutes: integer().notNull().default(0),
    deletedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("time_entries_org_started_idx").on(t.organisationId, t.startedAt, t.id),
    index("time_entries_ticket_idx").on(t.ticketId, t.startedAt),
    index("time_entries_engineer_idx").on(t.engineerId, t.startedAt),
    // Reports: time logged per period across organisations and engineers.
    index("time_entries_started_idx").on(t.startedAt).where(sql`${t.deletedAt} is null`),
  ],
);

/** Every edit or delete of an entry keeps the previous values. */
export const timeEntryRevisions = pgTable(
  "time_entry_revisions",
  {
    id: uuid().primaryKey().defaultRandom(),
    timeEntryId: uuid()
      .notNull()
      .references(() => timeEntries.id, { onDelete: "cascade" }),
    changedBy: uuid().references(() => users.id, { onDelete: "set null" }),
    changedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    before: jsonb().notNull(),
    after: jsonb(),
  },
  (t) => [index("time_entry_revisions_entry_idx").on(t.timeEntryId, t.changedAt)],
);

export const prepaidCreditSourceEnum = pgEnum("prepaid_credit_source", ["purchase", "remedy", "adjustment"]);

/** Prepaid minutes added to an organisation's balance (purchases and quality credits). */
export const prepaidCredits = pgTable(
  "prepaid_credits",
  {
    id: uuid().primaryKey().defaultRandom(),
    organisationId: uuid()
      .notNull()
      .references(() => organisations.id, { onDelete: "restrict" }),
    minutes: integer().notNull(),
    source: prepaidCreditSourceEnum().notNull(),
    orderId: uuid().references(() => orders.id, { onDelete: "restrict" }),
    note: text(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
    createdBy: uuid().references(() => users.id, { onDelete: "set null" }),
    removedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index("prepaid_credits_org_idx").on(t.organisationId, t.at), uniqueIndex("prepaid_credits_order_key").on(t.orderId)],
);

export const timeEntriesRelations = relations(timeEntries, ({ one }) => ({
  ticket: one(tickets, { fields: [timeEntries.ticketId], references: [tickets.id] }),
  engineer: one(users, { fields: [timeEntries.engineerId], references: [users.id] }),
}));

export type TimeEntry = typeof timeEntries.$inferSelect;
export type Contract = typeof contracts.$inferSelect;
