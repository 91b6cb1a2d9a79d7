import PgBoss from "pg-boss";
import type { DatabaseHandle } from "./db.server";

/**
 * Background jobs run on pg-boss in the same database. A job definition is a plain async
 * function so tests call it directly with an injected clock; pg-boss only decides *when*.
 */
export type JobDefinition = {
  name: string;
  /** Cron expression (UTC) for recurring jobs. */
  cron?: string;
  run: (data: Record<string, unknown>) => Promise<unknown>;
};

let boss: PgBoss | null = null;

/** PGlite is one in-process connection: pg-boss reaches it through this adapter. */
function pgliteAdapter(handle: DatabaseHandle): PgBoss.Db {
  return {
    async executeSql(text: string, values?: unknown[]) {
      if (!values || values.length === 0) {
        // pg-boss sends parameterless multi-statement scripts (schema creation); only exec runs those.
        return { rows: await handle.exec(text) };
      }
      return { rows: await handle.query(text, values) };
    },
  };
}

export async function startJobs(
  handle: DatabaseHandle,
  databaseUrl: string | undefined,
  definitions: JobDefinition[],
  options: { work: boolean } = { work: true },
): Promise<PgBoss> {
  const common = { schema: "pgboss", monitorStateIntervalSeconds: 60, maintenanceIntervalSeconds: 300 };
  boss =
    handle.kind === "pglite"
      ? new PgBoss({ ...common, db: pgliteAdapter(handle) })
      : new PgBoss({ ...common, connectionString: databaseUrl!, max: 4 });
  boss.on("error", (error) => console.error("[jobs]", error));
  await boss.start();
  for (const job of definitions) {
    await ensureQueue(boss, job.name);
    if (options.work) {
      await boss.work(job.name, { pollingIntervalSeconds: 5 }, async (jobs) => {
        for (const j of jobs) await job.run((j.data ?? {}) as Record<string, unknown>);
      });
    }
    if (job.cron) await boss.schedule(job.name, job.cron);
  }
  return boss;
}

/**
 * Creates a queue unless it exists. Two instances starting at once can deadlock inside
 * pg-boss's create_queue (each alters the other's new partition); the loser simply retries.
 */
async function ensureQueue(current: PgBoss, name: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      if (await current.getQueue(name)) return;
      await current.createQueue(name, { name, retryLimit: 5, retryDelay: 30, retryBackoff: true });
      return;
    } catch (error) {
      const code = (error as { code?: string }).code;
      const retryable = code === "40P01" || code === "23505";
      if (!retryable || attempt >= 5) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100 * attempt + Math.random() * 100));
    }
  }
}

/** Asks for a job to run soon (e.g. after a transaction that queued emails committed). */
const lastSingletonSend = new Map<string, number>();

export async function enqueueJob(name: string, data: Record<string, unknown> = {}, singletonSeconds = 0): Promise<void> {
  if (!boss) return; // Jobs are off (tests, or RUN_JOBS=false): the recurring schedule catches up.
  if (singletonSeconds > 0) {
    // pg-boss would drop a second singleton in the same slot anyway: do not even ask it (hot paths kick often).
    const last = lastSingletonSend.get(name) ?? 0;
    if (Date.now() - last < singletonSeconds * 1000) return;
    lastSingletonSend.set(name, Date.now());
  }
  await boss.send(name, data, singletonSeconds > 0 ? { singletonKey: name, singletonSeconds } : {}).catch((error) => {
    console.error(`[jobs] could not enqueue ${name}`, error);
  });
}

export async function stopJobs(): Promise<void> {
  if (!boss) return;
  const current = boss;
  boss = null;
  await current.stop({ graceful: true, wait: true, timeout: 5000 }).catch(() => {});
}
