import { type Page } from "@playwright/test";
import { expect, expectNoSeriousA11yViolations, signedInPageAs, test } from "./fixtures";

/**
 * The admin settings page: a SPEC default changed from the page takes effect from now on. The
 * renewal share goes from 50 % to 40 %: the customer's licence shows the new price at once, while
 * the renewal order the customer created before keeps 50 %. Bad input is explained beside the
 * field and what was typed stays. The customer, the lapsed licence and the admin are the test's
 * own (ADR 058). The share is installation-wide: the test runs while no other test runs (in any
 * worker) and puts it back to 50 % at the end.
 */
test.use({ aloneInInstallation: true });

async function setRenewalShare(admin: Page, percent: string) {
  await admin.goto("/admin/settings");
  await admin.getByLabel("Renewal price, %").fill(percent);
  await admin.getByRole("button", { name: "Save: Renewals and reminders" }).click();
}

test("an admin sets renewals to 40 %: the customer sees the new price, an older unpaid order keeps 50 %", async ({ browser, factory }) => {
  test.setTimeout(180_000);
  // A licence whose support ended: its page offers the renewal.
  const { licence, customer } = await factory.licence({ support: "expired" });
  const adminLogin = await factory.staff("admin");
  const clara = await signedInPageAs(browser, customer!);
  const licencePath = `/portal/licences/${licence.id}`;
  await clara.goto(licencePath);
  await expect(clara.getByText("50 % of today's price")).toBeVisible();
  await clara.getByLabel("How to pay").selectOption("invoice");
  await clara.getByRole("button", { name: "Renew for one year" }).click();
  await expect(clara).toHaveURL(/\/orders\/[0-9a-f-]{36}\?created=1$/);
  const olderOrder = new URL(clara.url()).pathname;
  await expect(clara.getByText("50 % of the list price")).toBeVisible();

  const admin = await signedInPageAs(browser, adminLogin);
  try {
    // Out of range: the field says why and keeps what was typed; nothing changes.
    await setRenewalShare(admin, "140");
    await expect(admin.getByText("Enter a number from 1 to 100.")).toBeVisible();
    await expect(admin.getByLabel("Renewal price, %")).toHaveValue("140");
    await expect(admin.getByLabel("Renewal price, %")).toHaveAttribute("aria-invalid", "true");
    await expectNoSeriousA11yViolations(admin);

    await setRenewalShare(admin, "40");
    await expect(admin.getByText("Saved.")).toBeVisible();
    await expect(admin.getByLabel("Renewal price, %")).toHaveValue("40");

    // The customer sees the new share on the licence at once…
    await clara.goto(licencePath);
    await expect(clara.getByText("40 % of today's price")).toBeVisible();
    // …and the order made before keeps the share it was made with.
    await clara.goto(olderOrder);
    await expect(clara.getByText("50 % of the list price")).toBeVisible();

    // The change is in the audit log with the old and the new value.
    await admin.goto("/admin/audit?action=settings.updated");
    await expect(admin.getByRole("table").getByText(/^updated the settings /).first()).toBeVisible();
  } finally {
    await setRenewalShare(admin, "50");
    await expect(admin.getByText("Saved.")).toBeVisible();
    await admin.context().close();
    await clara.context().close();
  }
});
