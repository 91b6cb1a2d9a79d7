import { spawn, type ChildProcess } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import { connect } from "node:net";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "../..");
const BUILD = path.join(ROOT, "build/server/index.js");

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(full));
    else if (!entry.name.includes(".test.")) newest = Math.max(newest, statSync(full).mtimeMs);
  }
  return newest;
}

/**
 * Tests that run `server.mjs` as a real process need the built app (`npm test` builds before
 * the integration tests). A missing or stale build fails here with what to do, rather than
 * testing old code.
 */
export function assertFreshBuild(): void {
  let built: number;
  try {
    built = statSync(BUILD).mtimeMs;
  } catch {
    throw new Error("These tests start the built app: run `npx remix build` first (npm test does).");
  }
  const newest = Math.max(newestSource(path.join(ROOT, "app")), newestSource(path.join(ROOT, "db")), statSync(path.join(ROOT, "server.mjs")).mtimeMs);
  if (newest > built) throw new Error("The build is older than the source: run `npx remix build` again.");
}

export type AppServer = {
  port: number;
  url: string;
  process: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
  stop: () => Promise<number | null>;
};

/** Starts `node server.mjs` with the given environment; output is collected for assertions. */
export function startAppServer(port: number, env: Record<string, string>): AppServer {
  const child: ChildProcess = spawn(process.execPath, ["server.mjs"], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", PORT: String(port), ...env } as unknown as NodeJS.ProcessEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    process: child,
    output: () => output,
    exited,
    async stop() {
      if (child.exitCode === null) child.kill("SIGTERM");
      return exited;
    },
  };
}

/** Polls `check` until it returns true (or throws after `attempts` tries, with the server's output). */
export async function waitUntil(what: string, check: () => Promise<boolean>, server?: AppServer, attempts = 600): Promise<void> {
  for (let i = 0; i < attempts; i++) {
    if (await check().catch(() => false)) return;
    if (server && server.process.exitCode !== null) break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`Gave up waiting: ${what}\n${server?.output() ?? ""}`);
}

export async function statusOf(url: string): Promise<{ status: number; body: unknown } | null> {
  try {
    const response = await fetch(url);
    const text = await response.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      /* not JSON */
    }
    return { status: response.status, body };
  } catch {
    return null;
  }
}

/** Fails when something already listens on `port` (the test would talk to the wrong server). */
export async function assertPortFree(port: number): Promise<void> {
  const inUse = await new Promise<boolean>((resolve) => {
    const socket = connect({ port, host: "127.0.0.1" });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
  if (inUse) throw new Error(`Port ${port} is in use; set INSTANCE_TEST_PORT_A / INSTANCE_TEST_PORT_B to free ports.`);
}
