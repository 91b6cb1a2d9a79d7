import { expect, expectNoSeriousA11yViolations, signedInPageAs, test } from "./fixtures";

/**
 * The reports and the customer's home read what the tests make through the factories (ADR 058):
 * a ticket answered by an engineer (a settled first-response clock for the SLA report and its
 * chart), and an organisation with a current and a lapsed licence. With the demo data the
 * reports also show its year of history.
 */

const REPORTS = [
  ["sla", "SLA compliance", "Compliance by clock"],
  ["backlog", "Backlog", "Open tickets by age"],
  ["engineers", "Engineer load", "Engineer load"],
  ["time", "Time by organisation", "By organisation"],
  ["complaints", "Complaints", "Complaints by root cause"],
  ["csat", "Satisfaction (CSAT)", "Response rate"],
  ["reviews", "Reviews", "Before → after, per question"],
  ["licences-expiring", "Licences expiring", "Support ending"],
  ["renewals", "Renewals and revenue", "Terms that ended in the period"],
] as const;

test("a team lead opens each report, filters it, downloads its CSV; axe finds nothing serious", async ({ browser, factory }) => {
  test.setTimeout(240_000); // ten reports, each checked by axe
  // An engineer's public reply settles the ticket's first-response clock, which the SLA report counts.
  await factory.ticket({ state: "pending" });
  const page = await signedInPageAs(browser, await factory.staff("team_lead"));
  await page.goto("/desk/reports");
  await expect(page.getByRole("heading", { level: 1, name: "Reports" })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  for (const [name, title, table] of REPORTS) {
    await page.goto(`/desk/reports/${name}`);
    await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
    await expect(page.getByRole("table", { name: table })).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    const download = page.waitForEvent("download");
    await page.getByRole("link", { name: `Download CSV — ${table}` }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(new RegExp(`^keydesk-${name}-`));
  }
  // Filters travel in the URL.
  await page.goto("/desk/reports/sla");
  await page.getByLabel("Period").selectOption("12m");
  await page.getByLabel("Group by").selectOption("month");
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page).toHaveURL(/period=12m/);
  await expect(page).toHaveURL(/groupBy=month/);
  await expect(page.getByRole("img", { name: /SLA met \(%\) over time/ })).toBeVisible();
  const firstResponse = page.getByRole("table", { name: "Compliance by clock" }).getByRole("row", { name: /^First response/ });
  await expect(firstResponse).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await page.context().close();
});

test("a customer's home shows the licence that expires soonest first, with its renewal price", async ({ browser, factory }) => {
  test.setTimeout(90_000);
  // A current licence made first, and one whose support ended two months ago.
  const { organisation, customer } = await factory.organisation();
  await factory.licence({ organisationId: organisation.id, support: "active" });
  const { licence: lapsed } = await factory.licence({ organisationId: organisation.id, support: "expired" });
  const page = await signedInPageAs(browser, customer);
  await page.goto("/portal");
  const licences = page.getByRole("region", { name: "Your licences" });
  await expect(licences).toBeVisible();
  await expect(licences.getByRole("link", { name: /^Renew for/ }).first()).toBeVisible();
  const first = licences.getByRole("listitem").first();
  await expect(first.getByRole("link", { name: lapsed.productName, exact: true })).toBeVisible();
  await expect(first.getByRole("link", { name: /^Renew for/ })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await page.context().close();
});
