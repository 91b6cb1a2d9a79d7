import { boolean, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import type { BusinessCalendar, SlaTargets } from "../shapes/sla";

/** A business calendar is stored as the plain JSON value the pure SLA module works on. */
export const businessCalendars = pgTable("business_calendars", {
  id: uuid().primaryKey().defaultRandom(),
  name: text().notNull(),
  definition: jsonb().$type<BusinessCalendar>().notNull(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/** A support plan: SLA targets per priority and the time-counter defaults for its organisations. */
export const supportPlans = pgTable(
  "support_plans",
  {
    id: uuid().primaryKey().defaultRandom(),
    slug: text().notNull(),
    name: text().notNull(),
    calendarId: uuid()
      .notNull()
      .references(() => businessCalendars.id, { onDelete: "restrict" }),
    targets: jsonb().$type<SlaTargets>().notNull(),
    isDefault: boolean().notNull().default(false),
    /** A customer's "site is down" makes a ticket urgent on this plan (otherwise high, with an upsell). */
    allowsUrgent: boolean().notNull().default(false),
    freeMinutesPerDay: integer().notNull().default(15),
    freeDaysPerWeek: integer(),
    hourlyRateMinor: integer().notNull().default(0),
    currency: text().notNull().default("RUB"),
    /** The plan sold as a product: price per organisation and term (null = not for sale). */
    priceMinor: integer(),
    termMonths: integer().notNull().default(12),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("support_plans_slug_key").on(t.slug)],
);

export type BusinessCalendarRow = typeof businessCalendars.$inferSelect;
export type SupportPlan = typeof supportPlans.$inferSelect;
