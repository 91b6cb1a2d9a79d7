import { createHash, generateKeyPairSync, randomBytes } from "node:crypto";
import { request as httpRequest } from "node:http";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { desc, eq } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { attachments, tickets } from "#db/schema";
import { currentDatabase, openPostgres, useDatabase, type DatabaseHandle } from "~/utils/db.server";
import { TEST_PASSWORD } from "../factories/accounts";
import { customerWithLicence, fileTestTicket } from "../factories/tickets";
import { assertFreshBuild, assertPortFree, startAppServer, statusOf, waitUntil, type AppServer } from "../setup/app-server";

const adminUrl = process.env.TEST_DATABASE_URL;
const onPostgres = process.env.KEYDESK_TEST_DRIVER === "postgres" && !!adminUrl;
// Must match MIGRATION_LOCK_KEY in app/utils/db.server.ts.
const MIGRATION_LOCK_KEY = 720_431_001;
const PORTS = [Number(process.env.INSTANCE_TEST_PORT_A ?? 3206), Number(process.env.INSTANCE_TEST_PORT_B ?? 3296)] as const;
const CLUSTER_PORT = Number(process.env.INSTANCE_TEST_PORT_C ?? 3276);

/**
 * Several app instances behind one balancer on one PostgreSQL database, as the README's
 * "Running several instances" describes: real `server.mjs` processes on their own ports with
 * the same three secrets and their own data folders, files in the database backend.
 */
