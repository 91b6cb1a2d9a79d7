import { date, integer, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./accounts";

/**
 * Email kinds a user turned off on their preferences page (a row means "off"; everything is on
 * by default). Which kinds exist and which may not be turned off: app/modules/notifications/rules.ts.
 */
export const notificationOptOuts = pgTable(
  "notification_opt_outs",
  {
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.kind] })],
);

/** One row per team lead and local day the daily digest was decided for: never two digests a day. */
export const digestDays = pgTable(
  "digest_days",
  {
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    day: date({ mode: "string" }).notNull(),
    /** Tickets reported (0: nothing to report, no email sent). */
    tickets: integer().notNull().default(0),
    emailId: uuid(),
    decidedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.day] })],
);
