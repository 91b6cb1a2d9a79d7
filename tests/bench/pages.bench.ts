/**
 * Bench section `pages`: the engineer's queue page and a ticket page (5 messages) through HTTP
 * against the production start (`NODE_ENV=production node server.mjs`, WEB_CONCURRENCY
 * processes, default `auto`) on PostgreSQL, at each size of BENCH_SIZES (tickets; default
 * "10000,200000"; add 1000000 for the million — seeding is set-based SQL and takes minutes).
 *
 * For each size and page: p50/p95 at 1 and 10 connections and pages/s (autocannon), the servers'
 * CPU per page (utime + stime of every server process from /proc, over the phase, divided by
 * the pages served), then a soak at 10 connections (BENCH_SOAK_SECONDS, default 60; the issue's
 * 10 minutes is 600) with RSS and heap after a full GC of every server process before and after
 * (SIGUSR2 with KEYDESK_MEMORY_PROBE=1 and --expose-gc). Last, one traced process serves each
 * page once (SQL_TRACE_FILE) and its statements are replayed alone to give the raw SQL time,
 * printed beside the app's time.
 *
 * Needs BENCH_DATABASE_URL (or TEST_DATABASE_URL) as a PostgreSQL admin URL, and a built app
 * (`npx remix build`). Run alone: `node --import tsx tests/bench/pages.bench.ts`.
 *
 * Databases are named `<BENCH_DATABASE_PREFIX>_<size>` (default prefix keydesk_bench_pages_<pid>)
 * and dropped afterwards, unless BENCH_KEEP_DATABASE=1: then they are kept, and a kept database
 * that already holds the size's tickets is migrated and measured without seeding again (the
 * million takes 10-40 minutes to seed). BENCH_SEED_ONLY=1 seeds and stops. BENCH_PORT
 * is the first port the servers listen on (the next ones follow), else any free port.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { generateKeyPairSync, randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import autocannon from "autocannon";
import postgres from "postgres";
import { hashPassword } from "~/modules/accounts/password.server";
import { saveSecuritySettings } from "~/modules/security/settings.server";
import { migrateDatabase, openPostgres, useDatabase } from "~/utils/db.server";
import { seed, withDatabase } from "./tickets.bench";
import { freePort, percentile } from "./common";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const PASSWORD = "bench-password-2026";
const CLOCK_TICKS = 100; // USER_HZ on Linux

type Phase = { size: number; page: string; connections: number; requests: number; perSecond: number; p50: number; p95: number; cpuMsPerPage: number | null; non2xx: number };
type Memory = { pid: number; rss: number; heapUsed: number };



/** The server process and its cluster workers. */
function serverPids(root: number): number[] {
  const pids = [root];
  try {
    for (const task of readdirSync(`/proc/${root}/task`)) {
      const children = readFileSync(`/proc/${root}/task/${task}/children`, "utf8").trim();
      if (children) pids.push(...children.split(/\s+/).map(Number));
    }
  } catch {
    // Not Linux: CPU per page is not reported.
  }
  return pids;
}

function cpuTicks(pids: number[]): number | null {
  let total = 0;
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      total += Number(fields[11]) + Number(fields[12]); // utime, stime
    } catch {
      return null;
    }
  }
  return total;
}

type Server = { process: ChildProcess; base: string; output: () => string; stop: () => Promise<void> };

let nextPort = Number(process.env.BENCH_PORT ?? 0);

