import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Secret, TOTP } from "otpauth";
import type { Page } from "@playwright/test";
import { expect, expectNoSeriousA11yViolations, signedInPageAs, signIn, signInAs, test, type Factory } from "./fixtures";

/**
 * Two-factor sign-in, sessions and the browser security policy. Every login here is new: the
 * admin and the customers come from the factories (ADR 058), and the engineer is invited by that
 * admin, so enrolling in two-factor changes no login another test uses.
 */

const here = path.dirname(fileURLToPath(import.meta.url));

function codeFor(secret: string, timestamp: number): string {
  return new TOTP({ secret: Secret.fromBase32(secret), algorithm: "SHA1", digits: 6, period: 30 }).generate({ timestamp });
}

async function readEmailText(admin: Page, to: string, subject: string): Promise<string> {
  await admin.goto(`/desk/outbox?to=${encodeURIComponent(to)}`);
  await admin.getByRole("row").filter({ hasText: to }).getByRole("link", { name: subject }).first().click();
  await admin.getByText("Plain text", { exact: true }).click();
  return (await admin.locator("details pre").textContent()) ?? "";
}

/**
 * Admin invites a new engineer; the engineer chooses a password through the emailed link and
 * lands on the desk — or, where the security settings make staff use two-factor sign-in (a new
 * installation, without the demo data), on the two-factor set-up they must finish first.
 */
async function inviteEngineer(page: Page, factory: Factory, email: string, password: string): Promise<void> {
  const admin = await signedInPageAs(page.context().browser()!, await factory.staff("admin"));
  try {
    await admin.goto("/admin/users");
    const invite = admin.locator("section").filter({ has: admin.getByRole("heading", { name: "Invite a user" }) });
    await invite.getByLabel("Email").fill(email);
    await invite.getByLabel("Name").fill("Erin Enrolled");
    await invite.getByLabel("Role").selectOption("engineer");
    await invite.getByRole("button", { name: "Invite a user" }).click();
    await expect(admin.getByRole("status")).toContainText("Saved");
    const text = await readEmailText(admin, email, "You are invited to Keydesk");
    const link = text.match(/https?:\/\/\S+\/invitation\/[\w-]+/)?.[0];
    expect(link, `no invitation link in:\n${text}`).toBeTruthy();
    await page.goto(new URL(link!).pathname);
  } finally {
    await admin.context().close();
  }
  await page.getByLabel("New password").fill(password);
  await page.getByLabel("Repeat the password").fill(password);
  await page.getByRole("button", { name: "Save the password" }).click();
  await expect(page).toHaveURL(/\/(desk|profile\/two-factor)$/);
}

test("an engineer turns on two-factor, signs out, and signs in again with a code", async ({ page, factory }) => {
  test.setTimeout(120_000); // an invitation, an enrolment and two sign-ins
  const email = `erin-${Date.now()}@keydesk.test`;
  const password = "erin-strong-password-1";
  await inviteEngineer(page, factory, email, password);

  if (new URL(page.url()).pathname === "/desk") {
    await page.goto("/profile");
    await page.getByRole("link", { name: "Two-factor sign-in" }).click();
  }
  await page.getByRole("button", { name: "Set up two-factor sign-in" }).click();
  await expect(page.getByRole("img", { name: "QR code for your authenticator app" })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  const secret = (await page.getByTestId("totp-secret").getAttribute("data-secret"))!;
  expect(secret).toMatch(/^[A-Z2-7]+$/);

  // A wrong code is refused; the right one turns two-factor on and shows ten recovery codes once.
  await page.getByLabel("Code from the app").fill("000000" === codeFor(secret, Date.now()) ? "111111" : "000000");
  await page.getByRole("button", { name: "Turn on two-factor sign-in" }).click();
  await expect(page.getByRole("alert")).toContainText("not right");
  const enrolledAt = Date.now();
  await page.getByLabel("Code from the app").fill(codeFor(secret, enrolledAt));
  await page.getByRole("button", { name: "Turn on two-factor sign-in" }).click();
  await expect(page.getByRole("status")).toContainText("Two-factor sign-in is on");
  const recovery = page.getByRole("region", { name: "Your recovery codes" }).getByRole("listitem");
  await expect(recovery).toHaveCount(10);
  await expectNoSeriousA11yViolations(page);

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL("/login");

  // The password alone is not enough any more.
  await signIn(page, email, password);
  await expect(page).toHaveURL("/login/two-factor");
  await expectNoSeriousA11yViolations(page);
  // The enrolment's code cannot be replayed: the next step's code is used (accepted within ±1 step).
  await page.getByLabel("Code").fill(codeFor(secret, enrolledAt + 30_000));
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page).toHaveURL("/desk");
  await expect(page.getByRole("link", { name: /Erin Enrolled/ })).toBeVisible();
});

