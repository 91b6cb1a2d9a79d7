import { DEMO, expect, expectNoSeriousA11yViolations, signedInPage, test } from "./fixtures";

/** Macros end to end: an engineer writes one, picks it from the reply box, sends, and the ticket is pending. */
test("an engineer picks a macro in the reply box, sends, and the ticket becomes pending", async ({ browser }) => {
  const page = await signedInPage(browser, DEMO.engineer.email);
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

  await page.goto("/desk/tickets?queue=open&status=open");
  await page.locator("tbody tr").first().getByRole("link").first().click();
  await page.waitForURL(/\/desk\/tickets\/\d+$/);
  const number = page.url().split("/").pop()!;
  await page.getByText("Insert a macro").click();
  await page.getByLabel("Find a macro").fill(title);
  await page.getByLabel("Find a macro").press("Enter");
  await expect(page.getByLabel("Message")).toHaveValue(new RegExp(`please send the logs for #${number}\\. ${DEMO.engineer.name}$`));
  await page.getByRole("button", { name: "Send" }).click();
  await expect(page.getByText("Your message was added.")).toBeVisible();
  await expect(page.locator(".ticket-head .badge").first()).toHaveText("Waiting for the customer");
  await page.goto(`/desk/macros?q=${encodeURIComponent(title)}`);
  await expect(page.getByRole("row", { name: new RegExp(title) })).toContainText("1 time");
});
