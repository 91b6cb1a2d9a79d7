/**
 * Bench section `licence-api`: POST /api/v1/licences/validate on 100 000 licences.
 *
 * Seeds a fresh database — PostgreSQL when BENCH_DATABASE_URL (or TEST_DATABASE_URL) is set (a
 * new database `keydesk_bench_<pid>` is created and dropped), otherwise PGlite in a temporary
 * folder — then starts the BUILT app (`node server.mjs`, run `npm run build` first) in its own
 * process with the rate limit off (API_RATE_LIMIT_PER_MINUTE=0), and drives it with autocannon,
 * keys spread over the whole set. Prints requests/s and latency percentiles (from every
 * response, not autocannon's histogram buckets), and checks a sample signature.
 *
 * Knobs: BENCH_LICENCES (100000), BENCH_SECONDS (20), BENCH_CONNECTIONS (10).
 * Run alone: `node --import tsx tests/bench/licence-api.bench.ts`.
 */
import { spawn } from "node:child_process";
import { createPublicKey, randomBytes, verify } from "node:crypto";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import autocannon from "autocannon";
import postgres from "postgres";
import { licences, organisations, products, releases } from "#db/schema";
import { generateLicenceKey, parseLicenceKey } from "~/modules/licensing/licence-key";
import { migrateDatabase, openPglite, openPostgres, type DatabaseHandle } from "~/utils/db.server";
import { freePort, percentile } from "./common";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const DAY = 86_400_000;

export type LoadPhase = {
  phase: string;
  connections: number;
  seconds: number;
  requests: number;
  requestsPerSecond: number;
  latencyMs: { p50: number; p95: number; p99: number; max: number };
  non2xx: number;
};

export type LicenceApiBenchResult = {
  database: "pglite" | "postgres";
  licences: number;
  phases: LoadPhase[];
  codes: Record<string, number>;
  seedSeconds: number;
};



function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** 100 000 keys in memory, then batched multi-row inserts (5 000 rows a statement). */
async function seed(handle: DatabaseHandle, count: number, now: Date) {
  const db = handle.db;
  const [org] = await db.insert(organisations).values({ name: "Bench Org" }).returning({ id: organisations.id });
  const productRows = await db
    .insert(products)
    .values([
      { slug: "bench-a", name: "Bench A", listPriceMinor: 1_200_000, currency: "RUB" },
      { slug: "bench-b", name: "Bench B", listPriceMinor: 2_400_000, currency: "RUB", requiredPlatform: "1C-Bitrix" },
      { slug: "bench-free", name: "Bench Free", listPriceMinor: 0, currency: "RUB", free: true },
    ])
    .returning({ id: products.id });
  for (const product of productRows) {
    await db.insert(releases).values(
      Array.from({ length: 12 }, (_, i) => ({ productId: product.id, version: `1.${i}.0`, publishedAt: new Date(now.getTime() - (700 - i * 60) * DAY) })),
    );
  }
  const keys: string[] = [];
  const hosts: string[] = [];
  const batchSize = 5_000;
  for (let start = 0; start < count; start += batchSize) {
    const rows: Array<typeof licences.$inferInsert> = [];
    for (let i = start; i < Math.min(count, start + batchSize); i++) {
      const parsed = parseLicenceKey(generateLicenceKey((n) => randomBytes(n)));
      if (!parsed.ok) throw new Error("bad key");
      const host = `site-${i}.example.com`;
      const activated = i % 10 !== 0; // 10 % never activated
      const activatedAt = new Date(now.getTime() - (i % 700) * DAY); // about half still in support
      keys.push(parsed.canonical);
      hosts.push(host);
      rows.push({
        keyCanonical: parsed.canonical,
        productId: productRows[i % productRows.length]!.id,
        organisationId: org!.id,
        firstActivatedAt: activated ? activatedAt : null,
        supportUntil: activated ? new Date(activatedAt.getTime() + 365 * DAY) : null,
        productionHost: activated ? host : null,
        revokedAt: i % 97 === 0 ? now : null,
      });
    }
    await db.insert(licences).values(rows);
  }
  return { keys, hosts };
}

