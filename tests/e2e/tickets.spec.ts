import { chooseLicence, expect, expectNoSeriousA11yViolations, pressJUntilARowIsCurrent, signedInPageAs, test } from "./fixtures";

/**
 * Tickets end to end, as each person meets them: the eligibility gate refusing an expired
 * licence with a renewal offer; a customer filing with access details and a screenshot; an
 * engineer finding it, claiming it, revealing the access details (audited), replying and
 * setting pending (clock paused); the customer replying (clock resumes); the engineer solving;
 * and a customer of another organisation getting 404. Every test makes its own organisations,
 * licences, logins and tickets through the factories.
 */

// A 1×1 PNG: a real image signature, as a screenshot stand-in.
const SCREENSHOT = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");
const ADMIN_PASSWORD = `Tr0ub4dor-${Date.now().toString(36)}`;
/** A word of its own for each subject, so a search finds only this test's ticket. */
const run = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

test("a refused attachment is explained and nothing typed is lost", async ({ browser, factory }) => {
  const { customer, licence } = await factory.licence();
  const page = await signedInPageAs(browser, customer!);
  await chooseLicence(page, licence.productName, "Bug report");
  await page.getByLabel("Subject").fill("Sitemap generator crashes");
  await page.getByLabel("Description").fill("The nightly sitemap job stops with a fatal error since the update.");
  await page.getByLabel("Site admin password").fill("kept-secret-42");
  await page.getByLabel("Attachments").setInputFiles([
    { name: "payload.exe", mimeType: "image/png", buffer: Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00]) },
    { name: "screen.png", mimeType: "image/png", buffer: SCREENSHOT },
  ]);
  await page.getByRole("button", { name: "File the ticket" }).click();
  await expect(page.getByText("These files were not accepted:")).toBeVisible();
  await expect(page.getByText(/payload\.exe: this type of file is not accepted/)).toBeVisible();
  await expect(page.getByText("Your text is kept, but files are not kept after an error: please choose them again.")).toBeVisible();
  await expect(page).toHaveURL(/\/portal\/tickets\/new\?/);
  await expect(page.getByLabel("Subject")).toHaveValue("Sitemap generator crashes");
  await expect(page.getByLabel("Description")).toHaveValue("The nightly sitemap job stops with a fatal error since the update.");
  await expect(page.getByLabel("Site admin password")).toHaveValue("kept-secret-42");
  await expectNoSeriousA11yViolations(page);
  await page.context().close();
});

/**
 * A ticket from filing to solved, one step per test: each test makes the ticket in the state its
 * step starts from, so the steps run alone and in any order.
 */
