import { expect, expectNoSeriousA11yViolations, signedInPageAs, test } from "./fixtures";

/** A team lead (a new login, ADR 058) turns the daily digest off on the preferences page; SLA breach emails stay on, locked. */
test("a team lead turns an email kind off; the mandatory one cannot be", async ({ browser, factory }) => {
  const lead = await signedInPageAs(browser, await factory.staff("team_lead"));
  await lead.goto("/profile");
  await lead.getByRole("link", { name: "Email notifications" }).click();
  await expect(lead.getByRole("heading", { level: 1, name: "Email notifications" })).toBeVisible();
  const breach = lead.getByRole("checkbox", { name: "SLA breaches" });
  await expect(breach).toBeChecked();
  await expect(breach).toBeDisabled();
  const digest = lead.getByRole("checkbox", { name: /Daily digest/ });
  await expect(digest).toBeChecked();
  await digest.uncheck();
  await lead.getByRole("button", { name: "Save preferences" }).click();
  await expect(lead.getByText("Your email preferences are saved.")).toBeVisible();
  await lead.reload();
  await expect(lead.getByRole("checkbox", { name: /Daily digest/ })).not.toBeChecked();
  await expect(lead.getByRole("checkbox", { name: "SLA breaches" })).toBeChecked();
  await expectNoSeriousA11yViolations(lead);
  await lead.context().close();
});
