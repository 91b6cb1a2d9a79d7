import { relations, sql } from "drizzle-orm";
import { index, integer, pgEnum, pgSequence, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { localeEnum, organisations, users } from "./accounts";
import { licences, products } from "./licensing";
import { supportPlans } from "./sla";

export const orderKindEnum = pgEnum("order_kind", ["new_licence", "renewal", "prepaid_hours", "support_plan"]);
export const orderStatusEnum = pgEnum("order_status", ["pending", "paid", "cancelled", "refunded"]);
export const paymentMethodEnum = pgEnum("payment_method", ["card", "invoice"]);
export const vatModeEnum = pgEnum("vat_mode", ["none", "included", "on_top"]);

export const orderNumberSequence = pgSequence("order_number_seq", { startWith: 10001 });

/** An order snapshots every price input, so later price changes never alter it. */
export const orders = pgTable(
  "orders",
  {
    id: uuid().primaryKey().defaultRandom(),
    /** Human invoice number. */
    number: integer()
      .notNull()
      .default(sql`nextval('order_number_seq')`),
    kind: orderKindEnum().notNull(),
    status: orderStatusEnum().notNull().default("pending"),
    method: paymentMethodEnum().notNull(),
    organisationId: uuid()
      .notNull()
      .references(() => organisations.id, { onDelete: "restrict" }),
    buyerEmail: text().notNull(),
    buyerName: text(),
    /** The buyer's language, for the receipt and licence emails. */
    locale: localeEnum().notNull().default("en"),
    productId: uuid().references(() => products.id, { onDelete: "restrict" }),
    /** Renewal: the licence renewed. New licence: the licence issued on payment. */
    licenceId: uuid().references(() => licences.id, { onDelete: "restrict" }),
    hours: integer(),
    /** A support plan order: the plan bought and the term in months (snapshotted). */
    planId: uuid().references(() => supportPlans.id, { onDelete: "restrict" }),
    termMonths: integer(),
    listPriceMinor: integer().notNull(),
    percentage: integer().notNull(),
    /** What the buyer pays, VAT included (with VAT on top: the price plus VAT). */
    amountMinor: integer().notNull(),
    currency: text().notNull(),
    /** The seller's VAT setting when the order was placed, and the VAT inside amountMinor. */
    vatMode: vatModeEnum().notNull().default("none"),
    vatRateBasisPoints: integer().notNull().default(0),
    vatMinor: integer().notNull().default(0),
    /** Bank transfer: the payment order's reference, as staff typed it when marking it paid. */
    paymentReference: text(),
    /** Money returned so far (partial refunds keep the order paid). */
    refundedMinor: integer().notNull().default(0),
    cancelReason: text(),
    /** Unpaid-invoice reminders sent (0, 1 after the first, 2 after the second). */
    remindersSent: integer().notNull().default(0),
    stripeSessionId: text(),
    stripePaymentIntentId: text(),
    paidAt: timestamp({ withTimezone: true }),
    markedPaidBy: uuid().references(() => users.id, { onDelete: "set null" }),
    refundedAt: timestamp({ withTimezone: true }),
    createdBy: uuid().references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("orders_number_key").on(t.number),
    uniqueIndex("orders_stripe_session_key").on(t.stripeSessionId),
    index("orders_payment_intent_idx").on(t.stripePaymentIntentId),
    index("orders_organisation_idx").on(t.organisationId, t.createdAt),
    index("orders_status_idx").on(t.status, t.createdAt),
    index("orders_licence_idx").on(t.licenceId),
    // Reports: revenue per period.
    index("orders_paid_idx").on(t.paidAt).where(sql`${t.paidAt} is not null`),
    index("orders_pending_reminders_idx").on(t.createdAt).where(sql`${t.status} = 'pending' and ${t.method} = 'invoice'`),
  ],
);

/** Stripe events already processed: the insert commits together with the fulfilment. */
export const stripeEvents = pgTable("stripe_events", {
  id: text().primaryKey(),
  type: text().notNull(),
  processedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

export const ordersRelations = relations(orders, ({ one }) => ({
  organisation: one(organisations, { fields: [orders.organisationId], references: [organisations.id] }),
  product: one(products, { fields: [orders.productId], references: [products.id] }),
  licence: one(licences, { fields: [orders.licenceId], references: [licences.id] }),
}));

export type Order = typeof orders.$inferSelect;
