import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { sql } from "drizzle-orm";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import * as schema from "#db/schema";

/**
 * Both drivers expose the same drizzle API; the postgres.js type is used for both so that use
 * cases are written once. Raw `execute` results differ by driver: go through `rowsOf`.
 */
export type Database = PostgresJsDatabase<typeof schema>;
export type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];
/** A use case runs on the database or inside a caller's transaction. */
export type Executor = Database | Transaction;

export type DatabaseHandle = {
  db: Database;
  kind: "pglite" | "postgres";
  /** The connection URL of a PostgreSQL handle (backups hand it to pg_dump). */
  url?: string;
  /** Runs parameterised SQL and returns plain rows (used by the job runner). */
  query: <T = Record<string, unknown>>(text: string, values?: unknown[]) => Promise<T[]>;
  /** Runs several statements without parameters; returns the last statement's rows. */
  exec: (text: string) => Promise<Record<string, unknown>[]>;
  /**
   * Runs one large read-only aggregate (the reports) in its own transaction with JIT off and
   * 32 MB to sort in memory: compiling the plan costs a quarter second, more than the query.
   */
  analyticQuery: <T = Record<string, unknown>>(text: string, values?: unknown[]) => Promise<T[]>;
  /**
   * LISTENs on a channel: `onNotify` gets the payload of every NOTIFY on it, from this process
   * or another one, once the notifying transaction has committed (PostgreSQL drops the
   * notifications of a transaction that rolls back). Resolves to a function that stops listening.
   */
  listen: (channel: string, onNotify: (payload: string) => void) => Promise<() => Promise<void>>;
  close: () => Promise<void>;
};

/** Rows of `executor.execute(sql…)`: an array on postgres.js, `{ rows }` on PGlite. */
export function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : ((result as { rows?: T[] }).rows ?? [])) as T[];
}

const MIGRATIONS_FOLDER = path.resolve(process.cwd(), "db/migrations");
// Any fixed number works; it only has to be the same for every instance of the app.
const MIGRATION_LOCK_KEY = 720_431_001;

const ANALYTIC_SETTINGS = "set transaction read only; set local jit = off; set local work_mem = '32MB'";

/** PGlite in a folder, in memory (no folder), or in memory from a dumped data folder (tests). */
export function openPglite(dataDir: string | undefined, loadDataDir?: Blob): DatabaseHandle {
  // pg_trgm (trigram search over names, emails and keys) is created by a migration; PGlite loads it here.
  const client = new PGlite({ dataDir, extensions: { pg_trgm }, ...(loadDataDir ? { loadDataDir } : {}) });
  const db = drizzlePglite({ client, schema, casing: "snake_case" }) as unknown as Database;
  return {
    db,
    kind: "pglite",
    query: async (text, values) => (await client.query(text, values as unknown[])).rows as never,
    exec: async (text) => (await client.exec(text)).at(-1)?.rows ?? [],
    analyticQuery: (text, values) =>
      client.transaction(async (tx) => {
        await tx.exec(ANALYTIC_SETTINGS);
        return (await tx.query(text, values as unknown[])).rows as never;
      }),
    listen: async (channel, onNotify) => {
      const stop = await client.listen(channel, onNotify);
      return async () => {
        if (!client.closed) await stop();
      };
    },
    close: () => client.close(),
  };
}

/** `onQuery` sees every statement sent (the benchmark replays a page's statements to time its SQL alone). */
export function openPostgres(url: string, max = 10, options: { onQuery?: (text: string, params: unknown[]) => void } = {}): DatabaseHandle {
  const onQuery = options.onQuery;
  const client = postgres(url, { max, onnotice: () => {}, ...(onQuery ? { debug: (_connection: number, text: string, params: unknown[]) => onQuery(text, params) } : {}) });
  const db = drizzlePostgres({ client, schema, casing: "snake_case" });
  return {
    db,
    kind: "postgres",
    url,
    query: async (text, values) => (await client.unsafe(text, values as never[])) as never,
    exec: async (text) => (await client.unsafe(text).simple()) as never,
    analyticQuery: (text, values) =>
      client.begin(async (tx) => {
        await tx.unsafe(ANALYTIC_SETTINGS).simple();
        return tx.unsafe(text, values as never[]);
      }) as never,
    // postgres.js listens on a connection of its own (outside the pool) and listens again after a reconnect.
    listen: async (channel, onNotify) => {
      const { unlisten } = await client.listen(channel, onNotify);
      return () => unlisten().catch(() => {});
    },
    close: () => client.end({ timeout: 5 }),
  };
}

/**
 * Applies committed migrations, then runs `afterMigrating` (defaults, demo data). On a server an
 * advisory lock covers both, so several instances can start at once without racing each other.
 */
export async function migrateDatabase(
  handle: DatabaseHandle,
  databaseUrl?: string,
  afterMigrating: () => Promise<void> = async () => {},
): Promise<void> {
  if (handle.kind === "pglite") {
    await migratePglite(handle.db as never, { migrationsFolder: MIGRATIONS_FOLDER });
    await afterMigrating();
    return;
  }
  const lockClient = postgres(databaseUrl!, { max: 1, onnotice: () => {} });
  try {
    const reserved = await lockClient.reserve();
    await reserved`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`;
    try {
      await migratePostgres(handle.db, { migrationsFolder: MIGRATIONS_FOLDER });
      await afterMigrating();
    } finally {
      await reserved`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`;
      reserved.release();
    }
  } finally {
    await lockClient.end({ timeout: 5 });
  }
}

/** Number of committed migrations, and how many the database has applied. */
export async function migrationStatus(handle: DatabaseHandle): Promise<{ expected: number; applied: number }> {
  const journal = path.join(MIGRATIONS_FOLDER, "meta/_journal.json");
  const expected = existsSync(journal)
    ? (JSON.parse(readFileSync(journal, "utf8")) as { entries: unknown[] }).entries.length
    : readdirSync(MIGRATIONS_FOLDER).filter((f) => f.endsWith(".sql")).length;
  const rows = await handle.query<{ n: string | number }>(
    "select count(*) as n from drizzle.__drizzle_migrations",
  ).catch(() => [{ n: 0 }]);
  return { expected, applied: Number(rows[0]?.n ?? 0) };
}

let current: DatabaseHandle | null = null;

/** Installs the process-wide database (at start-up, or per test file). */
export function useDatabase(handle: DatabaseHandle | null): void {
  current = handle;
}

export function currentDatabase(): DatabaseHandle {
  if (!current) throw new Error("The database is not connected yet: startApplication() connects it.");
  return current;
}

/**
 * The process-wide drizzle instance. A proxy so modules can import `db` once while start-up
 * (or a test) decides which database it is.
 */
export const db: Database = new Proxy({} as Database, {
  get(_target, property) {
    const target = currentDatabase().db as unknown as Record<string | symbol, unknown>;
    const value = target[property];
    return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(target) : value;
  },
});

/** `count(*)` arrives as a string from postgres.js and a number from PGlite. */
export function toNumber(value: unknown): number {
  return typeof value === "number" ? value : Number(value ?? 0);
}

export { sql };
