import { index, integer, jsonb, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./accounts";

export const bulkRunStatusEnum = pgEnum("bulk_run_status", ["queued", "running", "done", "failed"]);

/** Why one ticket of a bulk run could not change: a catalogue key under "bulk.reason." and its values. */
export type BulkRunFailure = { number: number; reason: { code: string; [key: string]: string | number } };

/**
 * A large bulk action run by a background job (ADR 176): the tickets chosen when it was
 * confirmed, the progress so far and the outcome of every ticket handled. The job that holds
 * the lease (`leaseToken` until `leaseUntil`) is the only one writing progress; a job whose
 * lease ran out (a crashed instance) is taken over and resumes after the tickets already handled.
 */
export const bulkRuns = pgTable(
  "bulk_runs",
  {
    id: uuid().primaryKey().defaultRandom(),
    actorId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** The operation's name in the registry (status, assign, priority, tag, macro). */
    operation: text().notNull(),
    /** The operation's form values, validated again by the job. */
    input: jsonb().$type<Record<string, unknown>>().notNull(),
    /** The chosen change as the queue's form wrote it ("status:pending"), for the summary's words. */
    change: text().notNull(),
    /** Ticket numbers in the order they are handled. */
    numbers: jsonb().$type<number[]>().notNull(),
    status: bulkRunStatusEnum().notNull().default("queued"),
    total: integer().notNull(),
    /** How many of `numbers` are handled (changed, unchanged or failed), in order. */
    processed: integer().notNull().default(0),
    changed: jsonb().$type<number[]>().notNull().default([]),
    unchanged: jsonb().$type<number[]>().notNull().default([]),
    failed: jsonb().$type<BulkRunFailure[]>().notNull().default([]),
    /** Why the run as a whole stopped (a catalogue key), when status is failed. */
    failure: text(),
    leaseToken: uuid(),
    leaseUntil: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp({ withTimezone: true }),
    finishedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index("bulk_runs_status_idx").on(t.status, t.createdAt), index("bulk_runs_actor_idx").on(t.actorId, t.createdAt)],
);

export type BulkRun = typeof bulkRuns.$inferSelect;
