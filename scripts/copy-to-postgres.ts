/**
 * `npm run db:copy-to-postgres -- postgres://user:password@host:5432/keydesk` — copies the
 * embedded database of DATA_DIR into an EMPTY PostgreSQL database (Keydesk stopped), checks every
 * table's row count, and says how to start on PostgreSQL. See "Moving to PostgreSQL" in the README.
 */
import { copyToPostgres } from "~/modules/backups/copy-to-postgres.server";
import { RestoreRefused } from "~/modules/backups/restore.server";
import { envOrExit } from "./cli-env";

const databaseUrl = process.argv.slice(2).find((a) => a !== "--");
if (!databaseUrl) {
  console.error("Usage: npm run db:copy-to-postgres -- postgres://user:password@host:5432/database (an empty database; DATA_DIR names the embedded one)");
  process.exit(2);
}

const env = envOrExit();
try {
  const started = Date.now();
  const report = await copyToPostgres({ dataDir: env.DATA_DIR, databaseUrl, log: (line) => console.log(line) });
  if (report.mismatches.length > 0) {
    console.error(`Copied, but row counts differ:\n  ${report.mismatches.join("\n  ")}`);
    process.exit(1);
  }
  console.log(
    `Copied ${report.tables} tables (${report.rows} rows, every count as in the embedded database) and ${report.sequences} sequences in ${((Date.now() - started) / 1000).toFixed(1)} s.\n` +
      `Start Keydesk on it with DATABASE_URL set to that URL and the same secrets (DATA_DIR/secrets.json, or SESSION_SECRET, ENCRYPTION_KEY and LICENCE_SIGNING_KEY).\n` +
      `Uploaded files stay in ${env.DATA_DIR}/files: keep FILES_BACKEND=folder with the same DATA_DIR, or move them into the database with npm run files:migrate.`,
  );
} catch (error) {
  console.error(error instanceof RestoreRefused ? error.message : error instanceof Error ? `Copy failed: ${error.message}` : error);
  process.exit(1);
}
