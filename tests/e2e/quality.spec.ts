import { type Page } from "@playwright/test";
import { DEMO, expect, expectNoSeriousA11yViolations, signedInPage, test } from "./fixtures";

/**
 * Quality end to end on the demo data (Romashka LLC holds an activated SEO Booster licence and
 * has a solved ticket; Vasilek Trading holds an activated SEO Booster licence):
 * a customer rates a solved ticket 1 → files a complaint on two tickets → quality acknowledges,
 * investigates, answers "upheld" with a 30-day extension → the customer sees the answer and the
 * new support end date. Then another customer writes a review → quality publishes it → an
 * anonymous visitor sees it on the product page. Engineers never reach complaints.
 */

const SOLVED = "How to exclude filter pages from the index?";
const OPEN = "Sitemap does not include new products";
const NOTE = "Please read the attached logs before answering; the customer sent them twice.";
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");
const CRITERIA = [
  "How fast we got to you",
  "How fast the engineer understood the problem",
  "Speed and quality of the answer",
  "How comfortable it was to work with us",
];

/** "Support until 22 Jan 2027" on the customer's licence list, for SEO Booster. */
async function seoSupportUntil(page: Page): Promise<string> {
  await page.goto("/portal/licences");
  const row = page.getByRole("row").filter({ has: page.getByRole("link", { name: "SEO Booster" }) });
  const text = (await row.getByText(/^Support until /).textContent()) ?? "";
  return text.replace("Support until ", "").trim();
}

function plusDays(formatted: string, days: number): string {
  const base = new Date(`${formatted} 12:00 UTC`);
  expect(Number.isNaN(base.getTime()), `could not read the date "${formatted}"`).toBe(false);
  return new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "Europe/Moscow" }).format(new Date(base.getTime() + days * 86_400_000));
}

