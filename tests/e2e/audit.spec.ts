import { expect, expectNoSeriousA11yViolations, signedInPageAs, test } from "./fixtures";

/** The audit log reads as sentences with names, filters by the words shown, and passes axe. */
test("an admin reads the audit log in words and filters it by a translated action", async ({ browser, factory }) => {
  const admin = await factory.staff("admin");
  const page = await signedInPageAs(browser, admin);
  await page.goto("/admin/audit");
  await expect(page.getByRole("heading", { level: 1, name: "Audit log" })).toBeVisible();
  const table = page.getByRole("table");
  await expect(table.getByRole("cell", { name: `signed in (${admin.name})` }).first()).toBeVisible();
  await expect(table).not.toContainText("user.signed_in");
  await page.getByLabel("Action").selectOption({ label: "signed in (…)" });
  await page.getByLabel("Who").fill(admin.name);
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/action=user\.signed_in/);
  await expect(table.getByRole("row")).not.toHaveCount(1);
  await expect(table.getByRole("cell", { name: `signed in (${admin.name})` }).first()).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await page.context().close();
});
