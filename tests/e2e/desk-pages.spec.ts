import type { Page } from "@playwright/test";
import { expect, expectNoSeriousA11yViolations, signedInPageAs, test } from "./fixtures";

/**
 * Axe on the engineer's desk pages of issue 18 that other specs do not already check (the queue
 * with views and bulk actions, macros, the on-behalf form and the bulk progress page are checked
 * where they are driven): every folded part (merge, split, CC, edit forms) is opened first so
 * axe sees it too. The test makes its own ticket (open, claimed by its engineer, with a managed
 * tag) and logins, so the pages show what it made.
 */
async function openEveryFold(page: Page) {
  await page.locator("details").evaluateAll((folds) => folds.forEach((fold) => ((fold as HTMLDetailsElement).open = true)));
}

test("axe finds no serious violation on the desk's new pages, folds opened", async ({ browser, factory }) => {
  // Three logins and five axe runs (the audit log with every fold open): generous on a busy machine, as in look.spec.
  test.setTimeout(240_000);
  const engineerLogin = await factory.staff("engineer");
  const lead = await factory.staff("team_lead");
  const admin = await factory.staff("admin");
  const { ticket } = await factory.ticket({ state: "open", engineerId: engineerLogin.id });
  const tag = await factory.tag({ ticketIds: [ticket.id] });

  const engineer = await signedInPageAs(browser, engineerLogin);
  // The ticket workspace: customer panel, tags, CC and followers, merge and split forms.
  await engineer.goto("/desk/tickets?queue=mine");
  await engineer.locator("tr[data-kbd-row]").filter({ hasText: ticket.subject }).getByRole("link").first().click();
  await engineer.waitForURL(new RegExp(`/desk/tickets/${ticket.number}$`));
  await expect(engineer.locator("#customer-panel-title")).toBeVisible();
  await expect(engineer.getByText(tag.labelEn).first()).toBeVisible();
  await openEveryFold(engineer);
  await expectNoSeriousA11yViolations(engineer);
  // The outbox, readable by every staff role.
  await engineer.goto("/desk/outbox");
  await expect(engineer.getByRole("heading", { level: 1, name: "Email outbox" })).toBeVisible();
  await expectNoSeriousA11yViolations(engineer);
  await engineer.context().close();

  const leadPage = await signedInPageAs(browser, lead);
  await leadPage.goto("/desk/reports/tags");
  await expect(leadPage.getByRole("heading", { level: 1, name: "Tickets by tag" })).toBeVisible();
  await expect(leadPage.getByText(tag.labelEn).first()).toBeVisible();
  await expectNoSeriousA11yViolations(leadPage);
  await leadPage.context().close();

  const adminPage = await signedInPageAs(browser, admin);
  await adminPage.goto("/admin/tags");
  await expect(adminPage.getByRole("heading", { level: 1, name: "Tags" })).toBeVisible();
  await expect(adminPage.getByText(tag.name).first()).toBeVisible();
  await openEveryFold(adminPage);
  await expectNoSeriousA11yViolations(adminPage);
  await adminPage.goto("/admin/audit");
  await openEveryFold(adminPage);
  await expectNoSeriousA11yViolations(adminPage);
  await adminPage.context().close();
});