async function startServer(databaseUrl: string, dataDir: string, extraEnv: Record<string, string>): Promise<Server> {
  const port = nextPort > 0 ? nextPort++ : await freePort();
  const { privateKey } = generateKeyPairSync("ed25519");
  const child = spawn(process.execPath, ["--expose-gc", "server.mjs"], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      DATA_DIR: dataDir,
      DATABASE_URL: databaseUrl,
      RUN_JOBS: "false",
      SEED_DEMO: "false",
      SECURE_COOKIES: "false",
      SESSION_SECRET: randomBytes(32).toString("hex"),
      ENCRYPTION_KEY: randomBytes(32).toString("base64"),
      LICENCE_SIGNING_KEY: privateKey.export({ format: "pem", type: "pkcs8" }).toString(),
      KEYDESK_MEMORY_PROBE: "1",
      WEB_CONCURRENCY: process.env.WEB_CONCURRENCY ?? "auto",
      RESEND_API_KEY: "",
      STRIPE_SECRET_KEY: "",
      ...extraEnv,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (c: Buffer) => (output += c.toString()));
  child.stderr?.on("data", (c: Buffer) => (output += c.toString()));
  const base = `http://127.0.0.1:${port}`;
  const workers = Number(extraEnv.WEB_CONCURRENCY ?? process.env.WEB_CONCURRENCY ?? 0) || 2;
  for (let i = 0; ; i++) {
    // Every worker must answer: readiness from several requests in a row.
    const ready = await Promise.all(Array.from({ length: workers * 2 }, () => fetch(`${base}/readyz`).then((r) => r.ok, () => false)));
    if (ready.every(Boolean)) break;
    if (i > 480 || child.exitCode !== null) throw new Error(`The app did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    process: child,
    base,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null) {
        child.kill("SIGTERM");
        await new Promise((r) => child.once("exit", r));
      }
    },
  };
}

async function signIn(base: string, email: string): Promise<string> {
  const response = await fetch(`${base}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ email, password: PASSWORD, redirectTo: "/desk/tickets" }),
  });
  const cookie = response.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  if (response.status !== 302 || !cookie) throw new Error(`Sign-in failed: ${response.status} ${await response.text()}`);
  return cookie;
}

async function memoryOf(server: Server): Promise<Memory[]> {
  const before = server.output().length;
  // The cluster's primary only forks (and SIGUSR2 would end it): ask the workers, else the one process.
  const pids = serverPids(server.process.pid!);
  const asked = pids.length > 1 ? pids.slice(1) : pids;
  for (const pid of asked) process.kill(pid, "SIGUSR2");
  // Every process answers (a busy one takes seconds to get to its signal), or 15 s pass.
  for (let waited = 0; waited < 15_000; waited += 250) {
    await new Promise((r) => setTimeout(r, 250));
    if (server.output().slice(before).split("\n").filter((line) => line.startsWith("memory-probe ")).length >= asked.length) break;
  }
  return server
    .output()
    .slice(before)
    .split("\n")
    .filter((line) => line.startsWith("memory-probe "))
    .map((line) => JSON.parse(line.slice("memory-probe ".length)) as Memory);
}

const mib = (bytes: number) => Math.round(bytes / 1048576);

