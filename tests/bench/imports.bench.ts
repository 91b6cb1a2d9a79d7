/**
 * Bench section `imports`: a generated contacts CSV (50 000 rows by default, over 200
 * organisations; every 50th row a duplicate, every 100th a bad email) — dry run and import
 * through the same use cases as the page and the command. Reports rows per second and the
 * peak heap and RSS during each step, for a small and the full file (memory should stay flat
 * as the file grows: the CSV streams in batches of 500 rows).
 *
 * BENCH_IMPORT_ROWS=… resizes the file; BENCH_DATABASE_URL (or TEST_DATABASE_URL), an admin
 * URL of a PostgreSQL server, runs it on a scratch database there instead of embedded PGlite.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import postgres from "postgres";
import { organisations } from "#db/schema";
import { COMMAND_ACTOR } from "~/modules/imports/command.server";
import { previewImport, runImport } from "~/modules/imports/imports.server";
import { innCheckDigits } from "~/modules/imports/normalise";
import { migrateDatabase, openPglite, openPostgres, useDatabase, type DatabaseHandle } from "~/utils/db.server";

function contactsCsv(rows: number, inns: string[]): string {
  const lines = ["ФИО;Эл. почта;Телефон;ИНН организации;Должность"];
  for (let i = 0; i < rows; i++) {
    const n = i % 50 === 49 ? i - 1 : i;
    const email = i % 100 === 99 ? "not-an-email" : `person${n}@bench.test`;
    lines.push(`Сотрудник ${n};${email};8 (9${String(10 + (n % 90)).padStart(2, "0")}) ${String(1_000_000 + n).slice(-7)};${inns[n % inns.length]};Бухгалтер`);
  }
  return lines.join("\r\n") + "\r\n";
}

async function scratch(adminUrl: string | undefined): Promise<{ handle: DatabaseHandle; label: string; drop: () => Promise<void> }> {
  if (!adminUrl) {
    const handle = openPglite(undefined);
    await migrateDatabase(handle);
    return { handle, label: "embedded PGlite", drop: () => handle.close() };
  }
  const name = `keydesk_bench_imports_${process.pid}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists ${name}`);
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const handle = openPostgres(url.toString(), 4);
  await migrateDatabase(handle, url.toString());
  return {
    handle,
    label: "PostgreSQL",
    drop: async () => {
      await handle.close();
      const again = postgres(adminUrl, { max: 1, onnotice: () => {} });
      await again.unsafe(`drop database if exists ${name} with (force)`);
      await again.end();
    },
  };
}

async function measured<T>(fn: () => Promise<T>) {
  global.gc?.();
  let peakHeap = 0;
  let peakRss = 0;
  const sample = () => {
    const m = process.memoryUsage();
    peakHeap = Math.max(peakHeap, m.heapUsed);
    peakRss = Math.max(peakRss, m.rss);
  };
  const timer = setInterval(sample, 25);
  const started = performance.now();
  try {
    const result = await fn();
    sample();
    return { result, seconds: (performance.now() - started) / 1000, peakHeapMb: peakHeap / 1048576, peakRssMb: peakRss / 1048576 };
  } finally {
    clearInterval(timer);
  }
}

export async function runImportsBench(): Promise<void> {
  const rows = Number(process.env.BENCH_IMPORT_ROWS ?? 50_000);
  const db = await scratch(process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL);
  useDatabase(db.handle);
  const dir = mkdtempSync(path.join(tmpdir(), "keydesk-bench-import-"));
  try {
    const inns = Array.from({ length: 200 }, (_, i) => {
      const body = String(770_000_000 + i * 137);
      return body + innCheckDigits(body);
    });
    await db.handle.db.insert(organisations).values(inns.map((taxId, i) => ({ name: `Bench Org ${i}`, taxId })));
    const table: string[] = [];
    for (const size of [...new Set([Math.min(5_000, rows), rows])]) {
      const file = path.join(dir, `contacts-${size}.csv`);
      writeFileSync(file, contactsCsv(size, inns));
      const input = { filePath: file, fileName: path.basename(file), kind: "contacts" as const, policy: "skip" as const };
      const dry = await measured(() => previewImport(COMMAND_ACTOR, input, { limit: 0 }));
      table.push(`dry run  ${String(size).padStart(6)} rows  ${dry.seconds.toFixed(1).padStart(6)} s  ${Math.round(size / dry.seconds).toString().padStart(6)} rows/s  peak heap ${dry.peakHeapMb.toFixed(0)} MB, rss ${dry.peakRssMb.toFixed(0)} MB  ${JSON.stringify(dry.result.counts)}`);
      if (size === rows) {
        const write = await measured(() => runImport(COMMAND_ACTOR, input, { inline: true }));
        table.push(`import   ${String(size).padStart(6)} rows  ${write.seconds.toFixed(1).padStart(6)} s  ${Math.round(size / write.seconds).toString().padStart(6)} rows/s  peak heap ${write.peakHeapMb.toFixed(0)} MB, rss ${write.peakRssMb.toFixed(0)} MB  ${JSON.stringify(write.result.counts)}`);
        const again = await measured(() => runImport(COMMAND_ACTOR, input, { inline: true }));
        table.push(`re-import${String(size).padStart(6)} rows  ${again.seconds.toFixed(1).padStart(6)} s  ${Math.round(size / again.seconds).toString().padStart(6)} rows/s  ${JSON.stringify(again.result.counts)}`);
      }
    }
    console.log(`\nimports — contacts CSV on ${db.label} (targets: dry run ≥ 5 000 rows/s; import of 50 000 rows < 60 s on PostgreSQL)`);
    for (const line of table) console.log(`  ${line}`);
  } finally {
    useDatabase(null);
    await db.drop();
    rmSync(dir, { recursive: true, force: true });
  }
}
