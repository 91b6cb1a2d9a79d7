/**
 * Bench section `mail`: messages accepted per second through the MTA pipe endpoint
 * (POST /api/v1/mail/inbound) of the BUILT app (`npm run build` first), each message with a PNG
 * attachment: 80 % new tickets from known contacts, 10 % unknown senders (auto-reply), 10 %
 * auto-replies (ignored). Every message has its own Message-ID, so each one is really queued.
 * Then the app stops and the queue is drained here by the background job's own function
 * (`processInboundQueue`, one worker): messages filed per second, reported beside the accept rate.
 *
 * Database: PostgreSQL when BENCH_DATABASE_URL (or TEST_DATABASE_URL) is set (a database
 * `keydesk_bench_mail_<pid>` is created and dropped), else PGlite in a temporary folder.
 * Knobs: BENCH_SECONDS (15), BENCH_CONNECTIONS (8), BENCH_CONTACTS (200).
 * Run alone: `npm run bench -- mail`.
 */
import { spawn } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import postgres from "postgres";
import { licences, organisations, products, users } from "#db/schema";
import { generateLicenceKey, parseLicenceKey } from "~/modules/licensing/licence-key";
import { migrateDatabase, openPglite, openPostgres, useDatabase, type DatabaseHandle } from "~/utils/db.server";
import { freePort } from "./common";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const DAY = 86_400_000;
const TOKEN = randomBytes(24).toString("base64url");
const PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";


async function seed(handle: DatabaseHandle, contacts: number, now: Date): Promise<string[]> {
  const db = handle.db;
  const [product] = await db.insert(products).values({ slug: "bench-mail", name: "Bench Mail", listPriceMinor: 1_200_000, currency: "RUB" }).returning({ id: products.id });
  const addresses: string[] = [];
  for (let i = 0; i < contacts; i++) {
    const [org] = await db.insert(organisations).values({ name: `Mail Org ${i}` }).returning({ id: organisations.id });
    const email = `contact-${i}@bench-mail.example`;
    await db.insert(users).values({ email, name: `Contact ${i}`, role: "customer", organisationId: org!.id });
    const parsed = parseLicenceKey(generateLicenceKey((n) => randomBytes(n)));
    if (!parsed.ok) throw new Error("bad key");
    await db.insert(licences).values({
      keyCanonical: parsed.canonical,
      productId: product!.id,
      organisationId: org!.id,
      firstActivatedAt: new Date(now.getTime() - 30 * DAY),
      supportUntil: new Date(now.getTime() + 300 * DAY),
      productionHost: `shop-${i}.example.com`,
    });
    addresses.push(email);
  }
  return addresses;
}

function message(from: string, kind: "new" | "unknown" | "auto"): string {
  const boundary = `b-${randomUUID()}`;
  return [
    `Message-ID: <${randomUUID()}@bench.example>`,
    `From: ${kind === "unknown" ? `stranger-${randomUUID().slice(0, 8)}@elsewhere.example` : from}`,
    "To: support@keydesk.localhost",
    `Subject: ${kind === "auto" ? "Automatic reply: out of office" : "Export stopped working"}`,
    ...(kind === "auto" ? ["Auto-Submitted: auto-replied"] : []),
    "MIME-Version: 1.0",
    `Content-Type: multipart/mixed; boundary="${boundary}"`,
    "",
    `--${boundary}`,
    "Content-Type: text/plain; charset=utf-8",
    "",
    "Since the update the export is empty. Screenshot attached.\r\n\r\nOn Mon, Support wrote:\r\n> Hello",
    `--${boundary}`,
    'Content-Type: image/png; name="screen.png"',
    'Content-Disposition: attachment; filename="screen.png"',
    "Content-Transfer-Encoding: base64",
    "",
    PNG,
    `--${boundary}--`,
    "",
  ].join("\r\n");
}

