import path from "node:path";
import { appendFileSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { demoLoginLines, hasDemoData, seedDemoData } from "~/demo/seed.server";
import { jobDefinitions } from "~/jobs.server";
import { ensureSlaDefaults } from "~/modules/sla/plans.server";
import { migrateDatabase, openPglite, openPostgres, useDatabase, type DatabaseHandle } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { getFilesSetting } from "~/utils/file-storage/setting.server";
import { startJobs, stopJobs } from "~/utils/jobs.server";

let handle: DatabaseHandle | null = null;
let pidFile: string | null = null;
export const EMBEDDED_PID_FILE = "keydesk.pid";

/**
 * Everything the app needs before it serves a request: configuration, the database (migrated
 * in-process; PGlite has one owner), demo data on an embedded first start, and the job runner.
 */
export async function startApplication(options: { jobs?: boolean; log?: (line: string) => void } = {}) {
  const log = options.log ?? ((line: string) => console.log(line));
  const env = getEnv();
  if (env.DATABASE_URL) {
    const traceFile = env.SQL_TRACE_FILE;
    handle = openPostgres(env.DATABASE_URL, 10, traceFile ? { onQuery: (text, params) => appendFileSync(traceFile, `${JSON.stringify({ text, params })}\n`) } : {});
  } else {
    const dir = path.join(env.DATA_DIR, "pglite");
    mkdirSync(dir, { recursive: true });
    handle = openPglite(dir);
    // Tells `npm run import` (and any other command) that this process owns the embedded database.
    pidFile = path.join(env.DATA_DIR, EMBEDDED_PID_FILE);
    writeFileSync(pidFile, String(process.pid));
  }
  useDatabase(handle);
  const db = handle.db;
  await migrateDatabase(handle, env.DATABASE_URL, async () => {
    await ensureSlaDefaults();
    if (env.SEED_DEMO) await seedDemoData(db);
  });
  const files = await getFilesSetting();
  if (files && files.backend !== env.FILES_BACKEND) {
    log(`Files: new uploads go to ${files.backend} (switched by files:migrate); FILES_BACKEND or its default (${env.FILES_BACKEND}) is not used`);
  } else {
    log(`Files: new uploads go to ${env.FILES_BACKEND}`);
  }
  if (await hasDemoData(handle.db)) {
    log("Demo logins:");
    for (const line of demoLoginLines()) log(line);
  }
  const runJobs = options.jobs ?? env.RUN_JOBS;
  if (runJobs) await startJobs(handle, env.DATABASE_URL, jobDefinitions);
  return { database: handle.kind, jobs: runJobs, port: env.PORT, trustedProxies: env.TRUSTED_PROXIES, production: env.NODE_ENV === "production" };
}

/** A separate worker process (`npm run worker`): jobs only, on a PostgreSQL server. */
export async function startWorker() {
  const env = getEnv();
  if (!env.DATABASE_URL) {
    throw new Error("The separate worker needs DATABASE_URL: the embedded database belongs to the app process, which runs jobs itself.");
  }
  handle = openPostgres(env.DATABASE_URL, 4);
  await migrateDatabase(handle, env.DATABASE_URL);
  useDatabase(handle);
  await startJobs(handle, env.DATABASE_URL, jobDefinitions);
}

export async function stopApplication() {
  await stopJobs();
  if (handle) await handle.close();
  handle = null;
  if (pidFile) rmSync(pidFile, { force: true });
  pidFile = null;
  useDatabase(null);
}
