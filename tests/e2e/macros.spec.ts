import { expect, expectNoSeriousA11yViolations, signedInPageAs, test } from "./fixtures";

/**
 * Macros end to end: an engineer writes one, picks it from the reply box, sends, and the ticket
 * is pending. The engineer and the tickets are the test's own (factories).
 */
test("an engineer picks a macro in the reply box, sends, and the ticket becomes pending", async ({ browser, factory }) => {
  const engineer = await factory.staff("engineer");
  const subject = `Open question ${Date.now().toString(36)}`;
  await factory.ticket({ state: "open", engineerId: engineer.id, subject });
  const page = await signedInPageAs(browser, engineer);
  const title = `Waiting for logs ${Date.now()}`;
  await page.goto("/desk/macros");
  await expect(page.getByRole("heading", { name: "Macros", level: 1 })).toBeVisible();
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Text in English").fill("Hello {{customer.nickname}}");
  await page.getByRole("button", { name: "Create the macro" }).click();
  await expect(page.getByText("Unknown placeholder: customer.nickname.")).toBeVisible();
  await page.getByLabel("Text in English").fill("Hello {{customer.first_name}}, please send the logs for #{{ticket.number}}. {{agent.name}}");
  await page.getByLabel("Set status").selectOption("pending");
  await page.getByRole("button", { name: "Create the macro" }).click();
  await expect(page.getByRole("row", { name: new RegExp(title) })).toContainText("never");
  await expectNoSeriousA11yViolations(page);

  await page.goto(`/desk/tickets?queue=open&status=open&q=${encodeURIComponent(subject)}`);
  await page.locator("tbody tr").first().getByRole("link").first().click();
  await page.waitForURL(/\/desk\/tickets\/\d+$/);
  const number = page.url().split("/").pop()!;
  await page.getByText("Insert a macro").click();
  await page.getByLabel("Find a macro").fill(title);
  await page.getByLabel("Find a macro").press("Enter");
  await expect(page.getByLabel("Message")).toHaveValue(new RegExp(`please send the logs for #${number}\\. ${engineer.name}$`));
  await page.getByRole("button", { name: "Send" }).click();
  await expect(page.getByText("Your message was added.")).toBeVisible();
  await expect(page.locator(".ticket-head .badge").first()).toHaveText("Waiting for the customer");
  await page.goto(`/desk/macros?q=${encodeURIComponent(title)}`);
  await expect(page.getByRole("row", { name: new RegExp(title) })).toContainText("1 time");
});

/**
 * The end-to-end case: three tickets of its own, a macro of its own that replies and
 * sets pending, applied to the three at once from the queue; the three SLA clocks then read paused.
 */
test("an engineer applies a macro to three tickets from the queue and sees the three clocks paused", async ({ browser, factory }) => {
  const run = Date.now().toString(36);
  const subject = `Bulk macro ${run}`;
  // Three new questions from one customer of a new organisation.
  const { customer, licence } = await factory.licence();
  for (const n of [1, 2, 3]) {
    await factory.ticket({
      requesterId: customer!.id,
      licenceId: licence.id,
      subject: `${subject} ${n}`,
      description: "A question filed for the bulk macro check of the queue.",
    });
  }

  const page = await signedInPageAs(browser, await factory.staff("engineer"));
  const title = `Need the logs ${run}`;
  await page.goto("/desk/macros");
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Text in English").fill("Hello {{customer.first_name}}, please send the logs for #{{ticket.number}}.");
  await page.getByLabel("Set status").selectOption("pending");
  await page.getByRole("button", { name: "Create the macro" }).click();
  await expect(page.getByRole("row", { name: new RegExp(title) })).toBeVisible();

  await page.goto(`/desk/tickets?queue=all&q=${encodeURIComponent(subject)}&sort=number&cols=subject,status,due`);
  const rows = page.locator("tr[data-kbd-row]");
  await expect(rows).toHaveCount(3);
  // Before: three running clocks, none paused.
  await expect(rows.filter({ hasText: "Paused" })).toHaveCount(0);
  const numbers = (await rows.locator("td:nth-child(2) a").allTextContents()).map((text) => Number(text.replace("#", "")));
  for (const box of await page.getByRole("checkbox", { name: /^Select ticket #\d+$/ }).all()) await box.check();
  await page.getByLabel("Action", { exact: true }).selectOption({ label: title });
  await page.getByRole("button", { name: "Review change" }).click();
  await expect(page.getByText(`The macro “${title}” will answer 3 tickets and apply its actions`)).toBeVisible();
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByRole("status").filter({ hasText: "3 tickets changed." })).toBeVisible();

  // The queue's SLA column: the three clocks paused, the three tickets waiting for the customer.
  await expect(rows.filter({ hasText: "Waiting for the customer" })).toHaveCount(3);
  for (const number of numbers) {
    const row = rows.filter({ has: page.getByRole("link", { name: `#${number}`, exact: true }) });
    await expect(row.locator(".sla.paused")).toHaveText("Paused");
  }
  // Each ticket: the macro's reply in the conversation, the head's clock and the SLA panel paused.
  for (const number of numbers) {
    await page.goto(`/desk/tickets/${number}`);
    await expect(page.getByText(`please send the logs for #${number}.`)).toBeVisible();
    await expect(page.locator(".ticket-head .sla.paused")).toHaveText("Paused");
    await expect(page.getByText("Waiting for the customer: the clocks are paused.")).toBeVisible();
  }
  await page.context().close();
});
