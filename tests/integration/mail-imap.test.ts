import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { ImapFlow } from "imapflow";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { emails, mailboxPollState, ticketMessages, tickets } from "#db/schema";
import { pollMailbox } from "~/modules/mail/mailbox.server";
import { updateMailSettings } from "~/modules/mail/settings.server";
import type { MailSettingsInput } from "~/modules/mail/schemas";
import { replyAsStaff } from "~/modules/tickets/conversation.server";
import { db } from "~/utils/db.server";
import { DOVECOT_BINARY, dovecotMissingMessage, startDovecot, type TestImapServer } from "../setup/dovecot";
import { customerWithLicence, minutesAfter, MONDAY_10_MSK, staff } from "../factories/tickets";

/** The factories' licences are active around this moment. */
const T0 = MONDAY_10_MSK;

if (!DOVECOT_BINARY && process.env.CI !== "true") console.warn(dovecotMissingMessage());

/** End to end against a real IMAP server: Dovecot started by the test with a throwaway config. */
describe.skipIf(!DOVECOT_BINARY && process.env.CI !== "true")("IMAP mailbox (Dovecot)", () => {
  let server: TestImapServer;
  let admin: Awaited<ReturnType<typeof staff>>;

  const settings = (overrides: Partial<MailSettingsInput> = {}): MailSettingsInput => ({
    supportAddress: server.user,
    unknownSenders: "reject",
    imapEnabled: true,
    imapHost: server.host,
    imapPort: server.port,
    imapSecure: false,
    imapUser: server.user,
    imapPassword: server.password,
    imapFolder: "INBOX",
    imapProcessedFolder: "Processed",
    ...overrides,
  });

  async function withClient<T>(work: (client: ImapFlow) => Promise<T>): Promise<T> {
    const client = new ImapFlow({ host: server.host, port: server.port, secure: false, auth: { user: server.user, pass: server.password }, logger: false });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.logout();
    }
  }

  const append = (raw: string) => withClient((c) => c.append("INBOX", raw));
  const count = (folder: string) => withClient(async (c) => { const status = await c.status(folder, { messages: true }); return status ? (status.messages ?? 0) : 0; });

  function message(options: { from: string; subject: string; body: string; messageId?: string; inReplyTo?: string }) {
    return [
      `Message-ID: <${options.messageId ?? randomUUID()}@client.example>`,
      `From: ${options.from}`,
      `To: ${server.user}`,
      `Subject: ${options.subject}`,
      ...(options.inReplyTo ? [`In-Reply-To: ${options.inReplyTo}`, `References: ${options.inReplyTo}`] : []),
      "MIME-Version: 1.0",
      "Content-Type: text/plain; charset=utf-8",
      "",
      options.body,
    ].join("\r\n");
  }

  beforeAll(async () => {
    server = (await startDovecot())!;
    admin = await staff("admin");
  }, 60_000);

  afterAll(async () => {
    await server?.stop();
  });

  beforeEach(async () => {
    await updateMailSettings(admin, settings());
    await db.delete(mailboxPollState);
  });

  it("a message appended to the mailbox becomes a ticket, and the reply to its notification threads back", async () => {
    const { customer } = await customerWithLicence();
    await append(message({ from: customer.email, subject: "Export stopped working", body: "Since the update the export is empty." }));
    expect(await pollMailbox({ now: T0 })).toEqual({ status: "ok", imported: 1, failed: 0 });
    expect(await count("INBOX")).toBe(0);
    expect(await count("Processed")).toBe(1);
    const [ticket] = await db.select().from(tickets).where(eq(tickets.requesterId, customer.id));
    expect(ticket).toMatchObject({ subject: "Export stopped working", description: "Since the update the export is empty." });

    const engineer = await staff();
    await replyAsStaff(engineer, ticket!.number, { body: "Which version do you run?", visibility: "public" }, [], minutesAfter(T0, 10));
    const [notification] = await db
      .select()
      .from(emails)
      .where(and(eq(emails.ticketId, ticket!.id), eq(emails.template, "tickets.replied"), eq(emails.toAddress, customer.email)));
    expect(notification!.headers).toMatchObject({ "Reply-To": server.user });
    await append(
      message({
        from: customer.email,
        subject: `Re: ${notification!.subject}`,
        inReplyTo: `<${notification!.messageId}>`,
        body: `Version 2.4.1.\r\n\r\nOn Mon, 2 Mar 2026 at 13:05, Support <${server.user}> wrote:\r\n> Which version do you run?`,
      }),
    );
    expect(await pollMailbox({ now: minutesAfter(T0, 20) })).toMatchObject({ status: "ok", imported: 1 });
    const conversation = await db.select().from(ticketMessages).where(eq(ticketMessages.ticketId, ticket!.id)).orderBy(ticketMessages.createdAt);
    expect(conversation.map((m) => [m.fromStaff, m.body])).toEqual([
      [true, "Which version do you run?"],
      [false, "Version 2.4.1."],
    ]);
  });

  it("the same message delivered twice is imported once", async () => {
    const { customer } = await customerWithLicence();
    const raw = message({ from: customer.email, subject: "Twice", body: "Delivered twice by the MTA." });
    await append(raw);
    await append(raw);
    expect(await pollMailbox({ now: T0 })).toEqual({ status: "ok", imported: 2, failed: 0 });
    expect(await db.select().from(tickets).where(eq(tickets.requesterId, customer.id))).toHaveLength(1);
    expect(await count("INBOX")).toBe(0);
  });

  it("two instances polling at once never import a message twice", async () => {
    const { customer } = await customerWithLicence();
    for (let i = 0; i < 5; i++) await append(message({ from: customer.email, subject: `Parallel ${i}`, body: `Message ${i}` }));
    const results = await Promise.all([pollMailbox({ now: T0 }), pollMailbox({ now: T0 }), pollMailbox({ now: T0 })]);
    expect(results.filter((r) => r.status === "ok")).toHaveLength(1);
    expect(results.filter((r) => r.status === "busy")).toHaveLength(2);
    expect(await db.select().from(tickets).where(eq(tickets.requesterId, customer.id))).toHaveLength(5);
  });

  it("waits for new mail while watching and imports it as it arrives", async () => {
    const { customer } = await customerWithLicence();
    const polling = pollMailbox({ now: T0, watchSeconds: 4 });
    await new Promise((resolve) => setTimeout(resolve, 700));
    await append(message({ from: customer.email, subject: "Arrived while watching", body: "Hello" }));
    expect(await polling).toMatchObject({ status: "ok", imported: 1 });
    expect(await db.select().from(tickets).where(eq(tickets.requesterId, customer.id))).toHaveLength(1);
  });

  it("a wrong password is shown with the server's message and retried with backoff, not in a loop", async () => {
    await updateMailSettings(admin, settings({ imapPassword: "wrong" }));
    const now = T0;
    const failed = await pollMailbox({ now });
    expect(failed.status).toBe("error");
    const [state] = await db.select().from(mailboxPollState);
    expect(state!.lastError).toMatch(/auth/i);
    expect(state!.failures).toBe(1);
    expect(state!.nextAttemptAt!.getTime()).toBe(now.getTime() + 60_000);
    expect(await pollMailbox({ now: new Date(now.getTime() + 30_000) })).toMatchObject({ status: "waiting" });
    await updateMailSettings(admin, settings());
    expect(await pollMailbox({ now: new Date(now.getTime() + 61_000) })).toMatchObject({ status: "ok" });
    const [recovered] = await db.select().from(mailboxPollState);
    expect(recovered).toMatchObject({ failures: 0, lastError: null });
  });
});
