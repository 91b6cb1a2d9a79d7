import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { attachments, bouncingAddresses, emails, inboundEmails, settings, ticketMessages, tickets } from "#db/schema";
import { listContacts } from "~/modules/accounts/users.server";
import { receiveEmail } from "~/modules/mail/inbound.server";
import { replyAsStaff, setTicketStatus } from "~/modules/tickets/conversation.server";
import { decryptAccessDetails } from "~/modules/tickets/vault.server";
import { db } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { createOrganisation, createUser } from "../factories/accounts";
import { newKey } from "../factories/licensing";
import { createTestLicence, customerWithLicence, daysAfter, fileTestTicket, minutesAfter, MONDAY_10_MSK, staff } from "../factories/tickets";

const T0 = MONDAY_10_MSK;
const FIXTURES = path.join(import.meta.dirname, "..", "fixtures", "mail");

/** A fixture with its placeholders filled ({{FROM}}, {{NUMBER}}, {{IN_REPLY_TO}}, {{KEY}}, {{UNIQUE}}); bytes kept as they are. */
export function mailFixture(name: string, vars: Record<string, string> = {}): Uint8Array {
  let text = readFileSync(path.join(FIXTURES, name), "latin1");
  const all = { UNIQUE: randomUUID(), NUMBER: "0", IN_REPLY_TO: "<none@example.com>", KEY: "", FROM: "nobody@example.com", ...vars };
  for (const [key, value] of Object.entries(all)) text = text.replaceAll(`{{${key}}}`, value);
  return new Uint8Array(Buffer.from(text, "latin1"));
}

function plainMail(options: { from: string; subject: string; body: string; headers?: Record<string, string>; messageId?: string }): Uint8Array {
  const lines = [
    `Message-ID: <${options.messageId ?? randomUUID()}@client.example>`,
    `From: ${options.from}`,
    "To: support@keydesk.localhost",
    `Subject: ${options.subject}`,
    "Date: Mon, 2 Mar 2026 10:00:00 +0300",
    ...Object.entries(options.headers ?? {}).map(([k, v]) => `${k}: ${v}`),
    "MIME-Version: 1.0",
    "Content-Type: text/plain; charset=utf-8",
    "",
    options.body,
  ];
  return new Uint8Array(Buffer.from(lines.join("\r\n"), "utf8"));
}

async function ticketByNumber(number: number) {
  const [row] = await db.select().from(tickets).where(eq(tickets.number, number));
  return row!;
}

async function messagesOf(ticketId: string) {
  return db.select().from(ticketMessages).where(eq(ticketMessages.ticketId, ticketId)).orderBy(ticketMessages.createdAt);
}

async function receivedEmail(ticketId: string) {
  const [row] = await db.select().from(emails).where(and(eq(emails.ticketId, ticketId), eq(emails.template, "tickets.received")));
  return row!;
}

async function autoRepliesTo(address: string) {
  return db.select().from(emails).where(and(eq(emails.toAddress, address), eq(emails.template, "mail.auto-reply")));
}

async function setUnknownSenders(mode: "reject" | "hold") {
  const value = { supportAddress: "support@keydesk.localhost", unknownSenders: mode };
  await db.insert(settings).values({ key: "mail", value }).onConflictDoUpdate({ target: settings.key, set: { value } });
}

describe("outgoing ticket emails thread back", () => {
  it("carry our Message-ID, the ticket's thread root and the support address as Reply-To", async () => {
    await setUnknownSenders("reject");
    const { customer, licence } = await customerWithLicence();
    const filed = await fileTestTicket(customer, licence);
    const ticket = await ticketByNumber(filed.number);
    const email = await receivedEmail(ticket.id);
    expect(email.subject).toContain(`[#${filed.number}]`);
    expect(email.messageId).toMatch(/^[0-9a-f-]{36}@keydesk\.localhost$/);
    expect(email.headers).toMatchObject({
      "In-Reply-To": `<ticket-${ticket.id}@keydesk.localhost>`,
      References: `<ticket-${ticket.id}@keydesk.localhost>`,
      "Reply-To": "support@keydesk.localhost",
    });
  });
});

