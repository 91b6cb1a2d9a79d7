import type { Browser } from "@playwright/test";
import { chooseLicence, DEMO, expect, expectNoSeriousA11yViolations, signedInPage, test } from "./fixtures";

/**
 * The knowledge base end to end: the public help centre with its search-engine tags; a customer
 * typing a subject sees the matching article beside the form and marks it as solving the
 * problem (the desk counts the deflection); the same step without JavaScript; and an engineer
 * finding a ticket by a word from its third message, in another form of the word, then linking
 * an article into the reply without JavaScript.
 */

test("the public help centre lists and finds articles, with title, description and canonical tags", async ({ page }) => {
  await page.goto("/kb");
  await expect(page.getByRole("heading", { name: "Help centre", level: 1 })).toBeVisible();
  await page.getByLabel("Search the help centre").fill("clearing caches");
  await page.getByRole("button", { name: "Search" }).click();
  await page.getByRole("link", { name: "Clearing the cache after an update" }).click();
  await expect(page).toHaveTitle("Clearing the cache after an update · Keydesk");
  await expect(page.locator('link[rel="canonical"]')).toHaveAttribute("href", /\/kb\/en\/clearing-the-cache-after-an-update$/);
  await expect(page.locator('meta[name="description"]')).toHaveAttribute("content", /module cache/);
  await expectNoSeriousA11yViolations(page);
  await page.getByRole("link", { name: "Читать по-русски" }).click();
  await expect(page.getByRole("heading", { name: "Как очистить кэш после обновления" })).toBeVisible();
  // A staff-only article is not there for the public.
  const hidden = await page.request.get("/kb/en/checking-a-licence-flagged-as-source-modified");
  expect(hidden.status()).toBe(404);
  const api = await page.request.get("/api/v1/kb/search?q=source+modified");
  expect((await api.json()).results).toEqual([]);
});

test("a customer typing a subject sees the matching article and marks it as solving the problem", async ({ browser }) => {
  const page = await signedInPage(browser, DEMO.anna.email);
  await chooseLicence(page, "SEO Booster", "Question");
  await page.getByLabel("Subject").pressSequentially("Old prices after the update: how do I clear the cache?");
  const suggestions = page.getByRole("complementary", { name: "Check these articles first" });
  const article = suggestions.getByRole("link", { name: "Clearing the cache after an update" });
  await expect(article).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await article.click();
  await expect(page.getByRole("heading", { name: "Did this article solve your problem?" })).toBeVisible();
  await page.getByRole("button", { name: "Yes, this solved it" }).click();
  await expect(page.getByText("Glad it helped. The ticket you started was not filed.")).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await page.context().close();

  const desk = await signedInPage(browser, DEMO.engineer.email);
  await desk.goto("/desk/kb?q=clearing+cache&lang=en");
  const row = desk.getByRole("row").filter({ has: desk.getByRole("link", { name: "Clearing the cache after an update" }) });
  // Columns: title, language, visibility, status, helpful, deflections, updated.
  await expect(row.getByRole("cell").nth(5)).toHaveText("1");
  await expectNoSeriousA11yViolations(desk);
  await desk.context().close();
});

async function signedInWithoutJavaScript(browser: Browser, email: string) {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("keydesk-demo-2026");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => url.pathname !== "/login");
  return { context, page };
}

test("without JavaScript, 'check these articles first' shows the articles and keeps what was typed", async ({ browser }) => {
  // Not Boris: the password-reset walk-through changes his password.
  const { context, page } = await signedInWithoutJavaScript(browser, DEMO.anna.email);
  await chooseLicence(page, "1C Exchange Connector", "Question");
  await page.getByLabel("Subject").fill("Exchange hangs at 50 % while uploading prices");
  await page.getByLabel("Description").fill("Every night the price upload stops halfway.");
  await page.getByRole("button", { name: "Check these articles first" }).click();
  await expect(page.getByRole("complementary", { name: "Check these articles first" }).getByRole("link", { name: /exchange stops at 50 %/i })).toBeVisible();
  await expect(page.getByLabel("Subject")).toHaveValue("Exchange hangs at 50 % while uploading prices");
  await expect(page.getByLabel("Description")).toHaveValue("Every night the price upload stops halfway.");
  await context.close();
});