test.describe("a ticket from filing to solved", () => {
  test("a customer with an expired licence is refused and offered renewal", async ({ browser, factory }) => {
    const { customer, licence } = await factory.licence({ support: "expired" });
    const page = await signedInPageAs(browser, customer!);
    await chooseLicence(page, licence.productName, "Question");
    const refusal = page.getByRole("alert");
    await expect(refusal).toContainText("We cannot accept this ticket.");
    await expect(refusal).toContainText("Support for this licence ended on");
    await expect(refusal).toContainText("one more year costs");
    await expect(refusal.getByRole("link", { name: "Renew support" })).toHaveAttribute("href", /^\/portal\/licences\/[0-9a-f-]{36}$/);
    // Nothing to write yet: the form only appears for an accepted ticket.
    await expect(page.getByLabel("Subject")).toHaveCount(0);
    // Billing is always open.
    await refusal.getByRole("link", { name: "Ask billing instead" }).click();
    await expect(page.getByRole("status")).toContainText("Billing and licensing questions are always welcome");
    await expect(page.getByLabel("Subject")).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await page.context().close();
  });

  test("a customer files a ticket with access details and a screenshot", async ({ browser, factory }) => {
    const { customer, licence } = await factory.licence();
    const subject = `Checkout fails after choosing courier delivery ${run()}`;
    const page = await signedInPageAs(browser, customer!);
    await chooseLicence(page, licence.productName, "Question");
    await expect(page.getByRole("status")).toContainText("We can help.");
    await expect(page.getByText(/^We answer within 4 business hours — by \w{3}( \d{1,2} \w{3})? \d{2}:\d{2} MSK$/)).toBeVisible();
    await expect(page.getByLabel("Site address")).toHaveValue(licence.host);
    await expectNoSeriousA11yViolations(page);

    await page.getByLabel("Subject").fill(subject);
    await page.getByLabel("Description").fill("After choosing courier delivery the checkout shows error 500. Pickup works.");
    await page.getByLabel("Steps to reproduce").fill("1. Add any product\n2. Checkout\n3. Choose courier");
    await expect(page.getByRole("group", { name: "Access details" })).toContainText("encrypted");
    await page.getByLabel("Site admin login").fill("support");
    await page.getByLabel("Site admin password").fill(ADMIN_PASSWORD);
    await page.getByLabel("Attachments").setInputFiles({ name: "checkout-error.png", mimeType: "image/png", buffer: SCREENSHOT });
    await page.getByRole("button", { name: "File the ticket" }).click();

    await page.waitForURL(/\/portal\/tickets\/\d+\?filed=1$/);
    const ticketNumber = Number(new URL(page.url()).pathname.split("/").at(-1));
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(`#${ticketNumber} ${subject}`);
    await expect(page.getByRole("status").first()).toContainText(`Ticket #${ticketNumber} is filed`);
    await expect(page.getByText(/^We answer within 4 business hours — by /)).toBeVisible();
    await expect(page.getByRole("link", { name: /checkout-error\.png/ })).toBeVisible();
    await expect(page.getByText("Provided: stored encrypted")).toBeVisible();
    await expect(page.getByText(ADMIN_PASSWORD)).toHaveCount(0);
    await expectNoSeriousA11yViolations(page);
    await page.context().close();
  });

  test("an engineer finds it in the queue, claims it, reveals the access details, replies and sets pending", async ({ browser, factory }) => {
    const subject = `Checkout fails after choosing courier delivery ${run()}`;
    const { ticket, organisation } = await factory.ticket({ subject, access: { siteAdminLogin: "support", siteAdminPassword: ADMIN_PASSWORD } });
    const ticketNumber = ticket.number;
    const engineer = await factory.staff("engineer");
    const page = await signedInPageAs(browser, engineer);
    await page.goto(`/desk/tickets?queue=unassigned&q=${encodeURIComponent(subject)}`);
    await expect(page.getByRole("heading", { level: 1, name: "Queues" })).toBeVisible();
    const firstRow = page.getByRole("row").nth(1);
    await expect(firstRow).toContainText(`#${ticketNumber}`);
    await expect(firstRow).toContainText(organisation!.name);
    await expect(firstRow).toContainText(/left|Warning|Breached/);
    await expectNoSeriousA11yViolations(page);
    await firstRow.getByRole("link", { name: `#${ticketNumber}` }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(`#${ticketNumber} ${subject}`);

    await page.getByRole("button", { name: "Claim" }).click();
    await expect(page.getByText(`Assignee: ${engineer.name}`)).toBeVisible();

    await expect(page.getByText(ADMIN_PASSWORD)).toHaveCount(0);
    await page.getByRole("button", { name: "Reveal access details" }).click();
    await expect(page.getByText(ADMIN_PASSWORD)).toBeVisible();
    await expect(page.getByText("Revealed once")).toBeVisible();

    await page.getByLabel("Message").fill("Thank you! Which PHP version does the site run on?");
    await page.getByLabel("And set the status").selectOption({ label: "Waiting for the customer" });
    await page.getByRole("button", { name: "Send", exact: true }).click();
    await expect(page.getByText("Your message was added.")).toBeVisible();
    await expect(page.locator(".ticket-head .badge").first()).toHaveText("Waiting for the customer");
    await expect(page.locator(".ticket-head .sla")).toHaveText("Paused");
    await expect(page.getByText("Waiting for the customer: the clocks are paused.")).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await page.context().close();

    // The reveal is in the audit log (among this engineer's entries: other tests write there too).
    const admin = await signedInPageAs(browser, await factory.staff("admin"));
    await admin.goto(`/admin/audit?actor=${encodeURIComponent(engineer.email)}`);
    await expect(admin.getByText(`revealed the access details of #${ticketNumber}`, { exact: true }).first()).toBeVisible();
    await admin.context().close();
  });

  test("the customer replies and the clock resumes; the engineer solves", async ({ browser, factory }) => {
    const made = await factory.ticket({ state: "pending", reply: "Thank you! Which PHP version does the site run on?" });
    const ticketNumber = made.ticket.number;
    const customer = await signedInPageAs(browser, made.customer!);
    await customer.goto(`/portal/tickets/${ticketNumber}`);
    await expect(customer.getByText("Thank you! Which PHP version does the site run on?")).toBeVisible();
    await expect(customer.getByText("We are waiting for your reply.")).toBeVisible();
    await customer.getByLabel("Message").fill("PHP 8.2, and the error log says: Undefined index delivery_id");
    await customer.getByRole("button", { name: "Send reply" }).click();
    await expect(customer.getByText("Your message was added.")).toBeVisible();
    await expect(customer.locator(".ticket-head .badge")).toHaveText("Open");
    await expect(customer.getByText(/^We answer within 8 business hours — by /)).toBeVisible();

    const engineer = await signedInPageAs(browser, made.engineer!);
    await engineer.goto(`/desk/tickets/${ticketNumber}`);
    await expect(engineer.locator(".ticket-head .sla")).toContainText(/left/);
    const panel = engineer.getByRole("region", { name: "SLA" });
    await expect(panel.getByRole("row", { name: /Next response/ })).toContainText("Running");
    await panel.getByText("Clock events").click();
    await expect(panel.getByText(/Next response: resumed|Next response: started/).first()).toBeVisible();

    await engineer.getByLabel("Status", { exact: true }).selectOption({ label: "Solved" });
    await engineer.getByRole("button", { name: "Set status" }).click();
    await expect(engineer.locator(".ticket-head .badge").first()).toHaveText("Solved");

    await customer.reload();
    await expect(customer.locator(".ticket-head .badge")).toHaveText("Solved");
    await expect(customer.getByRole("button", { name: "Reopen: it is not solved" })).toBeVisible();
    await expectNoSeriousA11yViolations(customer);
    await customer.context().close();
    await engineer.context().close();
  });

  test("a customer of another organisation gets 404 for it", async ({ browser, factory }) => {
    const { ticket } = await factory.ticket();
    const { customer: other } = await factory.customer();
    const page = await signedInPageAs(browser, other);
    const response = await page.goto(`/portal/tickets/${ticket.number}`);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
    await expect(page.getByText(ticket.subject)).toHaveCount(0);
    await page.context().close();
  });
});

test("an admin edits the business calendar and sees the plans", async ({ browser, factory }) => {
  const page = await signedInPageAs(browser, await factory.staff("admin"));
  await page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "Calendars" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Business calendars" })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await page.getByRole("link", { name: "Moscow office hours" }).click();
  await expect(page.getByLabel("Time zone")).toHaveValue("Europe/Moscow");
  await expect(page.getByLabel("Holidays")).toContainText("2026-03-09");
  await page.getByLabel("Tuesday").fill("18:00-10:00");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("A window must start before it ends")).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await page.getByLabel("Tuesday").fill("10:00–18:00");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("status")).toHaveText("Saved.");

  await page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "Plans" }).click();
  await expect(page.getByRole("heading", { level: 2, name: /Standard/ })).toContainText("default");
  await expect(page.getByRole("heading", { level: 2, name: "Priority" })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await page.getByRole("link", { name: "Priority" }).click();
  await expect(page.getByLabel("First response — Urgent")).toHaveValue("30");
  await expectNoSeriousA11yViolations(page);
  await page.context().close();
});

