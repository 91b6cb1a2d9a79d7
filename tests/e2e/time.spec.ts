import { readFileSync } from "node:fs";
import { expect, expectNoSeriousA11yViolations, signedInPageAs, test, withFactory, type FactoryOrganisation, type FactoryPerson, type FactoryTicket } from "./fixtures";

/**
 * Time counters end to end: the customer buys prepaid hours by invoice and staff mark it paid;
 * an engineer logs 14 minutes by hand on a consultation and runs the timer past the free
 * allowance (just over a minute: stopping rounds up to 2 min, split 1 free + 1 prepaid); the
 * header and another tab show the running timer; the customer then sees the free and prepaid
 * minutes on the ticket and the usage page, and downloads the month's CSV statement.
 *
 * The story makes its own organisation (so nothing is logged for it today and it holds no
 * prepaid hours) with a time contract, a licence, a consultation claimed by its own engineer,
 * and admin and team lead logins through the factories (ADR 058).
 */
const NOTE = "Checked the sitemap settings with the customer";

test.describe.serial("time counters", () => {
  let customer: FactoryPerson;
  let organisation: FactoryOrganisation;
  let engineer: FactoryPerson;
  let admin: FactoryPerson;
  let teamLead: FactoryPerson;
  let ticket: FactoryTicket;
  let ticketNumber = 0;
  let orderUrl = "";

  test.beforeAll(async ({ playwright }, testInfo) => {
    await withFactory(playwright, testInfo.project.use.baseURL, async (factory) => {
      const made = await factory.ticket({ state: "open", type: "question", subject: `Sitemap does not include new products ${Date.now().toString(36)}` });
      customer = made.customer!;
      organisation = made.organisation!;
      engineer = made.engineer!;
      ticket = made.ticket;
      // Prepaid hours are on sale at the demo's rate (RUB 3,000 an hour), with the usual 15 free minutes a day.
      await factory.contract({ organisationId: organisation.id });
      admin = await factory.staff("admin");
      teamLead = await factory.staff("team_lead");
    });
  });

  test("the customer starts with the whole allowance and orders 5 prepaid hours by invoice", async ({ browser }) => {
    const page = await signedInPageAs(browser, customer);
    await page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "Usage" }).click();
    await expect(page).toHaveURL("/portal/usage");
    await expect(page.getByRole("heading", { level: 1, name: "Usage" })).toBeVisible();
    await expect(page.getByTestId("free-left-today")).toHaveText("15 min");
    await expect(page.getByTestId("prepaid-balance")).toHaveText("0 min");
    await expectNoSeriousA11yViolations(page);

    await page.getByRole("link", { name: "Buy prepaid hours" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Buy prepaid hours" })).toBeVisible();
    await expect(page.getByText(/The rate is RUB\s3,000\.00 an hour\./)).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await page.getByRole("radio", { name: /^5 hours/ }).check();
    await page.getByRole("radio", { name: "Invoice (bank transfer)" }).check();
    await page.getByRole("button", { name: "Order" }).click();
    await page.waitForURL(/\/orders\/[0-9a-f-]{36}$/);
    await expect(page.getByText("Prepaid support: 5 hours").first()).toBeVisible();
    orderUrl = new URL(page.url()).pathname;

    await page.goto("/portal/tickets");
    await page.getByRole("link", { name: ticket.subject }).click();
    await page.waitForURL(/\/portal\/tickets\/\d+$/);
    ticketNumber = Number(page.url().split("/").at(-1));
    await page.context().close();
  });

  test("staff mark the invoice paid and the hours are credited", async ({ browser }) => {
    const page = await signedInPageAs(browser, admin);
    await page.goto(orderUrl);
    await page.getByRole("button", { name: "Mark as paid" }).click();
    await expect(page.getByRole("status").first()).toBeVisible();
    await page.context().close();

    const portal = await signedInPageAs(browser, customer);
    await portal.goto("/portal/usage");
    await expect(portal.getByTestId("prepaid-balance")).toHaveText("5 h");
    await portal.context().close();
  });

  test("an engineer logs time by hand and runs the timer past the free allowance", async ({ browser }) => {
    test.setTimeout(150_000);
    const page = await signedInPageAs(browser, engineer);
    await page.goto(`/desk/tickets/${ticketNumber}`);
    const panel = page.getByRole("region", { name: "Time", exact: true });
    await expect(panel).toContainText("No time logged on this ticket yet.");
    await expect(panel).toContainText("Free minutes left today for the organisation: 15 of 15");

    await panel.getByText("Add time manually").click();
    await panel.getByLabel("Minutes").fill("14");
    await panel.getByLabel("Note").fill(NOTE);
    await panel.getByRole("button", { name: "Add time", exact: true }).click();
    await expect(panel.getByRole("status")).toHaveText("Time added.");
    await expect(panel).toContainText("Time on this ticket: 14 min — 14 min free");

    await panel.getByRole("button", { name: "Start timer" }).click();
    await expect(panel.getByRole("status").first()).toHaveText(`Timer started on #${ticketNumber}.`);
    const indicator = page.getByRole("banner").getByRole("link", { name: new RegExp(`Timer running on #${ticketNumber}`) });
    await expect(indicator).toBeVisible();
    await expect(panel.getByRole("timer")).toHaveText(/^00:00:0\d$/);
    await expectNoSeriousA11yViolations(page);

    // Another tab of the same person shows the same server-side timer.
    const otherTab = await page.context().newPage();
    await otherTab.goto("/desk");
    await expect(otherTab.getByRole("banner").getByRole("link", { name: new RegExp(`Timer running on #${ticketNumber}`) })).toBeVisible();
    await otherTab.close();

    // Just over a minute: any started minute counts, so the stop logs 2 minutes.
    await page.waitForTimeout(61_500);
    await expect(panel.getByRole("timer")).toHaveText(/^00:01:\d\d$/);
    await panel.getByRole("button", { name: "Stop timer" }).click();
    await expect(panel.getByRole("status").first()).toHaveText(`Timer stopped on #${ticketNumber}: 2 min logged.`);
    await expect(panel).toContainText("Time on this ticket: 16 min — 15 min free, 1 min from prepaid");
    await expect(panel).toContainText("Free minutes left today for the organisation: 0 of 15");
    await expect(page.getByRole("banner").getByRole("link", { name: /Timer running/ })).toHaveCount(0);
    const rows = panel.getByRole("row");
    await expect(rows.filter({ hasText: "(timer)" })).toContainText("Free: 1");
    await expect(rows.filter({ hasText: "(timer)" })).toContainText("Prepaid: 1");
    await page.context().close();
  });

  test("the customer sees the free and prepaid minutes and downloads the statement", async ({ browser }) => {
    const page = await signedInPageAs(browser, customer);
    await page.goto(`/portal/tickets/${ticketNumber}`);
    const counter = page.getByRole("region", { name: "Time", exact: true });
    await expect(counter.getByTestId("ticket-time")).toHaveText("Time on this ticket: 16 min — 15 min free, 1 min from prepaid");
    await expect(counter).toContainText("Free minutes left today for your organisation: 0 of 15");
    await expect(counter).toContainText("Prepaid balance: 4 h 59 min");
    await expectNoSeriousA11yViolations(page);

    await counter.getByRole("link", { name: "See your usage and statements" }).click();
    await expect(page).toHaveURL("/portal/usage");
    await expect(page.getByTestId("free-left-today")).toHaveText("0 min");
    await expect(page.getByTestId("prepaid-balance")).toHaveText("4 h 59 min");
    const entryRow = page.getByRole("row").filter({ hasText: NOTE });
    await expect(entryRow).toContainText(`#${ticketNumber}`);
    await expect(entryRow).toContainText(engineer.name);
    await expect(entryRow).toContainText("Free: 14");

    const statementLink = page.getByRole("link", { name: /^Download the statement for .+ \(CSV\)$/ }).first();
    const [download] = await Promise.all([page.waitForEvent("download"), statementLink.click()]);
    expect(download.suggestedFilename()).toMatch(/^keydesk-statement-\d{4}-\d{2}\.csv$/);
    const bytes = readFileSync((await download.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString("utf8").split("\r\n");
    expect(lines[0]).toBe("Date,Ticket,Subject,Engineer,Note,Free minutes,Prepaid minutes,Billable minutes,Not charged minutes");
    const mine = lines.filter((line) => line.includes(`#${ticketNumber},`));
    expect(mine.map((line) => line.split(",").slice(-4).join(","))).toEqual(["14,0,0,0", "1,1,0,0"]);
    expect(mine[0]).toContain(NOTE);
    await expectNoSeriousA11yViolations(page);
    await page.context().close();
  });

  test("the time report shows the last 30 days by engineer and organisation", async ({ browser }) => {
    const page = await signedInPageAs(browser, teamLead);
    await page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "Time report" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Time by organisation" })).toBeVisible();
    await expect(page.getByRole("row").filter({ hasText: engineer.name }).first()).toBeVisible();
    await expect(page.getByRole("row").filter({ hasText: organisation.name }).first()).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await page.context().close();
  });
});
