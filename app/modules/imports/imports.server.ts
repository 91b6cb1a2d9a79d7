import { randomUUID } from "node:crypto";
import { copyFile, mkdir, readFile, readdir, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { and, asc, desc, eq, lt, or, sql } from "drizzle-orm";
import { z } from "zod";
import { importMappings, importRowOutcomes, importRuns, settings, users, type ImportCounts, type ImportRun } from "#db/schema";
import { recordAudit } from "~/utils/audit.server";
import { db, type Executor } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { AppError } from "~/utils/errors.server";
import { enqueueJob } from "~/utils/jobs.server";
import { can, type Actor } from "../accounts/permissions";
import { createContext, processBatch, registerSeen, type RowResult } from "./engine.server";
import { FIELDS, headerKey, isField, matchHeaders, missingFields, OUTCOMES, type ImportKind, type ImportPolicy, type Mapping, type Outcome } from "./fields";
import { ImportFileError, openTable, type SourceRow, type Table } from "./read.server";
import { issueText } from "./messages";
import type { Issue } from "./rows";
import type { MessageKey } from "~/locales/en";
import { csvDelimiter, toCsv } from "~/utils/csv";
import { translate, type Locale } from "~/utils/i18n";

/**
 * Import use cases: stage an upload, dry-run it (writes nothing to the database), import it
 * (one transaction, or a resumable background job for large files), history and the outcome
 * CSV. The admin page and `npm run import` both come through here.
 */

export const IMPORT_JOB = "imports.run";
const BATCH_SIZE = 500;

/* ------------------------------------------------------------------------------------------ */
/* Settings                                                                                    */
/* ------------------------------------------------------------------------------------------ */

export const importSettingsSchema = z.object({
  /** ISO 3166 country whose numbering is assumed for phones written without a country code. */
  defaultCountry: z.string().regex(/^[A-Z]{2}$/),
  /** Files with at least this many data rows are imported by a background job. */
  backgroundFromRows: z.number().int().min(1),
});
export type ImportSettings = z.infer<typeof importSettingsSchema>;
export const DEFAULT_IMPORT_SETTINGS: ImportSettings = { defaultCountry: "RU", backgroundFromRows: 2000 };

export async function getImportSettings(executor: Executor = db): Promise<ImportSettings> {
  const [row] = await executor.select({ value: settings.value }).from(settings).where(eq(settings.key, "imports")).limit(1);
  const stored = importSettingsSchema.partial().safeParse(row?.value ?? {});
  return { ...DEFAULT_IMPORT_SETTINGS, ...(stored.success ? stored.data : {}) };
}

/* ------------------------------------------------------------------------------------------ */
/* Staging                                                                                     */
/* ------------------------------------------------------------------------------------------ */

function requireImporter(actor: Actor) {
  if (!can(actor, "import:data:any")) throw AppError.forbidden();
}

function stagingDir(): string {
  return path.join(getEnv().DATA_DIR, "imports");
}

const STAGED_ID = /^[0-9a-f-]{36}$/;
const STAGING_HOURS = 24;

export type StagedFile = { id: string; fileName: string; filePath: string };

/**
 * Keeps an uploaded file under the data folder while the admin reviews the dry run (a file on
 * disk, not a database write); staged files older than a day are removed on the next upload.
 */
export async function stageUpload(actor: Actor, fileName: string, bytes: Uint8Array): Promise<StagedFile> {
  requireImporter(actor);
  const dir = stagingDir();
  await mkdir(dir, { recursive: true });
  await removeOldStagedFiles(dir);
  const id = randomUUID();
  const filePath = path.join(dir, id);
  await writeFile(filePath, bytes);
  await writeFile(`${filePath}.json`, JSON.stringify({ fileName, actorId: actor.id }));
  return { id, fileName, filePath };
}

export async function stageSample(actor: Actor, sample: string): Promise<StagedFile> {
  requireImporter(actor);
  const found = SAMPLE_FILES.find((s) => s.name === sample);
  if (!found) throw AppError.notFound();
  return stageUpload(actor, found.name, await readFile(path.resolve(process.cwd(), "tests/fixtures/imports", found.name)));
}

export const SAMPLE_FILES: Array<{ name: string; kind: ImportKind }> = [
  { name: "counterparties-1c-cp1251.csv", kind: "organisations" },
  { name: "contacts.xlsx", kind: "contacts" },
  { name: "licences.csv", kind: "licences" },
];

export async function getStagedFile(actor: Actor, id: string): Promise<StagedFile> {
  requireImporter(actor);
  if (!STAGED_ID.test(id)) throw AppError.notFound();
  const filePath = path.join(stagingDir(), id);
  try {
    const meta = JSON.parse(await readFile(`${filePath}.json`, "utf8")) as { fileName: string };
    return { id, fileName: meta.fileName, filePath };
  } catch {
    throw AppError.notFound();
  }
}

async function removeOldStagedFiles(dir: string) {
  const cutoff = Date.now() - STAGING_HOURS * 3600_000;
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    const file = path.join(dir, name);
    const info = await stat(file).catch(() => null);
    if (info?.isFile() && info.mtimeMs < cutoff) await rm(file, { force: true });
  }
}

