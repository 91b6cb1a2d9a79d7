import { relations, sql } from "drizzle-orm";
import { type AnyPgColumn, boolean, index, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { supportPlans } from "./sla";

export const roleEnum = pgEnum("role", ["customer", "engineer", "team_lead", "quality", "admin"]);
export const localeEnum = pgEnum("locale", ["en", "ru"]);
export const authTokenPurposeEnum = pgEnum("auth_token_purpose", ["password_reset", "invitation"]);

export const organisations = pgTable(
  "organisations",
  {
    id: uuid().primaryKey().defaultRandom(),
    name: text().notNull(),
    /** Legal form as written (ООО, АО, ИП, LLC…). */
    legalForm: text(),
    taxId: text(),
    /** Russian tax registration reason code (9 digits), for companies. */
    kpp: text(),
    phone: text(),
    email: text(),
    /** Further phones (E.164, normalised like `phone`) and emails (lower case) beyond the first. */
    extraPhones: text().array().notNull().default(sql`'{}'::text[]`),
    extraEmails: text().array().notNull().default(sql`'{}'::text[]`),
    address: text(),
    notes: text(),
    /** Set when this organisation was merged into another: its pages redirect there, lists hide it. */
    mergedIntoId: uuid().references((): AnyPgColumn => organisations.id, { onDelete: "restrict" }),
    mergedAt: timestamp({ withTimezone: true }),
    /** The support plan (SLA targets, time-counter defaults); null means the default plan. */
    planId: uuid().references(() => supportPlans.id, { onDelete: "set null" }),
    /** A bought plan's term end: the plan lapses to the default at this moment (null = no end). */
    planUntil: timestamp({ withTimezone: true }),
    /** The term end the lapse reminder was sent for (a purchase moves the end: a new reminder). */
    planReminderSentFor: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("organisations_name_idx").on(t.name, t.id),
    index("organisations_tax_id_idx").on(t.taxId),
    // The daily plan-term job: organisations whose bought plan ends soon.
    index("organisations_plan_until_idx").on(t.planUntil).where(sql`${t.planUntil} is not null`),
    index("organisations_phone_idx").on(t.phone),
    index("organisations_email_idx").on(t.email),
    // Desk search: typo-tolerant and partial names (pg_trgm).
    index("organisations_name_trgm_idx").using("gin", t.name.op("gin_trgm_ops")),
  ],
);

export const users = pgTable(
  "users",
  {
    id: uuid().primaryKey().defaultRandom(),
    email: text().notNull(),
    name: text().notNull(),
    passwordHash: text(),
    role: roleEnum().notNull(),
    organisationId: uuid().references(() => organisations.id, { onDelete: "restrict" }),
    isPrimaryContact: boolean().notNull().default(false),
    jobTitle: text(),
    phone: text(),
    /** Staff-only notes (e.g. an imported phone number that could not be understood). */
    notes: text(),
    locale: localeEnum().notNull().default("en"),
    timeZone: text().notNull().default("Europe/Moscow"),
    deactivatedAt: timestamp({ withTimezone: true }),
    lastSignedInAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // Emails are compared case-insensitively: the application stores them lower-cased.
    uniqueIndex("users_email_key").on(t.email),
    index("users_organisation_idx").on(t.organisationId, t.name),
    index("users_role_idx").on(t.role),
    index("users_phone_idx").on(t.phone),
    // Desk search: partial emails (pg_trgm).
    index("users_email_trgm_idx").using("gin", t.email.op("gin_trgm_ops")),
  ],
);

export const sessions = pgTable(
  "sessions",
  {
    // sha256 of the cookie token: a leaked database does not hand out live sessions.
    tokenHash: text().primaryKey(),
    /** What the sessions page shows and posts back (never the token or its hash). */
    id: uuid().notNull().defaultRandom(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** The absolute end of the session, whatever the activity. */
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** Updated at most once a minute; the idle timeout counts from here. */
    lastSeenAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** When the user last proved who they are (password or TOTP) in this session. */
    confirmedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** Signed in with the password only while two-factor is required: may only enrol. */
    mustEnrolTwoFactor: boolean().notNull().default(false),
    userAgent: text(),
    ipAddress: text(),
  },
  (t) => [
    index("sessions_user_idx").on(t.userId),
    index("sessions_expires_idx").on(t.expiresAt),
    uniqueIndex("sessions_id_key").on(t.id),
  ],
);

export const authTokens = pgTable(
  "auth_tokens",
  {
    tokenHash: text().primaryKey(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    purpose: authTokenPurposeEnum().notNull(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    usedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("auth_tokens_user_idx").on(t.userId, t.purpose)],
);

export const organisationsRelations = relations(organisations, ({ many }) => ({ contacts: many(users) }));
export const usersRelations = relations(users, ({ one, many }) => ({
  organisation: one(organisations, { fields: [users.organisationId], references: [organisations.id] }),
  sessions: many(sessions),
}));
export const sessionsRelations = relations(sessions, ({ one }) => ({
  user: one(users, { fields: [sessions.userId], references: [users.id] }),
}));

export type Organisation = typeof organisations.$inferSelect;
export type User = typeof users.$inferSelect;
export type Role = (typeof roleEnum.enumValues)[number];
export type Locale = (typeof localeEnum.enumValues)[number];
export const lowerEmail = (column: typeof users.email) => sql`lower(${column})`;
