import { type Page } from "@playwright/test";
import {
  expect,
  expectNoSeriousA11yViolations,
  signedInPageAs,
  test,
  withFactory,
  type FactoryLicence,
  type FactoryOrganisation,
  type FactoryPerson,
  type FactoryTicket,
} from "./fixtures";

/**
 * Quality end to end: a customer rates a solved ticket 1 → files a complaint on two tickets →
 * quality acknowledges, investigates, answers "upheld" with a 30-day extension → the customer
 * sees the answer and the new support end date, and the engineer sees quality's note. An
 * engineer escalates a ticket of their own to quality. Then another customer writes a review →
 * quality publishes it → an anonymous visitor sees it on the product page. Engineers never reach
 * complaints. Every story makes its own organisations, licences, tickets and logins through the
 * factories (ADR 058).
 */

/** A word of its own for each run, so subjects and texts are found only where this test put them. */
const run = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const NOTE = "Please read the attached logs before answering; the customer sent them twice.";
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");
const CRITERIA = [
  "How fast we got to you",
  "How fast the engineer understood the problem",
  "Speed and quality of the answer",
  "How comfortable it was to work with us",
];

/** "Support until 22 Jan 2027" on the customer's licence list, for the product. */
async function supportUntil(page: Page, product: string): Promise<string> {
  await page.goto("/portal/licences");
  const row = page.getByRole("row").filter({ has: page.getByRole("link", { name: product }) });
  const text = (await row.getByText(/^Support until /).textContent()) ?? "";
  return text.replace("Support until ", "").trim();
}

function plusDays(formatted: string, days: number): string {
  const base = new Date(`${formatted} 12:00 UTC`);
  expect(Number.isNaN(base.getTime()), `could not read the date "${formatted}"`).toBe(false);
  return new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "Europe/Moscow" }).format(new Date(base.getTime() + days * 86_400_000));
}

test.describe.serial("a low rating becomes a complaint that quality puts right", () => {
  const tag = run();
  const SOLVED = `How to exclude filter pages from the index? ${tag}`;
  const OPEN = `Sitemap does not include new products ${tag}`;
  let customer: FactoryPerson;
  let engineer: FactoryPerson;
  let quality: FactoryPerson;
  let licence: FactoryLicence;
  let solved: FactoryTicket;
  let open: FactoryTicket;
  let supportBefore = "";
  let complaintUrl = "";

  test.beforeAll(async ({ playwright }, testInfo) => {
    await withFactory(playwright, testInfo.project.use.baseURL, async (factory) => {
      const made = await factory.licence();
      customer = made.customer!;
      licence = made.licence;
      const first = await factory.ticket({ state: "solved", requesterId: customer.id, licenceId: licence.id, subject: SOLVED });
      engineer = first.engineer!;
      solved = first.ticket;
      open = (await factory.ticket({ state: "open", requesterId: customer.id, licenceId: licence.id, engineerId: engineer.id, subject: OPEN })).ticket;
      quality = await factory.staff("quality");
    });
  });

  test("the customer rates a solved ticket 1 and is offered the complaint form", async ({ browser }) => {
    const page = await signedInPageAs(browser, customer);
    supportBefore = await supportUntil(page, licence.productName);
    await page.goto("/portal/tickets?status=all");
    await page.getByRole("link", { name: SOLVED }).click();
    const prompt = page.getByRole("region", { name: "How did we do?" });
    await expect(prompt).toBeVisible();
    await prompt.getByRole("link", { name: "Rate this request" }).click();
    await expect(page.getByRole("heading", { level: 1, name: `Rate request #${solved.number}` })).toBeVisible();
    for (const criterion of CRITERIA) {
      await page.getByRole("group", { name: criterion, exact: true }).getByRole("radio", { name: "1", exact: true }).check();
    }
    await page.getByLabel("Comment (optional)").fill(`Two days without an answer, and the answer ignored our logs (${tag}).`);
    await page.getByRole("button", { name: "Send my rating" }).click();
    await expect(page.getByRole("status")).toHaveText("Thank you for your rating.");
    await expect(page.getByRole("heading", { name: "We are sorry it did not go well" })).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await page.getByRole("link", { name: "File a complaint with quality" }).click();

    await expect(page.getByRole("heading", { level: 1, name: "File a complaint with quality" })).toBeVisible();
    const tickets = page.getByRole("group", { name: "Which requests is it about?" });
    await expect(tickets.getByRole("checkbox", { name: new RegExp(escape(SOLVED)) })).toBeChecked();
    await tickets.getByRole("checkbox", { name: new RegExp(escape(OPEN)) }).check();
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
    const page = await signedInPageAs(browser, engineer);
    const id = complaintUrl.split("/").pop()!;
    const response = await page.goto(`/desk/quality/complaints/${id}`);
    expect(response?.status()).toBe(403);
    await expect(page.getByRole("heading", { level: 1, name: "Not allowed" })).toBeVisible();
    await page.context().close();
  });

  test("quality sees the low rating, acknowledges, investigates and answers upheld with a 30-day extension", async ({ browser }) => {
    const page = await signedInPageAs(browser, quality);
    await page.goto("/desk/quality/csat?show=all");
    await expect(page.getByRole("heading", { level: 1, name: "Low ratings" })).toBeVisible();
    await expect(page.getByRole("article").filter({ hasText: SOLVED }).first()).toContainText(`Two days without an answer, and the answer ignored our logs (${tag}).`);

    await page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "Complaints", exact: true }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Quality" })).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    const either = `#(${solved.number}|${open.number})`;
    await page.getByRole("link", { name: new RegExp(`^Complaint on requests ${either}, ${either}$`) }).click();

    await expect(page.getByRole("heading", { level: 3, name: new RegExp(escape(SOLVED)) })).toBeVisible();
    await expect(page.getByRole("heading", { level: 3, name: new RegExp(escape(OPEN)) })).toBeVisible();
    await page.getByRole("button", { name: "Acknowledge" }).click();
    await expect(page.getByRole("status")).toHaveText("Done.");
    await page.getByRole("button", { name: "Start investigating" }).click();
    await expect(page.getByText("Investigating", { exact: true })).toBeVisible();

    const dossier = page.getByRole("region", { name: new RegExp(escape(SOLVED)) });
    await dossier.getByRole("textbox", { name: /Share a note with the engineers/ }).fill(NOTE);
    await dossier.getByRole("button", { name: "Share a note with the engineers" }).click();
    await expect(dossier.getByText(NOTE)).toBeVisible();

    await page.getByRole("checkbox", { name: "Slow response" }).check();
    await page.getByLabel("Corrective actions").fill("First responses are reviewed daily by the team lead.");
    await page.getByRole("button", { name: "Save findings" }).click();
    await expect(page.getByRole("status")).toHaveText("Done.");

    const remedies = page.getByRole("region", { name: "Remedies" });
    const licenceField = remedies.getByLabel("Licence");
    await licenceField.selectOption((await licenceField.locator("option", { hasText: licence.productName }).first().getAttribute("value"))!);
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
    const page = await signedInPageAs(browser, customer);
    await page.goto(complaintUrl);
    const answer = page.getByRole("region", { name: "Our answer" });
    await expect(answer).toContainText("Decision: Upheld");
    await expect(answer).toContainText("did not use your logs");
    const expected = plusDays(supportBefore, 30);
    await expect(answer.getByRole("listitem")).toHaveText(`Support extended by 30 days — support now runs until ${expected}`);
    await expectNoSeriousA11yViolations(page);
    expect(await supportUntil(page, licence.productName)).toBe(expected);
    await page.context().close();
  });

  test("the engineer sees quality's note on the ticket, without the complaint", async ({ browser }) => {
    const page = await signedInPageAs(browser, engineer);
    await page.goto(`/desk/tickets?${new URLSearchParams({ queue: "all", q: tag })}`);
    await page.getByRole("link", { name: new RegExp(escape(SOLVED)) }).first().click();
    const notes = page.getByRole("region", { name: "Notes from quality" });
    await expect(notes).toContainText(NOTE);
    await expect(notes).not.toContainText("Complaint");
    await expectNoSeriousA11yViolations(page);
    await page.context().close();
  });
});

