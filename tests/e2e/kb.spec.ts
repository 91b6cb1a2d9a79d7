import type { Browser } from "@playwright/test";
import { DEMO_ARTICLES } from "../../app/modules/knowledge/demo-articles";
import { chooseLicence, expect, expectNoSeriousA11yViolations, signedInPageAs, signInAs, test, type Factory, type FactoryPerson } from "./fixtures";

/**
 * The knowledge base end to end: the public help centre with its search-engine tags; a customer
 * typing a subject sees the matching article beside the form and marks it as solving the
 * problem (the desk counts the deflection); the same step without JavaScript; and an engineer
 * finding a ticket by a word from its third message, in another form of the word, then linking
 * an article into the reply without JavaScript.
 *
 * Every test makes its own articles (the demo's text, the title with a word of its own, so the
 * test finds its article among copies made by other tests), logins, licences and tickets through
 * the factories (ADR 058).
 */

// Two or three logins and axe runs a test: more than the default on a busy machine.
test.describe.configure({ timeout: 120_000 });

/** A word of its own for each test. */
const run = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

const demoArticle = (title: string) => DEMO_ARTICLES.find((a) => a.en.title === title)!;
const CACHE = demoArticle("Clearing the cache after an update");
const EXCHANGE = demoArticle("1C Exchange: the exchange stops at 50 % while uploading prices");
const SOURCE_CHECK = demoArticle("Checking a licence flagged as source modified");

/** The cache article in English (public), titled with `tag`. */
function cacheArticle(factory: Factory, tag: string) {
  return factory.article({ title: `${CACHE.en.title} ${tag}`, summary: CACHE.en.summary, body: CACHE.en.body });
}

test("the public help centre lists and finds articles, with title, description and canonical tags", async ({ page, factory }) => {
  const tag = run();
  const article = await cacheArticle(factory, tag);
  const russian = await factory.article({ title: `${CACHE.ru.title} ${tag}`, summary: CACHE.ru.summary, body: CACHE.ru.body, language: "ru", translationOf: article.id });
  const staffOnly = await factory.article({ title: `${SOURCE_CHECK.en.title} ${tag}`, summary: SOURCE_CHECK.en.summary, body: SOURCE_CHECK.en.body, visibility: "staff" });

  await page.goto("/kb");
  await expect(page.getByRole("heading", { name: "Help centre", level: 1 })).toBeVisible();
  await page.getByLabel("Search the help centre").fill("clearing caches");
  await page.getByRole("button", { name: "Search" }).click();
  await page.getByRole("link", { name: article.title }).click();
  await expect(page).toHaveTitle(`${article.title} · Keydesk`);
  await expect(page.locator('link[rel="canonical"]')).toHaveAttribute("href", new RegExp(`/kb/en/${article.slug}$`));
  await expect(page.locator('meta[name="description"]')).toHaveAttribute("content", /module cache/);
  await expectNoSeriousA11yViolations(page);
  await page.getByRole("link", { name: "Читать по-русски" }).click();
  await expect(page.getByRole("heading", { name: russian.title })).toBeVisible();
  // A staff-only article is not there for the public, neither its page nor in the search API
  // (where the same words find the public article).
  const hidden = await page.request.get(`/kb/en/${staffOnly.slug}`);
  expect(hidden.status()).toBe(404);
  const api = await page.request.get(`/api/v1/kb/search?q=${encodeURIComponent(`source modified ${tag}`)}`);
  expect((await api.json()).results).toEqual([]);
  const found = await page.request.get(`/api/v1/kb/search?q=${encodeURIComponent(`clearing cache ${tag}`)}`);
  expect((await found.json()).results).toHaveLength(1);
});

test("a customer typing a subject sees the matching article and marks it as solving the problem", async ({ browser, factory }) => {
  const article = await cacheArticle(factory, run());
  const { customer, licence } = await factory.licence();
  const engineer = await factory.staff("engineer");

  const page = await signedInPageAs(browser, customer!);
  await chooseLicence(page, licence.productName, "Question");
  await page.getByLabel("Subject").pressSequentially("Old prices after the update: how do I clear the cache?");
  const suggestions = page.getByRole("complementary", { name: "Check these articles first" });
  const link = suggestions.getByRole("link", { name: article.title });
  await expect(link).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await link.click();
  await expect(page.getByRole("heading", { name: "Did this article solve your problem?" })).toBeVisible();
  await page.getByRole("button", { name: "Yes, this solved it" }).click();
  await expect(page.getByText("Glad it helped. The ticket you started was not filed.")).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await page.context().close();

  const desk = await signedInPageAs(browser, engineer);
  await desk.goto("/desk/kb?q=clearing+cache&lang=en");
  const row = desk.getByRole("row").filter({ has: desk.getByRole("link", { name: article.title }) });
  // Columns: title, language, visibility, status, helpful, deflections, updated.
  await expect(row.getByRole("cell").nth(5)).toHaveText("1");
  await expectNoSeriousA11yViolations(desk);
  await desk.context().close();
});

