import { relations } from "drizzle-orm";
import { boolean, index, integer, pgEnum, pgTable, text, timestamp, unique, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { organisations, users } from "./accounts";

export const products = pgTable(
  "products",
  {
    id: uuid().primaryKey().defaultRandom(),
    slug: text().notNull(),
    name: text().notNull(),
    description: text().notNull().default(""),
    /** Integer minor units of `currency` (kopecks, cents; yen for JPY). */
    listPriceMinor: integer().notNull(),
    currency: text().notNull(),
    free: boolean().notNull().default(false),
    /** e.g. "1C-Bitrix": the module needs an active licence of that platform on the site. */
    requiredPlatform: text(),
    active: boolean().notNull().default(true),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("products_slug_key").on(t.slug), index("products_name_idx").on(t.name)],
);

export const releases = pgTable(
  "releases",
  {
    id: uuid().primaryKey().defaultRandom(),
    productId: uuid()
      .notNull()
      .references(() => products.id, { onDelete: "cascade" }),
    version: text().notNull(),
    notes: text().notNull().default(""),
    /** Null while a draft; a release is downloadable iff published_at <= support_until. */
    publishedAt: timestamp({ withTimezone: true }),
    fileName: text(),
    fileSize: integer(),
    fileSha256: text(),
    /** `<backend>:<key>` in file storage (a bare path: the data folder's files directory). */
    fileStoragePath: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique("releases_product_version_key").on(t.productId, t.version), index("releases_product_published_idx").on(t.productId, t.publishedAt)],
);

export const licences = pgTable(
  "licences",
  {
    id: uuid().primaryKey().defaultRandom(),
    /** Canonical key (no dashes, upper case): lookups normalise input to this. */
    keyCanonical: text().notNull(),
    productId: uuid()
      .notNull()
      .references(() => products.id, { onDelete: "restrict" }),
    organisationId: uuid()
      .notNull()
      .references(() => organisations.id, { onDelete: "restrict" }),
    issuedFromOrderId: uuid(),
    firstActivatedAt: timestamp({ withTimezone: true }),
    /** Derived from the support ledger in the same transaction that changes the ledger. */
    supportUntil: timestamp({ withTimezone: true }),
    productionHost: text(),
    sourceModified: boolean().notNull().default(false),
    sourceModifiedNote: text(),
    sourceCheckRequestedAt: timestamp({ withTimezone: true }),
    suspendedAt: timestamp({ withTimezone: true }),
    revokedAt: timestamp({ withTimezone: true }),
    platformLicenceExpiresAt: timestamp({ withTimezone: true }),
    platformLicenceVerifiedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("licences_key_key").on(t.keyCanonical),
    index("licences_organisation_idx").on(t.organisationId, t.createdAt),
    index("licences_support_until_idx").on(t.supportUntil),
    index("licences_production_host_idx").on(t.productionHost),
    // Desk search: part of a key (pg_trgm).
    index("licences_key_trgm_idx").using("gin", t.keyCanonical.op("gin_trgm_ops")),
  ],
);

export const activationKindEnum = pgEnum("activation_kind", ["production", "development"]);

export const activations = pgTable(
  "activations",
  {
    id: uuid().primaryKey().defaultRandom(),
    licenceId: uuid()
      .notNull()
      .references(() => licences.id, { onDelete: "cascade" }),
    host: text().notNull(),
    kind: activationKindEnum().notNull(),
    /** A production activation that replaced another production host (counts toward the yearly limit). */
    isMove: boolean().notNull().default(false),
    activatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    releasedAt: timestamp({ withTimezone: true }),
    activatedBy: uuid().references(() => users.id, { onDelete: "set null" }),
  },
  (t) => [index("activations_licence_idx").on(t.licenceId, t.activatedAt), index("activations_host_idx").on(t.host)],
);

/** `imported`: a term carried over from before Keydesk (an import), ending exactly at `ends_at`. */
export const supportEntryKindEnum = pgEnum("support_entry_kind", ["initial", "renewal", "compensation", "imported"]);

/** The support ledger: one row per paid year or granted compensation; periods are derived. */
export const supportEntries = pgTable(
  "support_entries",
  {
    id: uuid().primaryKey().defaultRandom(),
    licenceId: uuid()
      .notNull()
      .references(() => licences.id, { onDelete: "cascade" }),
    kind: supportEntryKindEnum().notNull(),
    orderId: uuid(),
    recordedAt: timestamp({ withTimezone: true }).notNull(),
    days: integer(),
    /**
     * Paid and imported terms: the length in months of the support term in force when the entry
     * was recorded (the `licences.supportTermMonths` setting), so a later change of the setting
     * never moves an end already bought. `null` on entries recorded before the setting: 12.
     */
    termMonths: integer(),
    reason: text(),
    /** Imported entries only: the support-until date as imported, kept exactly. */
    endsAt: timestamp({ withTimezone: true }),
    /** Imported entries only: what the customer paid before Keydesk, minor units of the product's currency. */
    pricePaidMinor: integer(),
    removedAt: timestamp({ withTimezone: true }),
    createdBy: uuid().references(() => users.id, { onDelete: "set null" }),
  },
  (t) => [index("support_entries_licence_idx").on(t.licenceId, t.recordedAt), index("support_entries_order_idx").on(t.orderId)],
);

export const reminderKindEnum = pgEnum("renewal_reminder_kind", ["days_30", "days_7", "day_0", "manual"]);

/** One row per reminder sent for one term end, so each is sent exactly once. */
export const renewalReminders = pgTable(
  "renewal_reminders",
  {
    licenceId: uuid()
      .notNull()
      .references(() => licences.id, { onDelete: "cascade" }),
    kind: reminderKindEnum().notNull(),
    supportUntil: timestamp({ withTimezone: true }).notNull(),
    sentAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique("renewal_reminders_once").on(t.licenceId, t.kind, t.supportUntil)],
);

export const productsRelations = relations(products, ({ many }) => ({ releases: many(releases), licences: many(licences) }));
export const releasesRelations = relations(releases, ({ one }) => ({ product: one(products, { fields: [releases.productId], references: [products.id] }) }));
export const licencesRelations = relations(licences, ({ one, many }) => ({
  product: one(products, { fields: [licences.productId], references: [products.id] }),
  organisation: one(organisations, { fields: [licences.organisationId], references: [organisations.id] }),
  activations: many(activations),
  supportEntries: many(supportEntries),
}));
export const activationsRelations = relations(activations, ({ one }) => ({ licence: one(licences, { fields: [activations.licenceId], references: [licences.id] }) }));
export const supportEntriesRelations = relations(supportEntries, ({ one }) => ({
  licence: one(licences, { fields: [supportEntries.licenceId], references: [licences.id] }),
}));

export type Product = typeof products.$inferSelect;
export type ReleaseRow = typeof releases.$inferSelect;
export type Licence = typeof licences.$inferSelect;
export type SupportEntryRow = typeof supportEntries.$inferSelect;