test.describe.serial("a low rating becomes a complaint that quality puts right", () => {
  let supportBefore = "";
  let complaintUrl = "";

  test("the customer rates a solved ticket 1 and is offered the complaint form", async ({ browser }) => {
    const page = await signedInPage(browser, DEMO.anna.email);
    supportBefore = await seoSupportUntil(page);
    await page.goto("/portal/tickets?status=all");
    await page.getByRole("link", { name: SOLVED }).click();
    const prompt = page.getByRole("region", { name: "How did we do?" });
    await expect(prompt).toBeVisible();
    await prompt.getByRole("link", { name: "Rate this request" }).click();
    await expect(page.getByRole("heading", { level: 1, name: /^Rate request #\d+$/ })).toBeVisible();
    for (const criterion of CRITERIA) {
      await page.getByRole("group", { name: criterion, exact: true }).getByRole("radio", { name: "1", exact: true }).check();
    }
    await page.getByLabel("Comment (optional)").fill("Two days without an answer, and the answer ignored our logs.");
    await page.getByRole("button", { name: "Send my rating" }).click();
    await expect(page.getByRole("status")).toHaveText("Thank you for your rating.");
    await expect(page.getByRole("heading", { name: "We are sorry it did not go well" })).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await page.getByRole("link", { name: "File a complaint with quality" }).click();

    await expect(page.getByRole("heading", { level: 1, name: "File a complaint with quality" })).toBeVisible();
    const tickets = page.getByRole("group", { name: "Which requests is it about?" });
    await expect(tickets.getByRole("checkbox", { name: new RegExp(SOLVED.replace(/[?]/g, "\\?")) })).toBeChecked();
    await tickets.getByRole("checkbox", { name: new RegExp(OPEN) }).check();
    await page.getByLabel("What happened?").fill(
      "On the filter-pages question we waited two days for the first answer, and the sitemap request has had no useful answer since yesterday.",
    );
    await page.getByLabel("Attachments").setInputFiles([{ name: "screen.png", mimeType: "image/png", buffer: PNG }]);
    await expectNoSeriousA11yViolations(page);
    await page.getByRole("button", { name: "Send the complaint" }).click();

    await expect(page.getByRole("status")).toHaveText("Your complaint has been sent to the quality team.");
    await expect(page.getByRole("heading", { level: 1, name: /^Complaint on requests #\d+, #\d+$/ })).toBeVisible();
    await expect(page.getByRole("link", { name: "screen.png" })).toBeVisible();
    complaintUrl = new URL(page.url()).pathname;
    await expectNoSeriousA11yViolations(page);
    await page.context().close();
  });

  test("an engineer cannot open the complaint", async ({ browser }) => {
    const page = await signedInPage(browser, DEMO.engineer.email);
    const id = complaintUrl.split("/").pop()!;
    const response = await page.goto(`/desk/quality/complaints/${id}`);
    expect(response?.status()).toBe(403);
    await expect(page.getByRole("heading", { level: 1, name: "Not allowed" })).toBeVisible();
    await page.context().close();
  });

  test("quality acknowledges, investigates and answers upheld with a 30-day extension", async ({ browser }) => {
    const page = await signedInPage(browser, DEMO.quality.email);
    await page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "Complaints", exact: true }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Quality" })).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await page.getByRole("link", { name: /^Complaint on requests #\d+, #\d+$/ }).first().click();

    await expect(page.getByRole("heading", { level: 3, name: new RegExp(SOLVED.replace(/[?]/g, "\\?")) })).toBeVisible();
    await expect(page.getByRole("heading", { level: 3, name: new RegExp(OPEN) })).toBeVisible();
    await page.getByRole("button", { name: "Acknowledge" }).click();
    await expect(page.getByRole("status")).toHaveText("Done.");
    await page.getByRole("button", { name: "Start investigating" }).click();
    await expect(page.getByText("Investigating", { exact: true })).toBeVisible();

    const dossier = page.getByRole("region", { name: new RegExp(SOLVED.replace(/[?]/g, "\\?")) });
    await dossier.getByRole("textbox", { name: /Share a note with the engineers/ }).fill(NOTE);
    await dossier.getByRole("button", { name: "Share a note with the engineers" }).click();
    await expect(dossier.getByText(NOTE)).toBeVisible();

    await page.getByRole("checkbox", { name: "Slow response" }).check();
    await page.getByLabel("Corrective actions").fill("First responses are reviewed daily by the team lead.");
    await page.getByRole("button", { name: "Save findings" }).click();
    await expect(page.getByRole("status")).toHaveText("Done.");

    const remedies = page.getByRole("region", { name: "Remedies" });
    const licence = remedies.getByLabel("Licence");
    await licence.selectOption((await licence.locator("option", { hasText: "SEO Booster" }).first().getAttribute("value"))!);
    await remedies.getByLabel("Days").fill("30");
    await remedies.getByRole("button", { name: "Apply" }).first().click();
    await expect(page.getByRole("region", { name: "Remedies" }).getByText("Support extended by 30 days")).toBeVisible();

    const answer = page.getByRole("region", { name: "Answer the customer" });
    await answer.getByRole("radio", { name: "Upheld", exact: true }).check();
    await answer.getByLabel("Answer").fill("You are right: the first answer came two business days late and did not use your logs. We have extended your support by 30 days.");
    await expectNoSeriousA11yViolations(page);
    await answer.getByRole("button", { name: "Send the answer" }).click();
    await expect(page.getByText("Answered", { exact: true }).first()).toBeVisible();
    await page.context().close();
  });

  test("the customer sees the answer and the new support end date", async ({ browser }) => {
    const page = await signedInPage(browser, DEMO.anna.email);
    await page.goto(complaintUrl);
    const answer = page.getByRole("region", { name: "Our answer" });
    await expect(answer).toContainText("Decision: Upheld");
    await expect(answer).toContainText("did not use your logs");
    const expected = plusDays(supportBefore, 30);
    await expect(answer.getByRole("listitem")).toHaveText(`Support extended by 30 days — support now runs until ${expected}`);
    await expectNoSeriousA11yViolations(page);
    expect(await seoSupportUntil(page)).toBe(expected);
    await page.context().close();
  });
});

test("an engineer sees quality's note on the ticket, escalates another, and quality finds it raised by staff", async ({ browser }) => {
  const engineer = await signedInPage(browser, DEMO.engineer.email);
  await engineer.goto(`/desk/tickets?${new URLSearchParams({ queue: "all", q: "filter pages" })}`);
  await engineer.getByRole("link", { name: new RegExp(SOLVED.replace(/[?]/g, "\\?")) }).first().click();
  const notes = engineer.getByRole("region", { name: "Notes from quality" });
  await expect(notes).toContainText(NOTE);
  await expect(notes).not.toContainText("Complaint");
  await expectNoSeriousA11yViolations(engineer);

  await engineer.goto(`/desk/tickets?${new URLSearchParams({ queue: "all", q: "Exchange stops" })}`);
  await engineer.getByRole("link", { name: /Exchange stops at 50 % on price upload/ }).first().click();
  await engineer.getByRole("link", { name: "Escalate to quality" }).click();
  const heading = engineer.getByRole("heading", { level: 1, name: /^Escalate request #\d+ to quality$/ });
  await expect(heading).toBeVisible();
  const number = (await heading.textContent())!.match(/#(\d+)/)![1]!;
  await expectNoSeriousA11yViolations(engineer);
  await engineer.getByLabel("What should quality know?").fill("The price upload has failed for three nights; the customer was promised a fix twice.");
  await engineer.getByRole("button", { name: "Escalate to quality" }).click();
  await expect(engineer.getByRole("status")).toHaveText("Escalated to quality. Thank you.");
  await engineer.context().close();

  const quality = await signedInPage(browser, DEMO.quality.email);
  await quality.goto("/desk/quality?status=received");
  const row = quality.getByRole("row").filter({ has: quality.getByRole("link", { name: `Complaint on request #${number}` }) });
  await expect(row).toContainText("raised by staff");
  await expect(row).toContainText("Romashka LLC");
  await quality.context().close();
});

test("the quality desk's other pages work and pass axe", async ({ browser }) => {
  const page = await signedInPage(browser, DEMO.quality.email);
  await page.goto("/desk/quality/csat?show=all");
  await expect(page.getByRole("heading", { level: 1, name: "Low ratings" })).toBeVisible();
  await expect(page.getByRole("article").filter({ hasText: SOLVED }).first()).toContainText("Two days without an answer");
  await expectNoSeriousA11yViolations(page);
  await page.goto("/desk/quality/root-causes");
  await expect(page.getByRole("textbox", { name: "English — slow_response" })).toHaveValue("Slow response");
  await expectNoSeriousA11yViolations(page);
  await page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "Quality report" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Quality report" })).toBeVisible();
  await expect(page.getByRole("img", { name: "Chart: CSAT by criterion" })).toBeVisible();
  const outcomes = page.getByRole("table", { name: "Complaints by outcome" });
  await expect(outcomes.getByRole("row", { name: /^Upheld \d+$/ })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "CSV — Complaints by root cause" }).click();
  expect((await download).suggestedFilename()).toMatch(/^quality-complaints-cause-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/);
  await page.context().close();
});

test.describe.serial("a review from writing to the product page", () => {
  const AFTER = `Orders reach the search index the same day; organic traffic grew by a third (${Date.now().toString(36)}).`;

  test("a customer writes a review of a product they hold an activated licence for", async ({ browser }) => {
    const page = await signedInPage(browser, DEMO.clara.email);
    await page.getByRole("banner").getByLabel(`Account menu for ${DEMO.clara.name}`).click();
    await page.getByRole("banner").getByRole("link", { name: "Reviews", exact: true }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Reviews" })).toBeVisible();
    await page.getByRole("link", { name: /Write a review — SEO Booster/ }).click();
    await page.getByLabel("Before", { exact: true }).fill("Half of our catalogue was missing from search results and meta tags were written by hand.");
    await page.getByLabel("Why", { exact: true }).fill("It was the only module that generated sitemaps for a catalogue of our size.");
    await page.getByLabel("After", { exact: true }).fill(AFTER);
    await page.getByRole("textbox", { name: "What — Row 1" }).fill("Pages in the index");
    await page.getByRole("textbox", { name: "Before — Row 1" }).fill("4,000");
    await page.getByRole("textbox", { name: "After — Row 1" }).fill("11,500");
    await page.getByLabel("Support", { exact: true }).fill("Answers came within hours and were to the point.");
    await page.getByRole("group", { name: "Your rating of the product" }).getByRole("radio", { name: "5", exact: true }).check();
    await page.getByRole("group", { name: "Your rating of our support" }).getByRole("radio", { name: "4", exact: true }).check();
    await page.getByLabel("Show our organisation's name with the review").check();
    await expectNoSeriousA11yViolations(page);
    await page.getByRole("button", { name: "Send for moderation" }).click();
    await expect(page.getByRole("status")).toHaveText("Thank you. Your review is waiting for moderation.");
    await page.context().close();
  });

  test("quality publishes it", async ({ browser }) => {
    const page = await signedInPage(browser, DEMO.quality.email);
    await page.goto("/desk/quality/reviews");
    const review = page.getByRole("article").filter({ hasText: AFTER });
    await expect(review).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await review.getByRole("button", { name: /^Publish/ }).click();
    await expect(page.getByRole("status")).toHaveText("Published.");
    await page.context().close();
  });

  test("an anonymous visitor sees it on the product page", async ({ browser }) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto("/products/seo-booster");
    const reviews = page.getByRole("region", { name: "Customer reviews" });
    await expect(reviews).toContainText(/Reviews: \d+ · product [\d.]+ of 5 · support [\d.]+ of 5/);
    const review = reviews.getByRole("article", { name: "Vasilek Trading" });
    await expect(review).toContainText(AFTER);
    await expect(review.getByText("Verified licence holder")).toBeVisible();
    await expect(review.getByRole("row", { name: "Pages in the index 4,000 11,500" })).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await context.close();
  });
});
