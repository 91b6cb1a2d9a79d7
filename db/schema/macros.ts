import { relations, sql } from "drizzle-orm";
import { index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./accounts";
import { ticketPriorityEnum, tickets, ticketStatusEnum } from "./tickets";

/**
 * Tags and macros (docs/decisions/175). A ticket's tags are normalised names (lower case,
 * trimmed); an admin-managed tag is a name with labels in both languages and a colour, a free
 * tag is just the name on the ticket. Customers never see either.
 */
export const tags = pgTable(
  "tags",
  {
    id: uuid().primaryKey().defaultRandom(),
    /** The normalised name stored on tickets (see app/modules/tickets/tags.ts). */
    name: text().notNull(),
    labelEn: text().notNull(),
    labelRu: text().notNull(),
    /** "#rrggbb" or null. */
    colour: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("tags_name_key").on(t.name)],
);

export const ticketTags = pgTable(
  "ticket_tags",
  {
    ticketId: uuid()
      .notNull()
      .references(() => tickets.id, { onDelete: "cascade" }),
    tag: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.ticketId, t.tag] }), index("ticket_tags_tag_idx").on(t.tag, t.ticketId)],
);

/** Canned replies that can act. ownerId null: shared (edited by team leads and admins). */
export const macros = pgTable(
  "macros",
  {
    id: uuid().primaryKey().defaultRandom(),
    ownerId: uuid().references(() => users.id, { onDelete: "cascade" }),
    title: text().notNull(),
    bodyEn: text().notNull().default(""),
    bodyRu: text().notNull().default(""),
    setStatus: ticketStatusEnum(),
    setPriority: ticketPriorityEnum(),
    addTags: text().array().notNull().default(sql`'{}'::text[]`),
    /** "me" (the one who applies it), "nobody", or null (leave as is). */
    assign: text(),
    usageCount: integer().notNull().default(0),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("macros_owner_idx").on(t.ownerId, t.title)],
);

export const macrosRelations = relations(macros, ({ one }) => ({
  owner: one(users, { fields: [macros.ownerId], references: [users.id] }),
}));

export type Tag = typeof tags.$inferSelect;
export type Macro = typeof macros.$inferSelect;
