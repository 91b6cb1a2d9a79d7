import { boolean, index, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./accounts";

/**
 * Saved queue views (ADR 171): a name and the queue's URL parameters (filters, sort, columns).
 * Personal views are seen by their owner only; shared ones by every staff member. Only team
 * leads and admins share.
 */
export const savedViews = pgTable(
  "saved_views",
  {
    id: uuid().primaryKey().defaultRandom(),
    ownerId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    name: text().notNull(),
    /** The queue's query string without a page cursor, e.g. "queue=open&priority=urgent&sort=-created". */
    params: text().notNull(),
    shared: boolean().notNull().default(false),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("saved_views_owner_name_key").on(t.ownerId, t.name), index("saved_views_shared_idx").on(t.shared)],
);

export type SavedView = typeof savedViews.$inferSelect;