async function load(server: Server, cookie: string, paths: () => string, connections: number, seconds: number) {
  const pids = serverPids(server.process.pid!);
  const ticksBefore = cpuTicks(pids);
  const latencies: number[] = [];
  const instance = autocannon({
    url: server.base,
    connections,
    duration: seconds,
    // A busy shared machine answers slower than autocannon's 10 s default: BENCH_TIMEOUT_SECONDS.
    timeout: Number(process.env.BENCH_TIMEOUT_SECONDS ?? 10),
    requests: [{ method: "GET", headers: { cookie }, setupRequest: (req: Record<string, unknown>) => ({ ...req, path: paths() }) }],
  });
  instance.on("response", (_client: unknown, _status: number, _bytes: number, responseTime: number) => latencies.push(responseTime));
  const result = await instance;
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${result.non2xx} answers were not 2xx and ${result.errors} requests failed on ${server.base}`);
  const ticksAfter = cpuTicks(pids);
  latencies.sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 10) / 10;
  const requests = result.requests.total;
  return {
    requests,
    perSecond: Math.round(requests / seconds),
    p50: round(percentile(latencies, 50)),
    p95: round(percentile(latencies, 95)),
    cpuMsPerPage: ticksBefore !== null && ticksAfter !== null && requests > 0 ? round((((ticksAfter - ticksBefore) / CLOCK_TICKS) * 1000) / requests) : null,
    non2xx: result.non2xx,
  };
}

/** The statements one page view sends, replayed alone: the sum of each statement's median time. */
async function rawSqlMs(databaseUrl: string, traceFile: string, base: string, cookie: string, pagePath: string): Promise<{ statements: number; ms: number }> {
  await fetch(`${base}${pagePath}`, { headers: { cookie } });
  writeFileSync(traceFile, "");
  const response = await fetch(`${base}${pagePath}`, { headers: { cookie } });
  await response.text();
  await new Promise((r) => setTimeout(r, 200));
  const statements = readFileSync(traceFile, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { text: string; params: unknown[] });
  const client = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  let total = 0;
  try {
    for (const { text, params } of statements) {
      const times: number[] = [];
      for (let i = 0; i < 21; i++) {
        const started = performance.now();
        await client.unsafe(text, params as never[]);
        times.push(performance.now() - started);
      }
      times.sort((a, b) => a - b);
      total += times[10]!;
    }
  } finally {
    await client.end({ timeout: 5 });
  }
  return { statements: statements.length, ms: Math.round(total * 10) / 10 };
}

export async function runPagesBench() {
  const adminUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    console.log("\n== pages ==\n  skipped: set BENCH_DATABASE_URL (or TEST_DATABASE_URL) to a PostgreSQL admin URL");
    return;
  }
  if (!existsSync(path.join(ROOT, "build/server/index.js"))) throw new Error("Build the app first: npx remix build");
  const sizes = (process.env.BENCH_SIZES ?? "10000,200000").split(",").map(Number).filter((n) => n > 0);
  const seconds = Number(process.env.BENCH_SECONDS ?? 10);
  const soakSeconds = Number(process.env.BENCH_SOAK_SECONDS ?? 60);
  const phases: Phase[] = [];
  const notes: string[] = [];
  // autocannon's timers do not hold the process: a run that never ends must not end the bench silently.
  const keepAlive = setInterval(() => {}, 60_000);
  for (const size of sizes) {
    const name = `${process.env.BENCH_DATABASE_PREFIX ?? `keydesk_bench_pages_${process.pid}`}_${size}`;
    const keep = process.env.BENCH_KEEP_DATABASE === "1";
    const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
    const url = withDatabase(adminUrl, name);
    let seeded = false;
    if (keep && (await admin`select 1 from pg_database where datname = ${name}`).length > 0) {
      const existing = postgres(url, { max: 1, onnotice: () => {} });
      const [row] = await existing<{ n: string }[]>`select count(*) as n from tickets`.catch(() => [{ n: "0" }]);
      await existing.end();
      seeded = Number(row!.n) >= size;
    }
    if (!seeded) {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.unsafe(`create database ${name}`);
    }
    await admin.end();
    const dataDir = mkdtempSync(path.join(tmpdir(), "keydesk-bench-pages-"));
    const servers: Server[] = [];
    try {
      const handle = openPostgres(url, 10);
      const seedStarted = performance.now();
      await migrateDatabase(handle, url);
      useDatabase(handle);
      if (!seeded) await seed(handle, size, 5);
      // The pages measured, not the second factor's enrolment: staff sign in with a password here.
      await saveSecuritySettings({ requireTwoFactorForStaff: false });
      const [engineer] = await handle.query<{ email: string }>("select email from users where role = 'engineer' order by email limit 1");
      await handle.query("update users set password_hash = $1 where email = $2", [await hashPassword(PASSWORD), engineer!.email]);
      const numbers = (await handle.query<{ number: number }>("select number from tickets where status in ('new','open','pending','on_hold') order by random() limit 500")).map((r) => r.number);
      const [counts] = await handle.query<{ tickets: string; messages: string }>("select (select count(*) from tickets) as tickets, (select count(*) from ticket_messages) as messages");
      await handle.close();
      useDatabase(null);
      notes.push(`${size}: ${counts!.tickets} tickets, ${counts!.messages} messages ${seeded ? "kept from an earlier run, migrated in" : "seeded in"} ${Math.round((performance.now() - seedStarted) / 1000)} s`);
      if (process.env.BENCH_SEED_ONLY === "1") continue;

      const server = await startServer(url, dataDir, {});
      servers.push(server);
      const cookie = await signIn(server.base, engineer!.email);
      const pages: Array<[string, () => string]> = [
        ["queue", () => "/desk/tickets?queue=open"],
        ["ticket", () => `/desk/tickets/${numbers[Math.floor(Math.random() * numbers.length)]}`],
      ];
      const probe = await fetch(`${server.base}/desk/tickets?queue=open`, { headers: { cookie }, redirect: "manual" });
      if (probe.status !== 200) throw new Error(`The queue page answered ${probe.status} ${probe.headers.get("location") ?? ""}: ${(await probe.text()).slice(0, 500)}`);
      const queueHtml = await (await fetch(`${server.base}/desk/tickets?queue=open`, { headers: { cookie } })).text();
      notes.push(`${size}: queue page ${Math.round(queueHtml.length / 1024)} kB of HTML`);
      for (const [page, paths] of pages) {
        await load(server, cookie, paths, 10, 3); // warm-up
        for (const connections of [1, 10]) phases.push({ size, page, connections, ...(await load(server, cookie, paths, connections, seconds)) });
      }
      const memoryBefore = await memoryOf(server);
      let flip = 0;
      const soak = await load(server, cookie, () => (flip++ % 2 === 0 ? pages[0]![1]() : pages[1]![1]()), 10, soakSeconds);
      const memoryAfter = await memoryOf(server);
      const sum = (list: Memory[], key: keyof Memory) => mib(list.reduce((a, m) => a + m[key], 0));
      notes.push(
        `${size}: soak ${soakSeconds} s at 10 connections, ${soak.requests} pages (${soak.perSecond}/s, p95 ${soak.p95} ms): RSS of ${memoryAfter.length} processes ${sum(memoryBefore, "rss")} → ${sum(memoryAfter, "rss")} MiB, heap after GC ${sum(memoryBefore, "heapUsed")} → ${sum(memoryAfter, "heapUsed")} MiB`,
      );
      await server.stop();
      servers.pop();

      const traceFile = path.join(dataDir, "sql-trace.jsonl");
      const traced = await startServer(url, dataDir, { WEB_CONCURRENCY: "1", SQL_TRACE_FILE: traceFile });
      servers.push(traced);
      const tracedCookie = await signIn(traced.base, engineer!.email);
      for (const [page, paths] of pages) {
        const sql = await rawSqlMs(url, traceFile, traced.base, tracedCookie, paths());
        const app = phases.find((p) => p.size === size && p.page === page && p.connections === 1)!;
        notes.push(`${size}: ${page} page sends ${sql.statements} statements, ${sql.ms} ms of raw SQL against p50 ${app.p50} ms in the app (×${(app.p50 / Math.max(sql.ms, 0.1)).toFixed(1)})`);
      }
    } finally {
      for (const server of servers) await server.stop();
      if (!keep) {
        const drop = postgres(adminUrl, { max: 1, onnotice: () => {} });
        await drop.unsafe(`drop database if exists ${name} with (force)`).catch(() => {});
        await drop.end();
      }
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
  clearInterval(keepAlive);
  console.log("\n== pages (HTTP, production start, PostgreSQL) ==");
  console.log(`  WEB_CONCURRENCY=${process.env.WEB_CONCURRENCY ?? "auto"} · ${seconds} s per phase · load average now ${loadavg().map((n) => n.toFixed(1)).join(" ")}`);
  console.table(phases.map((p) => ({ tickets: p.size, page: p.page, connections: p.connections, "pages/s": p.perSecond, "p50 ms": p.p50, "p95 ms": p.p95, "CPU ms/page": p.cpuMsPerPage, non2xx: p.non2xx })));
  for (const note of notes) console.log(`  ${note}`);
  const ratio = (page: string, connections: number) => {
    const small = phases.find((p) => p.page === page && p.connections === connections && p.size === sizes[0]);
    const large = phases.find((p) => p.page === page && p.connections === connections && p.size === sizes.at(-1));
    return small && large ? (large.p95 / small.p95).toFixed(2) : "-";
  };
  if (sizes.length > 1) {
    console.log(`  p95 ratio ${sizes.at(-1)} / ${sizes[0]}: queue ${ratio("queue", 1)} (1 conn), ${ratio("queue", 10)} (10 conn); ticket ${ratio("ticket", 1)}, ${ratio("ticket", 10)}`);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  await runPagesBench();
  process.exit(0);
}