test("an engineer escalates a ticket, and quality finds it raised by staff", async ({ browser, factory }) => {
  const { ticket, engineer, organisation } = await factory.ticket({ state: "open", subject: `Exchange stops at 50 % on price upload ${run()}` });
  const quality = await factory.staff("quality");
  const page = await signedInPageAs(browser, engineer!);
  await page.goto(`/desk/tickets/${ticket.number}`);
  await page.getByRole("link", { name: "Escalate to quality" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Escalate request #${ticket.number} to quality` })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await page.getByLabel("What should quality know?").fill("The price upload has failed for three nights; the customer was promised a fix twice.");
  await page.getByRole("button", { name: "Escalate to quality" }).click();
  await expect(page.getByRole("status")).toHaveText("Escalated to quality. Thank you.");
  await page.context().close();

  const desk = await signedInPageAs(browser, quality);
  await desk.goto("/desk/quality?status=received");
  const row = desk.getByRole("row").filter({ has: desk.getByRole("link", { name: `Complaint on request #${ticket.number}` }) });
  await expect(row).toContainText("raised by staff");
  await expect(row).toContainText(organisation!.name);
  await desk.context().close();
});

test("the quality desk's other pages work and pass axe", async ({ browser, factory }) => {
  const page = await signedInPageAs(browser, await factory.staff("quality"));
  await page.goto("/desk/quality/csat?show=all");
  await expect(page.getByRole("heading", { level: 1, name: "Low ratings" })).toBeVisible();
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
  const AFTER = `Orders reach the search index the same day; organic traffic grew by a third (${run()}).`;
  let customer: FactoryPerson;
  let organisation: FactoryOrganisation;
  let licence: FactoryLicence;
  let quality: FactoryPerson;

  test.beforeAll(async ({ playwright }, testInfo) => {
    await withFactory(playwright, testInfo.project.use.baseURL, async (factory) => {
      const made = await factory.licence();
      customer = made.customer!;
      organisation = made.organisation!;
      licence = made.licence;
      quality = await factory.staff("quality");
    });
  });

  test("a customer writes a review of a product they hold an activated licence for", async ({ browser }) => {
    const page = await signedInPageAs(browser, customer);
    await page.getByRole("banner").getByLabel(`Account menu for ${customer.name}`).click();
    await page.getByRole("banner").getByRole("link", { name: "Reviews", exact: true }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Reviews" })).toBeVisible();
    await page.getByRole("link", { name: `Write a review — ${licence.productName}` }).click();
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
    const page = await signedInPageAs(browser, quality);
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
    await page.goto("/products");
    await page.getByRole("link", { name: licence.productName, exact: true }).click();
    const reviews = page.getByRole("region", { name: "Customer reviews" });
    await expect(reviews).toContainText(/Reviews: 1 · product 5(\.0)? of 5 · support 4(\.0)? of 5/);
    const review = reviews.getByRole("article", { name: organisation.name });
    await expect(review).toContainText(AFTER);
    await expect(review.getByText("Verified licence holder")).toBeVisible();
    await expect(review.getByRole("row", { name: "Pages in the index 4,000 11,500" })).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await context.close();
  });
});
