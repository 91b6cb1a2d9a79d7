import { existsSync } from "node:fs";
import { readdir } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { PGlite } from "@electric-sql/pglite";
import postgres from "postgres";
import { migrateDatabase, openPglite, openPostgres } from "~/utils/db.server";
import { countRows } from "./backups.server";
import { RestoreRefused, userTables } from "./restore.server";

/**
 * `npm run db:copy-to-postgres -- <postgres://…>`: moves an installation from the embedded
 * database (DATA_DIR/pglite) to an EMPTY PostgreSQL database. Both are first brought to the same
 * migration level (the embedded one as a start would; the PostgreSQL one from nothing), then, in
 * ONE transaction on PostgreSQL, every table of the `public` schema is copied with COPY (text
 * format, so every type comes across exactly), its foreign keys dropped for the copy and added
 * back after it (which checks every reference again), user triggers held off (the queue
 * counters are copied as they are rather than counted twice), and every sequence set to where
 * the embedded one stood. It ends by comparing every table's row count on both sides.
 *
 * Not copied: the job runner's own queue (schema `pgboss`; its schedules are created again at
 * start, and nothing the app needs waits there — emails wait in `emails`, imports in their run
 * rows). Uploaded files stay where FILES_BACKEND put them (see `npm run files:migrate`).
 */

export type CopyReport = { tables: number; rows: number; rowCounts: Record<string, number>; mismatches: string[]; sequences: number };

type Column = { name: string; generated: boolean };

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

async function tablesAndColumns(query: (text: string) => Promise<Record<string, unknown>[]>): Promise<Map<string, Column[]>> {
  const rows = await query(
    `select c.table_name, c.column_name, (c.is_generated = 'ALWAYS' or c.generation_expression is not null) as generated
     from information_schema.columns c join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
     where c.table_schema = 'public' and t.table_type = 'BASE TABLE' order by c.table_name, c.ordinal_position`,
  );
  const tables = new Map<string, Column[]>();
  for (const row of rows) {
    const name = String(row.table_name);
    tables.set(name, [...(tables.get(name) ?? []), { name: String(row.column_name), generated: row.generated === true || row.generated === "t" }]);
  }
  return tables;
}

