/**
 * Bench section `imports`: generated contacts files at three sizes (10 000, 25 000 and 50 000
 * rows by default, over 200 organisations; every 50th row a duplicate of the row before, every
 * 100th a bad email) — CSV dry run, import and re-import, and the same rows as an XLSX (with a
 * title row, shared strings, as Excel writes it) dry run, through the same use cases as the page
 * and the command. Reports rows per second, and the peak heap (above the heap before the step)
 * and peak RSS of each step: both should stay flat as the file grows, because CSV and XLSX are
 * read as streams in batches of 500 rows. A second, untimed dry run reports the live heap (after
 * collections), which grows only with the file's duplicate keys and XLSX shared strings. Each line carries the machine's load average and the
 * rows per second of this process's CPU time (the part of the speed a busy machine hides least).
 *
 * BENCH_IMPORT_ROWS=… sets the largest size (the others are a fifth and a half of it);
 * BENCH_DATABASE_URL (or TEST_DATABASE_URL), an admin URL of a PostgreSQL server, runs it on a
 * scratch database there instead of embedded PGlite.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
import v8 from "node:v8";
import vm from "node:vm";
import ExcelJS from "exceljs";
import postgres from "postgres";
import { organisations } from "#db/schema";
import { COMMAND_ACTOR } from "~/modules/imports/command.server";
import { previewImport, runImport } from "~/modules/imports/imports.server";
import { innCheckDigits } from "~/modules/imports/normalise";
import { migrateDatabase, openPglite, openPostgres, useDatabase, type DatabaseHandle } from "~/utils/db.server";

const HEADER = ["ФИО", "Эл. почта", "Телефон", "ИНН организации", "Должность"];

/** Row `i` of the file of size number `series` (each size has its own people, so each can be imported). */
function contactRow(series: number, i: number, inns: string[]): string[] {
  const n = i % 50 === 49 ? i - 1 : i;
  const email = i % 100 === 99 ? "not-an-email" : `person${series}-${n}@bench.test`;
  const phone = `8 (9${String(10 + (n % 90)).padStart(2, "0")}) ${String(1_000_000 + series * 200_000 + n).slice(-7)}`;
  return [`Сотрудник ${series}-${n}`, email, phone, inns[n % inns.length]!, "Бухгалтер"];
}

function contactsCsv(series: number, rows: number, inns: string[]): string {
  const lines = [HEADER.join(";")];
  for (let i = 0; i < rows; i++) lines.push(contactRow(series, i, inns).join(";"));
  return lines.join("\r\n") + "\r\n";
}

async function contactsXlsx(file: string, series: number, rows: number, inns: string[]): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true });
  const sheet = workbook.addWorksheet("Контакты");
  sheet.addRow(["Контактные лица клиентов"]).commit();
  sheet.addRow(HEADER).commit();
  for (let i = 0; i < rows; i++) sheet.addRow(contactRow(series, i, inns)).commit();
  sheet.commit();
  await workbook.commit();
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

// `npm run bench` runs without --expose-gc: a collection before each step makes its heap baseline honest.
v8.setFlagsFromString("--expose-gc");
const collect = vm.runInNewContext("gc") as () => void;

async function measured<T>(fn: () => Promise<T>) {
  collect();
  const baseHeap = process.memoryUsage().heapUsed;
  let peakHeap = baseHeap;
  let peakRss = 0;
  const sample = () => {
    const m = process.memoryUsage();
    peakHeap = Math.max(peakHeap, m.heapUsed);
    peakRss = Math.max(peakRss, m.rss);
  };
  const timer = setInterval(sample, 25);
  const started = performance.now();
  const cpu = process.cpuUsage();
  try {
    const result = await fn();
    sample();
    const used = process.cpuUsage(cpu);
    return { result, seconds: (performance.now() - started) / 1000, cpuSeconds: (used.user + used.system) / 1e6, heapMb: (peakHeap - baseHeap) / 1048576, rssMb: peakRss / 1048576 };
  } finally {
    clearInterval(timer);
  }
}