/* ------------------------------------------------------------------------------------------ */
/* Mapping                                                                                     */
/* ------------------------------------------------------------------------------------------ */

export async function savedMapping(kind: ImportKind, executor: Executor = db): Promise<Record<string, string>> {
  const rows = await executor.select().from(importMappings).where(eq(importMappings.kind, kind));
  return Object.fromEntries(rows.map((r) => [r.header, r.field]));
}

async function saveMapping(executor: Executor, kind: ImportKind, headers: string[], mapping: Mapping, now: Date) {
  const values = headers
    .map((header, index) => ({ kind, header: headerKey(header), field: mapping[index] ?? "", updatedAt: now }))
    .filter((v) => v.header !== "");
  const unique = [...new Map(values.map((v) => [v.header, v])).values()];
  if (unique.length === 0) return;
  await executor
    .insert(importMappings)
    .values(unique)
    .onConflictDoUpdate({ target: [importMappings.kind, importMappings.header], set: { field: sql`excluded.field`, updatedAt: now } });
}

/** Mapping overrides from a form or the command: column index → field ("" ignores the column). */
export function parseMappingOverrides(kind: ImportKind, entries: Record<string, string>): Record<number, string> {
  const overrides: Record<number, string> = {};
  for (const [index, field] of Object.entries(entries)) {
    if (/^\d+$/.test(index) && (field === "" || isField(kind, field))) overrides[Number(index)] = field;
  }
  return overrides;
}

function resolveMapping(kind: ImportKind, headers: string[], saved: Record<string, string>, overrides: Record<number, string> | null): Mapping {
  if (!overrides) return matchHeaders(kind, headers, saved);
  const mapping: Mapping = {};
  const used = new Set<string>();
  for (const [index, field] of Object.entries(overrides)) {
    if (field !== "" && !used.has(field) && Number(index) < headers.length) {
      mapping[Number(index)] = field;
      used.add(field);
    }
  }
  return mapping;
}

/* ------------------------------------------------------------------------------------------ */
/* Dry run                                                                                     */
/* ------------------------------------------------------------------------------------------ */

export type ImportInput = {
  filePath: string;
  fileName: string;
  kind: ImportKind;
  policy: ImportPolicy;
  sheet?: string | null;
  /** Column index → field; null uses the saved mapping and header matching. */
  mapping?: Record<number, string> | null;
  now?: Date;
};

export type Preview = {
  format: Table["format"];
  encoding: string | null;
  delimiter: string | null;
  sheets: string[];
  sheet: string | null;
  headers: string[];
  headerRowNumber: number;
  mapping: Mapping;
  missing: string[];
  counts: ImportCounts;
  warnings: number;
  total: number;
  rows: RowResult[];
  shownFrom: number;
};

export const emptyCounts = (): ImportCounts => ({ create: 0, update: 0, unchanged: 0, duplicate: 0, error: 0 });