describe.skipIf(!onPostgres)("several instances on one PostgreSQL database", () => {
  const name = `keydesk_instances_${process.pid}`;
  const url = new URL(adminUrl ?? "postgres://x/y");
  url.pathname = `/${name}`;
  const dataDirs = [0, 1].map(() => mkdtempSync(path.join(tmpdir(), "keydesk-instance-")));
  const secrets = {
    SESSION_SECRET: randomBytes(32).toString("base64url"),
    ENCRYPTION_KEY: randomBytes(32).toString("base64"),
    LICENCE_SIGNING_KEY: generateKeyPairSync("ed25519").privateKey.export({ format: "pem", type: "pkcs8" }).toString(),
  };
  const envFor = (i: number): Record<string, string> => ({
    ...secrets,
    NODE_ENV: "production",
    SECURE_COOKIES: "false",
    DATABASE_URL: url.toString(),
    DATA_DIR: dataDirs[i]!,
    SHUTDOWN_TIMEOUT_SECONDS: "60",
    // The balancer: both instances believe X-Forwarded-For from loopback, where the test's
    // requests come from, as they would from the balancer's address.
    TRUSTED_PROXIES: "loopback",
  });
  let admin: ReturnType<typeof postgres>;
  let servers: AppServer[] = [];
  let twin: DatabaseHandle;
  let testDatabase: DatabaseHandle;
  let cookie = "";
  let ticketNumber = 0;

  beforeAll(async () => {
    assertFreshBuild();
    admin = postgres(adminUrl!, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
  });

  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    if (twin) await twin.close();
    if (testDatabase) useDatabase(testDatabase);
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
    for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
  });

  it("start together: alive but not ready while the migrations wait, then both ready", async () => {
    // Hold the migration lock, as an instance in the middle of migrating would.
    const holder = postgres(url.toString(), { max: 1, onnotice: () => {} });
    const reserved = await holder.reserve();
    await reserved`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`;
    try {
      for (const port of PORTS) await assertPortFree(port);
      servers = PORTS.map((port, i) => startAppServer(port, envFor(i)));
      for (const server of servers) {
        await waitUntil(`${server.url}/healthz answers`, async () => (await statusOf(`${server.url}/healthz`))?.status === 200, server);
        expect(await statusOf(`${server.url}/healthz`)).toEqual({ status: 200, body: { status: "starting" } });
        expect(await statusOf(`${server.url}/readyz`)).toEqual({ status: 503, body: { status: "starting" } });
        expect((await statusOf(`${server.url}/login`))?.status).toBe(503);
      }
    } finally {
      await reserved`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`;
      reserved.release();
      await holder.end();
    }
    for (const server of servers) {
      await waitUntil(`${server.url}/readyz is 200`, async () => (await statusOf(`${server.url}/readyz`))?.status === 200, server);
      const ready = await statusOf(`${server.url}/readyz`);
      expect(ready?.body).toMatchObject({ status: "ok", database: { driver: "postgres" }, migrations: { current: true } });
      expect(server.output()).toContain("Files: new uploads go to database");
    }
  });

  it("a customer uploads through one instance and downloads the same bytes through the other", async () => {
    testDatabase = currentDatabase();
    twin = openPostgres(url.toString(), 2);
    useDatabase(twin);
    const { customer, licence } = await customerWithLicence({ now: new Date() });
    const ticket = await fileTestTicket(customer, licence, { now: new Date() });
    ticketNumber = ticket.number;

    const [a, b] = servers as [AppServer, AppServer];
    const login = await fetch(`${a.url}/login`, {
      method: "POST",
      body: new URLSearchParams({ email: customer.email, password: TEST_PASSWORD }),
      redirect: "manual",
    });
    expect(login.status).toBe(302);
    cookie = login.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");

    // 5 MB that the content check accepts as gzip.
    const bytes = Buffer.concat([Buffer.from([0x1f, 0x8b, 0x08, 0x00]), randomBytes(5 * 1024 * 1024)]);
    const form = new FormData();
    form.set("intent", "reply");
    form.set("body", "The log you asked for");
    form.set("attachments", new Blob([bytes]), "журнал ошибок.log.gz");
    const reply = await fetch(`${a.url}/portal/tickets/${ticketNumber}`, { method: "POST", body: form, headers: { Cookie: cookie } });
    expect(reply.status).toBe(200);

    const [row] = await twin.db
      .select({ id: attachments.id, storagePath: attachments.storagePath, sha256: attachments.sha256 })
      .from(attachments)
      .innerJoin(tickets, eq(tickets.id, attachments.ticketId))
      .where(eq(tickets.number, ticketNumber))
      .orderBy(desc(attachments.createdAt))
      .limit(1);
    expect(row?.storagePath).toMatch(/^database:attachments\//);

    const download = await fetch(`${b.url}/attachments/${row!.id}`, { headers: { Cookie: cookie } });
    expect(download.status).toBe(200);
    expect(download.headers.get("Content-Disposition")).toContain(encodeURIComponent("журнал ошибок.log.gz"));
    const received = Buffer.from(await download.arrayBuffer());
    expect(received.equals(bytes)).toBe(true);
    expect(createHash("sha256").update(received).digest("hex")).toBe(row!.sha256);
  });

  it("behind the balancer: the client address comes from X-Forwarded-For and both instances share its sign-in throttle", async () => {
    const [a, b] = servers as [AppServer, AppServer];
    const { customer } = await customerWithLicence({ now: new Date() });
    const signIn = (server: AppServer, address: string, password: string) =>
      fetch(`${server.url}/login`, {
        method: "POST",
        body: new URLSearchParams({ email: customer.email, password }),
        headers: { "X-Forwarded-For": address },
        redirect: "manual",
      });
    // Guessing through instance A from one client address: the first five failures are free,
    // the sixth starts a growing delay.
    for (let attempt = 0; attempt < 6; attempt += 1) {
      expect((await signIn(a, "203.0.113.9", "wrong password")).status).toBe(400);
    }
    // Instance B holds the same client back, even with the right password…
    expect((await signIn(b, "203.0.113.9", TEST_PASSWORD)).status).toBe(429);
    // …but not the owner signing in from another address through either instance.
    expect((await signIn(b, "198.51.100.23", TEST_PASSWORD)).status).toBe(302);
  });

  it("stopping an instance refuses new connections, finishes a slow upload in flight, then stops its jobs", async () => {
    const [a, b] = servers as [AppServer, AppServer];
    const bytes = Buffer.concat([Buffer.from([0x1f, 0x8b, 0x08, 0x00]), randomBytes(2 * 1024 * 1024)]);
    const boundary = "----keydesk-slow-upload";
    const head = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="intent"\r\n\r\nreply\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="body"\r\n\r\nSent slowly\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="attachments"; filename="slow.gz"\r\nContent-Type: application/gzip\r\n\r\n`,
    );
    const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
    const body = Buffer.concat([head, bytes, tail]);
    const half = head.length + bytes.length / 2;

    let answered!: (value: { status: number; connection: string | undefined }) => void;
    const response = new Promise<{ status: number; connection: string | undefined }>((resolve) => (answered = resolve));
    const upload = httpRequest(`${a.url}/portal/tickets/${ticketNumber}`, {
      method: "POST",
      headers: { Cookie: cookie, "Content-Type": `multipart/form-data; boundary=${boundary}`, "Content-Length": String(body.length) },
    });
    upload.on("response", (res) => {
      res.resume();
      res.on("end", () => answered({ status: res.statusCode ?? 0, connection: res.headers.connection }));
    });
    upload.on("error", (error) => answered({ status: -1, connection: String(error) }));
    upload.write(body.subarray(0, half));
    // The server is reading the upload; now ask it to stop.
    await waitUntil("the upload reaches the server", async () => a.output().length > 0 && upload.writableLength === 0);
    a.process.kill("SIGTERM");
    await waitUntil("the stopping instance refuses new connections", async () => (await statusOf(`${a.url}/readyz`)) === null, a);
    expect(a.output()).toContain("SIGTERM: stopping");
    expect(a.output()).not.toContain("Requests finished");
    expect(a.process.exitCode).toBeNull();

    upload.end(body.subarray(half));
    expect((await response).status).toBe(200);
    expect(await a.exited).toBe(0);
    const log = a.output();
    expect(log.indexOf("Requests finished; stopping jobs")).toBeGreaterThan(log.indexOf("SIGTERM: stopping"));
    expect(log).toContain("Stopped");

    // The upload was recorded completely and the other instance serves it.
    const [row] = await twin.db
      .select({ id: attachments.id })
      .from(attachments)
      .where(eq(attachments.fileName, "slow.gz"))
      .limit(1);
    const download = await fetch(`${b.url}/attachments/${row!.id}`, { headers: { Cookie: cookie } });
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer()).equals(bytes)).toBe(true);
  });

  it("WEB_CONCURRENCY=2: two server processes on one port, jobs in the first only, a dead one started again, all stopped together", async () => {
    await assertPortFree(CLUSTER_PORT);
    const cluster = startAppServer(CLUSTER_PORT, { ...envFor(0), WEB_CONCURRENCY: "2" });
    servers.push(cluster);
    const running = () => cluster.output().match(/Keydesk is running at [^\n]*/g) ?? [];
    await waitUntil("both workers are ready", async () => running().length === 2, cluster);
    expect(cluster.output()).toContain("starting 2 server processes");
    expect(running().filter((line) => line.includes("jobs: on"))).toEqual([expect.stringContaining("worker 1/2")]);
    expect(running().filter((line) => line.includes("jobs: off"))).toEqual([expect.stringContaining("worker 2/2")]);
    // Both answer on the one port.
    const answers = await Promise.all(Array.from({ length: 8 }, () => statusOf(`${cluster.url}/readyz`)));
    expect(answers.every((a) => a?.status === 200)).toBe(true);

    const pid = Number(/worker 2\/2, pid (\d+)/.exec(cluster.output())![1]);
    process.kill(pid, "SIGKILL");
    await waitUntil("the dead worker is started again", async () => running().length === 3, cluster);
    expect(cluster.output()).toMatch(/Worker 2\/2 \(pid \d+\) ended \(SIGKILL\); starting it again/);
    expect((await statusOf(`${cluster.url}/readyz`))?.status).toBe(200);

    cluster.process.kill("SIGTERM");
    expect(await cluster.exited).toBe(0);
    expect(cluster.output()).toContain("SIGTERM: stopping 2 workers");
    expect(cluster.output().match(/Requests finished; stopping jobs/g)).toHaveLength(2);
  });
});
