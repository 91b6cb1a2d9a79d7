import { type Browser, type Page } from "@playwright/test";
import { expect, expectNoSeriousA11yViolations, type Factory, type FactoryPerson, signedInPageAs, test } from "./fixtures";

/**
 * Licensing and billing as people meet them: a visitor buys by invoice, staff mark it paid, the
 * new customer signs in from the invitation, activates and downloads; a customer with an expired
 * licence sees the locked release and renews it by key. Card payment needs Stripe and is covered
 * by the integration tests (against a local Stripe stand-in); here no Stripe key is configured,
 * so the invoice is the only method offered. Each test makes its own product (with releases),
 * licence, contact and admin through the factories (ADR 058).
 */

/** A product on sale like the demo's SEO Booster: 1.5.0 some 200 days old, 2.0.0 ten days old. */
function productWithReleases(factory: Factory) {
  return factory.product({
    releases: [
      { version: "1.5.0", daysAgo: 200, notes: "Sitemap index for large catalogues." },
      { version: "2.0.0", daysAgo: 10, notes: "Structured data for products and reviews." },
    ],
  });
}

async function markPaidAsAdmin(browser: Browser, adminLogin: FactoryPerson, orderPath: string) {
  const admin = await signedInPageAs(browser, adminLogin);
  try {
    await admin.goto("/desk/orders?status=pending");
    await expect(admin.getByRole("heading", { level: 1, name: "Orders" })).toBeVisible();
    await expectNoSeriousA11yViolations(admin);
    await admin.locator(`a[href="${orderPath}"]`).click();
    await expect(admin).toHaveURL(orderPath);
    await admin.getByRole("button", { name: "Mark as paid" }).click();
    await expect(admin.getByRole("status").filter({ hasText: "The order is paid" })).toBeVisible();
    await expect(admin.getByText("Paid", { exact: true })).toBeVisible();
    return admin;
  } catch (error) {
    await admin.context().close();
    throw error;
  }
}

async function emailText(admin: Page, to: string, subject: string | RegExp): Promise<string> {
  await admin.goto(`/desk/outbox?to=${encodeURIComponent(to)}`);
  await admin.getByRole("row").filter({ hasText: to }).getByRole("link", { name: subject }).first().click();
  await admin.getByText("Plain text", { exact: true }).click();
  return (await admin.locator("details pre").textContent()) ?? "";
}

test("a visitor buys by invoice, staff mark it paid, the customer activates and downloads", async ({ page, browser, factory }) => {
  const product = await productWithReleases(factory);
  const adminLogin = await factory.staff("admin");
  const buyer = `pavel-${Date.now()}-${product.slug}@example.com`;
  const shop = `Pavel Shop ${product.slug}`;
  const host = `pavel-${product.slug}.example.com`;

  await page.goto("/products");
  await expect(page.getByRole("heading", { level: 1, name: "Products" })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await page.getByRole("link", { name: product.name, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: product.name })).toBeVisible();
  // The full price, the renewal price and what a renewal gives, before any payment.
  await expect(page.getByText(`Renewal: 1 year of updates and support for ${product.name}`)).toContainText("50 % of today's price");
  await expectNoSeriousA11yViolations(page);

  await page.getByLabel("Email").fill(buyer);
  await page.getByLabel("Name").fill("Pavel Buyer");
  await page.getByLabel("Organisation").fill(shop);
  // Without Stripe keys the invoice is the only method offered.
  await expect(page.getByLabel("How to pay").locator("option")).toHaveText(["Invoice / bank transfer"]);
  await page.getByRole("button", { name: "Place the order" }).click();

  await expect(page).toHaveURL(/\/orders\/[0-9a-f-]{36}\?created=1$/);
  await expect(page.getByRole("heading", { level: 1, name: /^Invoice \d+$/ })).toBeVisible();
  await expect(page.getByText("Awaiting payment")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Bank details" })).toBeVisible();
  await expect(page.getByText(shop)).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  const orderPath = new URL(page.url()).pathname;

  const admin = await markPaidAsAdmin(browser, adminLogin, orderPath);
  let invitation: string;
  try {
    const keyMail = await emailText(admin, buyer, `Your licence key for ${product.name}`);
    expect(keyMail).toMatch(/KD-[0-9A-Z]{5}-[0-9A-Z]{5}-[0-9A-Z]{5}-[0-9A-Z]{5}-[0-9A-Z]/);
    const inviteMail = await emailText(admin, buyer, "You are invited to Keydesk");
    invitation = inviteMail.match(/https?:\/\/\S+\/invitation\/[\w-]+/)?.[0] ?? "";
    expect(invitation, inviteMail).toBeTruthy();
  } finally {
    await admin.context().close();
  }

  // The buyer's new login: set a password from the invitation, then to the licence.
  await page.goto(invitation);
  await expect(page.getByRole("heading", { level: 1, name: "Welcome — choose your password" })).toBeVisible();
  await page.getByLabel("New password").fill("pavel-password-2026");
  await page.getByLabel("Repeat the password").fill("pavel-password-2026");
  await page.getByRole("button", { name: "Save the password" }).click();
  await expect(page).toHaveURL("/portal");
  await page.getByRole("banner").getByRole("link", { name: "Licences" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Licences" })).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: product.name })).toContainText("Not activated");
  await expectNoSeriousA11yViolations(page);
  await page.getByRole("link", { name: product.name }).click();

  await expect(page.getByRole("heading", { level: 1, name: product.name })).toBeVisible();
  await expect(page.getByLabel("Licence key")).toHaveText(/^KD-[0-9A-Z]{5}-[0-9A-Z]{5}-[0-9A-Z]{5}-[0-9A-Z]{5}-[0-9A-Z]$/);
  await expect(page.getByRole("button", { name: "Copy the key" })).toBeVisible();
  await expect(page.getByText("The term starts when you activate the licence on a production site.")).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  await page.getByLabel("Site address").fill("localhost:8080");
  await page.getByRole("button", { name: "Activate" }).click();
  await expect(page.getByRole("status").filter({ hasText: "localhost is a development host" })).toBeVisible();
  await expect(page.getByText("Not activated", { exact: true })).toBeVisible();

  await page.getByLabel("Site address").fill(`https://www.${host}/`);
  await page.getByRole("button", { name: "Activate" }).click();
  await expect(page.getByRole("status").filter({ hasText: `Activated on ${host}` })).toBeVisible();
  await expect(page.getByText(/^Support until \d{1,2} \w{3} \d{4}$/)).toBeVisible();
  await expect(page.getByText("Moves to another production site left in the last 12 months: 3 of 3.")).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: "Purchase" })).toContainText(/\d{5}/);
  await expectNoSeriousA11yViolations(page);

  const downloadPromise = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download 2.0.0" }).click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toBe(`${product.slug}-2.0.0.txt`);
});

