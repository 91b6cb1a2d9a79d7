import { relations } from "drizzle-orm";
import { index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./accounts";

export const importKindEnum = pgEnum("import_kind", ["organisations", "contacts", "licences"]);
export const importPolicyEnum = pgEnum("import_policy", ["skip", "fill", "overwrite"]);
export const importStatusEnum = pgEnum("import_status", ["queued", "running", "done", "failed"]);
export const importOutcomeEnum = pgEnum("import_outcome", ["create", "update", "unchanged", "duplicate", "error"]);

export type ImportCounts = { create: number; update: number; unchanged: number; duplicate: number; error: number };

/** One import that was written (dry runs leave no row): the history and the job's resumable record. */
export const importRuns = pgTable(
  "import_runs",
  {
    id: uuid().primaryKey().defaultRandom(),
    kind: importKindEnum().notNull(),
    fileName: text().notNull(),
    sheet: text(),
    policy: importPolicyEnum().notNull(),
    status: importStatusEnum().notNull(),
    /** Column index (as text) → field name, as confirmed on the dry run. */
    mapping: jsonb().$type<Record<string, string>>().notNull(),
    /** The file's header row, for the outcome CSV. */
    headers: jsonb().$type<string[]>().notNull(),
    totalRows: integer().notNull().default(0),
    /** Data rows processed and committed so far: a resumed job skips these. */
    rowsDone: integer().notNull().default(0),
    counts: jsonb().$type<ImportCounts>().notNull(),
    warnings: integer().notNull().default(0),
    /** Why a background import failed (a code, rendered in the reader's language). */
    failure: text(),
    /** The uploaded file under the data folder, kept while a background import runs. */
    storagePath: text(),
    createdBy: uuid().references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index("import_runs_created_idx").on(t.createdAt, t.id)],
);

/** The fate of every row of a written import, for the downloadable outcome CSV. */
export const importRowOutcomes = pgTable(
  "import_row_outcomes",
  {
    runId: uuid()
      .notNull()
      .references(() => importRuns.id, { onDelete: "cascade" }),
    rowNumber: integer().notNull(),
    outcome: importOutcomeEnum().notNull(),
    matchedBy: text(),
    matchedId: text(),
    matchedRow: integer(),
    errors: jsonb().$type<unknown[]>().notNull(),
    warnings: jsonb().$type<unknown[]>().notNull(),
    /** The row's cells as read from the file, so the outcome CSV can be fixed and re-uploaded. */
    cells: jsonb().$type<string[]>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.runId, t.rowNumber] })],
);

/** Header → field choices the admin confirmed, reused by the next import of the same kind. */
export const importMappings = pgTable(
  "import_mappings",
  {
    kind: importKindEnum().notNull(),
    /** The header as normalised for matching (lower case, single spaces). */
    header: text().notNull(),
    /** A field of the kind, or "" for "ignore this column". */
    field: text().notNull(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.kind, t.header] })],
);

export const importRunsRelations = relations(importRuns, ({ one, many }) => ({
  createdByUser: one(users, { fields: [importRuns.createdBy], references: [users.id] }),
  outcomes: many(importRowOutcomes),
}));
export const importRowOutcomesRelations = relations(importRowOutcomes, ({ one }) => ({
  run: one(importRuns, { fields: [importRowOutcomes.runId], references: [importRuns.id] }),
}));

export type ImportRun = typeof importRuns.$inferSelect;
export type ImportKind = (typeof importKindEnum.enumValues)[number];
export type ImportPolicy = (typeof importPolicyEnum.enumValues)[number];
export type ImportOutcome = (typeof importOutcomeEnum.enumValues)[number];
