import { existsSync } from "node:fs";
import { cp, mkdir, mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import postgres from "postgres";
import * as tar from "tar";
import { openPostgres } from "~/utils/db.server";
import { countRows, FILES_FOLDER, MANIFEST_FILE, runPgTool, type BackupManifest } from "./backups.server";

/**
 * `npm run restore -- <backup>`: puts a backup archive back into an EMPTY database (the embedded
 * data folder, or the PostgreSQL database of DATABASE_URL) and its files into DATA_DIR/files,
 * then compares every table's row count with the manifest. It refuses anything not empty before
 * it changes a thing.
 */

export class RestoreRefused extends Error {
  override name = "RestoreRefused";
}

export type RestoreTarget = { driver: "postgres"; databaseUrl: string; dataDir: string } | { driver: "pglite"; dataDir: string };

export type RestoreReport = { manifest: BackupManifest; rowCounts: Record<string, number>; mismatches: string[]; files: number };

async function isEmptyFolder(folder: string): Promise<boolean> {
  if (!existsSync(folder)) return true;
  return (await readdir(folder)).length === 0;
}

/** Tables outside PostgreSQL's own schemas: a database with any is not empty. */
export async function userTables(databaseUrl: string): Promise<string[]> {
  const client = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    const rows = await client<{ name: string }[]>`
      select n.nspname || '.' || c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where c.relkind in ('r', 'p') and n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg_toast%'
      order by 1 limit 5`;
    return rows.map((r) => r.name);
  } finally {
    await client.end({ timeout: 5 });
  }
}

export async function restoreBackup(archive: string, target: RestoreTarget, log: (line: string) => void = () => {}): Promise<RestoreReport> {
  if (!existsSync(archive)) throw new RestoreRefused(`No such backup file: ${archive}`);
  const work = await mkdtemp(path.join(tmpdir(), "keydesk-restore-"));
  try {
    await tar.extract({ file: archive, cwd: work, strict: true }).catch((error: Error) => {
      throw new RestoreRefused(`${archive} is not a readable backup archive: ${error.message}`);
    });
    const manifest = await readFile(path.join(work, MANIFEST_FILE), "utf8")
      .then((text) => JSON.parse(text) as BackupManifest)
      .catch(() => {
        throw new RestoreRefused(`${archive} has no ${MANIFEST_FILE}: it is not a Keydesk backup`);
      });
    if (manifest.driver !== target.driver) {
      throw new RestoreRefused(
        manifest.driver === "pglite"
          ? "This backup is of the embedded database: restore it without DATABASE_URL (into an empty DATA_DIR)."
          : "This backup is of a PostgreSQL database: set DATABASE_URL to an empty PostgreSQL database to restore it.",
      );
    }
    // Every check before any change.
    const pgliteDir = path.join(target.dataDir, "pglite");
    if (target.driver === "pglite") {
      if (existsSync(path.join(target.dataDir, "keydesk.pid"))) {
        throw new RestoreRefused(`Keydesk seems to be running on ${target.dataDir} (keydesk.pid): stop it first.`);
      }
      if (!(await isEmptyFolder(pgliteDir))) {
        throw new RestoreRefused(`The embedded database in ${pgliteDir} is not empty. Restore needs an empty one: point DATA_DIR at a new folder (or move this one away) and run again.`);
      }
    } else {
      const tables = await userTables(target.databaseUrl).catch((error: Error) => {
        throw new RestoreRefused(`Cannot connect to the database of DATABASE_URL: ${error.message}`);
      });
      if (tables.length > 0) {
        throw new RestoreRefused(
          `The database of DATABASE_URL is not empty (it has tables such as ${tables.join(", ")}). Restore needs an empty database: create one (e.g. createdb keydesk_restored), point DATABASE_URL at it and run again.`,
        );
      }
    }
    const filesFrom = path.join(work, FILES_FOLDER);
    const filesTo = path.join(target.dataDir, FILES_FOLDER);
    const hasFiles = existsSync(filesFrom);
    if (hasFiles && !(await isEmptyFolder(filesTo))) {
      throw new RestoreRefused(`The files folder ${filesTo} is not empty. Restore needs an empty one: move it away and run again.`);
    }

    log(`Restoring the ${manifest.driver === "pglite" ? "embedded" : "PostgreSQL"} database of ${manifest.createdAt} (${manifest.migrations.applied} migrations)…`);
    let rowCounts: Record<string, number>;
    if (target.driver === "pglite") {
      const dump = new Blob([await readFile(path.join(work, manifest.database))]);
      await mkdir(pgliteDir, { recursive: true });
      const client = new PGlite({ dataDir: pgliteDir, extensions: { pg_trgm }, loadDataDir: dump });
      try {
        rowCounts = await countRows(async (text) => (await client.query<Record<string, unknown>>(text)).rows);
      } finally {
        await client.close();
      }
    } else {
      await runPgTool("pg_restore", ["--no-owner", "--no-privileges", "--exit-on-error", path.join(work, manifest.database)], target.databaseUrl);
      const handle = openPostgres(target.databaseUrl, 1);
      try {
        rowCounts = await countRows((text) => handle.query(text));
      } finally {
        await handle.close();
      }
    }
    let files = 0;
    if (hasFiles) {
      log(`Restoring ${manifest.files.count} uploaded files into ${filesTo}…`);
      await cp(filesFrom, filesTo, { recursive: true, errorOnExist: true, force: false });
      files = manifest.files.count;
    }
    const tables = new Set([...Object.keys(manifest.rowCounts), ...Object.keys(rowCounts)]);
    const mismatches = [...tables]
      .filter((t) => manifest.rowCounts[t] !== rowCounts[t])
      .map((t) => `${t}: ${manifest.rowCounts[t] ?? "absent"} in the backup, ${rowCounts[t] ?? "absent"} restored`);
    return { manifest, rowCounts, mismatches, files };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