describe("replies thread onto their ticket", () => {
  it("a Gmail reply (UTF-8) to the notification lands on the ticket without the quoted history", async () => {
    const { customer, licence } = await customerWithLicence();
    const filed = await fileTestTicket(customer, licence);
    const ticket = await ticketByNumber(filed.number);
    const notification = await receivedEmail(ticket.id);
    const raw = mailFixture("gmail-reply.eml", { FROM: customer.email, IN_REPLY_TO: `<${notification.messageId}>`, NUMBER: "999999" });
    const result = await receiveEmail(raw, "imap", minutesAfter(T0, 30));
    expect(result).toMatchObject({ outcome: "reply_added", ticketNumber: filed.number });
    const [message] = await messagesOf(ticket.id);
    expect(message!.body).toBe("Спасибо, после очистки кэша всё заработало.\nОсталась одна мелочь: кнопка «Оплатить» серая.");
    expect(message!.fromStaff).toBe(false);
    const [inbound] = await db.select().from(inboundEmails).where(eq(inboundEmails.id, result.inboundId!));
    expect(inbound).toMatchObject({ source: "imap", outcome: "reply_added", ticketId: ticket.id, fromName: "Анна Петрова" });
    expect(inbound!.detail).toMatchObject({ quoted: true });
    expect(inbound!.rawStoragePath).toBeTruthy();
    expect(inbound!.rawSize).toBe(raw.length);
  });

  it("an Outlook reply in Windows-1251 threads by the [#number] tag alone", async () => {
    const { customer, licence } = await customerWithLicence({ locale: "ru" });
    const filed = await fileTestTicket(customer, licence);
    const ticket = await ticketByNumber(filed.number);
    const result = await receiveEmail(mailFixture("outlook-reply-cp1251.eml", { FROM: customer.email, NUMBER: String(filed.number) }), "pipe", minutesAfter(T0, 30));
    expect(result).toMatchObject({ outcome: "reply_added", ticketNumber: filed.number });
    const [message] = await messagesOf(ticket.id);
    expect(message!.body).toBe("Добрый день!\n\nОшибка повторяется на тестовом сайте тоже.\n\nС уважением,\nБорис");
  });

  it("a reply reopens a solved ticket and resumes the clocks as a portal message does", async () => {
    const { customer, licence } = await customerWithLicence();
    const engineer = await staff();
    const filed = await fileTestTicket(customer, licence);
    await replyAsStaff(engineer, filed.number, { body: "Fixed in 2.4.2.", visibility: "public", status: "solved" }, [], minutesAfter(T0, 10));
    const result = await receiveEmail(plainMail({ from: customer.email, subject: `Re: [#${filed.number}] Fixed`, body: "Still broken for me." }), "imap", minutesAfter(T0, 60));
    expect(result.outcome).toBe("reply_added");
    const ticket = await ticketByNumber(filed.number);
    expect(ticket.status).toBe("open");
    expect(ticket.lastCustomerMessageAt?.toISOString()).toBe(minutesAfter(T0, 60).toISOString());
  });

  it("a reply to a closed ticket opens a linked follow-up through the gate", async () => {
    const { customer, licence } = await customerWithLicence();
    const engineer = await staff("admin");
    const filed = await fileTestTicket(customer, licence);
    await setTicketStatus(engineer, filed.number, "solved", minutesAfter(T0, 5));
    await db.update(tickets).set({ status: "closed", closedAt: minutesAfter(T0, 6) }).where(eq(tickets.number, filed.number));
    const result = await receiveEmail(plainMail({ from: customer.email, subject: `Re: [#${filed.number}] x`, body: "It came back." }), "imap", minutesAfter(T0, 60));
    expect(result.outcome).toBe("follow_up_created");
    const followUp = await ticketByNumber(result.ticketNumber!);
    expect(followUp.followUpOfId).toBe((await ticketByNumber(filed.number)).id);
  });

  it("a [#number] of another organisation's ticket never threads: it becomes the sender's own ticket", async () => {
    const other = await customerWithLicence();
    const otherTicket = await fileTestTicket(other.customer, other.licence);
    const { customer } = await customerWithLicence();
    const result = await receiveEmail(plainMail({ from: customer.email, subject: `Re: [#${otherTicket.number}] peek`, body: "Hello" }), "imap", T0);
    expect(result.outcome).toBe("ticket_created");
    expect(result.ticketNumber).not.toBe(otherTicket.number);
    expect(await messagesOf((await ticketByNumber(otherTicket.number)).id)).toHaveLength(0);
  });
});

