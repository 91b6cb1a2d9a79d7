import PgBoss from "pg-boss";
import { sql } from "drizzle-orm";
import type { DatabaseHandle, Executor } from "./db.server";

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
let stopListening: (() => Promise<void>) | null = null;

/** The channel on which committed transactions ask for a job to run now (docs/decisions/004). */
export const JOB_WAKE_CHANNEL = "keydesk_jobs";

/**
 * Asks for job `name` to run as soon as the caller's transaction commits, and never if it rolls
 * back: a PostgreSQL NOTIFY, which the database delivers only on commit (a rolled-back
 * savepoint drops it too), to the job runner of whichever process listens — this one or
 * another. With `db` instead of a transaction the statement commits at once. Several asks in
 * one transaction arrive as one. The job's schedule stays the safety net (a listener that was
 * reconnecting, or no job runner at all).
 */
export async function runJobAfterCommit(executor: Executor, name: string): Promise<void> {
  await executor.execute(sql`select pg_notify(${JOB_WAKE_CHANNEL}, ${name})`);
}

/**
 * Runs a job each time a committed transaction asks for it (`runJobAfterCommit`). Asks that
 * arrive while the job runs make one more run after it, never two at once in this process.
 * Resolves to a function that stops listening and waits (up to 5 s, as pg-boss does for its
 * jobs) for the runs under way, so a shutdown does not cut a dispatch short.
 */
export async function listenForJobWakeUps(handle: DatabaseHandle, definitions: JobDefinition[]): Promise<() => Promise<void>> {
  const byName = new Map(definitions.map((job) => [job.name, job]));
  const state = new Map<string, "running" | "again">();
  const inFlight = new Set<Promise<void>>();
  let stopped = false;
  const run = (job: JobDefinition): void => {
    state.set(job.name, "running");
    const running: Promise<void> = job
      .run({})
      .then(
        () => undefined,
        (error: unknown) => console.error(`[jobs] ${job.name} failed after a wake-up`, error),
      )
      .finally(() => {
        inFlight.delete(running);
        const again = state.get(job.name) === "again";
        state.delete(job.name);
        if (again && !stopped) run(job);
      });
    inFlight.add(running);
  };
  const unlisten = await handle.listen(JOB_WAKE_CHANNEL, (name) => {
    const job = byName.get(name);
    if (!job || stopped) return;
    if (state.has(name)) state.set(name, "again");
    // Not inside the driver's notification callback: the job opens transactions of its own.
    else setImmediate(() => (stopped ? undefined : state.has(name) ? state.set(name, "again") : run(job)));
  });
  return async () => {
    stopped = true;
    await unlisten();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, 5000)));
    await Promise.race([Promise.all(inFlight), timeout]);
    clearTimeout(timer);
  };
}

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
  if (options.work) stopListening = await listenForJobWakeUps(handle, definitions);
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

/**
 * Asks pg-boss for a job to run soon, with data (an import run). A job that follows from a
 * change in the database is asked for with `runJobAfterCommit` inside that change's transaction.
 */
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
  const stop = stopListening;
  stopListening = null;
  await stop?.();
  if (!boss) return;
  const current = boss;
  boss = null;
  await current.stop({ graceful: true, wait: true, timeout: 5000 }).catch(() => {});
}
