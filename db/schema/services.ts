import { relations } from "drizzle-orm";
import { boolean, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./accounts";
import { ticketTypeEnum, tickets } from "./tickets";

export const serviceUnitEnum = pgEnum("service_unit", ["hour", "fixed"]);

/** The paid services price list (SPEC §5 "paid service"), edited by admins in both languages. */
export const serviceItems = pgTable(
  "service_items",
  {
    id: uuid().primaryKey().defaultRandom(),
    nameEn: text().notNull(),
    nameRu: text().notNull(),
    descriptionEn: text().notNull().default(""),
    descriptionRu: text().notNull().default(""),
    unit: serviceUnitEnum().notNull(),
    /** Integer minor units of `currency` per unit (an hour, or the whole job for `fixed`). */
    priceMinor: integer().notNull(),
    currency: text().notNull(),
    active: boolean().notNull().default(true),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("service_items_active_idx").on(t.active, t.nameEn)],
);

/**
 * A ticket opened from the catalogue: the item and the estimate as the customer saw them
 * (a snapshot — a later price change does not move an estimate already given).
 */
export const serviceRequests = pgTable("service_requests", {
  ticketId: uuid()
    .primaryKey()
    .references(() => tickets.id, { onDelete: "cascade" }),
  serviceItemId: uuid()
    .notNull()
    .references(() => serviceItems.id, { onDelete: "restrict" }),
  nameEn: text().notNull(),
  nameRu: text().notNull(),
  unit: serviceUnitEnum().notNull(),
  quantity: integer().notNull(),
  unitPriceMinor: integer().notNull(),
  currency: text().notNull(),
  estimateMinor: integer().notNull(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

export type TicketSplitSnapshot = { free: number; prepaid: number; billable: number; notCharged: number };

/** Every change of a ticket's type by staff, with the reason and the ticket's time split before and after. */
export const ticketReclassifications = pgTable(
  "ticket_reclassifications",
  {
    id: uuid().primaryKey().defaultRandom(),
    ticketId: uuid()
      .notNull()
      .references(() => tickets.id, { onDelete: "cascade" }),
    fromType: ticketTypeEnum().notNull(),
    toType: ticketTypeEnum().notNull(),
    reason: text().notNull(),
    actorId: uuid().references(() => users.id, { onDelete: "set null" }),
    splitBefore: jsonb().$type<TicketSplitSnapshot>().notNull(),
    splitAfter: jsonb().$type<TicketSplitSnapshot>().notNull(),
    at: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [index("ticket_reclassifications_ticket_idx").on(t.ticketId, t.at)],
);

export const serviceRequestsRelations = relations(serviceRequests, ({ one }) => ({
  ticket: one(tickets, { fields: [serviceRequests.ticketId], references: [tickets.id] }),
  item: one(serviceItems, { fields: [serviceRequests.serviceItemId], references: [serviceItems.id] }),
}));

export type ServiceItem = typeof serviceItems.$inferSelect;
export type ServiceRequest = typeof serviceRequests.$inferSelect;
export type TicketReclassification = typeof ticketReclassifications.$inferSelect;
