import { bigint, boolean, customType, foreignKey, integer, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";

/** `bytea` as a Node Buffer on both drivers (postgres.js gives a Buffer, PGlite a Uint8Array). */
export const bytea = customType<{ data: Buffer; driverData: Uint8Array }>({
  dataType: () => "bytea",
  toDriver: (value) => value,
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value.buffer, value.byteOffset, value.byteLength)),
});

/**
 * Uploaded files kept in the database (the `database` files backend): one row per file, its
 * bytes in chunks of at most 1 MB so that neither writing nor reading ever holds a whole file.
 * A row is `complete` only once every chunk is written; an interrupted upload stays incomplete
 * and is never served.
 */
export const fileObjects = pgTable("file_objects", {
  key: text().primaryKey(),
  size: bigint({ mode: "number" }).notNull().default(0),
  chunks: integer().notNull().default(0),
  complete: boolean().notNull().default(false),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

export const fileChunks = pgTable(
  "file_chunks",
  {
    key: text().notNull(),
    seq: integer().notNull(),
    data: bytea().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.key, t.seq] }),
    foreignKey({ columns: [t.key], foreignColumns: [fileObjects.key] }).onDelete("cascade"),
  ],
);