async function signedInWithoutJavaScript(browser: Browser, person: FactoryPerson) {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await signInAs(page, person);
  return { context, page };
}

test("without JavaScript, 'check these articles first' shows the articles and keeps what was typed", async ({ browser, factory }) => {
  // The article is for the holders of the customer's product, as the demo's is for the 1C connector's.
  const { customer, licence } = await factory.licence();
  const article = await factory.article({
    title: `${EXCHANGE.en.title} ${run()}`,
    summary: EXCHANGE.en.summary,
    body: EXCHANGE.en.body,
    visibility: "customers",
    productIds: [licence.productId],
  });
  const { context, page } = await signedInWithoutJavaScript(browser, customer!);
  await chooseLicence(page, licence.productName, "Question");
  await page.getByLabel("Subject").fill("Exchange hangs at 50 % while uploading prices");
  await page.getByLabel("Description").fill("Every night the price upload stops halfway.");
  await page.getByRole("button", { name: "Check these articles first" }).click();
  await expect(page.getByRole("complementary", { name: "Check these articles first" }).getByRole("link", { name: article.title })).toBeVisible();
  await expect(page.getByLabel("Subject")).toHaveValue("Exchange hangs at 50 % while uploading prices");
  await expect(page.getByLabel("Description")).toHaveValue("Every night the price upload stops halfway.");
  await context.close();
});

test("an engineer finds a ticket by a word from its third message, in another form of the word, and links an article into the reply without JavaScript", async ({ browser, factory }) => {
  const article = await cacheArticle(factory, run());
  const { customer, licence } = await factory.licence();
  const engineerLogin = await factory.staff("engineer");
  const subject = `Prices are not updated on the storefront ${run()}`;
  const { ticket } = await factory.ticket({ requesterId: customer!.id, licenceId: licence.id, subject, description: "After the update the storefront still shows last week's prices." });
  const number = ticket.number;

  const engineer = await signedInPageAs(browser, engineerLogin);
  await engineer.goto(`/desk/tickets/${number}`);
  await engineer.getByLabel("Message").fill("Please send us a screenshot of the product card.");
  await engineer.getByRole("button", { name: "Send", exact: true }).click();
  await expect(engineer.getByText("Please send us a screenshot of the product card.")).toBeVisible();

  const customerPage = await signedInPageAs(browser, customer!);
  await customerPage.goto(`/portal/tickets/${number}`);
  await customerPage.getByLabel("Message").fill("Помогло, когда мы вручную очистили кэш модуля в настройках.");
  await customerPage.getByRole("button", { name: "Send reply" }).click();
  await expect(customerPage.getByText("Помогло, когда мы вручную очистили кэш модуля в настройках.")).toBeVisible();
  await customerPage.context().close();

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
  const { context, page } = await signedInWithoutJavaScript(browser, engineerLogin);
  await page.goto(`/desk/tickets/${number}`);
  await page.getByLabel("Message").fill("Please follow these steps:");
  await page.getByRole("radio", { name: "Internal note" }).check();
  await page.getByLabel("Find an article to link").fill("clearing cache");
  await page.getByRole("button", { name: "Find articles" }).click();
  await page.getByRole("button", { name: `Insert a link to "${article.title}" into the reply` }).first().click();
  await expect(page.getByText("It is not sent yet.")).toBeVisible();
  await expect(page.getByLabel("Message")).toHaveValue(new RegExp(`^Please follow these steps:\\n\\n\\[${escape(article.title)}\\]\\(http.*/kb/en/${article.slug}\\)$`));
  await expect(page.getByRole("radio", { name: "Internal note" })).toBeChecked();
  await expect(page.getByLabel("Find an article to link")).toHaveValue("clearing cache");
  await context.close();
});
