import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { emails } from "#db/schema";
import { getEmail, listEmails } from "~/modules/accounts/outbox.server";
import { db } from "~/utils/db.server";
import { dispatchQueuedEmails, MAX_EMAIL_ATTEMPTS, queueEmail, resetEmailClient, retryDelayMinutes } from "~/utils/email.server";
import { getEnv, overrideEnvForTests } from "~/utils/env.server";

/** A stand-in for Resend's HTTP API: the real client talks to it. */
type Received = { path: string; auth: string | undefined; body: Record<string, unknown> };
let server: Server;
let baseUrl = "";
const received: Received[] = [];
let failNext = 0;

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}");
}

beforeAll(async () => {
  server = createServer(async (req, res) => {
    const body = await readJson(req);
    received.push({ path: req.url ?? "", auth: req.headers.authorization, body });
    res.setHeader("Content-Type", "application/json");
    if (failNext > 0) {
      failNext--;
      res.statusCode = 500;
      res.end(JSON.stringify({ name: "internal_server_error", message: "try later", statusCode: 500 }));
      return;
    }
    res.end(JSON.stringify({ id: `re_${received.length}` }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const original = { RESEND_API_KEY: getEnv().RESEND_API_KEY, RESEND_BASE_URL: getEnv().RESEND_BASE_URL };

afterEach(() => {
  overrideEnvForTests(original);
  resetEmailClient();
  received.length = 0;
  failNext = 0;
});

function useResend() {
  overrideEnvForTests({ RESEND_API_KEY: "re_test_key", RESEND_BASE_URL: baseUrl });
  resetEmailClient();
}

const resetProps = (to: string) => ({
  to,
  template: "password-reset" as const,
  props: { locale: "en" as const, name: "Ann", resetUrl: "http://keydesk.test/reset-password/x", expiresInMinutes: 60 },
});

describe("email delivery", () => {
  it("keeps an email in the outbox when no provider is configured", async () => {
    const id = await queueEmail(db, resetProps("outbox-only@example.com"));
    const [row] = await db.select().from(emails).where(eq(emails.id, id));
    expect(row).toMatchObject({ status: "outbox", attempts: 0, nextAttemptAt: null });
    expect(row!.html).toContain("<title>Reset your Keydesk password</title>");
    await dispatchQueuedEmails();
    expect(received).toHaveLength(0);

    // Every staff role reads the outbox; only an admin reads a body whose link acts for its recipient.
    const staff = (role: "engineer" | "quality" | "admin") => ({ id: crypto.randomUUID(), role, organisationId: null, isPrimaryContact: false });
    expect((await listEmails(staff("engineer"), { to: "outbox-only@" })).emails.map((e) => e.id)).toEqual([id]);
    expect(await getEmail(staff("engineer"), id)).toMatchObject({ withheld: true, html: "", text: "" });
    expect(await getEmail(staff("quality"), id)).toMatchObject({ withheld: true });
    expect((await getEmail(staff("admin"), id)).html).toContain("reset-password/x");
    await expect(getEmail({ id: crypto.randomUUID(), role: "customer", organisationId: crypto.randomUUID(), isPrimaryContact: true }, id)).rejects.toMatchObject({ code: "forbidden" });
  });

  it("sends a queued email through the Resend client once and records the provider id", async () => {
    useResend();
    const id = await queueEmail(db, resetProps("delivered@example.com"));
    const first = await dispatchQueuedEmails(new Date(Date.now() + 1000));
    expect(first.sent).toBeGreaterThanOrEqual(1);
    const mine = received.filter((r) => (r.body.to as string[] | string).toString() === "delivered@example.com");
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ path: "/emails", auth: "Bearer re_test_key" });
    expect(mine[0]!.body.subject).toBe("Reset your Keydesk password");
    const [row] = await db.select().from(emails).where(eq(emails.id, id));
    expect(row).toMatchObject({ status: "sent", attempts: 1 });
    expect(row!.providerId).toMatch(/^re_/);
    // A second run finds nothing left to send.
    received.length = 0;
    await dispatchQueuedEmails(new Date(Date.now() + 2000));
    expect(received).toHaveLength(0);
  });

  it("retries a failed send with growing delays and gives up after the last attempt", async () => {
    useResend();
    const id = await queueEmail(db, resetProps("flaky@example.com"));
    failNext = 100;
    let now = new Date(Date.now() + 1000);
    for (let attempt = 1; attempt <= MAX_EMAIL_ATTEMPTS; attempt++) {
      await dispatchQueuedEmails(now);
      const [row] = await db.select().from(emails).where(eq(emails.id, id));
      expect(row!.attempts).toBe(attempt);
      expect(row!.lastError).toMatch(/try later/);
      if (attempt < MAX_EMAIL_ATTEMPTS) {
        expect(row!.status).toBe("queued");
        const waitMs = row!.nextAttemptAt!.getTime() - now.getTime();
        expect(waitMs).toBe(retryDelayMinutes(attempt) * 60_000);
        // Not due yet: nothing is sent before the delay has passed.
        const early = await dispatchQueuedEmails(new Date(now.getTime() + waitMs - 1000));
        expect(early).toEqual({ sent: 0, failed: 0 });
        now = new Date(now.getTime() + waitMs);
      } else {
        expect(row!.status).toBe("failed");
        expect(row!.nextAttemptAt).toBeNull();
      }
    }
  });

  it("sends a retried email once the provider recovers", async () => {
    useResend();
    const id = await queueEmail(db, resetProps("recovers@example.com"));
    failNext = 1;
    const now = new Date(Date.now() + 1000);
    await dispatchQueuedEmails(now);
    await dispatchQueuedEmails(new Date(now.getTime() + retryDelayMinutes(1) * 60_000));
    const [row] = await db.select().from(emails).where(eq(emails.id, id));
    expect(row).toMatchObject({ status: "sent", attempts: 2, lastError: null });
  });
});
