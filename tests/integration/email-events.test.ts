import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { emails } from "#db/schema";
import { jobDefinitions } from "~/jobs.server";
import { action as filingAction } from "~/routes/portal.tickets.new";
import { createSession } from "~/modules/accounts/auth.server";
import { currentDatabase, db, openPostgres } from "~/utils/db.server";
import { queueEmail, resetEmailClient } from "~/utils/email.server";
import { getEnv, overrideEnvForTests } from "~/utils/env.server";
import { JOB_WAKE_CHANNEL, listenForJobWakeUps, runJobAfterCommit } from "~/utils/jobs.server";
import { customerWithLicence, fileTestTicket } from "../factories/tickets";

/**
 * Emails follow from committed changes (docs/decisions/004): a use case queues an email in its
 * transaction, the commit wakes the dispatcher through the job runner's listener, and nothing
 * else — no route, no job — has to ask for it. Runs on PGlite and on PostgreSQL: the guarantee
 * is the database's (NOTIFY is delivered on commit only).
 */

type Sent = { to: string; subject: string };
let server: Server;
let baseUrl = "";
const sent: Sent[] = [];
let stopListening: () => Promise<void> = async () => {};
const original = { RESEND_API_KEY: getEnv().RESEND_API_KEY, RESEND_BASE_URL: getEnv().RESEND_BASE_URL };

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}");
}

