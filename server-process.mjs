// One Keydesk HTTP server process (see server.mjs for the entry point): listens at once (so health checks answer while migrations run), starts
// the application (database, migrations, demo data, jobs), then serves the Remix build.
// `npm start` builds first; `npm run serve` reuses an existing build.
//
// Health: GET /healthz is liveness (200 while starting, then the database's state); GET /readyz
// is readiness (503 while starting — migrations included — and while stopping).
// SIGTERM/SIGINT: stop accepting connections, finish the requests in flight (up to
// SHUTDOWN_TIMEOUT_SECONDS), then stop the jobs and close the database.
import { createRequestHandler } from "@remix-run/express";
import { clearInterval, clearTimeout, setInterval } from "node:timers";
import { getHeapSpaceStatistics } from "node:v8";
import { createServerApp } from "./server-app.mjs";

const build = await import("./build/server/index.js");
const { startApplication, stopApplication, checkHealth, configuration, guardBuild } = build.entry.module;

function fail(error) {
  // A configuration error is a readable sentence; anything else needs its stack to be fixed.
  console.error(error instanceof Error && error.name === "ConfigurationError" ? error.message : error);
  process.exit(1);
}

let env;
try {
  env = configuration();
} catch (error) {
  fail(error);
}

/** starting → ready → stopping */
let state = "starting";
const noStore = { "Cache-Control": "no-store" };

async function readiness(req, res, next) {
  if (req.path !== "/readyz" || (req.method !== "GET" && req.method !== "HEAD")) {
    next();
    return;
  }
  if (state !== "ready") {
    res.status(503).set(noStore).json({ status: state });
    return;
  }
  try {
    const health = await checkHealth();
    res.status(health.ok ? 200 : 503).set(noStore).json(health.body);
  } catch {
    res.status(503).set(noStore).json({ status: "down" });
  }
}
function gate(req, res, next) {
  if (state === "starting") {
    if (req.path === "/healthz") res.status(200).set(noStore).json({ status: "starting" });
    else res.status(503).set({ ...noStore, "Retry-After": "5" }).type("text/plain").send("Keydesk is starting");
    return;
  }
  // A request on a connection opened before the stop is finished, and the connection closed.
  if (state === "stopping") res.set("Connection", "close");
  next();
}

const app = createServerApp({
  trustedProxies: env.TRUSTED_PROXIES,
  production: env.NODE_ENV === "production",
  before: [readiness, gate],
  handler: createRequestHandler({ build: guardBuild(build), getLoadContext: (_req, res) => ({ cspNonce: res.locals.cspNonce }) }),
});

const server = app.listen(env.PORT);
await new Promise((resolve, reject) => {
  server.once("listening", resolve);
  server.once("error", reject);
}).catch(fail);

let started;
try {
  started = await startApplication();
} catch (error) {
  fail(error);
}
if (state === "starting") {
  state = "ready";
  const worker = process.env.KEYDESK_WORKER ? `worker ${process.env.KEYDESK_WORKER}, pid ${process.pid}, ` : "";
  console.log(`Keydesk is running at http://localhost:${started.port} (${worker}database: ${started.database}, jobs: ${started.jobs ? "on" : "off"})`);
}

async function shutdown(signal) {
  if (state === "stopping") return;
  const wasReady = state === "ready";
  state = "stopping";
  console.log(`${signal}: stopping — no new connections; finishing the requests in flight`);
  const closed = new Promise((resolve) => server.close(() => resolve()));
  // Keep-alive connections are closed as soon as their request in flight has been answered.
  const sweep = setInterval(() => server.closeIdleConnections(), 200);
  server.closeIdleConnections();
  const deadline = setTimeout(() => {
    console.log(`Requests still running after ${env.SHUTDOWN_TIMEOUT_SECONDS} s: closing their connections`);
    server.closeAllConnections();
  }, env.SHUTDOWN_TIMEOUT_SECONDS * 1000);
  await closed;
  clearInterval(sweep);
  clearTimeout(deadline);
  if (wasReady) {
    console.log("Requests finished; stopping jobs");
    await stopApplication().catch((error) => console.error(error));
  }
  console.log("Stopped");
  process.exit(0);
}
process.on("SIGINT", () => void shutdown("SIGINT"));
// The benchmark's memory probe (`npm run bench pages`): with KEYDESK_MEMORY_PROBE=1 and node's
// --expose-gc, SIGUSR2 collects garbage and prints this process's memory as one JSON line.
if (process.env.KEYDESK_MEMORY_PROBE === "1") {
  process.on("SIGUSR2", () => {
    globalThis.gc?.();
    // Each V8 heap space's reserved size beside the totals: which one keeps what a load made it take.
    const spaces = Object.fromEntries(getHeapSpaceStatistics().map((s) => [s.space_name, s.space_size]));
    console.log(`memory-probe ${JSON.stringify({ pid: process.pid, ...process.memoryUsage(), spaces })}`);
  });
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