test("an engineer works the queue with the keyboard only, and a reply draft survives a reload", async ({ browser, factory }) => {
  // Two open tickets of the engineer's own: the queue has at least two rows, whatever else is there.
  const engineer = await factory.staff("engineer");
  for (let n = 0; n < 2; n++) await factory.ticket({ state: "open", engineerId: engineer.id });
  const page = await signedInPageAs(browser, engineer);
  await page.goto("/desk/tickets?queue=open");
  const rows = page.locator("tr[data-kbd-row]");
  await expect(rows.first()).toBeVisible();
  await pressJUntilARowIsCurrent(page);
  await expect(rows.nth(0).getByRole("link").first()).toBeFocused();
  await page.keyboard.press("j");
  await expect(rows.nth(1).getByRole("link").first()).toBeFocused();
  // k moves back up; the chosen row is marked, not only focused.
  await page.keyboard.press("k");
  await expect(rows.nth(0).getByRole("link").first()).toBeFocused();
  await expect(rows.nth(0)).toHaveClass(/kbd-current/);
  await page.keyboard.press("j");
  await expect(rows.nth(1)).toHaveClass(/kbd-current/);
  const second = (await rows.nth(1).getByRole("link").first().getAttribute("href"))!;
  await page.keyboard.press("o");
  await expect(page).toHaveURL(new RegExp(`${second}$`));
  // The address changes before the new page is drawn: wait for the reply box.
  const body = page.locator("form[data-kbd='reply'] textarea[name='body']");
  await expect(body).toBeVisible();
  // n: an internal note, focused; what is typed is kept across a reload.
  await page.keyboard.press("n");
  await expect(body).toBeFocused();
  await expect(page.getByRole("radio", { name: "Internal note (staff only)" })).toBeChecked();
  await body.pressSequentially("Checked the logs, ");
  await page.reload();
  await expect(body).toHaveValue("Checked the logs, ");
  // r: back to a public reply, the draft still there.
  await page.keyboard.press("r");
  await expect(body).toBeFocused();
  await expect(page.locator("form[data-kbd='reply'] input[name='visibility'][value='public']")).toBeChecked();
  await body.press("End");
  await body.pressSequentially("all clear.");
  await expect(body).toHaveValue("Checked the logs, all clear.");
  await body.blur();
  // s: the status of the reply; /: the search box.
  const status = page.locator("form[data-kbd='reply'] select[name='status']");
  await page.keyboard.press("s");
  await expect(status).toBeFocused();
  await status.blur();
  await page.keyboard.press("/");
  await expect(page.locator("#header-search")).toBeFocused();
  await page.locator("#header-search").blur();
  // ? lists the shortcuts; g q goes back to the queue.
  await page.keyboard.press("?");
  await expect(page.getByRole("dialog", { name: "Keyboard shortcuts" })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await page.keyboard.press("Escape");
  await page.keyboard.press("g");
  await page.keyboard.press("q");
  await expect(page).toHaveURL(/\/desk\/tickets(\?|$)/);
  await page.context().close();
});
