import { spawn } from "node:child_process";
import { createHmac, randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { inboundEmails, inboundQueue, settings, tickets } from "#db/schema";
import { receiveEmail } from "~/modules/mail/inbound.server";
import { processInboundQueue } from "~/modules/mail/queue.server";
import { action as pipeAction } from "~/routes/api.v1.mail.inbound";
import { action as resendAction } from "~/routes/webhooks.resend";
import { currentDatabase, db, useDatabase } from "~/utils/db.server";
import { dispatchQueuedEmails, resetEmailClient } from "~/utils/email.server";
import { getEnv, overrideEnvForTests } from "~/utils/env.server";
import { customerWithLicence, fileTestTicket } from "../factories/tickets";

const TOKEN = "pipe-token-0123456789-abcdefghij";
const WEBHOOK_SECRET = `whsec_${Buffer.from("keydesk-resend-inbound-test-secret").toString("base64")}`;
const original = { MAIL_INBOUND_TOKEN: getEnv().MAIL_INBOUND_TOKEN, RESEND_API_KEY: getEnv().RESEND_API_KEY, RESEND_BASE_URL: getEnv().RESEND_BASE_URL, RESEND_WEBHOOK_SECRET: getEnv().RESEND_WEBHOOK_SECRET };

afterEach(() => overrideEnvForTests(original));

/** A customer whose messages file as tickets today (the licence is active now, not only in the factories' week). */
async function currentCustomer() {
  const now = new Date();
  const { organisation, customer, licence } = await customerWithLicence({ now });
  return { organisation, customer, licence, now };
}

function mail(from: string, subject: string, body: string, messageId = `${randomUUID()}@client.example`) {
  return [`Message-ID: <${messageId}>`, `From: ${from}`, "To: support@keydesk.localhost", `Subject: ${subject}`, "MIME-Version: 1.0", "Content-Type: text/plain; charset=utf-8", "", body].join("\r\n");
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Serves one route module's action over real HTTP, as the app does. */
async function serveAction(action: (args: { request: Request; params: Record<string, string>; context: Record<string, unknown> }) => Promise<Response>) {
  const server = createServer(async (req, res) => {
    const body = await readBody(req);
    const request = new Request(`http://127.0.0.1${req.url}`, {
      method: req.method,
      headers: Object.entries(req.headers).flatMap(([k, v]) => (typeof v === "string" ? [[k, v] as [string, string]] : [])),
      body: req.method === "POST" ? new Uint8Array(body) : undefined,
    });
    const response = await action({ request, params: {}, context: {} });
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

function pipe(url: string, message: string, token = TOKEN): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(import.meta.dirname, "..", "..", "mail-pipe.mjs")], {
      env: { ...process.env, APP_URL: undefined, KEYDESK_URL: url, MAIL_INBOUND_TOKEN: token },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("exit", (code: number | null) => resolve({ code, stdout, stderr }));
    child.stdin.end(message);
  });
}

describe("MTA pipe: POST /api/v1/mail/inbound and npm run mail:pipe", () => {
  let app: { server: Server; url: string };
  beforeAll(async () => {
    app = await serveAction(pipeAction);
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => app.server.close(() => resolve()));
  });

  it("the command posts stdin; the message files a ticket; a redelivery exits 0 as a duplicate", async () => {
    overrideEnvForTests({ MAIL_INBOUND_TOKEN: TOKEN });
    const { customer } = await currentCustomer();
    const message = mail(customer.email, "Piped question", "Hello from Postfix.");
    const first = await pipe(app.url, message);
    expect(first).toMatchObject({ code: 0 });
    expect(JSON.parse(first.stdout)).toMatchObject({ outcome: "queued" });
    // Redelivered before and after the job ran: stored once either way.
    const second = await pipe(app.url, message);
    expect(second.code).toBe(0);
    expect(JSON.parse(second.stdout)).toMatchObject({ outcome: "duplicate" });
    expect(await db.select().from(tickets).where(eq(tickets.requesterId, customer.id))).toHaveLength(0);
    const run = await processInboundQueue();
    expect(run).toMatchObject({ processed: 1, failed: 0, outcomes: { ticket_created: 1 } });
    const [queued] = await db.select().from(inboundQueue).where(eq(inboundQueue.id, JSON.parse(first.stdout).queueId));
    expect(queued).toMatchObject({ state: "done", raw: null, outcome: "ticket_created" });
    const third = await pipe(app.url, message);
    expect(JSON.parse(third.stdout)).toMatchObject({ outcome: "duplicate" });
    expect(await processInboundQueue()).toMatchObject({ processed: 0 });
    expect(await db.select().from(tickets).where(eq(tickets.requesterId, customer.id))).toHaveLength(1);
  });

  it("exit 67 on a wrong token or a closed endpoint, 65 on an empty message or one without headers, 75 when Keydesk is unreachable or its database fails", async () => {
    overrideEnvForTests({ MAIL_INBOUND_TOKEN: TOKEN });
    expect((await pipe(app.url, mail("a@b.example", "x", "y"), "wrong-token-0123456789-abcdef")).code).toBe(67);
    expect((await pipe(app.url, "")).code).toBe(65);
    expect((await pipe(app.url, "not a message at all")).code).toBe(65);
    // The database unreachable while the message is stored: a temporary failure, the MTA retries.
    const connected = currentDatabase();
    useDatabase(null);
    try {
      expect((await pipe(app.url, mail("a@b.example", "x", "y"))).code).toBe(75);
    } finally {
      useDatabase(connected);
    }
    expect((await pipe("http://127.0.0.1:9", mail("a@b.example", "x", "y"))).code).toBe(75);
    overrideEnvForTests({ MAIL_INBOUND_TOKEN: undefined });
    expect((await pipe(app.url, mail("a@b.example", "x", "y"))).code).toBe(67);
  });

  it("the endpoint answers 4xx to bad requests, refuses what has no header section, and records a broken message the job cannot read", async () => {
    overrideEnvForTests({ MAIL_INBOUND_TOKEN: TOKEN });
    const post = (headers: Record<string, string>, body: string) => fetch(`${app.url}/api/v1/mail/inbound`, { method: "POST", headers, body });
    const auth = { Authorization: `Bearer ${TOKEN}`, "Content-Type": "message/rfc822" };
    expect((await post({ Authorization: `Bearer ${TOKEN}`, "Content-Type": "application/json" }, "{}")).status).toBe(415);
    expect((await post({ "Content-Type": "message/rfc822" }, "x")).status).toBe(403);
    // A refusal the MTA logs: its detail is English, not a catalogue key.
    const refused = await post(auth, "not a message at all");
    expect(refused.status).toBe(400);
    expect(await refused.json()).toEqual({ error: "invalid", message: "This is not an RFC 822 message: it has no header section." });
    // Headers, then MIME that goes nowhere: accepted, and the job files it as malformed rather than failing.
    const broken = ["Message-ID: <broken-" + randomUUID() + "@client.example>", "From: someone@client.example", "Content-Type: multipart/mixed", "", "--nothing"].join("\r\n");
    const accepted = await post(auth, broken);
    expect(accepted.status).toBe(202);
    expect((await processInboundQueue()).failed).toBe(0);
    const [row] = await db.select().from(inboundQueue).where(eq(inboundQueue.id, ((await accepted.json()) as { queueId: string }).queueId));
    expect(row!.state).toBe("done");
  });
});

describe("Resend inbound webhook", () => {
  let resend: Server;
  let resendUrl = "";
  const stored = new Map<string, string>();
  const requests: string[] = [];
  const sent: Record<string, unknown>[] = [];
  let app: { server: Server; url: string };

  beforeAll(async () => {
    // A stand-in for Resend's API: the real SDK asks it for the received email and downloads the raw message.
    resend = createServer(async (req, res) => {
      requests.push(`${req.method} ${req.url}`);
      if (req.method === "POST" && req.url === "/emails") {
        sent.push(JSON.parse((await readBody(req)).toString("utf8")) as Record<string, unknown>);
        res.setHeader("Content-Type", "application/json");
        res.end(JSON.stringify({ id: `re_${sent.length}` }));
        return;
      }
      const received = /^\/emails\/receiving\/([\w-]+)$/.exec(req.url ?? "");
      const raw = /^\/raw\/([\w-]+)$/.exec(req.url ?? "");
      if (received && stored.has(received[1]!)) {
        res.setHeader("Content-Type", "application/json");
        res.end(
          JSON.stringify({
            object: "email",
            id: received[1],
            to: ["support@keydesk.localhost"],
            from: "x",
            subject: "x",
            created_at: new Date().toISOString(),
            message_id: "<x@y>",
            html: null,
            text: null,
            headers: {},
            bcc: null,
            cc: null,
            reply_to: null,
            received_for: [],
            attachments: [],
            raw: { download_url: `${resendUrl}/raw/${received[1]}`, expires_at: new Date(Date.now() + 3600_000).toISOString() },
          }),
        );
        return;
      }
      if (raw && stored.has(raw[1]!)) {
        res.setHeader("Content-Type", "message/rfc822");
        res.end(stored.get(raw[1]!));
        return;
      }
      res.statusCode = 404;
      res.setHeader("Content-Type", "application/json");
      res.end(JSON.stringify({ name: "not_found", message: "Not found", statusCode: 404 }));
    });
    await new Promise<void>((resolve) => resend.listen(0, "127.0.0.1", resolve));
    resendUrl = `http://127.0.0.1:${(resend.address() as AddressInfo).port}`;
    app = await serveAction(resendAction);
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => resend.close(() => resolve()));
    await new Promise<void>((resolve) => app.server.close(() => resolve()));
  });

  function signed(payload: string, secret = WEBHOOK_SECRET) {
    const id = `msg_${randomUUID()}`;
    const timestamp = String(Math.floor(Date.now() / 1000));
    const key = Buffer.from(secret.slice("whsec_".length), "base64");
    const signature = createHmac("sha256", key).update(`${id}.${timestamp}.${payload}`).digest("base64");
    return { "svix-id": id, "svix-timestamp": timestamp, "svix-signature": `v1,${signature}`, "Content-Type": "application/json" };
  }

  const event = (emailId: string) => JSON.stringify({ type: "email.received", created_at: new Date().toISOString(), data: { email_id: emailId, from: "x", to: [], subject: "x", message_id: "x", created_at: "x" } });

  it("a signed email.received event fetches the message through the SDK and files it once", async () => {
    overrideEnvForTests({ RESEND_API_KEY: "re_test_key", RESEND_BASE_URL: resendUrl, RESEND_WEBHOOK_SECRET: WEBHOOK_SECRET });
    const { customer } = await currentCustomer();
    const id = randomUUID();
    stored.set(id, mail(customer.email, "Re: [#1] nothing", "Sent through Resend."));
    const payload = event(id);
    const first = await fetch(`${app.url}/webhooks/resend`, { method: "POST", headers: signed(payload), body: payload });
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ received: true });
    expect(requests).toContain(`GET /emails/receiving/${id}`);
    const again = await fetch(`${app.url}/webhooks/resend`, { method: "POST", headers: signed(payload), body: payload });
    expect(await again.json()).toMatchObject({ outcome: "duplicate" });
    const rows = await db.select().from(inboundEmails).where(eq(inboundEmails.fromAddress, customer.email));
    expect(rows.map((r) => [r.source, r.outcome])).toEqual([["resend", "ticket_created"]]);
  });

  it("ticket emails reach Resend with our Message-ID, the thread root and Reply-To; auto-replies say they are automatic", async () => {
    overrideEnvForTests({ RESEND_API_KEY: "re_test_key", RESEND_BASE_URL: resendUrl, RESEND_WEBHOOK_SECRET: WEBHOOK_SECRET });
    resetEmailClient();
    const value = { supportAddress: "help@vendor.example", unknownSenders: "reject" };
    await db.insert(settings).values({ key: "mail", value }).onConflictDoUpdate({ target: settings.key, set: { value } });
    const { customer, licence } = await currentCustomer();
    const filed = await fileTestTicket(customer, licence, { now: new Date() });
    const stranger = `stranger-${randomUUID().slice(0, 6)}@elsewhere.example`;
    await receiveEmail(new Uint8Array(Buffer.from(mail(stranger, "Hello", "Who are you?"))), "pipe");
    sent.length = 0;
    await dispatchQueuedEmails(new Date(Date.now() + 60_000), 500);
    resetEmailClient();
    const [ticket] = await db.select().from(tickets).where(eq(tickets.number, filed.number));
    const received = sent.find((e) => e.to === customer.email || (Array.isArray(e.to) && e.to.includes(customer.email)));
    expect(received).toMatchObject({
      reply_to: "help@vendor.example",
      headers: { "In-Reply-To": `<ticket-${ticket!.id}@keydesk.localhost>`, References: `<ticket-${ticket!.id}@keydesk.localhost>` },
    });
    expect((received!.headers as Record<string, string>)["Message-ID"]).toMatch(/^<[0-9a-f-]{36}@keydesk\.localhost>$/);
    const autoReply = sent.find((e) => e.to === stranger || (Array.isArray(e.to) && e.to.includes(stranger)));
    expect(autoReply).toMatchObject({ headers: { "Auto-Submitted": "auto-replied" } });
  });

  it("an unsigned or tampered event is refused and nothing is fetched", async () => {
    overrideEnvForTests({ RESEND_API_KEY: "re_test_key", RESEND_BASE_URL: resendUrl, RESEND_WEBHOOK_SECRET: WEBHOOK_SECRET });
    requests.length = 0;
    const payload = event(randomUUID());
    const tampered = await fetch(`${app.url}/webhooks/resend`, { method: "POST", headers: signed(payload), body: payload.replace("email.received", "email.receivedX") });
    expect(tampered.status).toBe(403);
    const wrongSecret = await fetch(`${app.url}/webhooks/resend`, { method: "POST", headers: signed(payload, `whsec_${Buffer.from("other").toString("base64")}`), body: payload });
    expect(wrongSecret.status).toBe(403);
    expect(requests).toEqual([]);
  });

  it("other events are acknowledged and ignored; without configuration the endpoint is absent", async () => {
    overrideEnvForTests({ RESEND_API_KEY: "re_test_key", RESEND_BASE_URL: resendUrl, RESEND_WEBHOOK_SECRET: WEBHOOK_SECRET });
    const payload = JSON.stringify({ type: "email.delivered", created_at: new Date().toISOString(), data: {} });
    const response = await fetch(`${app.url}/webhooks/resend`, { method: "POST", headers: signed(payload), body: payload });
    expect(await response.json()).toMatchObject({ outcome: "ignored" });
    overrideEnvForTests({ RESEND_WEBHOOK_SECRET: undefined });
    expect((await fetch(`${app.url}/webhooks/resend`, { method: "POST", headers: signed(payload), body: payload })).status).toBe(404);
  });
});
