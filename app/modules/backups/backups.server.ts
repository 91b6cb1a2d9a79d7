import { spawn } from "node:child_process";
import { createReadStream, existsSync, readFileSync } from "node:fs";
import { mkdir, mkdtemp, readdir, readFile, rename, rm, stat, symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Readable } from "node:stream";
import type { PGlite } from "@electric-sql/pglite";
import * as tar from "tar";
import type { Actor } from "~/modules/accounts/permissions";
import { can } from "~/modules/accounts/permissions";
import { getSettings } from "~/modules/settings/settings.server";
import { recordAudit } from "~/utils/audit.server";
import { currentDatabase, db, openPglite, type DatabaseHandle } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { AppError } from "~/utils/errors.server";
import { backupFileName, backupsToKeep, isBackupDue, parseBackupFileName } from "./schedule";

/**
 * Backups (issue 14): one `.tar.gz` per backup in BACKUP_DIR holding `manifest.json`, the
 * database dump and the uploaded files of the folder backend (`files/`). PostgreSQL is dumped by
 * `pg_dump` (custom format) in the snapshot the row counts were taken in; the embedded database
 * by PGlite's `dumpDataDir()` while no other statement or transaction can run. A copy of the
 * manifest is kept beside each archive (`<name>.json`) so the admin page lists without unpacking.
 */

export const MANIFEST_FILE = "manifest.json";
export const PG_DUMP_FILE = "database.pgdump";
export const PGLITE_DUMP_FILE = "database.tar";
export const FILES_FOLDER = "files";

export type BackupManifest = {
  format: 1;
  createdAt: string;
  driver: "pglite" | "postgres";
  database: string;
  migrations: { applied: number; last: string | null };
  /** Rows per table of the `public` schema, as in the dump. */
  rowCounts: Record<string, number>;
  files: { count: number; bytes: number };
  durationMs: number;
};

export type BackupEntry = { name: string; createdAt: Date; size: number; driver: BackupManifest["driver"] | null; manifest: BackupManifest | null };

export type BackupPhase = "database" | "files" | "archive" | "retention";
export type LastRun = { ok: true; name: string; at: string; durationMs: number; size: number } | { ok: false; at: string; error: string };

/** One backup at a time in this process; on PostgreSQL an advisory lock covers every instance. */
let running: { startedAt: Date; phase: BackupPhase; promise: Promise<BackupEntry> } | null = null;
const BACKUP_LOCK_KEY = 720_431_014;
const LAST_RUN_FILE = "last-run.json";

function backupDir(): string {
  return getEnv().BACKUP_DIR;
}

/** Table row counts of the `public` schema through `query` (one statement). */
export async function countRows(query: (text: string) => Promise<Record<string, unknown>[]>): Promise<Record<string, number>> {
  const tables = await query(
    "select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name",
  );
  if (tables.length === 0) return {};
  const names = tables.map((t) => String(t.name));
  const union = names.map((name) => `select '${name.replaceAll("'", "''")}' as name, count(*) as n from public."${name.replaceAll('"', '""')}"`).join(" union all ");
  const rows = await query(union);
  const counts: Record<string, number> = {};
  for (const row of rows) counts[String(row.name)] = Number(row.n);
  return Object.fromEntries(names.map((n) => [n, counts[n] ?? 0]));
}

/** How many migrations the database has applied, and the tag of the newest (from the journal). */
export async function migrationLevel(query: (text: string) => Promise<Record<string, unknown>[]>): Promise<BackupManifest["migrations"]> {
  const rows = await query("select count(*) as n, max(created_at) as last from drizzle.__drizzle_migrations").catch(() => [{ n: 0, last: null }]);
  const applied = Number(rows[0]?.n ?? 0);
  const last = rows[0]?.last == null ? null : Number(rows[0].last);
  const journal = path.resolve(process.cwd(), "db/migrations/meta/_journal.json");
  const entries = existsSync(journal) ? (JSON.parse(readFileSync(journal, "utf8")) as { entries: { when: number; tag: string }[] }).entries : [];
  return { applied, last: entries.find((e) => e.when === last)?.tag ?? null };
}

function pgliteClient(handle: DatabaseHandle): PGlite {
  return (handle.db as unknown as { $client: PGlite }).$client;
}