test("an expired licence shows locked releases and is renewed by key with an invoice", async ({ page, browser, factory }) => {
  const product = await productWithReleases(factory);
  // Support ended some two months ago: 1.5.0 came out before that, 2.0.0 after.
  const { licence, customer } = await factory.licence({ productId: product.id, support: "expired" });
  const adminLogin = await factory.staff("admin");
  const clara = await signedInPageAs(browser, customer!);
  let key: string;
  let licencePath: string;
  try {
    await clara.goto("/portal/licences");
    const expiredRow = clara.getByRole("row").filter({ hasText: "Support ended on" }).filter({ hasText: licence.host });
    await expect(expiredRow).toContainText(product.name);
    await expectNoSeriousA11yViolations(clara);
    await expiredRow.getByRole("link", { name: product.name }).click();
    await clara.waitForURL(`/portal/licences/${licence.id}`);
    licencePath = new URL(clara.url()).pathname;

    await expect(clara.getByRole("row").filter({ hasText: "2.0.0" })).toContainText("renew to get this");
    await expect(clara.getByRole("link", { name: "Download 2.0.0" })).toHaveCount(0);
    await expect(clara.getByRole("link", { name: "Download 1.5.0" })).toBeVisible();
    await expectNoSeriousA11yViolations(clara);
    key = (await clara.getByLabel("Licence key").textContent())!.trim();
  } finally {
    await clara.context().close();
  }

  // A visitor (no account) renews by key.
  const typo = key.slice(0, -1) + (key.endsWith("0") ? "1" : "0");
  await page.goto("/renew");
  await expectNoSeriousA11yViolations(page);
  await page.getByLabel("Licence key").fill(typo);
  await page.getByRole("button", { name: "Show the renewal" }).click();
  await expect(page.getByText("This key has a typo")).toBeVisible();

  await page.getByLabel("Licence key").fill(key.toLowerCase().replace(/-/g, " "));
  await page.getByRole("button", { name: "Show the renewal" }).click();
  await expect(page.getByRole("heading", { level: 2, name: product.name })).toBeVisible();
  await expect(page.getByText(/^Support ended on /)).toBeVisible();
  await expect(page.getByText("the term has ended, so the year starts at payment")).toBeVisible();
  await expect(page.getByText("50 % of today's price")).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await page.getByLabel("Email for the invoice and receipt").fill(`accounts-${product.slug}@example.com`);
  await page.getByRole("button", { name: "Renew for one year" }).click();
  await expect(page).toHaveURL(/\/orders\/[0-9a-f-]{36}\?created=1$/);
  await expect(page.getByText(`Renewal of ${product.name}: 1 more year of updates and support`)).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  const admin = await markPaidAsAdmin(browser, adminLogin, new URL(page.url()).pathname);
  await admin.context().close();

  const after = await signedInPageAs(browser, customer!);
  try {
    await after.goto(licencePath);
    await expect(after.getByText(/^Support until \d{1,2} \w{3} \d{4}$/)).toBeVisible();
    await expect(after.getByRole("link", { name: "Download 2.0.0" })).toBeVisible();
    await expect(after.getByRole("row").filter({ hasText: "Renewal" }).first()).toBeVisible();
  } finally {
    await after.context().close();
  }
});
