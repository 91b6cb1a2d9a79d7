import { chooseLicence, expect, expectNoSeriousA11yViolations, signedInPageAs, test } from "./fixtures";

/**
 * Email as a channel, end to end through the built app: a customer's emailed reply to a ticket
 * notification (posted through the MTA pipe endpoint, as `npm run mail:pipe` does, and filed by
 * the background job) appears on
 * the ticket in the portal and in the engineer's ticket view, and on the admin's mail page.
 * The customer, licence, engineer and admin are the test's own, made through the factories.
 */
const TOKEN = process.env.E2E_MAIL_INBOUND_TOKEN ?? "e2e-mail-inbound-token-0123456789";
const SUBJECT = `Export to the accounting system is empty ${Date.now().toString(36)}`;
const REPLY = `Version 2.4.1, and the export is still empty ${Date.now().toString(36)}.`;

test("a customer's email reply lands on the ticket for the customer and the engineer", async ({ browser, request, factory }) => {
  // The pipe queues: the background job (polling every few seconds) files the reply.
  test.setTimeout(150_000);
  const { customer: contact, licence } = await factory.licence();
  const engineerLogin = await factory.staff("engineer");
  const adminLogin = await factory.staff("admin");
  const customer = await signedInPageAs(browser, contact!);
  await chooseLicence(customer, licence.productName, "Question");
  await customer.getByLabel("Subject").fill(SUBJECT);
  await customer.getByLabel("Description").fill("The nightly export produces an empty file.");
  await customer.getByRole("button", { name: "File the ticket" }).click();
  await customer.waitForURL(/\/portal\/tickets\/\d+\?filed=1$/);
  const number = Number(new URL(customer.url()).pathname.split("/").at(-1));

  // The reply a mail client would send to the "ticket received" notification.
  const raw = [
    `Message-ID: <${Date.now()}-${Math.random().toString(36).slice(2)}@mail.example.test>`,
    `From: ${contact!.name} <${contact!.email}>`,
    "To: support@keydesk.localhost",
    `Subject: Re: [#${number}] We received your ticket: ${SUBJECT}`,
    "MIME-Version: 1.0",
    "Content-Type: text/plain; charset=utf-8",
    "",
    REPLY,
    "FTP password: hunter-22-e2e",
    "",
    "On Mon, 2 Mar 2026 at 10:00, Keydesk <support@keydesk.localhost> wrote:",
    "> Your ticket has reached our support team.",
  ].join("\r\n");
  const response = await request.post("/api/v1/mail/inbound", { headers: { "Content-Type": "message/rfc822", Authorization: `Bearer ${TOKEN}` }, data: Buffer.from(raw) });
  // Accepted and queued; the background job files it moments later.
  expect(response.status()).toBe(202);
  expect(await response.json()).toMatchObject({ outcome: "queued" });

  await expect(async () => {
    await customer.goto(`/portal/tickets/${number}`);
    await expect(customer.getByText(REPLY)).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  await expect(customer.getByText("Your ticket has reached our support team.")).toHaveCount(0);
  await customer.context().close();

  const engineer = await signedInPageAs(browser, engineerLogin);
  await engineer.goto(`/desk/tickets/${number}`);
  await expect(engineer.getByText(REPLY)).toBeVisible();
  // The password went to the vault; the note saying so is put into the reader's words.
  await expect(engineer.getByRole("list", { name: "What the mail channel did" })).toHaveText("Access details from this message were moved to the ticket's encrypted vault.");
  await expect(engineer.getByText("hunter-22-e2e")).toHaveCount(0);
  await engineer.context().close();

  const admin = await signedInPageAs(browser, adminLogin);
  await admin.goto("/admin/mail");
  await expect(admin.getByRole("heading", { level: 1, name: "Mail" })).toBeVisible();
  await expect(admin.getByRole("row", { name: new RegExp(`Added to the ticket #${number}`) })).toBeVisible();
  await expectNoSeriousA11yViolations(admin);
  await admin.context().close();
});