describe("new tickets by email", () => {
  it("a Thunderbird message in KOI8-R naming a key opens a ticket on that licence", async () => {
    const { organisation, customer } = await customerWithLicence({ locale: "ru" });
    const { key, canonical } = newKey();
    const named = await createTestLicence(organisation.id, { keyCanonical: canonical });
    const result = await receiveEmail(mailFixture("thunderbird-koi8r.eml", { FROM: customer.email, KEY: key }), "imap", T0);
    expect(result.outcome).toBe("ticket_created");
    const ticket = await ticketByNumber(result.ticketNumber!);
    expect(ticket).toMatchObject({ licenceId: named.id, subject: "Не работает выгрузка заказов", type: "question", requesterId: customer.id, status: "new" });
    expect(ticket.description).toContain("перестала работать выгрузка заказов");
    expect(ticket.description).not.toContain("Дмитрий, ООО"); // the signature is cut
    expect(ticket.slaDueAt).not.toBeNull();
  });

  it("'site is down' in the subject acts as the portal's checkbox: high on a plan without urgent, on-call and leads emailed", async () => {
    const { customer } = await customerWithLicence({ locale: "ru" });
    const lead = await staff("team_lead");
    const raw = plainMail({ from: customer.email, subject: "СРОЧНО: сайт не работает", body: "С утра магазин отдаёт ошибку 502." });
    const result = await receiveEmail(raw, "imap", T0);
    expect(result.outcome).toBe("ticket_created");
    const ticket = await ticketByNumber(result.ticketNumber!);
    expect(ticket).toMatchObject({ siteDown: true, priority: "high" });
    const alerts = await db.select().from(emails).where(and(eq(emails.ticketId, ticket.id), eq(emails.template, "tickets.site-down")));
    expect(alerts.map((e) => e.toAddress)).toContain(lead.email);
    const calm = await receiveEmail(plainMail({ from: customer.email, subject: "Вопрос про выгрузку", body: "Как выгрузить заказы?" }), "imap", T0);
    expect((await ticketByNumber(calm.ticketNumber!)).siteDown).toBe(false);
  });

  it("an HTML-only message becomes safe text", async () => {
    const { customer } = await customerWithLicence();
    const result = await receiveEmail(mailFixture("html-only.eml", { FROM: customer.email }), "resend", T0);
    const ticket = await ticketByNumber(result.ticketNumber!);
    expect(ticket.description).toContain("The checkout button does nothing.");
    expect(ticket.description).toContain("press «Pay»");
    expect(ticket.description).not.toMatch(/<script|alert\(|<p>|color:red/);
  });

  it("a forwarded message keeps what was forwarded", async () => {
    const { customer } = await customerWithLicence();
    const result = await receiveEmail(mailFixture("forwarded.eml", { FROM: customer.email }), "imap", T0);
    const ticket = await ticketByNumber(result.ticketNumber!);
    expect(ticket.subject).toBe("Payment gateway error report");
    expect(ticket.description).toContain("Transaction 4411 failed");
  });

  it("attachments go through the portal's checks: the screenshot is stored, the program is listed as refused", async () => {
    const { customer } = await customerWithLicence();
    const result = await receiveEmail(mailFixture("attachments.eml", { FROM: customer.email }), "imap", T0);
    const ticket = await ticketByNumber(result.ticketNumber!);
    const files = await db.select().from(attachments).where(eq(attachments.ticketId, ticket.id));
    expect(files.map((f) => [f.fileName, f.contentType])).toEqual([["screen.png", "image/png"]]);
    // The refusal is a note put into each reader's words, not English stored in the customer's text.
    expect(ticket.mailNotes).toEqual([{ kind: "attachment_refused", fileName: "viewer.exe", reason: "type_not_accepted" }]);
    expect(ticket.description).not.toContain("viewer.exe");
  });

  it("a file over 25 MB is refused with the reason, the message still files", async () => {
    const { customer } = await customerWithLicence();
    const big = Buffer.alloc(26 * 1024 * 1024, 0x41).toString("base64").replace(/.{76}/g, "$&\r\n");
    const raw = [
      `Message-ID: <${randomUUID()}@client.example>`,
      `From: ${customer.email}`,
      "Subject: Full log",
      "MIME-Version: 1.0",
      'Content-Type: multipart/mixed; boundary="b"',
      "",
      "--b",
      "Content-Type: text/plain; charset=utf-8",
      "",
      "The whole log is attached.",
      "--b",
      'Content-Type: text/plain; name="server.log"',
      'Content-Disposition: attachment; filename="server.log"',
      "Content-Transfer-Encoding: base64",
      "",
      big,
      "--b--",
    ].join("\r\n");
    const result = await receiveEmail(new Uint8Array(Buffer.from(raw)), "pipe", T0);
    const ticket = await ticketByNumber(result.ticketNumber!);
    expect(ticket.mailNotes).toEqual([{ kind: "attachment_refused", fileName: "server.log", reason: "too_large" }]);
    expect(ticket.description).toBe("The whole log is attached.");
    expect(await db.select().from(attachments).where(eq(attachments.ticketId, ticket.id))).toHaveLength(0);
  });

  it("several eligible licences and no hint: the message waits for triage", async () => {
    const { organisation, customer } = await customerWithLicence();
    await createTestLicence(organisation.id);
    const result = await receiveEmail(plainMail({ from: customer.email, subject: "Question", body: "How do I export?" }), "imap", T0);
    expect(result).toMatchObject({ outcome: "needs_triage", ticketNumber: null });
  });

  it("an expired licence is refused with an auto-reply in the contact's language naming the renewal and its price", async () => {
    const { customer } = await customerWithLicence({ state: "expired", locale: "ru" });
    const result = await receiveEmail(plainMail({ from: customer.email, subject: "Помогите", body: "Не работает" }), "imap", T0);
    expect(result.outcome).toBe("refused");
    const [reply] = await autoRepliesTo(customer.email);
    expect(reply!.text).toContain("поддержка по этой лицензии закончилась");
    expect(reply!.text).toContain("/renew?key=");
    expect(reply!.text).toMatch(/6\s000,00\s₽/);
    expect(reply!.headers).toMatchObject({ "Auto-Submitted": "auto-replied" });
  });
});

describe("access details sent by email", () => {
  it("never stay as plain text: they go to the ticket's vault, the message says so, the original is not kept", async () => {
    const { customer, licence } = await customerWithLicence();
    const body = "The admin panel fails.\nadmin login: shopadmin\npassword: Tr0ub4dor&3\nThanks";
    const created = await receiveEmail(plainMail({ from: customer.email, subject: "Admin fails", body }), "imap", T0);
    const ticket = await ticketByNumber(created.ticketNumber!);
    expect(ticket.description).toBe("The admin panel fails.\nThanks");
    expect(ticket.mailNotes).toEqual([{ kind: "access_moved" }]);
    expect(JSON.stringify(ticket)).not.toContain("Tr0ub4dor");
    expect(decryptAccessDetails(ticket.accessDetailsCiphertext!, getEnv().ENCRYPTION_KEY, ticket.id).notes).toBe("admin login: shopadmin\npassword: Tr0ub4dor&3");
    const [inbound] = await db.select().from(inboundEmails).where(eq(inboundEmails.id, created.inboundId!));
    expect(inbound).toMatchObject({ rawStoragePath: null });

    const filed = await fileTestTicket(customer, licence);
    await receiveEmail(plainMail({ from: customer.email, subject: `Re: [#${filed.number}] x`, body: "FTP password = correct-horse" }), "imap", T0);
    const replied = await ticketByNumber(filed.number);
    const [message] = await messagesOf(replied.id);
    expect(message!.body).not.toContain("correct-horse");
    expect(message!.mailNotes).toEqual([{ kind: "access_moved" }]);
    expect(decryptAccessDetails(replied.accessDetailsCiphertext!, getEnv().ENCRYPTION_KEY, replied.id).notes).toBe("FTP password = correct-horse");
  });
});

describe("text the channel adds", () => {
  it("a Russian customer's email without a subject stores no words of ours: the subject is the first line, notes are facts", async () => {
    const { customer } = await customerWithLicence({ locale: "ru" });
    const body = "Сайт не открывается после обновления\nпароль: secret-1234\nСпасибо";
    const result = await receiveEmail(plainMail({ from: customer.email, subject: "", body }), "imap", T0);
    const ticket = await ticketByNumber(result.ticketNumber!);
    expect(ticket.subject).toBe("Сайт не открывается после обновления");
    expect(ticket.description).toBe("Сайт не открывается после обновления\nСпасибо");
    expect(ticket.mailNotes).toEqual([{ kind: "access_moved" }]);
    expect(JSON.stringify(ticket)).not.toMatch(/хранилище|vault|без темы|no subject/);
  });
});

describe("unknown senders", () => {
  it("are rejected with one polite auto-reply (the setting's default)", async () => {
    await setUnknownSenders("reject");
    const from = `stranger-${randomUUID().slice(0, 6)}@elsewhere.example`;
    const result = await receiveEmail(plainMail({ from, subject: "Hi", body: "Can you help?" }), "imap", T0);
    expect(result.outcome).toBe("unknown_rejected");
    expect(await autoRepliesTo(from)).toHaveLength(1);
  });

  it("are held for staff when the setting says so, without a reply", async () => {
    await setUnknownSenders("hold");
    const from = `stranger-${randomUUID().slice(0, 6)}@elsewhere.example`;
    const result = await receiveEmail(plainMail({ from, subject: "Hi", body: "Can you help?" }), "imap", T0);
    expect(result.outcome).toBe("unknown_held");
    expect(await autoRepliesTo(from)).toHaveLength(0);
    await setUnknownSenders("reject");
  });

  it("an auto-reply storm of 50 messages opens nothing and is answered at most 5 times", async () => {
    await setUnknownSenders("reject");
    const from = `robot-${randomUUID().slice(0, 6)}@elsewhere.example`;
    for (let i = 0; i < 50; i++) {
      const automated = i % 2 === 0;
      await receiveEmail(plainMail({ from, subject: `Re: ticket ${i}`, body: "Thanks for your email.", headers: automated ? { "Auto-Submitted": "auto-replied" } : {} }), "imap", minutesAfter(T0, i));
    }
    expect(await autoRepliesTo(from)).toHaveLength(5);
    const rows = await db.select().from(inboundEmails).where(eq(inboundEmails.fromAddress, from));
    expect(rows).toHaveLength(50);
    expect(rows.filter((r) => r.ticketId !== null)).toHaveLength(0);
  });
});

describe("loops, bounces and redelivery", () => {
  it("an out-of-office reply and list mail neither open a ticket nor get an answer", async () => {
    const { customer, licence } = await customerWithLicence();
    const filed = await fileTestTicket(customer, licence);
    const ticket = await ticketByNumber(filed.number);
    for (const name of ["auto-reply.eml", "list-bulk.eml"]) {
      const result = await receiveEmail(mailFixture(name, { FROM: customer.email, NUMBER: String(filed.number) }), "imap", T0);
      expect(result.outcome).toBe("auto_ignored");
    }
    expect(await messagesOf(ticket.id)).toHaveLength(0);
    expect(await autoRepliesTo(customer.email)).toHaveLength(0);
  });

  it("our own notification coming back is recognised as a loop", async () => {
    const { customer, licence } = await customerWithLicence();
    const filed = await fileTestTicket(customer, licence);
    const notification = await receivedEmail((await ticketByNumber(filed.number)).id);
    const raw = plainMail({ from: customer.email, subject: notification.subject, body: "echo", messageId: notification.messageId!.split("@")[0] });
    const echoed = new Uint8Array(Buffer.from(Buffer.from(raw).toString("utf8").replace(/@client\.example>/, "@keydesk.localhost>")));
    expect((await receiveEmail(echoed, "imap", T0)).outcome).toBe("auto_ignored");
  });

  it("a delivery report marks the contact's address as bouncing instead of opening a ticket", async () => {
    const { customer, licence } = await customerWithLicence();
    const filed = await fileTestTicket(customer, licence);
    const result = await receiveEmail(mailFixture("dsn-bounce.eml", { FROM: customer.email, NUMBER: String(filed.number) }), "imap", T0);
    expect(result).toMatchObject({ outcome: "bounce", ticketNumber: null });
    const [bounce] = await db.select().from(bouncingAddresses).where(eq(bouncingAddresses.address, customer.email));
    expect(bounce!.diagnostic).toContain("5.1.1");
    const contacts = await listContacts(await staff("admin"), customer.organisationId!);
    expect(contacts.find((c) => c.email === customer.email)).toMatchObject({ bouncing: true });
    expect(await messagesOf((await ticketByNumber(filed.number)).id)).toHaveLength(0);
  });

  it("the same message delivered twice, even at once, is stored once", async () => {
    const { customer } = await customerWithLicence();
    const raw = mailFixture("html-only.eml", { FROM: customer.email });
    const results = await Promise.all([receiveEmail(raw, "imap", T0), receiveEmail(raw, "pipe", T0)]);
    expect(results.map((r) => r.outcome).sort()).toEqual(["duplicate", "ticket_created"]);
    expect((await receiveEmail(raw, "resend", T0)).outcome).toBe("duplicate");
    const created = await db.select().from(tickets).where(eq(tickets.requesterId, customer.id));
    expect(created).toHaveLength(1);
  });

  it("a message without a Message-ID is recognised again by its bytes", async () => {
    const { customer } = await customerWithLicence();
    const raw = mailFixture("no-message-id.eml", { FROM: customer.email });
    expect((await receiveEmail(raw, "imap", T0)).outcome).toBe("ticket_created");
    expect((await receiveEmail(raw, "imap", T0)).outcome).toBe("duplicate");
  });

  it("malformed MIME never fails: it files what can be read", async () => {
    const { customer } = await customerWithLicence();
    const result = await receiveEmail(mailFixture("malformed.eml", { FROM: customer.email }), "imap", T0);
    expect(result.outcome).toBe("ticket_created");
    const ticket = await ticketByNumber(result.ticketNumber!);
    expect(ticket.subject).toBe("Broken mail");
  });

  it("a deactivated contact counts as an unknown sender", async () => {
    await setUnknownSenders("reject");
    const organisation = await createOrganisation();
    const gone = await createUser("customer", { organisationId: organisation.id, deactivatedAt: daysAfter(T0, -1) });
    expect((await receiveEmail(plainMail({ from: gone.email, subject: "Hi", body: "x" }), "imap", T0)).outcome).toBe("unknown_rejected");
  });
});