beforeAll(async () => {
  // A stand-in for Resend's HTTP API: the real client talks to it.
  server = createServer(async (req, res) => {
    const body = await readJson(req);
    const to = Array.isArray(body.to) ? String(body.to[0]) : String(body.to);
    sent.push({ to, subject: String(body.subject) });
    res.setHeader("Content-Type", "application/json");
    res.end(JSON.stringify({ id: `re_${sent.length}` }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  overrideEnvForTests({ RESEND_API_KEY: "re_test_key", RESEND_BASE_URL: baseUrl });
  resetEmailClient();
  // What the job runner does at start: listen for wake-ups and run the job asked for.
  stopListening = await listenForJobWakeUps(currentDatabase(), jobDefinitions);
});

afterAll(async () => {
  await stopListening();
  overrideEnvForTests(original);
  resetEmailClient();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

afterEach(() => {
  sent.length = 0;
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until an email to `to` reached the provider (or gives up after `ms`). */
async function sentTo(to: string, ms = 10_000): Promise<Sent[]> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const found = sent.filter((s) => s.to === to);
    if (found.length > 0) return found;
    await sleep(25);
  }
  return [];
}

const resetEmail = (to: string) => ({
  to,
  template: "password-reset" as const,
  props: { locale: "en" as const, name: "Ann", resetUrl: "http://keydesk.test/reset-password/x", expiresInMinutes: 60 },
});

describe("emails follow from committed changes", () => {
  it("sends the email a committed use case queued, with no route or job asking for it", async () => {
    const { customer, licence } = await customerWithLicence({ now: new Date() });
    const ticket = await fileTestTicket(customer, licence, { now: new Date() });
    const received = await sentTo(customer.email);
    expect(received).toHaveLength(1);
    expect(received[0]!.subject).toContain(String(ticket.number));
    const [row] = await db.select().from(emails).where(eq(emails.toAddress, customer.email));
    expect(row).toMatchObject({ status: "sent", template: "tickets.received", attempts: 1 });
  });

  it("sends nothing before the transaction commits, then sends on commit", async () => {
    const to = `commit-${crypto.randomUUID()}@example.com`;
    await db.transaction(async (tx) => {
      await queueEmail(tx, resetEmail(to));
      await sleep(300);
      expect(sent.filter((s) => s.to === to)).toHaveLength(0);
    });
    expect(await sentTo(to)).toHaveLength(1);
  });

  it("sends nothing for a transaction that rolls back, nor for a rolled-back savepoint", async () => {
    const rolledBack = `rolled-back-${crypto.randomUUID()}@example.com`;
    await expect(
      db.transaction(async (tx) => {
        await queueEmail(tx, resetEmail(rolledBack));
        throw new Error("the use case failed after queuing its email");
      }),
    ).rejects.toThrow("the use case failed");

    const inSavepoint = `savepoint-${crypto.randomUUID()}@example.com`;
    const kept = `kept-${crypto.randomUUID()}@example.com`;
    await db.transaction(async (tx) => {
      await tx
        .transaction(async (inner) => {
          await queueEmail(inner, resetEmail(inSavepoint));
          throw new Error("inner step failed");
        })
        .catch(() => {});
      await queueEmail(tx, resetEmail(kept));
    });
    // The committed one proves the dispatcher ran after the rolled-back ones were (not) announced.
    expect(await sentTo(kept)).toHaveLength(1);
    await sleep(200);
    expect(sent.filter((s) => s.to === rolledBack || s.to === inSavepoint)).toEqual([]);
    expect(await db.select().from(emails).where(eq(emails.toAddress, rolledBack))).toEqual([]);
    expect(await db.select().from(emails).where(eq(emails.toAddress, inSavepoint))).toEqual([]);
  });

  it("wakes nothing while the outbox keeps emails (no provider configured)", async () => {
    const woken: string[] = [];
    const stop = await currentDatabase().listen(JOB_WAKE_CHANNEL, (name) => woken.push(name));
    try {
      overrideEnvForTests({ RESEND_API_KEY: undefined });
      await queueEmail(db, resetEmail(`outbox-${crypto.randomUUID()}@example.com`));
      overrideEnvForTests({ RESEND_API_KEY: "re_test_key" });
      const to = `queued-${crypto.randomUUID()}@example.com`;
      await queueEmail(db, resetEmail(to));
      await sentTo(to);
      expect(woken).toEqual(["emails.dispatch"]);
    } finally {
      overrideEnvForTests({ RESEND_API_KEY: "re_test_key" });
      await stop();
    }
  });

  it("files a portal ticket through the route and the 'ticket received' email goes out", async () => {
    const { customer, licence } = await customerWithLicence({ now: new Date() });
    const cookie = (await createSession(customer.id, new Request("http://keydesk.test/"))).split(";")[0]!;
    const form = new FormData();
    form.set("licenceId", licence.id);
    form.set("type", "question");
    form.set("subject", "Checkout button does nothing");
    form.set("description", "Pressing the checkout button does not open the payment page.");
    const url = `http://keydesk.test/portal/tickets/new?licence=${licence.id}&type=question`;
    const response = await filingAction({ request: new Request(url, { method: "POST", body: form, headers: { Cookie: cookie } }), params: {}, context: {} }).catch(
      (thrown: unknown) => thrown,
    );
    expect((response as Response).status).toBe(302);
    const received = await sentTo(customer.email);
    expect(received).toHaveLength(1);
    expect(received[0]!.subject).toMatch(/Checkout button does nothing|#\d+/);
  });

  // Another process is another connection: the web processes without a job runner (ADR 093)
  // commit, the job runner's listener hears it.
  it.skipIf(process.env.KEYDESK_TEST_DRIVER !== "postgres")("wakes the job runner of another process on commit, not on rollback", async () => {
    const runs: number[] = [];
    const stop = await listenForJobWakeUps(currentDatabase(), [{ name: "test.wake", run: async () => void runs.push(Date.now()) }]);
    const otherProcess = openPostgres(currentDatabase().url!, 1);
    try {
      await otherProcess.db.transaction(async (tx) => {
        await runJobAfterCommit(tx, "test.wake");
        await runJobAfterCommit(tx, "test.wake");
      });
      const deadline = Date.now() + 5000;
      while (runs.length === 0 && Date.now() < deadline) await sleep(25);
      expect(runs).toHaveLength(1);
      await otherProcess.db
        .transaction(async (tx) => {
          await runJobAfterCommit(tx, "test.wake");
          throw new Error("rolled back");
        })
        .catch(() => {});
      await sleep(300);
      expect(runs).toHaveLength(1);
    } finally {
      await stop();
      await otherProcess.close();
    }
  });
});