test("a customer sees their sessions and ends another one", async ({ browser, factory }) => {
  test.setTimeout(90_000);
  const { customer } = await factory.customer();
  const firefox = await browser.newContext({ userAgent: "Mozilla/5.0 (X11; Linux x86_64; rv:130.0) Gecko/20100101 Firefox/130.0" });
  const other = await firefox.newPage();
  const page = await signedInPageAs(browser, customer);
  try {
    await signInAs(other, customer);
    await expect(other).toHaveURL("/portal");

    await page.goto("/profile/sessions");
    await expect(page.getByRole("heading", { level: 1, name: "Sessions" })).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    const current = page.getByRole("row").filter({ hasText: "This session" });
    await expect(current).toHaveCount(1);
    const firefoxRow = page.getByRole("row").filter({ hasText: "Firefox / Linux" }).first();
    await expect(firefoxRow).toBeVisible();

    // Ending a session asks first, in the shared confirm dialog named by the action.
    await firefoxRow.getByRole("button", { name: /End the session Firefox/ }).click();
    await page.getByRole("dialog", { name: "End" }).getByRole("button", { name: "End", exact: true }).click();
    await expect(page.getByRole("status")).toBeVisible();

    // The ended session is signed out on its next request; this one goes on.
    await other.goto("/portal");
    await expect(other).toHaveURL(/\/login\?redirectTo=%2Fportal/);
    await page.reload();
    await expect(page.getByRole("row").filter({ hasText: "This session" })).toHaveCount(1);
  } finally {
    await firefox.close();
    await page.context().close();
  }
});

test("a Content-Security-Policy violation is caught by the shared fixture", async ({ page, cspViolations }) => {
  await page.goto("/login");
  // An injected inline script has no nonce: the policy refuses it and the console says so.
  await page.evaluate(() => {
    const script = document.createElement("script");
    script.textContent = "window.__injected = true";
    document.body.append(script);
  });
  await expect.poll(() => cspViolations.length).toBeGreaterThan(0);
  expect(await page.evaluate(() => (window as unknown as { __injected?: boolean }).__injected)).toBeUndefined();
  cspViolations.length = 0; // expected here; every other test fails on one
});

test("every spec uses the shared fixture that watches for CSP violations", () => {
  for (const file of readdirSync(here).filter((f) => f.endsWith(".spec.ts"))) {
    const source = readFileSync(path.join(here, file), "utf8");
    expect(source, `${file} must import test from ./fixtures`).toMatch(/import \{[^}]*\btest\b[^}]*\} from "\.\/fixtures"/);
  }
});

test("pages carry the strict browser headers; the login keeps working with them", async ({ page, factory }) => {
  const response = await page.goto("/login");
  const headers = response!.headers();
  expect(headers["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
  expect(headers["content-security-policy"]).not.toMatch(/script-src[^;]*unsafe-inline/);
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("same-origin");
  expect(headers["permissions-policy"]).toContain("camera=()");
  const { customer } = await factory.customer();
  await signIn(page, customer.email, customer.password);
  await expect(page).toHaveURL("/portal");
});
