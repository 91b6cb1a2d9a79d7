import type { Page } from "@playwright/test";
import { DEMO, expect, expectNoSeriousA11yViolations, signedInPage, test } from "./fixtures";

/**
 * Axe on the engineer's desk pages of issue 18 that other specs do not already check (the queue
 * with views and bulk actions, macros, the on-behalf form and the bulk progress page are checked
 * where they are driven): every folded part (merge, split, CC, edit forms) is opened first so
 * axe sees it too.
 */
async function openEveryFold(page: Page) {
  await page.locator("details").evaluateAll((folds) => folds.forEach((fold) => ((fold as HTMLDetailsElement).open = true)));
}

test("axe finds no serious violation on the desk's new pages, folds opened", async ({ browser }) => {
  const engineer = await signedInPage(browser, DEMO.engineer.email);
  // The ticket workspace: customer panel, tags, CC and followers, merge and split forms.
  await engineer.goto("/desk/tickets?queue=open");
  await engineer.locator("tr[data-kbd-row]").first().getByRole("link").first().click();
  await engineer.waitForURL(/\/desk\/tickets\/\d+$/);
  await expect(engineer.locator("#customer-panel-title")).toBeVisible();
  await openEveryFold(engineer);
  await expectNoSeriousA11yViolations(engineer);
  // The outbox, readable by every staff role.
  await engineer.goto("/desk/outbox");
  await expect(engineer.getByRole("heading", { level: 1, name: "Email outbox" })).toBeVisible();
  await expectNoSeriousA11yViolations(engineer);
  await engineer.context().close();

  const lead = await signedInPage(browser, DEMO.teamLead.email);
  await lead.goto("/desk/reports/tags");
  await expect(lead.getByRole("heading", { level: 1, name: "Tickets by tag" })).toBeVisible();
  await expectNoSeriousA11yViolations(lead);
  await lead.context().close();

  const admin = await signedInPage(browser, DEMO.admin.email);
  await admin.goto("/admin/tags");
  await expect(admin.getByRole("heading", { level: 1, name: "Tags" })).toBeVisible();
  await openEveryFold(admin);
  await expectNoSeriousA11yViolations(admin);
  await admin.goto("/admin/audit");
  await openEveryFold(admin);
  await expectNoSeriousA11yViolations(admin);
  await admin.context().close();
});
