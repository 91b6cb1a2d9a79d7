import { relations, sql } from "drizzle-orm";
import { customType, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { localeEnum, organisations, users } from "./accounts";
import { orders } from "./billing";

/** PDF bytes; both drivers hand back a Buffer (PGlite gives a Uint8Array). */
const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => "bytea",
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
});

export const billingDocumentKindEnum = pgEnum("billing_document_kind", ["invoice", "receipt", "act", "credit_note"]);
export const contactRoleEnum = pgEnum("contact_role", ["billing"]);
export const refundMethodEnum = pgEnum("refund_method", ["stripe", "manual"]);

/**
 * An issued document: its number, the data it was rendered from (a snapshot of seller, buyer,
 * lines and VAT) and the PDF itself, stored once so a re-download is the same file.
 */
export const billingDocuments = pgTable(
  "billing_documents",
  {
    id: uuid().primaryKey().defaultRandom(),
    kind: billingDocumentKindEnum().notNull(),
    year: integer().notNull(),
    number: integer().notNull(),
    orderId: uuid()
      .notNull()
      .references(() => orders.id, { onDelete: "restrict" }),
    refundId: uuid(),
    organisationId: uuid()
      .notNull()
      .references(() => organisations.id, { onDelete: "restrict" }),
    locale: localeEnum().notNull(),
    issuedAt: timestamp({ withTimezone: true }).notNull(),
    totalMinor: integer().notNull(),
    currency: text().notNull(),
    snapshot: jsonb().notNull(),
    pdf: bytea().notNull(),
    sha256: text().notNull(),
    issuedBy: uuid().references(() => users.id, { onDelete: "set null" }),
  },
  (t) => [
    uniqueIndex("billing_documents_number_key").on(t.kind, t.year, t.number),
    // One invoice, one receipt, one act per order; credit notes one per refund.
    uniqueIndex("billing_documents_order_kind_key").on(t.orderId, t.kind).where(sql`${t.kind} <> 'credit_note'`),
    uniqueIndex("billing_documents_refund_key").on(t.refundId),
    index("billing_documents_organisation_idx").on(t.organisationId, t.issuedAt),
  ],
);

/** The last number issued per document kind and year; its row lock makes numbering gap-free. */
export const documentCounters = pgTable(
  "document_counters",
  {
    kind: billingDocumentKindEnum().notNull(),
    year: integer().notNull(),
    lastNumber: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.kind, t.year] })],
);

/** The buyer's legal details, printed on every document issued after they were saved. */
export const organisationBillingDetails = pgTable("organisation_billing_details", {
  organisationId: uuid()
    .primaryKey()
    .references(() => organisations.id, { onDelete: "cascade" }),
  legalName: text().notNull(),
  taxId: text().notNull().default(""),
  kpp: text().notNull().default(""),
  legalAddress: text().notNull().default(""),
  bankName: text().notNull().default(""),
  bankAccount: text().notNull().default(""),
  bankCode: text().notNull().default(""),
  correspondentAccount: text().notNull().default(""),
  updatedBy: uuid().references(() => users.id, { onDelete: "set null" }),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/** Extra roles of a contact person within their organisation ("billing": sees orders and documents). */
export const contactRoles = pgTable(
  "contact_roles",
  {
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: contactRoleEnum().notNull(),
    grantedBy: uuid().references(() => users.id, { onDelete: "set null" }),
    grantedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.role] })],
);

/** Money returned on an order: through Stripe (card) or recorded by hand (bank transfer). */
export const refunds = pgTable(
  "refunds",
  {
    id: uuid().primaryKey().defaultRandom(),
    orderId: uuid()
      .notNull()
      .references(() => orders.id, { onDelete: "restrict" }),
    amountMinor: integer().notNull(),
    currency: text().notNull(),
    /** What staff wrote; empty for a refund recorded from a Stripe event (its reason is said from `stripeEventId`). */
    reason: text().notNull(),
    method: refundMethodEnum().notNull(),
    stripeRefundId: text(),
    /**
     * The Stripe event a refund made outside Keydesk (Stripe's dashboard) was recorded from. Such a
     * refund has no words of its own: pages and documents say "refunded in Stripe" in the reader's
     * language (`refundReason`), so nothing English is stored for a Russian reader.
     */
    stripeEventId: text(),
    createdBy: uuid().references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("refunds_order_idx").on(t.orderId, t.createdAt), uniqueIndex("refunds_stripe_key").on(t.stripeRefundId)],
);

export const billingDocumentsRelations = relations(billingDocuments, ({ one }) => ({
  order: one(orders, { fields: [billingDocuments.orderId], references: [orders.id] }),
}));

export type BillingDocument = typeof billingDocuments.$inferSelect;
export type BillingDocumentKind = (typeof billingDocumentKindEnum.enumValues)[number];
export type OrganisationBillingDetails = typeof organisationBillingDetails.$inferSelect;
export type Refund = typeof refunds.$inferSelect;