async function* batches(rows: AsyncGenerator<SourceRow>, size = BATCH_SIZE): AsyncGenerator<SourceRow[]> {
  let batch: SourceRow[] = [];
  for await (const row of rows) {
    batch.push(row);
    if (batch.length >= size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

async function prepare(input: ImportInput) {
  const table = await openTable(input.filePath, input.kind, { sheet: input.sheet ?? null });
  const mapping = resolveMapping(input.kind, table.headers, await savedMapping(input.kind), input.mapping ?? null);
  return { table, mapping, missing: missingFields(input.kind, mapping) };
}

/**
 * Reads the whole file and decides every row's outcome against the database, inside a
 * transaction that is always rolled back: nothing at all is written. `onRow` receives every
 * result (the command prints them); `keep` chooses which rows the page shows (at most `limit`).
 */
export async function previewImport(
  actor: Actor,
  input: ImportInput,
  options: { onRow?: (row: RowResult) => void; outcome?: Outcome | null; limit?: number; offset?: number } = {},
): Promise<Preview> {
  requireImporter(actor);
  const { table, mapping, missing } = await prepare(input);
  const counts = emptyCounts();
  let warnings = 0;
  let total = 0;
  let matching = 0;
  const limit = options.limit ?? 200;
  const offset = options.offset ?? 0;
  const kept: RowResult[] = [];
  if (missing.length === 0) {
    const { defaultCountry } = await getImportSettings();
    const ctx = await createContext(db, { kind: input.kind, policy: input.policy, mapping, headers: table.headers, defaultCountry, actorId: actor.id || null, now: input.now ?? new Date() });
    for await (const batch of batches(table.rows())) {
      for (const row of await processBatch(db, ctx, batch, false)) {
        total++;
        counts[row.outcome]++;
        warnings += row.warnings.length;
        options.onRow?.(row);
        if (!options.outcome || options.outcome === row.outcome) {
          if (matching >= offset && kept.length < limit) kept.push(row);
          matching++;
        }
      }
    }
    if (total === 0) throw new ImportFileError("file_no_rows");
  }
  return { format: table.format, encoding: table.encoding, delimiter: table.delimiter, sheets: table.sheets, sheet: table.sheet, headers: table.headers, headerRowNumber: table.headerRowNumber, mapping, missing, counts, warnings, total, rows: kept, shownFrom: offset };
}

/* ------------------------------------------------------------------------------------------ */
/* Import                                                                                      */
/* ------------------------------------------------------------------------------------------ */

/**
 * A batch's row outcomes in one statement: the rows travel as one JSON parameter (hundreds of
 * rows × nine columns as separate parameters cost more to build and parse than to insert). A
 * resumed job may meet rows it already stored: those are left as they are.
 */
async function insertOutcomes(executor: Executor, runId: string, results: RowResult[]) {
  if (results.length === 0) return;
  const payload = results.map((r) => ({
    row_number: r.rowNumber,
    outcome: r.outcome,
    matched_by: r.matchedBy,
    matched_id: r.matchedId,
    matched_row: r.matchedRow,
    errors: r.errors,
    warnings: r.warnings,
    cells: r.cells,
  }));
  await executor.execute(sql`
    insert into ${importRowOutcomes} (run_id, row_number, outcome, matched_by, matched_id, matched_row, errors, warnings, cells)
    select ${runId}::uuid, t.row_number, t.outcome, t.matched_by, t.matched_id, t.matched_row, t.errors, t.warnings, t.cells
    from jsonb_to_recordset(${JSON.stringify(payload)}::jsonb)
      as t(row_number integer, outcome import_outcome, matched_by text, matched_id text, matched_row integer, errors jsonb, warnings jsonb, cells jsonb)
    on conflict do nothing`);
}

function tally(counts: ImportCounts, results: RowResult[]): number {
  let warnings = 0;
  for (const r of results) {
    counts[r.outcome]++;
    warnings += r.warnings.length;
  }
  return warnings;
}

async function countRows(table: Table): Promise<number> {
  if (table.rowCount !== null) return table.rowCount;
  let n = 0;
  for await (const _row of table.rows()) n++;
  return n;
}

/**
 * Writes every non-error row. Up to `backgroundFromRows` rows: one transaction (all or
 * nothing) and the history entry, mapping and audit entry in it. Larger files: the file is kept
 * under the data folder and a background job imports it in committed batches, recording its
 * progress so it resumes where it stopped. `inline` forces one transaction (the command).
 */
export async function runImport(actor: Actor, input: ImportInput, options: { inline?: boolean; onRow?: (row: RowResult) => void } = {}) {
  requireImporter(actor);
  const now = input.now ?? new Date();
  const { table, mapping, missing } = await prepare(input);
  if (missing.length > 0) throw AppError.invalid("imports.error.mapRequired", { mapping: missing });
  const total = await countRows(table);
  if (total === 0) throw new ImportFileError("file_no_rows");
  const settingsNow = await getImportSettings();
  const base = {
    kind: input.kind,
    fileName: input.fileName.slice(0, 200),
    sheet: table.sheet,
    policy: input.policy,
    mapping: Object.fromEntries(Object.entries(mapping).map(([k, v]) => [k, v])),
    headers: table.headers,
    totalRows: total,
    counts: emptyCounts(),
    createdBy: actor.id || null,
    createdAt: now,
  };
  if (!options.inline && total >= settingsNow.backgroundFromRows) {
    const dir = path.join(getEnv().DATA_DIR, "imports", "runs");
    await mkdir(dir, { recursive: true });
    const storagePath = path.join(dir, randomUUID());
    await copyFile(input.filePath, storagePath);
    const run = await db.transaction(async (tx) => {
      const [created] = await tx.insert(importRuns).values({ ...base, status: "queued", storagePath }).returning();
      await saveMapping(tx, input.kind, table.headers, mapping, now);
      await recordAudit(tx, { actorId: actor.id || null, action: "import.queued", entityType: "import", entityId: created!.id, after: { kind: input.kind, fileName: base.fileName, policy: input.policy, totalRows: total } });
      return created!;
    });
    await enqueueJob(IMPORT_JOB, { runId: run.id });
    return { runId: run.id, background: true as const, counts: run.counts };
  }
  return db.transaction(async (tx) => {
    const [run] = await tx.insert(importRuns).values({ ...base, status: "running" }).returning();
    const ctx = await createContext(tx, { kind: input.kind, policy: input.policy, mapping, headers: table.headers, defaultCountry: settingsNow.defaultCountry, actorId: actor.id || null, now });
    const counts = emptyCounts();
    let warnings = 0;
    for await (const batch of batches(table.rows())) {
      const results = await processBatch(tx, ctx, batch, true);
      warnings += tally(counts, results);
      results.forEach((r) => options.onRow?.(r));
      await insertOutcomes(tx, run!.id, results);
    }
    await tx.update(importRuns).set({ status: "done", counts, warnings, rowsDone: total, finishedAt: new Date() }).where(eq(importRuns.id, run!.id));
    await saveMapping(tx, input.kind, table.headers, mapping, now);
    await recordAudit(tx, { actorId: actor.id || null, action: "import.completed", entityType: "import", entityId: run!.id, after: { kind: input.kind, fileName: base.fileName, policy: input.policy, counts, warnings } });
    return { runId: run!.id, background: false as const, counts };
  });
}

/**
 * The background job: imports a queued run in committed batches. Each batch's writes, its row
 * outcomes and the run's progress commit together, so after a crash the job resumes at
 * `rowsDone` (the rows before it are only re-read to know which keys the file already had).
 */
export async function processImportRun(runId: string, now = new Date()): Promise<void> {
  const [run] = await db.select().from(importRuns).where(eq(importRuns.id, runId)).limit(1);
  if (!run || run.status === "done" || run.status === "failed" || !run.storagePath) return;
  await db.update(importRuns).set({ status: "running" }).where(eq(importRuns.id, runId));
  try {
    const table = await openTable(run.storagePath, run.kind, { sheet: run.sheet });
    const mapping: Mapping = Object.fromEntries(Object.entries(run.mapping).map(([k, v]) => [Number(k), v]));
    const { defaultCountry } = await getImportSettings();
    const ctx = await createContext(db, { kind: run.kind, policy: run.policy, mapping, headers: table.headers, defaultCountry, actorId: run.createdBy, now });
    const counts = { ...run.counts };
    let warnings = run.warnings;
    let done = 0;
    let pending: SourceRow[] = [];
    const flush = async () => {
      const batch = pending;
      pending = [];
      await db.transaction(async (tx) => {
        const results = await processBatch(tx, ctx, batch, true);
        warnings += tally(counts, results);
        await insertOutcomes(tx, runId, results);
        await tx.update(importRuns).set({ rowsDone: done, counts, warnings }).where(eq(importRuns.id, runId));
      });
    };
    for await (const row of table.rows()) {
      done++;
      if (done <= run.rowsDone) {
        registerSeen(ctx, row);
        continue;
      }
      pending.push(row);
      if (pending.length >= BATCH_SIZE) await flush();
    }
    if (pending.length > 0) await flush();
    await db.transaction(async (tx) => {
      await tx.update(importRuns).set({ status: "done", finishedAt: new Date(), storagePath: null }).where(eq(importRuns.id, runId));
      await recordAudit(tx, { actorId: run.createdBy, action: "import.completed", entityType: "import", entityId: runId, after: { kind: run.kind, fileName: run.fileName, policy: run.policy, counts, warnings } });
    });
    await rm(run.storagePath, { force: true });
  } catch (error) {
    const failure = error instanceof ImportFileError ? error.problem : "import_failed";
    if (!(error instanceof ImportFileError)) console.error("[imports]", error);
    await db.transaction(async (tx) => {
      await tx.update(importRuns).set({ status: "failed", failure, finishedAt: new Date() }).where(eq(importRuns.id, runId));
      await recordAudit(tx, { actorId: run.createdBy, action: "import.failed", entityType: "import", entityId: runId, after: { failure } });
    });
  }
}

/* ------------------------------------------------------------------------------------------ */
/* History                                                                                     */
/* ------------------------------------------------------------------------------------------ */

export const IMPORTS_PAGE_SIZE = 25;

export async function listImports(actor: Actor, options: { before?: { at: Date; id: string } | null } = {}) {
  requireImporter(actor);
  const before = options.before;
  const rows = await db
    .select({ run: importRuns, byName: users.name })
    .from(importRuns)
    .leftJoin(users, eq(users.id, importRuns.createdBy))
    .where(before ? or(lt(importRuns.createdAt, before.at), and(eq(importRuns.createdAt, before.at), lt(importRuns.id, before.id))) : undefined)
    .orderBy(desc(importRuns.createdAt), desc(importRuns.id))
    .limit(IMPORTS_PAGE_SIZE + 1);
  return { runs: rows.slice(0, IMPORTS_PAGE_SIZE).map(({ run, byName }) => ({ ...publicRun(run), byName })), hasMore: rows.length > IMPORTS_PAGE_SIZE };
}

function publicRun(run: ImportRun) {
  const { storagePath: _s, mapping: _m, headers: _h, ...rest } = run;
  return rest;
}

export async function getImport(actor: Actor, runId: string) {
  requireImporter(actor);
  if (!STAGED_ID.test(runId)) throw AppError.notFound();
  const [row] = await db.select({ run: importRuns, byName: users.name }).from(importRuns).leftJoin(users, eq(users.id, importRuns.createdBy)).where(eq(importRuns.id, runId)).limit(1);
  if (!row) throw AppError.notFound();
  return { ...publicRun(row.run), byName: row.byName };
}

/** The run's row outcomes, errors first, then by row; `cells` are the file's own cells. */
export async function importOutcomes(actor: Actor, runId: string) {
  const run = await getImport(actor, runId);
  const [source] = await db.select({ mapping: importRuns.mapping }).from(importRuns).where(eq(importRuns.id, runId));
  const rows = await db
    .select()
    .from(importRowOutcomes)
    .where(eq(importRowOutcomes.runId, runId))
    .orderBy(sql`case when ${importRowOutcomes.outcome} = 'error' then 0 else 1 end`, asc(importRowOutcomes.rowNumber));
  return { run, mapping: source?.mapping ?? {}, rows };
}

export { FIELDS, OUTCOMES, ImportFileError };

/**
 * The outcome CSV: the file's own columns (so it can be fixed and uploaded again: the added
 * columns match no field) followed by the row number, outcome and details; errors first.
 * Cells that a spreadsheet would run as formulas are neutralised by the shared writer.
 */
export async function outcomeCsv(actor: Actor, runId: string, locale: Locale) {
  const { run, rows } = await importOutcomes(actor, runId);
  const width = rows.reduce((max, r) => Math.max(max, r.cells.length), 0);
  const headers = await headersOfRun(runId);
  const header = [...Array.from({ length: width }, (_, i) => headers[i] ?? `#${i + 1}`), translate(locale, "imports.csv.row"), translate(locale, "imports.csv.outcome"), translate(locale, "imports.csv.details")];
  const body = rows.map((r) => {
    const details = [
      ...(r.errors as Issue[]).map((i) => issueText(i, locale)),
      ...(r.warnings as Issue[]).map((i) => issueText(i, locale)),
      ...(r.matchedRow !== null ? [translate(locale, "imports.matchedRow", { row: r.matchedRow, by: translate(locale, `imports.by.${r.matchedBy}` as MessageKey) })] : []),
    ].join("; ");
    return [...Array.from({ length: width }, (_, i) => r.cells[i] ?? ""), r.rowNumber, translate(locale, `imports.outcome.${r.outcome}` as MessageKey), details];
  });
  const base = run.fileName.replace(/\.[^.]+$/, "");
  return { csv: toCsv(header, body, { delimiter: csvDelimiter(locale) }), fileName: `${base}-outcomes.csv` };
}

async function headersOfRun(runId: string): Promise<string[]> {
  const [row] = await db.select({ headers: importRuns.headers }).from(importRuns).where(eq(importRuns.id, runId));
  return row?.headers ?? [];
}
