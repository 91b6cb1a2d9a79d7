/**
 * `npm run files:migrate -- --to database|folder|s3 [--delete-source]` — copies every stored
 * file to another backend, verifies each copy's SHA-256, then switches new uploads to it.
 * Re-runnable and resumable. On the embedded database, stop the app first (it owns the folder).
 */
import { parseArgs } from "node:util";
import { FILE_BACKENDS, type FileBackendName } from "~/utils/file-storage/backend";
import { migrateFiles } from "~/utils/file-storage/migrate.server";
import { migrateDatabase, openPglite, openPostgres, useDatabase } from "~/utils/db.server";
import path from "node:path";
import { envOrExit } from "./cli-env";

const { values } = parseArgs({ options: { to: { type: "string" }, "delete-source": { type: "boolean", default: false } } });
const to = values.to as FileBackendName | undefined;
if (!to || !FILE_BACKENDS.includes(to)) {
  console.error(`Usage: npm run files:migrate -- --to ${FILE_BACKENDS.join("|")} [--delete-source]`);
  process.exit(2);
}

const env = envOrExit();
const handle = env.DATABASE_URL ? openPostgres(env.DATABASE_URL, 2) : openPglite(path.join(env.DATA_DIR, "pglite"));
useDatabase(handle);
let failed = 0;
try {
  await migrateDatabase(handle, env.DATABASE_URL);
  const report = await migrateFiles(to, { deleteSource: values["delete-source"] });
  failed = report.failed.length;
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  failed = 1;
} finally {
  useDatabase(null);
  await handle.close();
}
process.exit(failed > 0 ? 1 : 0);