export async function runLicenceApiBench(options: { licences?: number; seconds?: number; connections?: number } = {}): Promise<LicenceApiBenchResult> {
  const count = options.licences ?? Number(process.env.BENCH_LICENCES ?? 100_000);
  const seconds = options.seconds ?? Number(process.env.BENCH_SECONDS ?? 15);
  const connections = options.connections ?? Number(process.env.BENCH_CONNECTIONS ?? 10);
  if (!existsSync(path.join(ROOT, "build/server/index.js"))) throw new Error("No build: run `npm run build` first (the bench serves the built app).");

  const adminUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  const dataDir = mkdtempSync(path.join(tmpdir(), "keydesk-bench-"));
  const dbName = `keydesk_bench_${process.pid}`;
  let databaseUrl: string | undefined;
  let handle: DatabaseHandle;
  if (adminUrl) {
    const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`drop database if exists ${dbName}`);
    await admin.unsafe(`create database ${dbName}`);
    await admin.end();
    databaseUrl = withDatabase(adminUrl, dbName);
    handle = openPostgres(databaseUrl, 4);
  } else {
    handle = openPglite(path.join(dataDir, "pglite"));
  }

  let server: ReturnType<typeof spawn> | null = null;
  try {
    const seedStart = performance.now();
    await migrateDatabase(handle, databaseUrl);
    const now = new Date();
    const { keys, hosts } = await seed(handle, count, now);
    if (handle.kind === "postgres") await handle.exec("analyze");
    await handle.close(); // PGlite has one owner: the app process opens it next.
    const seedSeconds = (performance.now() - seedStart) / 1000;

    const port = await freePort();
    server = spawn(process.execPath, ["server.mjs"], {
      cwd: ROOT,
      env: {
        ...process.env,
        PORT: String(port),
        DATA_DIR: dataDir,
        DATABASE_URL: databaseUrl ?? "",
        RUN_JOBS: "false",
        SEED_DEMO: "false",
        API_RATE_LIMIT_PER_MINUTE: "0",
        RESEND_API_KEY: "",
        STRIPE_SECRET_KEY: "",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let serverOutput = "";
    server.stdout?.on("data", (c: Buffer) => (serverOutput += c.toString()));
    server.stderr?.on("data", (c: Buffer) => (serverOutput += c.toString()));
    const base = `http://127.0.0.1:${port}`;
    for (let i = 0; ; i++) {
      if (await fetch(`${base}/readyz`).then((r) => r.ok, () => false)) break;
      if (i > 240 || server.exitCode !== null) throw new Error(`The app did not start:\n${serverOutput}`);
      await new Promise((r) => setTimeout(r, 250));
    }

    // One signed answer checked end to end before measuring.
    const { pem } = (await (await fetch(`${base}/api/v1/public-key`)).json()) as { pem: string };
    const probe = await fetch(`${base}/api/v1/licences/validate`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ key: keys[1], host: hosts[1] }) });
    const probeBody = await probe.text();
    const signatureOk = verify(null, Buffer.from(probeBody), createPublicKey(pem), Buffer.from(probe.headers.get("X-Keydesk-Signature") ?? "", "base64"));
    if (!signatureOk) throw new Error(`Signature check failed on ${probeBody}`);

    const bodyFor = (i: number) => {
      const index = Math.floor(Math.random() * keys.length);
      // Mostly the licence's own host; some mismatches and development hosts, like real traffic.
      const host = i % 20 === 0 ? "localhost" : i % 25 === 0 ? "elsewhere.example.com" : hosts[index]!;
      return JSON.stringify({ key: keys[index], host, version: "1.3.0" });
    };
    let counter = 0;
    const load = async (phase: string, phaseConnections: number, duration: number): Promise<LoadPhase> => {
      const latencies: number[] = [];
      const instance = autocannon({
        url: `${base}/api/v1/licences/validate`,
        connections: phaseConnections,
        duration,
        requests: [{ method: "POST", headers: { "content-type": "application/json" }, setupRequest: (req: { method?: string }) => ({ ...req, body: bodyFor(counter++) }) }],
      });
      instance.on("response", (_client: unknown, _status: number, _bytes: number, responseTime: number) => latencies.push(responseTime));
      const result = await instance;
      latencies.sort((a, b) => a - b);
      const round = (n: number) => Math.round(n * 100) / 100;
      return {
        phase,
        connections: phaseConnections,
        seconds: duration,
        requests: result.requests.total,
        requestsPerSecond: Math.round(result.requests.total / duration),
        latencyMs: { p50: round(percentile(latencies, 50)), p95: round(percentile(latencies, 95)), p99: round(percentile(latencies, 99)), max: round(latencies.at(-1) ?? NaN) },
        non2xx: result.non2xx,
      };
    };
    await load("warm-up", connections, 3); // JIT, connection pools, release cache
    // Saturation: as many requests as the app can take. Light load: two modules asking at once.
    const phases = [await load("saturation", connections, seconds), await load("light load", 2, Math.max(5, Math.round(seconds / 2)))];

    // A sample of codes, to show the mix the numbers were measured on.
    const codes: Record<string, number> = {};
    for (let i = 0; i < 200; i++) {
      const r = await fetch(`${base}/api/v1/licences/validate`, { method: "POST", headers: { "Content-Type": "application/json" }, body: bodyFor(i) });
      const { code } = (await r.json()) as { code: string };
      codes[code] = (codes[code] ?? 0) + 1;
    }

    return {
      database: handle.kind,
      licences: count,
      phases,
      codes,
      seedSeconds: Math.round(seedSeconds * 10) / 10,
    };
  } finally {
    if (server && server.exitCode === null) {
      server.kill("SIGTERM");
      await new Promise((r) => server!.once("exit", r));
    }
    if (adminUrl) {
      const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
      await admin.unsafe(`drop database if exists ${dbName} with (force)`).catch(() => {});
      await admin.end();
    }
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export function printLicenceApiResult(r: LicenceApiBenchResult): void {
  console.log("\n== licence-api ==");
  console.log(`  POST /api/v1/licences/validate · ${r.licences.toLocaleString("en")} licences on ${r.database} (seeded in ${r.seedSeconds} s)`);
  console.log("  autocannon against the built app (node server.mjs) · rate limit off · random keys over the whole set");
  console.table(
    r.phases.map((p) => ({
      phase: p.phase,
      connections: p.connections,
      seconds: p.seconds,
      "requests/s": p.requestsPerSecond,
      "p50 ms": p.latencyMs.p50,
      "p95 ms": p.latencyMs.p95,
      "p99 ms": p.latencyMs.p99,
      "max ms": p.latencyMs.max,
      non2xx: p.non2xx,
    })),
  );
  console.log(`  answer mix (sample of 200): ${Object.entries(r.codes).map(([k, v]) => `${k} ${v}`).join(", ")}`);
  const light = r.phases.find((p) => p.phase === "light load");
  if (light) console.log(`  target p95 < 20 ms (light load): ${light.latencyMs.p95 < 20 ? "met" : "NOT met"} · load average now: ${loadavg().map((n) => n.toFixed(1)).join(" ")}`);
}

export async function main(): Promise<void> {
  printLicenceApiResult(await runLicenceApiBench());
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  main().catch((error) => {
    console.error(error);
    process.exitCode = 1;
  });
}