/** Connection URL without its password (which goes to the child through PGPASSWORD). */
function splitPassword(url: string): { url: string; password: string | undefined } {
  const u = new URL(url);
  const password = u.password ? decodeURIComponent(u.password) : undefined;
  u.password = "";
  return { url: u.toString(), password };
}

/** Runs a PostgreSQL client program; a missing program or a failure becomes a readable error. */
export function runPgTool(program: "pg_dump" | "pg_restore", args: string[], databaseUrl: string): Promise<void> {
  const { url, password } = splitPassword(databaseUrl);
  return new Promise((resolve, reject) => {
    const child = spawn(program, [...args, `--dbname=${url}`], {
      // The child inherits the environment (PATH, PG* settings) and gets the password out of its arguments.
      // eslint-disable-next-line no-restricted-properties
      env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => {
      if (stderr.length < 4000) stderr += chunk.toString();
    });
    child.on("error", (error: NodeJS.ErrnoException) => {
      reject(
        new Error(
          error.code === "ENOENT"
            ? `${program} was not found: install the PostgreSQL client programs (Debian/Ubuntu: apt-get install postgresql-client), of the server's major version or newer`
            : `${program} could not start: ${error.message}`,
        ),
      );
    });
    child.on("close", (code) => (code === 0 ? resolve() : reject(new Error(`${program} failed (exit ${code}): ${stderr.trim()}`))));
  });
}

async function listFolderFiles(root: string): Promise<{ count: number; bytes: number }> {
  let count = 0;
  let bytes = 0;
  const entries = await readdir(root, { recursive: true, withFileTypes: true }).catch(() => []);
  for (const entry of entries) {
    if (!entry.isFile() || entry.name.includes(".part-")) continue;
    count++;
    bytes += (await stat(path.join(entry.parentPath, entry.name))).size;
  }
  return { count, bytes };
}

type DumpResult = { file: string; rowCounts: Record<string, number>; migrations: BackupManifest["migrations"] };

/** PostgreSQL: counts and pg_dump share one exported snapshot, so they describe the same moment. */
async function dumpPostgres(handle: DatabaseHandle, staging: string): Promise<DumpResult> {
  if (!handle.url) throw new Error("The PostgreSQL connection URL is unknown: cannot run pg_dump");
  const client = (handle.db as unknown as { $client: import("postgres").Sql }).$client;
  return client.begin("isolation level repeatable read read only", async (tx) => {
    const [lock] = await tx.unsafe<{ ok: boolean }[]>(`select pg_try_advisory_xact_lock(${BACKUP_LOCK_KEY}) as ok`);
    if (!lock?.ok) throw new AppError("conflict", "backup.running");
    const [row] = await tx.unsafe<{ snapshot: string }[]>("select pg_export_snapshot() as snapshot");
    const query = (text: string) => tx.unsafe<Record<string, unknown>[]>(text) as unknown as Promise<Record<string, unknown>[]>;
    const rowCounts = await countRows(query);
    const migrations = await migrationLevel(query);
    const file = path.join(staging, PG_DUMP_FILE);
    await runPgTool("pg_dump", ["--format=custom", "--no-owner", "--no-privileges", `--snapshot=${row!.snapshot}`, `--file=${file}`], handle.url!);
    return { file: PG_DUMP_FILE, rowCounts, migrations };
  }) as Promise<DumpResult>;
}

/**
 * PGlite: the data folder is dumped while PGlite's transaction and statement queues are both
 * held, so no transaction is open and nothing writes. The counts come from a throwaway copy
 * opened from that very dump — exactly its contents, and proof that it opens.
 */
async function dumpPglite(handle: DatabaseHandle, staging: string): Promise<DumpResult> {
  const client = pgliteClient(handle);
  // Uncompressed: the archive around it is gzipped once.
  const dump = await client._runExclusiveTransaction(() => client.dumpDataDir("none"));
  await writeFile(path.join(staging, PGLITE_DUMP_FILE), Buffer.from(await dump.arrayBuffer()));
  const copy = openPglite(undefined, dump);
  try {
    const query = (text: string) => copy.query(text);
    return { file: PGLITE_DUMP_FILE, rowCounts: await countRows(query), migrations: await migrationLevel(query) };
  } finally {
    await copy.close();
  }
}

/**
 * Writes one backup archive now. Returns its entry; throws on failure (the archive is then not
 * left behind). `now` names the archive.
 */
export async function createBackup(options: { handle?: DatabaseHandle; now?: Date; onPhase?: (phase: BackupPhase) => void } = {}): Promise<BackupEntry> {
  const handle = options.handle ?? currentDatabase();
  const env = getEnv();
  const started = Date.now();
  const at = options.now ?? new Date();
  const dir = backupDir();
  await mkdir(dir, { recursive: true });
  const staging = await mkdtemp(path.join(dir, ".staging-"));
  const name = backupFileName(at);
  const partial = path.join(dir, `.${name}.partial`);
  try {
    options.onPhase?.("database");
    const dump = handle.kind === "postgres" ? await dumpPostgres(handle, staging) : await dumpPglite(handle, staging);
    // Files after the database: every record in the dump already has its file (uploads are stored
    // before their record commits); a file uploaded since is simply extra.
    options.onPhase?.("files");
    const filesRoot = path.join(env.DATA_DIR, FILES_FOLDER);
    const files = existsSync(filesRoot) ? await listFolderFiles(filesRoot) : { count: 0, bytes: 0 };
    const entries = [MANIFEST_FILE, dump.file];
    if (files.count > 0) {
      await symlink(filesRoot, path.join(staging, FILES_FOLDER), "dir");
      entries.push(FILES_FOLDER);
    }
    const manifest: BackupManifest = {
      format: 1,
      createdAt: at.toISOString(),
      driver: handle.kind,
      database: dump.file,
      migrations: dump.migrations,
      rowCounts: dump.rowCounts,
      files,
      durationMs: 0,
    };
    options.onPhase?.("archive");
    manifest.durationMs = Date.now() - started;
    await writeFile(path.join(staging, MANIFEST_FILE), JSON.stringify(manifest, null, 2));
    await tar.create(
      { gzip: true, file: partial, cwd: staging, follow: true, portable: true, filter: (p) => !p.includes(".part-") },
      entries,
    );
    await writeFile(path.join(dir, `${name}.json`), JSON.stringify(manifest, null, 2));
    await rename(partial, path.join(dir, name));
    const size = (await stat(path.join(dir, name))).size;
    return { name, createdAt: at, size, driver: handle.kind, manifest };
  } finally {
    await rm(staging, { recursive: true, force: true });
    await rm(partial, { force: true });
  }
}

/** Backups in BACKUP_DIR, newest first. */
export async function listBackups(): Promise<BackupEntry[]> {
  const dir = backupDir();
  const names = await readdir(dir).catch(() => [] as string[]);
  const entries: BackupEntry[] = [];
  for (const name of names) {
    const createdAt = parseBackupFileName(name);
    if (!createdAt) continue;
    const info = await stat(path.join(dir, name)).catch(() => null);
    if (!info?.isFile()) continue;
    const manifest = await readFile(path.join(dir, `${name}.json`), "utf8")
      .then((text) => JSON.parse(text) as BackupManifest)
      .catch(() => null);
    entries.push({ name, createdAt, size: info.size, driver: manifest?.driver ?? null, manifest });
  }
  return entries.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
}

/** Deletes the backups retention does not keep; returns their names. */
export async function applyRetention(): Promise<string[]> {
  const { backups } = await getSettings();
  const all = await listBackups();
  const kept = new Set(backupsToKeep(all.map((b) => b.createdAt), backups).map((d) => d.getTime()));
  const removed = all.filter((b) => !kept.has(b.createdAt.getTime()));
  for (const b of removed) {
    await rm(path.join(backupDir(), b.name), { force: true });
    await rm(path.join(backupDir(), `${b.name}.json`), { force: true });
  }
  return removed.map((b) => b.name);
}

async function writeLastRun(run: LastRun): Promise<void> {
  await mkdir(backupDir(), { recursive: true });
  const file = path.join(backupDir(), LAST_RUN_FILE);
  await writeFile(`${file}.tmp`, JSON.stringify(run));
  await rename(`${file}.tmp`, file);
}

export async function lastRun(): Promise<LastRun | null> {
  return readFile(path.join(backupDir(), LAST_RUN_FILE), "utf8")
    .then((text) => JSON.parse(text) as LastRun)
    .catch(() => null);
}

/** The backup running in this process, if any (for the admin page's progress). */
export function runningBackup(): { startedAt: Date; phase: BackupPhase } | null {
  return running ? { startedAt: running.startedAt, phase: running.phase } : null;
}

/** Backs up, applies retention and records the outcome; one at a time per process. */
function runBackup(now: Date): Promise<BackupEntry> {
  if (running) return running.promise;
  const state = { startedAt: now, phase: "database" as BackupPhase, promise: null as unknown as Promise<BackupEntry> };
  state.promise = (async () => {
    try {
      const entry = await createBackup({ now, onPhase: (phase) => (state.phase = phase) });
      state.phase = "retention";
      const removed = await applyRetention();
      await writeLastRun({ ok: true, name: entry.name, at: entry.createdAt.toISOString(), durationMs: entry.manifest!.durationMs, size: entry.size });
      console.log(`[backups] wrote ${entry.name} (${entry.size} bytes)${removed.length > 0 ? `; removed ${removed.join(", ")}` : ""}`);
      return entry;
    } catch (error) {
      const message = error instanceof AppError ? error.message : error instanceof Error ? error.message : String(error);
      if (message !== "backup.running") await writeLastRun({ ok: false, at: new Date().toISOString(), error: message }).catch(() => {});
      console.error("[backups] failed:", message);
      throw error;
    } finally {
      running = null;
    }
  })();
  running = state;
  return state.promise;
}

/** The scheduled job (hourly): backs up when the settings say one is due. */
export async function runScheduledBackup(now: Date = new Date()): Promise<BackupEntry | null> {
  const { backups } = await getSettings();
  const newest = (await listBackups())[0]?.createdAt ?? null;
  if (!isBackupDue(now, newest, backups)) return null;
  return runBackup(now).catch((error: unknown) => {
    // Another instance is backing up the same database right now: that is the one backup.
    if (error instanceof AppError && error.message === "backup.running") return null;
    throw error;
  });
}

/**
 * "Back up now" from the admin page: starts a backup in this process and returns at once; the
 * page follows it through `runningBackup()` and `lastRun()`.
 */
export async function startBackupNow(actor: Actor): Promise<{ started: boolean }> {
  if (!can(actor, "manage:backup:any")) throw AppError.forbidden();
  if (running) return { started: false };
  const now = new Date();
  await recordAudit(db, { actorId: actor.id, action: "backup.requested", entityType: "backup", entityId: backupFileName(now), after: {} });
  runBackup(now).catch(() => {});
  return { started: true };
}

/** An archive to stream to an admin; any name that is not one of ours is not found. */
export async function openBackupForDownload(actor: Actor, name: string): Promise<{ stream: Readable; size: number; name: string }> {
  if (!can(actor, "manage:backup:any")) throw AppError.forbidden();
  if (!parseBackupFileName(name)) throw AppError.notFound();
  const file = path.join(backupDir(), name);
  const info = await stat(file).catch(() => null);
  if (!info?.isFile()) throw AppError.notFound();
  await recordAudit(db, { actorId: actor.id, action: "backup.downloaded", entityType: "backup", entityId: name, after: { size: info.size } });
  return { stream: createReadStream(file), size: info.size, name };
}

/** What the admin page shows: the backups, the one running here, the last outcome and the schedule. */
export async function backupsOverview(actor: Actor) {
  if (!can(actor, "manage:backup:any")) throw AppError.forbidden();
  const env = getEnv();
  const [backups, last, settings] = await Promise.all([listBackups(), lastRun(), getSettings()]);
  return {
    backups: backups.map((b) => ({
      name: b.name,
      createdAt: b.createdAt.toISOString(),
      size: b.size,
      driver: b.driver,
      rows: b.manifest ? Object.values(b.manifest.rowCounts).reduce((sum, n) => sum + n, 0) : null,
      tables: b.manifest ? Object.keys(b.manifest.rowCounts).length : null,
      files: b.manifest?.files.count ?? null,
    })),
    running: runningBackup(),
    last,
    schedule: settings.backups,
    dir: env.BACKUP_DIR,
    filesInS3: env.FILES_BACKEND === "s3",
  };
}