test("an engineer finds a ticket by a word from its third message, in another form of the word, and links an article into the reply without JavaScript", async ({ browser }) => {
  const subject = `Prices are not updated on the storefront ${Date.now().toString(36)}`;
  const customer = await signedInPage(browser, DEMO.anna.email);
  await chooseLicence(customer, "SEO Booster", "Question");
  await customer.getByLabel("Subject").fill(subject);
  await customer.getByLabel("Description").fill("After the update the storefront still shows last week's prices.");
  await customer.getByRole("button", { name: "File the ticket" }).click();
  await customer.waitForURL(/\/portal\/tickets\/\d+\?filed=1/);
  const number = Number(/\/portal\/tickets\/(\d+)/.exec(customer.url())![1]);

  const engineer = await signedInPage(browser, DEMO.engineer.email);
  await engineer.goto(`/desk/tickets/${number}`);
  await engineer.getByLabel("Message").fill("Please send us a screenshot of the product card.");
  await engineer.getByRole("button", { name: "Send", exact: true }).click();
  await expect(engineer.getByText("Please send us a screenshot of the product card.")).toBeVisible();

  await customer.goto(`/portal/tickets/${number}`);
  await customer.getByLabel("Message").fill("Помогло, когда мы вручную очистили кэш модуля в настройках.");
  await customer.getByRole("button", { name: "Send reply" }).click();
  await expect(customer.getByText("Помогло, когда мы вручную очистили кэш модуля в настройках.")).toBeVisible();
  await customer.context().close();

  await engineer.goto("/desk");
  await engineer.getByRole("search", { name: "Search", exact: true }).getByRole("searchbox").fill("кэша модулей");
  await engineer.getByRole("search", { name: "Search", exact: true }).getByRole("button", { name: "Search" }).click();
  await engineer.waitForURL(/\/desk\/search\?/);
  const hit = engineer.getByRole("listitem").filter({ has: engineer.getByRole("link", { name: `#${number} ${subject}` }) });
  await expect(hit).toBeVisible();
  await expect(hit.locator("mark").first()).toHaveText(/кэш/i);
  await expectNoSeriousA11yViolations(engineer);
  // A number jumps straight to the ticket.
  await engineer.getByRole("search", { name: "Search", exact: true }).getByRole("searchbox").fill(`#${number}`);
  await engineer.getByRole("search", { name: "Search", exact: true }).getByRole("button", { name: "Search" }).click();
  await engineer.waitForURL(new RegExp(`/desk/tickets/${number}$`));
  await engineer.context().close();

  // Without JavaScript: find an article from the reply form and insert its link; what was typed stays, nothing is sent.
  const { context, page } = await signedInWithoutJavaScript(browser, DEMO.engineer.email);
  await page.goto(`/desk/tickets/${number}`);
  await page.getByLabel("Message").fill("Please follow these steps:");
  await page.getByRole("radio", { name: "Internal note" }).check();
  await page.getByLabel("Find an article to link").fill("clearing cache");
  await page.getByRole("button", { name: "Find articles" }).click();
  await page.getByRole("button", { name: 'Insert a link to "Clearing the cache after an update" into the reply' }).first().click();
  await expect(page.getByText("It is not sent yet.")).toBeVisible();
  await expect(page.getByLabel("Message")).toHaveValue(/^Please follow these steps:\n\n\[Clearing the cache after an update\]\(http.*\/kb\/en\/clearing-the-cache-after-an-update\)$/);
  await expect(page.getByRole("radio", { name: "Internal note" })).toBeChecked();
  await expect(page.getByLabel("Find an article to link")).toHaveValue("clearing cache");
  await context.close();
});
