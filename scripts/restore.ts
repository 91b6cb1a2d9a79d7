/**
 * `npm run restore -- <backup.tar.gz>` — restores a Keydesk backup into an EMPTY database: the
 * embedded one in DATA_DIR (when DATABASE_URL is unset) or the PostgreSQL database of
 * DATABASE_URL, plus the uploaded files into DATA_DIR/files. Refuses a non-empty target before
 * changing anything, and compares every table's row count with the backup's manifest.
 */
import path from "node:path";
import { RestoreRefused, restoreBackup } from "~/modules/backups/restore.server";
import { envOrExit } from "./cli-env";

const file = process.argv.slice(2).find((a) => a !== "--");
if (!file) {
  console.error("Usage: npm run restore -- <backup file, e.g. data/backups/keydesk-backup-20261202T020000Z.tar.gz>");
  process.exit(2);
}

const env = envOrExit();
try {
  const target = env.DATABASE_URL
    ? { driver: "postgres" as const, databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR }
    : { driver: "pglite" as const, dataDir: env.DATA_DIR };
  const report = await restoreBackup(path.resolve(file), target, (line) => console.log(line));
  const tables = Object.keys(report.rowCounts).length;
  const rows = Object.values(report.rowCounts).reduce((a, b) => a + b, 0);
  if (report.mismatches.length > 0) {
    console.error(`Restored, but row counts differ from the backup's manifest:\n  ${report.mismatches.join("\n  ")}`);
    process.exit(1);
  }
  console.log(`Restored ${tables} tables (${rows} rows, every count as in the backup) and ${report.files} files. Start Keydesk with the same secrets (SESSION_SECRET, ENCRYPTION_KEY, LICENCE_SIGNING_KEY or DATA_DIR/secrets.json) as the backed-up installation.`);
} catch (error) {
  console.error(error instanceof RestoreRefused ? error.message : error instanceof Error ? `Restore failed: ${error.message}` : error);
  process.exit(1);
}