/** Rows per second of wall time, and per second of this process's CPU time (less sensitive to a busy machine; the database's own CPU is not in it). */
/**
 * The live heap (after a collection) every 5 000 rows of a second dry run, above the heap
 * before it: what the import holds, without the garbage a peak also counts. Its own pass, so
 * that the collections do not slow the timed one.
 */
async function liveHeapMb(input: Parameters<typeof previewImport>[1]): Promise<number> {
  collect();
  const base = process.memoryUsage().heapUsed;
  let most = 0;
  let rows = 0;
  await previewImport(COMMAND_ACTOR, input, {
    limit: 0,
    onRow: () => {
      if (++rows % 5_000 !== 0) return;
      collect();
      most = Math.max(most, process.memoryUsage().heapUsed - base);
    },
  });
  return most / 1048576;
}

function line(step: string, rows: number, m: { seconds: number; cpuSeconds: number; heapMb: number; rssMb: number }, counts: object): string {
  const load = loadavg()
    .map((l) => l.toFixed(1))
    .join(" ");
  return `${step.padEnd(10)} ${String(rows).padStart(6)} rows ${m.seconds.toFixed(1).padStart(6)} s ${Math.round(rows / m.seconds)
    .toString()
    .padStart(6)} rows/s (${Math.round(rows / m.cpuSeconds)
    .toString()
    .padStart(6)} per CPU s)  heap +${m.heapMb.toFixed(0).padStart(3)} MB  rss ${m.rssMb.toFixed(0).padStart(4)} MB  load ${load}  ${JSON.stringify(counts)}`;
}

export async function runImportsBench(): Promise<void> {
  const largest = Number(process.env.BENCH_IMPORT_ROWS ?? 50_000);
  const sizes = [...new Set([Math.round(largest / 5), Math.round(largest / 2), largest])];
  const db = await scratch(process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL);
  useDatabase(db.handle);
  const dir = mkdtempSync(path.join(tmpdir(), "keydesk-bench-import-"));
  try {
    const inns = Array.from({ length: 200 }, (_, i) => {
      const body = String(770_000_000 + i * 137);
      return body + innCheckDigits(body);
    });
    await db.handle.db.insert(organisations).values(inns.map((taxId, i) => ({ name: `Bench Org ${i}`, taxId })));
    console.log(`\nimports — generated contacts files on ${db.label} (targets: dry run ≥ 5 000 rows/s; import of 50 000 rows < 60 s on PostgreSQL; memory flat as the file grows)`);
    for (const [series, size] of sizes.entries()) {
      const csv = path.join(dir, `contacts-${size}.csv`);
      writeFileSync(csv, contactsCsv(series, size, inns));
      const input = { filePath: csv, fileName: path.basename(csv), kind: "contacts" as const, policy: "skip" as const };
      const dry = await measured(() => previewImport(COMMAND_ACTOR, input, { limit: 0 }));
      console.log(`  ${line("dry run", size, dry, dry.result.counts)}`);
      console.log(`  ${"".padEnd(10)} ${String(size).padStart(6)} rows  live heap +${(await liveHeapMb(input)).toFixed(1)} MB (CSV dry run)`);
      const write = await measured(() => runImport(COMMAND_ACTOR, input, { inline: true }));
      console.log(`  ${line("import", size, write, write.result.counts)}`);
      const again = await measured(() => runImport(COMMAND_ACTOR, input, { inline: true }));
      console.log(`  ${line("re-import", size, again, again.result.counts)}`);
      const xlsx = path.join(dir, `contacts-${size}.xlsx`);
      await contactsXlsx(xlsx, sizes.length + series, size, inns);
      const sheet = await measured(() => previewImport(COMMAND_ACTOR, { ...input, filePath: xlsx, fileName: path.basename(xlsx) }, { limit: 0 }));
      console.log(`  ${line("xlsx dry", size, sheet, sheet.result.counts)}`);
      console.log(`  ${"".padEnd(10)} ${String(size).padStart(6)} rows  live heap +${(await liveHeapMb({ ...input, filePath: xlsx, fileName: path.basename(xlsx) })).toFixed(1)} MB (XLSX dry run)`);
    }
  } finally {
    useDatabase(null);
    await db.drop();
    rmSync(dir, { recursive: true, force: true });
  }
}