export async function runMailBench(): Promise<void> {
  const seconds = Number(process.env.BENCH_SECONDS ?? 15);
  const connections = Number(process.env.BENCH_CONNECTIONS ?? 8);
  const contacts = Number(process.env.BENCH_CONTACTS ?? 200);
  if (!existsSync(path.join(ROOT, "build/server/index.js"))) throw new Error("No build: run `npm run build` first (the bench serves the built app).");
  const adminUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  const dataDir = mkdtempSync(path.join(tmpdir(), "keydesk-bench-mail-"));
  const dbName = `keydesk_bench_mail_${process.pid}`;
  let databaseUrl: string | undefined;
  let handle: DatabaseHandle;
  if (adminUrl) {
    const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`drop database if exists ${dbName}`);
    await admin.unsafe(`create database ${dbName}`);
    await admin.end();
    const u = new URL(adminUrl);
    u.pathname = `/${dbName}`;
    databaseUrl = u.toString();
    handle = openPostgres(databaseUrl, 4);
  } else {
    handle = openPglite(path.join(dataDir, "pglite"));
  }
  let server: ReturnType<typeof spawn> | null = null;
  try {
    await migrateDatabase(handle, databaseUrl);
    const addresses = await seed(handle, contacts, new Date());
    const kind = handle.kind;
    await handle.close();
    const port = await freePort();
    server = spawn(process.execPath, ["server.mjs"], {
      cwd: ROOT,
      env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, DATABASE_URL: databaseUrl ?? "", RUN_JOBS: "false", SEED_DEMO: "false", RESEND_API_KEY: "", MAIL_INBOUND_TOKEN: TOKEN },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    server.stdout?.on("data", (c: Buffer) => (output += c.toString()));
    server.stderr?.on("data", (c: Buffer) => (output += c.toString()));
    const base = `http://127.0.0.1:${port}`;
    for (let i = 0; ; i++) {
      if (await fetch(`${base}/readyz`).then((r) => r.ok, () => false)) break;
      if (i > 240 || server.exitCode !== null) throw new Error(`The app did not start:\n${output}`);
      await new Promise((r) => setTimeout(r, 250));
    }
    let counter = 0;
    const statuses: Record<string, number> = {};
    const bodyFor = () => {
      const i = counter++;
      return message(addresses[i % addresses.length]!, i % 10 === 8 ? "unknown" : i % 10 === 9 ? "auto" : "new");
    };
    const run = async (duration: number) => {
      const instance = autocannon({
        url: `${base}/api/v1/mail/inbound`,
        connections,
        duration,
        requests: [{ method: "POST", headers: { "content-type": "message/rfc822", authorization: `Bearer ${TOKEN}` }, setupRequest: (req: { method?: string }) => ({ ...req, body: bodyFor() }) }],
      });
      instance.on("response", (_client: unknown, status: number) => (statuses[status] = (statuses[status] ?? 0) + 1));
      return instance;
    };
    await run(3); // warm-up
    for (const key of Object.keys(statuses)) delete statuses[key];
    const result = await run(seconds);
    console.log("\n== mail ==");
    console.log(`  POST /api/v1/mail/inbound on ${kind} · ${contacts} contacts · each message with a PNG attachment · 80 % new tickets, 10 % unknown senders, 10 % auto-replies`);
    console.table([
      {
        connections,
        seconds,
        messages: result.requests.total,
        "messages/s": Math.round(result.requests.total / seconds),
        "p50 ms": result.latency.p50,
        "p99 ms": result.latency.p99,
        non2xx: result.non2xx,
        "5xx": Object.entries(statuses).filter(([s]) => s.startsWith("5")).reduce((n, [, v]) => n + v, 0),
      },
    ]);
    console.log(`  status codes: ${Object.entries(statuses).map(([s, n]) => `${s} × ${n}`).join(", ")} (target ≥ 100 messages/s, no 5xx)`);

    // Drain what was accepted (warm-up included) as the background job does, after the app stopped.
    server.kill("SIGTERM");
    await new Promise((r) => server!.once("exit", r));
    Object.assign(process.env, { DATA_DIR: dataDir, DATABASE_URL: databaseUrl ?? "", RESEND_API_KEY: "", MAIL_INBOUND_TOKEN: TOKEN });
    const drainHandle = databaseUrl ? openPostgres(databaseUrl, 4) : openPglite(path.join(dataDir, "pglite"));
    useDatabase(drainHandle);
    try {
      const { processInboundQueue } = await import("~/modules/mail/queue.server");
      const started = performance.now();
      let processed = 0;
      let failed = 0;
      const outcomes: Record<string, number> = {};
      for (;;) {
        const run = await processInboundQueue({ maxMs: 10_000 });
        processed += run.processed;
        failed += run.failed;
        for (const [k, n] of Object.entries(run.outcomes)) outcomes[k] = (outcomes[k] ?? 0) + n;
        if (run.processed + run.failed === 0) break;
      }
      const elapsed = (performance.now() - started) / 1000;
      console.log(`  background job (one worker) filed ${processed} queued messages in ${elapsed.toFixed(1)} s: ${Math.round(processed / elapsed)} messages/s; failed ${failed}`);
      console.log(`  outcomes: ${Object.entries(outcomes).map(([k, n]) => `${k} × ${n}`).join(", ")}`);
    } finally {
      useDatabase(null);
      await drainHandle.close();
    }
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
