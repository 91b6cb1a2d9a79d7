import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { inboundEmails, settings, tickets, users } from "#db/schema";
import { receiveEmail } from "~/modules/mail/inbound.server";
import { getMailSettings, imapPassword } from "~/modules/mail/settings.server";
import { action, loader } from "~/routes/admin.mail";
import { createSession } from "~/modules/accounts/auth.server";
import { db } from "~/utils/db.server";
import { createOrganisation } from "../factories/accounts";
import { createTestLicence, customerWithLicence, staff } from "../factories/tickets";

/** The admin's mail page through its route: settings form, held messages, who may see it. */

async function cookieFor(userId: string) {
  return (await createSession(userId, new Request("http://keydesk.test/"))).split(";")[0]!;
}

const unwrap = <T,>(result: unknown): { body: T; status: number } =>
  result && typeof result === "object" && "data" in result && "init" in result
    ? { body: (result as { data: T }).data, status: (result as { init: { status?: number } | null }).init?.status ?? 200 }
    : { body: result as T, status: 200 };

function post(cookie: string, fields: Record<string, string>) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  return action({ request: new Request("http://keydesk.test/admin/mail", { method: "POST", body: form, headers: { Cookie: cookie } }), params: {}, context: {} });
}

const validSettings = {
  intent: "settings",
  supportAddress: "Support@Vendor.example",
  unknownSenders: "hold",
  imapEnabled: "on",
  imapHost: "imap.vendor.example",
  imapPort: "993",
  imapSecure: "on",
  imapUser: "support@vendor.example",
  imapPassword: "s3cret-mailbox-password",
  imapFolder: "INBOX",
  imapProcessedFolder: "Processed",
};

function mail(from: string, subject: string) {
  return new Uint8Array(
    Buffer.from([`Message-ID: <${randomUUID()}@client.example>`, `From: Someone <${from}>`, `Subject: ${subject}`, "Content-Type: text/plain; charset=utf-8", "", "Please help."].join("\r\n")),
  );
}

describe("mail settings page", () => {
  it("saves the settings with the password encrypted, keeps it when the field is left empty, and re-shows bad input", async () => {
    const admin = await staff("admin");
    const cookie = await cookieFor(admin.id);
    expect(unwrap(await post(cookie, validSettings)).body).toMatchObject({ ok: true });
    const [row] = await db.select().from(settings).where(eq(settings.key, "mail"));
    expect(JSON.stringify(row!.value)).not.toContain("s3cret-mailbox-password");
    const stored = await getMailSettings();
    expect(stored).toMatchObject({ supportAddress: "support@vendor.example", unknownSenders: "hold", imap: { host: "imap.vendor.example", port: 993 } });
    expect(imapPassword(stored.imap)).toBe("s3cret-mailbox-password");

    expect(unwrap(await post(cookie, { ...validSettings, imapPassword: "" })).body).toMatchObject({ ok: true });
    expect(imapPassword((await getMailSettings()).imap)).toBe("s3cret-mailbox-password");

    const bad = unwrap<{ ok: boolean; fieldErrors: Record<string, string[]>; values: Record<string, string> }>(
      await post(cookie, { ...validSettings, supportAddress: "not an address", imapPort: "99999", imapHost: "" }),
    );
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.fieldErrors).sort()).toEqual(["imapHost", "imapPort", "supportAddress"]);
    expect(bad.body.values).toMatchObject({ supportAddress: "not an address", imapPort: "99999" });
    expect(bad.body.values).not.toHaveProperty("imapPassword");

    const page = (await loader({ request: new Request("http://keydesk.test/admin/mail", { headers: { Cookie: cookie } }), params: {}, context: {} })) as Awaited<ReturnType<typeof loader>>;
    expect(page.settings.imap).toMatchObject({ passwordSet: true });
    expect(JSON.stringify(page)).not.toContain("passwordCiphertext");
  });

  it("is not reachable for engineers or customers", async () => {
    for (const user of [await staff("engineer"), (await customerWithLicence()).customer]) {
      const cookie = await cookieFor(user.id);
      const thrown = await loader({ request: new Request("http://keydesk.test/admin/mail", { headers: { Cookie: cookie } }), params: {}, context: {} }).catch((e: unknown) => e);
      expect(thrown).toBeInstanceOf(Response);
      expect([403, 404]).toContain((thrown as Response).status);
    }
  });

  it("a held unknown sender is added as a contact of an organisation, and the message then files as theirs", async () => {
    const admin = await staff("admin");
    const cookie = await cookieFor(admin.id);
    await post(cookie, { ...validSettings, imapEnabled: "", imapSecure: "" });
    const organisation = await createOrganisation();
    await createTestLicence(organisation.id, { now: new Date() });
    const from = `newcomer-${randomUUID().slice(0, 6)}@client.example`;
    const held = await receiveEmail(mail(from, "First message"), "imap");
    expect(held.outcome).toBe("unknown_held");

    const page = (await loader({ request: new Request("http://keydesk.test/admin/mail", { headers: { Cookie: cookie } }), params: {}, context: {} })) as Awaited<ReturnType<typeof loader>>;
    expect(page.held.map((h) => h.id)).toContain(held.inboundId);

    const response = await post(cookie, { intent: "attach", id: held.inboundId!, organisationId: organisation.id, name: "New Contact" });
    expect((response as Response).status).toBe(302);
    const [contact] = await db.select().from(users).where(eq(users.email, from));
    expect(contact).toMatchObject({ organisationId: organisation.id, role: "customer", name: "New Contact" });
    const [ticket] = await db.select().from(tickets).where(eq(tickets.requesterId, contact!.id));
    expect(ticket).toMatchObject({ subject: "First message", organisationId: organisation.id });
    const [old] = await db.select().from(inboundEmails).where(eq(inboundEmails.id, held.inboundId!));
    expect(old).toMatchObject({ outcome: "released", resolvedById: admin.id });
  });

  it("a message waiting for triage files on the licence staff pick", async () => {
    const admin = await staff("admin");
    const cookie = await cookieFor(admin.id);
    const { organisation, customer } = await customerWithLicence({ now: new Date() });
    const second = await createTestLicence(organisation.id, { now: new Date() });
    const waiting = await receiveEmail(mail(customer.email, "Which module?"), "imap");
    expect(waiting.outcome).toBe("needs_triage");
    const response = await post(cookie, { intent: "file", id: waiting.inboundId!, licenceId: second.id });
    expect((response as Response).status).toBe(302);
    const [ticket] = await db.select().from(tickets).where(eq(tickets.requesterId, customer.id));
    expect(ticket).toMatchObject({ licenceId: second.id, subject: "Which module?" });
  });
});
