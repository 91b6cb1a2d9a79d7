import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemoData } from "~/demo/seed.server";
import { copyToPostgres } from "~/modules/backups/copy-to-postgres.server";
import { RestoreRefused } from "~/modules/backups/restore.server";
import { fileTicket } from "~/modules/tickets/filing.server";
import { customerWithLicence, noAccess, ticketInput } from "../factories/tickets";
import { ensureSlaDefaults } from "~/modules/sla/plans.server";
import { currentDatabase, migrateDatabase, openPglite, openPostgres, useDatabase, type DatabaseHandle } from "~/utils/db.server";

/**
 * `npm run db:copy-to-postgres`: an embedded installation with the demo data (tickets, licences,
 * queue counters, sequences) copied into an empty PostgreSQL database comes out identical, table
 * by table, row by row, in PostgreSQL's own text form. Needs a PostgreSQL server (TEST_DATABASE_URL).
 */
const adminUrl = process.env.TEST_DATABASE_URL;
const work = mkdtempSync(path.join(tmpdir(), "keydesk-copy-"));
const dataDir = path.join(work, "data");
const name = `keydesk_copy_${process.pid}_${Date.now()}`;
let targetUrl = "";

async function admin<T>(run: (sql: postgres.Sql) => Promise<T>): Promise<T> {
  const sql = postgres(adminUrl!, { max: 1, onnotice: () => {} });
  try {
    return await run(sql);
  } finally {
    await sql.end({ timeout: 5 });
  }
}

/**
 * Every table of `public` as one digest of its rows' text (generated columns left out: the
 * target computes them itself), in an order that does not depend on either side's collation.
 */
async function digests(handle: DatabaseHandle): Promise<Record<string, string>> {
  const columns = await handle.query<{ tbl: string; col: string }>(
    "select table_name as tbl, column_name as col from information_schema.columns where table_schema = 'public' and is_generated = 'NEVER' and table_name in (select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE') order by table_name, ordinal_position",
  );
  const byTable = new Map<string, string[]>();
  for (const { tbl, col } of columns) byTable.set(tbl, [...(byTable.get(tbl) ?? []), `"${col}"`]);
  const out: Record<string, string> = {};
  for (const [table, cols] of byTable) {
    const row = `md5(row(${cols.join(", ")})::text)`;
    const [result] = await handle.query<{ n: string | number; digest: string | null }>(
      `select count(*) as n, md5(string_agg(${row}, '' order by ${row})) as digest from public."${table}"`,
    );
    out[table] = `${result!.n}:${result!.digest ?? "-"}`;
  }
  return out;
}

describe.skipIf(!adminUrl)("copying the embedded database into PostgreSQL", () => {
  beforeAll(async () => {
    mkdirSync(path.join(dataDir, "pglite"), { recursive: true });
    const source = openPglite(path.join(dataDir, "pglite"));
    await migrateDatabase(source);
    // The SLA plans and the demo (without its year of history, which takes a minute here), and
    // tickets filed as a customer would, so the queue counters' triggers have run.
    const previous = currentDatabase();
    useDatabase(source);
    try {
      await ensureSlaDefaults();
      expect(await seedDemoData(source.db, { history: false })).toBe(true);
      const { customer, licence } = await customerWithLicence({ now: new Date() });
      for (const subject of ["Checkout fails", "Slow admin", "Licence key rejected"]) {
        await fileTicket(customer, ticketInput({ licenceId: licence.id, subject }), noAccess(), []);
      }
    } finally {
      useDatabase(previous);
      await source.close();
    }
    await admin((sql) => sql.unsafe(`create database ${name}`));
    const url = new URL(adminUrl!);
    url.pathname = `/${name}`;
    targetUrl = url.toString();
  });

  afterAll(async () => {
    if (adminUrl) await admin((sql) => sql.unsafe(`drop database if exists ${name} with (force)`));
    rmSync(work, { recursive: true, force: true });
  });

  it("refuses while the app runs on the folder, before touching PostgreSQL", async () => {
    writeFileSync(path.join(dataDir, "keydesk.pid"), "1");
    await expect(copyToPostgres({ dataDir, databaseUrl: targetUrl })).rejects.toThrow(/running/);
    rmSync(path.join(dataDir, "keydesk.pid"));
    await expect(copyToPostgres({ dataDir: path.join(work, "nothing"), databaseUrl: targetUrl })).rejects.toBeInstanceOf(RestoreRefused);
    await expect(copyToPostgres({ dataDir, databaseUrl: "mysql://x@y/z" })).rejects.toThrow(/not a PostgreSQL URL/);
  });

  it("copies every table row for row, the queue counters and the sequences, then refuses a second copy into the now full database", async () => {
    const lines: string[] = [];
    const report = await copyToPostgres({ dataDir, databaseUrl: targetUrl, log: (line) => lines.push(line) });
    expect(report.mismatches).toEqual([]);
    expect(report.tables).toBeGreaterThan(40);
    expect(report.rowCounts.tickets).toBeGreaterThanOrEqual(3);
    expect(report.rowCounts.ticket_count_deltas! + report.rowCounts.ticket_counts!).toBeGreaterThan(0);

    const source = openPglite(path.join(dataDir, "pglite"));
    const target = openPostgres(targetUrl, 1);
    try {
      const [before, after] = [await digests(source), await digests(target)];
      expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort());
      for (const table of Object.keys(before)) expect({ table, rows: after[table] }).toEqual({ table, rows: before[table] });
      const sequences = "select sequencename as name, last_value::text as value from pg_sequences where schemaname = 'public' order by 1";
      expect(await target.query(sequences)).toEqual(await source.query(sequences));
      // The foreign keys are back and checked, and the counters' triggers run again.
      const [fks] = await target.query<{ n: number }>("select count(*)::int as n from pg_constraint where contype = 'f' and connamespace = 'public'::regnamespace");
      expect(fks!.n).toBeGreaterThan(20);
      const [disabled] = await target.query<{ n: number }>("select count(*)::int as n from pg_trigger where not tgisinternal and tgenabled = 'D'");
      expect(disabled!.n).toBe(0);
    } finally {
      await target.close();
      await source.close();
    }
    await expect(copyToPostgres({ dataDir, databaseUrl: targetUrl })).rejects.toThrow(/not empty/);
  });
});
