import { readFile } from "node:fs/promises";
import { type Page } from "@playwright/test";
import { pdfText } from "../factories/pdf";
import { expect, expectNoSeriousA11yViolations, signedInPageAs, test } from "./fixtures";

/**
 * Buyers' paperwork: a contact without the billing role cannot see orders (404) until the primary
 * contact grants it; the primary contact enters the organisation's billing details, renews a
 * licence by invoice and downloads the invoice; staff mark the transfer paid with its reference;
 * the buyer downloads the receipt and the act from the portal, and they carry the details.
 * The organisation, its two contacts, its licence and the admin come from the factories (ADR 058).
 */

async function downloadPdf(page: Page, linkName: RegExp): Promise<{ name: string; text: string }> {
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: linkName }).first().click()]);
  const bytes = await readFile((await download.path())!);
  expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
  return { name: download.suggestedFilename(), text: await pdfText(bytes) };
}

test("a buyer renews by invoice, staff mark it paid, the buyer downloads the receipt and act", async ({ browser, factory }) => {
  test.setTimeout(240_000);
  // The primary contact (Anna's part), a colleague without the billing role (Boris's) and a licence.
  const { organisation, customer: primary } = await factory.organisation();
  const { customer: colleague } = await factory.customer({ organisationId: organisation.id });
  const { licence } = await factory.licence({ organisationId: organisation.id });
  const adminLogin = await factory.staff("admin");

  // A contact without the billing role: the page does not exist for them.
  const boris = await signedInPageAs(browser, colleague);
  expect((await boris.goto("/portal/billing"))?.status()).toBe(404);

  const anna = await signedInPageAs(browser, primary);
  await anna.goto("/portal/billing/details");
  await anna.getByLabel("Legal name").fill("Romashka Limited Liability Company");
  await anna.getByLabel("Tax ID (INN)").fill("77012");
  await anna.getByRole("button", { name: "Save billing details" }).click();
  await expect(anna.getByText("A tax ID (INN) has 10 or 12 digits")).toBeVisible();
  await expect(anna.getByLabel("Legal name")).toHaveValue("Romashka Limited Liability Company");
  await anna.getByLabel("Tax ID (INN)").fill("7701234560");
  await anna.getByLabel("KPP").fill("770101001");
  await anna.getByLabel("Legal address").fill("7 Tverskaya St, Moscow");
  await anna.getByRole("button", { name: "Save billing details" }).click();
  await expect(anna.getByText("Saved.")).toBeVisible();
  await expectNoSeriousA11yViolations(anna);

  // The primary contact gives Boris the billing role; now he sees the page.
  await anna.goto("/portal/team");
  await anna.getByRole("button", { name: `Give billing access: ${colleague.name}` }).click();
  await expect(anna.getByRole("button", { name: `Remove billing access: ${colleague.name}` })).toBeVisible();
  expect((await boris.goto("/portal/billing"))?.status()).toBe(200);
  await boris.context().close();

  // Renew the licence by invoice from the portal.
  await anna.goto("/portal/licences");
  await anna.locator(`main a[href="/portal/licences/${licence.id}"]`).first().click();
  await expect(anna).toHaveURL(`/portal/licences/${licence.id}`);
  await anna.getByRole("button", { name: "Renew for one year" }).click();
  await expect(anna).toHaveURL(/\/orders\/[0-9a-f-]{36}\?created=1$/);
  const orderPath = new URL(anna.url()).pathname;
  await expect(anna.getByText("Romashka Limited Liability Company")).toBeVisible();
  await expectNoSeriousA11yViolations(anna);
  const invoice = await downloadPdf(anna, /^Download Invoice \(PDF\)$/);
  expect(invoice.name).toMatch(/^invoice-\d{4}-\d{5}\.pdf$/);
  expect(invoice.text).toContain("Romashka Limited Liability Company");
  expect(invoice.text).toContain("Tax ID 7701234560");

  // Staff mark the transfer paid with its reference.
  const admin = await signedInPageAs(browser, adminLogin);
  await admin.goto(orderPath);
  await admin.getByLabel("Payment reference").fill("PP-1001");
  await admin.getByRole("button", { name: "Mark as paid" }).click();
  await expect(admin.getByRole("status").filter({ hasText: "The order is paid" })).toBeVisible();
  await expectNoSeriousA11yViolations(admin);
  await admin.goto("/desk/orders/overdue");
  await expect(admin.getByRole("heading", { level: 1, name: "Overdue invoices" })).toBeVisible();
  await expectNoSeriousA11yViolations(admin);
  await admin.context().close();

  // The buyer finds the order with its documents in the portal.
  await anna.goto("/portal/billing?status=paid");
  await expectNoSeriousA11yViolations(anna);
  const row = anna.getByRole("row").filter({ has: anna.locator(`a[href="${orderPath}"]`) });
  await expect(row).toContainText("Paid");
  await expect(row).toContainText("Bank transfer");
  const receipt = await downloadPdf(anna, /^Download Payment receipt \d{4}-\d{5} \(PDF\)$/);
  expect(receipt.text).toContain("Payment receipt No.");
  expect(receipt.text).toContain("PP-1001");
  expect(receipt.text).toContain("Romashka Limited Liability Company");
  const act = await downloadPdf(anna, /^Download Certificate of completion \d{4}-\d{5} \(PDF\)$/);
  expect(act.text).toContain("Certificate of completion No.");
  expect(act.text).toContain("KPP 770101001");
  // A second download is the same document.
  const again = await downloadPdf(anna, /^Download Certificate of completion \d{4}-\d{5} \(PDF\)$/);
  expect(again.text).toBe(act.text);
  await anna.context().close();
});