export async function copyToPostgres(options: { dataDir: string; databaseUrl: string; log?: (line: string) => void }): Promise<CopyReport> {
  const log = options.log ?? (() => {});
  const pgliteDir = path.join(options.dataDir, "pglite");
  // Every check before any change.
  if (existsSync(path.join(options.dataDir, "keydesk.pid"))) {
    throw new RestoreRefused(`Keydesk seems to be running on ${options.dataDir} (keydesk.pid): stop it first, so that nothing changes while it is copied.`);
  }
  if (!existsSync(pgliteDir) || (await readdir(pgliteDir)).length === 0) {
    throw new RestoreRefused(`There is no embedded database in ${pgliteDir}: set DATA_DIR to the folder Keydesk ran in.`);
  }
  let url: URL;
  try {
    url = new URL(options.databaseUrl);
    if (!["postgres:", "postgresql:"].includes(url.protocol)) throw new Error("not postgres");
  } catch {
    throw new RestoreRefused(`"${options.databaseUrl}" is not a PostgreSQL URL (postgres://user:password@host:5432/database).`);
  }
  const existing = await userTables(options.databaseUrl).catch((error: Error) => {
    throw new RestoreRefused(`Cannot connect to ${url.host}${url.pathname}: ${error.message}`);
  });
  if (existing.length > 0) {
    throw new RestoreRefused(
      `The PostgreSQL database is not empty (it has tables such as ${existing.join(", ")}). Copy into an empty database: create one (e.g. createdb keydesk) and run again.`,
    );
  }

  log(`Bringing the embedded database in ${pgliteDir} up to date…`);
  const source = openPglite(pgliteDir);
  const target = openPostgres(options.databaseUrl, 1);
  const client = postgres(options.databaseUrl, { max: 1, onnotice: () => {} });
  try {
    await migrateDatabase(source);
    log("Creating the tables in PostgreSQL…");
    await migrateDatabase(target, options.databaseUrl);
    const sourceTables = await tablesAndColumns((text) => source.query(text));
    const targetTables = await tablesAndColumns((text) => target.query(text));
    const missing = [...sourceTables.keys()].filter((t) => !targetTables.has(t));
    if (missing.length > 0) throw new RestoreRefused(`PostgreSQL lacks tables the embedded database has: ${missing.join(", ")}.`);
    const pglite = (source.db as unknown as { $client: PGlite }).$client;
    const sequences = await source.query<{ name: string; value: string | null }>(
      "select quote_ident(schemaname) || '.' || quote_ident(sequencename) as name, last_value::text as value from pg_sequences where schemaname = 'public'",
    );

    await client.begin(async (tx) => {
      const foreignKeys = await tx<{ tbl: string; name: string; def: string }[]>`
        select conrelid::regclass::text as tbl, conname as name, pg_get_constraintdef(oid) as def
        from pg_constraint where contype = 'f' and connamespace = 'public'::regnamespace order by 1, 2`;
      for (const fk of foreignKeys) await tx.unsafe(`alter table ${fk.tbl} drop constraint ${quote(fk.name)}`);
      const triggered = await tx<{ tbl: string }[]>`
        select distinct tgrelid::regclass::text as tbl from pg_trigger t join pg_class c on c.oid = t.tgrelid
        where not t.tgisinternal and c.relnamespace = 'public'::regnamespace`;
      for (const { tbl } of triggered) await tx.unsafe(`alter table ${tbl} disable trigger user`);
      // Rows the migrations themselves put in (defaults) came from the same migrations on the embedded side.
      const all = [...targetTables.keys()].map((t) => `public.${quote(t)}`);
      if (all.length > 0) await tx.unsafe(`truncate ${all.join(", ")}`);
      for (const [table, columns] of sourceTables) {
        const targetColumns = new Set(targetTables.get(table)!.filter((c) => !c.generated).map((c) => c.name));
        const copied = columns.filter((c) => !c.generated && targetColumns.has(c.name)).map((c) => quote(c.name));
        const list = `public.${quote(table)} (${copied.join(", ")})`;
        const out = await pglite.query(`copy ${list} to '/dev/blob'`);
        const blob = out.blob;
        if (!blob || blob.size === 0) continue;
        log(`  ${table}: ${(blob.size / 1024).toFixed(0)} kB`);
        const writable = await tx.unsafe(`copy ${list} from stdin`).writable();
        await pipeline(Readable.fromWeb(blob.stream() as never), writable);
      }
      for (const { tbl } of triggered) await tx.unsafe(`alter table ${tbl} enable trigger user`);
      log("Checking every reference…");
      for (const fk of foreignKeys) await tx.unsafe(`alter table ${fk.tbl} add constraint ${quote(fk.name)} ${fk.def}`);
      for (const seq of sequences) {
        if (seq.value !== null) await tx.unsafe(`select setval('${seq.name.replaceAll("'", "''")}', ${Number(seq.value)}, true)`);
      }
    });

    const sourceCounts = await countRows((text) => source.query(text));
    const rowCounts = await countRows((text) => target.query(text));
    const mismatches = Object.keys(sourceCounts)
      .filter((t) => sourceCounts[t] !== rowCounts[t])
      .map((t) => `${t}: ${sourceCounts[t]} embedded, ${rowCounts[t] ?? "absent"} in PostgreSQL`);
    return {
      tables: Object.keys(sourceCounts).length,
      rows: Object.values(rowCounts).reduce((a, b) => a + b, 0),
      rowCounts,
      mismatches,
      sequences: sequences.filter((s) => s.value !== null).length,
    };
  } finally {
    await client.end({ timeout: 5 });
    await target.close();
    await source.close();
  }
}
