// Keydesk's HTTP server. `npm start` builds first; `npm run serve` reuses an existing build.
//
// WEB_CONCURRENCY (default 1; a number or `auto` = one per core) forks that many server processes
// sharing the port (node:cluster), on PostgreSQL only: the embedded database belongs to one
// process. Worker 1 runs the background jobs, the others serve pages only (RUN_JOBS=false keeps
// jobs off everywhere). A worker that dies is started again; SIGTERM/SIGINT stop every worker
// gracefully (see server-process.mjs) before the primary exits.
import cluster from "node:cluster";
import { availableParallelism } from "node:os";

/** The number of server processes WEB_CONCURRENCY asks for, or an error sentence. */
function webConcurrency(value) {
  if (value === undefined || value.trim() === "") return 1;
  if (value.trim() === "auto") return availableParallelism();
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 64) {
    return `WEB_CONCURRENCY must be a whole number from 1 to 64, or "auto" (got "${value}")`;
  }
  return n;
}

const size = cluster.isPrimary ? webConcurrency(process.env.WEB_CONCURRENCY) : 1;
if (typeof size === "string") {
  console.error(size);
  process.exit(1);
}

if (cluster.isPrimary && size > 1 && !process.env.DATABASE_URL) {
  console.log(`WEB_CONCURRENCY=${process.env.WEB_CONCURRENCY}: the embedded database serves one process; starting one (set DATABASE_URL for more)`);
}

if (cluster.isPrimary && size > 1 && process.env.DATABASE_URL) {
  runPrimary(size);
} else {
  await import("./server-process.mjs");
}

function runPrimary(count) {
  const jobsWanted = !/^(false|0|no|off)$/i.test(process.env.RUN_JOBS ?? "");
  /** worker index → cluster worker */
  const workers = new Map();
  const recentCrashes = [];
  let stopping = false;

  const fork = (index) => {
    const worker = cluster.fork({ KEYDESK_WORKER: `${index}/${count}`, RUN_JOBS: jobsWanted && index === 1 ? "true" : "false" });
    workers.set(index, worker);
    worker.on("exit", (code, signal) => {
      workers.delete(index);
      if (stopping) {
        if (workers.size === 0) {
          console.log("Stopped");
          process.exit(0);
        }
        return;
      }
      console.error(`Worker ${index}/${count} (pid ${worker.process.pid}) ended (${signal ?? `code ${code}`}); starting it again`);
      // A worker that keeps dying at once (a configuration error, a database that refuses) stops the server.
      const now = Date.now();
      recentCrashes.push(now);
      while (recentCrashes.length && recentCrashes[0] < now - 30_000) recentCrashes.shift();
      if (recentCrashes.length > 3 * count) {
        console.error("Workers keep stopping: giving up");
        stopping = true;
        for (const other of workers.values()) other.process.kill("SIGTERM");
        setTimeout(() => process.exit(1), 100).unref();
        if (workers.size === 0) process.exit(1);
        return;
      }
      setTimeout(() => fork(index), 1000).unref();
    });
  };

  // Each worker's old generation is capped (KEYDESK_MAX_OLD_SPACE_MIB, default 192; 0 = node's
  // default): under steady load V8 grows it to 2-3 times the live heap and gives it back only
  // after some idle seconds, so without a cap each worker's RSS rose by ~100 MiB within a minute
  // at 10 connections while the heap after a full GC stayed at ~80 MiB (docs/decisions/200).
  const oldSpace = Number(process.env.KEYDESK_MAX_OLD_SPACE_MIB ?? 192);
  const capped = [...process.execArgv, process.env.NODE_OPTIONS ?? ""].some((arg) => arg.includes("max-old-space-size"));
  if (Number.isInteger(oldSpace) && oldSpace > 0 && !capped) cluster.setupPrimary({ execArgv: [...process.execArgv, `--max-old-space-size=${oldSpace}`] });

  console.log(`Keydesk: starting ${count} server processes (WEB_CONCURRENCY) on one port`);
  for (let index = 1; index <= count; index++) fork(index);

  const shutdown = (signal) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: stopping ${workers.size} workers`);
    if (workers.size === 0) process.exit(0);
    for (const worker of workers.values()) worker.process.kill("SIGTERM");
  };
  process.on("SIGINT", () => shutdown("SIGINT"));
  process.on("SIGTERM", () => shutdown("SIGTERM"));
}
