import { expect, expectNoSeriousA11yViolations, pressJUntilARowIsCurrent, signedInPageAs, test } from "./fixtures";

/**
 * The engineer's desk: a team lead saves a shared view that an engineer then sees; the
 * engineer selects three tickets, confirms "3 tickets will be set to …", and reads the summary.
 * Each test makes its own tickets, organisation and logins through the factories (ADR 058).
 */
const tag = () => Math.random().toString(36).slice(2, 8);

test("a lead saves a shared view; an engineer sees it and sets three tickets pending", async ({ browser, factory }) => {
  test.setTimeout(150_000); // three tickets and two logins made first, two sign-ins, two axe runs
  const run = tag();
  const subject = `Bulk check ${run}`;
  await factory.tickets({ count: 3, subject });
  const lead = await signedInPageAs(browser, await factory.staff("team_lead"));
  await lead.goto(`/desk/tickets?queue=open&q=${encodeURIComponent(subject)}&sort=number`);
  await lead.waitForLoadState("networkidle");
  const save = lead.getByRole("form", { name: "Save this view" });
  // Open the fold (again, if a live refresh of the queue redrew it closed while the machine was slow).
  await expect(async () => {
    if (!(await save.isVisible())) await lead.getByText("Save this view").click();
    await expect(save.getByLabel("Share with the team")).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  await save.getByLabel("Name").fill(`Bulk ${run}`);
  await save.getByLabel("Share with the team").check();
  await save.getByRole("button", { name: "Save view" }).click();
  await expect(lead.getByText(`View “Bulk ${run}” saved.`)).toBeVisible();
  await lead.context().close();

  const page = await signedInPageAs(browser, await factory.staff("engineer"));
  await page.goto("/desk/tickets?queue=open");
  const saved = page.getByRole("navigation", { name: "Saved views" }).getByRole("link", { name: new RegExp(`Bulk ${run}`) });
  await expect(saved).toContainText("3");
  await saved.click();
  await expect(page.locator("tr[data-kbd-row]")).toHaveCount(3);
  await expectNoSeriousA11yViolations(page);

  const boxes = page.getByRole("checkbox", { name: /^Select ticket #\d+$/ });
  await boxes.nth(0).check();
  await boxes.nth(2).click({ modifiers: ["Shift"] }); // the range ticks the middle one too
  await expect(boxes.nth(1)).toBeChecked();
  await page.getByLabel("Action", { exact: true }).selectOption({ label: "Waiting for the customer" });
  await page.getByRole("button", { name: "Review change" }).click();
  await expect(page.getByText("3 tickets will be set to Waiting for the customer")).toBeVisible();
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByText("3 tickets changed.")).toBeVisible();
  await expect(page.locator("tr[data-kbd-row]").filter({ hasText: "Waiting for the customer" })).toHaveCount(3);
  await expectNoSeriousA11yViolations(page);
  await page.context().close();
});

test("the organisation filter suggests names as one types and resolves a part of a name", async ({ browser, factory }) => {
  const run = tag();
  const subject = `Filter check ${run}`;
  const organisation = `Lantern Works ${run} LLC`;
  await factory.tickets({ count: 3, subject, organisationName: organisation });
  const page = await signedInPageAs(browser, await factory.staff("engineer"));
  await page.goto(`/desk/tickets?queue=open&q=${encodeURIComponent(subject)}`);
  const filters = page.getByRole("form", { name: "Filters" });
  const field = filters.getByLabel("Organisation");
  const suggested = page.waitForResponse((r) => r.url().includes("/desk/tickets/organisations") && r.ok());
  await field.fill(`antern Works ${run}`);
  await suggested;
  await expect(page.locator(`datalist option[value="${organisation}"]`)).toHaveCount(1);
  await filters.getByRole("button", { name: "Filter" }).click();
  await page.waitForURL(/organisation=[0-9a-f-]{36}/);
  await expect(field).toHaveValue(organisation);
  await expect(page.locator("tr[data-kbd-row]")).toHaveCount(3);
  await field.fill("no organisation is called this");
  await filters.getByRole("button", { name: "Filter" }).click();
  await expect(page.getByText("No organisation’s name contains “no organisation is called this”.")).toBeVisible();
  await expect(field).toHaveValue("no organisation is called this");
  await page.context().close();
});

/**
 * More than 50 tickets run in the background (ADR 176): every closed ticket of one organisation
 * (51, made closed for this test) asked for priority High; the progress page follows the job and
 * ends with the summary naming each closed ticket that is not High already. Closed tickets never
 * change.
 */
test("a bulk action on many tickets runs in the background with a live progress page and the usual summary", async ({ browser, factory }) => {
  test.setTimeout(150_000); // 51 closed tickets made first
  const organisation = `Baltic Parts ${tag()} Ltd`;
  const made = await factory.tickets({ count: 51, state: "closed", organisationName: organisation });
  const page = await signedInPageAs(browser, await factory.staff("engineer"));
  // The organisation is typed as text; the queue resolves it to the one organisation it names.
  await page.goto(`/desk/tickets?queue=all&status=closed&org=${encodeURIComponent(organisation)}`);
  await expect(page).toHaveURL(/organisation=[0-9a-f-]{36}/);
  const all = page.getByRole("checkbox", { name: /^Select all \d+ matching tickets$/ });
  const count = Number((await page.locator("label", { hasText: /Select all \d+ matching tickets/ }).textContent())!.match(/\d+/)![0]);
  expect(count).toBeGreaterThan(50);
  expect(count).toBe(made.tickets.length);
  await all.check();
  await page.getByLabel("Action", { exact: true }).selectOption({ label: "High" });
  await page.getByRole("button", { name: "Review change" }).click();
  await expect(page.getByText("None of the selected tickets would change.")).toBeVisible();
  await expect(page.getByText("More than 50 tickets: the change runs in the background and you will follow its progress.")).toBeVisible();
  await page.getByRole("button", { name: "Apply" }).click();

  await page.waitForURL(/\/desk\/tickets\/bulk\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { name: "Bulk change: Set priority — High", level: 1 })).toBeVisible();
  const bar = page.getByRole("progressbar", { name: "Tickets handled" });
  await expect(bar).toHaveAttribute("aria-valuemax", String(count));
  // The job runs within seconds; the page polls until the end without a reload.
  await expect(page.getByText("No tickets changed.")).toBeVisible({ timeout: 45_000 });
  await expect(bar).toHaveAttribute("aria-valuenow", String(count));
  await expect(page.getByRole("status").filter({ hasText: `${count} of ${count} tickets handled. Finished.` })).toBeVisible();
  await expect(page.getByText("Could not change:")).toBeVisible();
  // Each closed ticket is named, except those already High ("already were as asked").
  const named = page.locator(".bulk-summary li");
  const closed = named.filter({ hasText: / is closed$/ });
  await expect(closed.first()).toBeVisible();
  const failed = await closed.count();
  await expect(named).toHaveCount(failed);
  if (failed < count) await expect(page.getByText(new RegExp(`^${count - failed} tickets? already (was|were) as asked\\.$`))).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await page.getByRole("link", { name: "Back to the queue" }).click();
  await page.waitForURL(/\/desk\/tickets\?/);
  await page.context().close();
});

/**
 * A change is capped at 500 tickets: when every ticket matches and there are more, the bulk bar
 * names the cap instead of offering them all. Without the demo data the installation may hold
 * fewer, so the test first files what is missing (in batches; nothing to file on the demo).
 */
test("when more than 500 tickets match, the bulk bar names the cap, also once the page runs in the browser", async ({ browser, factory }) => {
  test.setTimeout(600_000); // only without the demo data: some 500 tickets filed through the use cases first
  const page = await signedInPageAs(browser, await factory.staff("engineer"));
  await page.goto("/desk/tickets?queue=all");
  const matching = page.locator("label", { hasText: /Select all \d+ matching tickets/ });
  if ((await matching.count()) > 0) {
    let missing = 501 - Number((await matching.textContent())!.match(/\d+/)![0]);
    const { customer } = await factory.organisation();
    for (; missing > 0; missing -= 50) await factory.tickets({ count: Math.min(50, missing), requesterId: customer.id });
    await page.goto("/desk/tickets?queue=all");
  }
  // Every ticket matches: the cap is named, also once the page runs in the browser (j works).
  await pressJUntilARowIsCurrent(page);
  await expect(page.locator("tr[data-kbd-row]").first().getByRole("link").first()).toBeFocused();
  await expect(page.getByText("More than 500 tickets match; narrow the filter to change them all at once.")).toBeVisible();
  await page.context().close();
});
