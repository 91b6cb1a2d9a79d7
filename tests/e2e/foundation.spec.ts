import { type Page } from "@playwright/test";
import { expect, expectNoSeriousA11yViolations, signedInPageAs, signIn, signInAs, test, type StaffRole } from "./fixtures";

/**
 * The foundation as each role meets it: sign-in and landing pages, sign-out, password reset
 * through the outbox, organisation isolation, languages, the profile, and axe on every page.
 * Each test makes the logins and organisations it looks at through the factories and signs in on
 * its own, so the tests run in any order, side by side, and with or without the demo data.
 */

const signOutButton = (page: Page, name = "Sign out") =>
  page.getByRole("banner").getByRole("button", { name, exact: true });

test.describe("signing in", () => {
  const landings: Array<{ role: "customer" | StaffRole; path: string; heading: (name: string) => string }> = [
    { role: "customer", path: "/portal", heading: (name) => `Welcome, ${name}` },
    { role: "engineer", path: "/desk", heading: (name) => `Welcome, ${name}` },
    { role: "team_lead", path: "/desk", heading: (name) => `Welcome, ${name}` },
    { role: "quality", path: "/desk", heading: (name) => `Welcome, ${name}` },
    { role: "admin", path: "/admin", heading: () => "Administration" },
  ];

  for (const { role, path, heading } of landings) {
    test(`the ${role} lands on ${path}`, async ({ page, factory }) => {
      const login = role === "customer" ? (await factory.customer()).customer : await factory.staff(role);
      await signInAs(page, login);
      await expect(page).toHaveURL(path);
      await expect(page.getByRole("heading", { level: 1, name: heading(login.name) })).toBeVisible();
      await expect(page.getByRole("banner").getByRole("link", { name: new RegExp(login.name) })).toBeVisible();
      await expectNoSeriousA11yViolations(page);
    });
  }

  test("a wrong password is refused and the typed email is kept", async ({ page, factory }) => {
    const { customer } = await factory.customer();
    await page.goto("/login");
    await page.getByLabel("Email").fill(customer.email);
    await page.getByLabel("Password").fill("not-the-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("alert")).toHaveText("The email or password is not right.");
    await expect(page).toHaveURL("/login");
    await expect(page.getByLabel("Email")).toHaveValue(customer.email);
    await expectNoSeriousA11yViolations(page);
  });

  test("signing out ends the session", async ({ page, factory }) => {
    const { customer } = await factory.customer();
    await signInAs(page, customer);
    await expect(page).toHaveURL("/portal");
    await signOutButton(page).click();
    await expect(page).toHaveURL("/login");
    await expect(page.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
    await page.goto("/portal");
    await expect(page).toHaveURL(/\/login(\?|$)/);
  });
});

test("a form checks its fields in the browser with the action's schema, in the reader's language", async ({ page }) => {
  const posts: string[] = [];
  page.on("request", (request) => {
    if (request.method() === "POST") posts.push(request.url());
  });
  await page.goto("/forgot-password");
  const email = page.getByLabel("Email");
  // Leaving a wrong address shows the action's message under the field, before anything is sent.
  await email.fill("not-an-address");
  await email.blur();
  await expect(email).toHaveAttribute("aria-invalid", "true");
  await expect(page.locator(".field-error")).toHaveText("Enter a valid email address, like name@example.com");
  // Sending is refused in the browser: no request leaves, the typed text stays.
  await page.getByRole("button", { name: "Send the link" }).click();
  expect(posts).toEqual([]);
  await expect(email).toHaveValue("not-an-address");
  // Correcting the field clears the message as it is typed.
  await email.fill("someone@example.com");
  await expect(page.locator(".field-error")).toHaveCount(0);
  await expect(email).not.toHaveAttribute("aria-invalid", "true");
});

test("a password is reset through the emailed link", async ({ page, browser, factory }) => {
  // Many pages, a background job and four accessibility checks: more than the default budget.
  test.setTimeout(90_000);
  // A contact of the test's own: the password changes here.
  const { customer } = await factory.customer();
  const adminLogin = await factory.staff("admin");
  await page.goto("/forgot-password");
  await page.getByLabel("Email").fill(customer.email);
  await page.getByRole("button", { name: "Send the link" }).click();
  await expect(page.getByRole("status")).toContainText("If an account with this email exists");

  const admin = await signedInPageAs(browser, adminLogin);
  try {
    await admin.goto("/desk/outbox");
    await admin.getByRole("searchbox", { name: "To" }).fill(customer.email);
    await admin.getByRole("button", { name: "Filter" }).click();
    await expect(admin).toHaveURL(/\?to=/);
    const row = admin.getByRole("row").filter({ hasText: customer.email });
    // A background job writes the reset email a moment after the request (the request itself
    // does the same work for known and unknown addresses).
    const resetLink = row.getByRole("link", { name: "Reset your Keydesk password" }).first();
    await expect(async () => {
      await admin.reload();
      await expect(resetLink).toBeVisible({ timeout: 1_000 });
    }).toPass({ timeout: 20_000 });
    await resetLink.click();
    await expect(admin.getByRole("heading", { level: 1, name: "Reset your Keydesk password" })).toBeVisible();
    await expect(admin.getByRole("definition").filter({ hasText: customer.email })).toBeVisible();
    await expectNoSeriousA11yViolations(admin);

    await admin.getByText("Plain text", { exact: true }).click();
    const text = (await admin.locator("details pre").textContent()) ?? "";
    const link = text.match(/https?:\/\/\S+\/reset-password\/[\w-]+/)?.[0];
    expect(link, `no reset link in the email text:\n${text}`).toBeTruthy();

    // The HTML version carries the same link, and is accessible on its own.
    const htmlPath = `${new URL(admin.url()).pathname}/html`;
    const html = await admin.request.get(htmlPath);
    expect(html.status()).toBe(200);
    expect(await html.text()).toContain(new URL(link!).pathname);
    await admin.goto(htmlPath);
    await expectNoSeriousA11yViolations(admin);

    const context = await browser.newContext();
    try {
      const reset = await context.newPage();
      await reset.goto(link!);
      await expect(reset.getByRole("heading", { level: 1, name: "Choose a new password" })).toBeVisible();
      await expectNoSeriousA11yViolations(reset);
      const newPassword = `contact-new-${Date.now()}`;
      await reset.getByLabel("New password").fill(newPassword);
      await reset.getByLabel("Repeat the password").fill(newPassword);
      await reset.getByRole("button", { name: "Save the password" }).click();
      await expect(reset).toHaveURL("/portal");
      await expect(reset.getByRole("heading", { level: 1, name: `Welcome, ${customer.name}` })).toBeVisible();

      // The link works once; the new password works for signing in.
      await reset.goto(link!);
      await expect(reset.getByText("This link has expired or was already used.")).toBeVisible();
      await signOutButton(reset).click();
      await signIn(reset, customer.email, newPassword);
      await expect(reset).toHaveURL("/portal");
    } finally {
      await context.close();
    }
  } finally {
    await admin.context().close();
  }
});

test("a customer cannot reach another organisation or the desk", async ({ page, browser, factory }) => {
  // Clara reads the id of one of her colleagues from her team page; Anna is of another organisation.
  const { organisation, customer: claraLogin } = await factory.customer();
  const { customer: dmitry } = await factory.customer({ organisationId: organisation.id });
  const { customer: anna } = await factory.customer();
  const clara = await signedInPageAs(browser, claraLogin);
  let foreignContactUrl: string;
  try {
    await clara.goto("/portal/team");
    const dmitryLink = clara.getByRole("link", { name: dmitry.name });
    foreignContactUrl = (await dmitryLink.getAttribute("href"))!;
    expect(foreignContactUrl).toMatch(/^\/portal\/team\/[0-9a-f-]{36}$/);
    // Clara herself may open it.
    const own = await clara.goto(foreignContactUrl);
    expect(own?.status()).toBe(200);
  } finally {
    await clara.context().close();
  }

  await signInAs(page, anna);
  const foreign = await page.goto(foreignContactUrl);
  expect(foreign?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
  await expect(page.getByText(dmitry.email)).toHaveCount(0);

  const desk = await page.goto("/desk");
  expect(desk?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
});

test("a contact person's page shows that person", async ({ page, factory }) => {
  const { organisation, customer: anna } = await factory.customer();
  const { customer: boris } = await factory.customer({ organisationId: organisation.id });
  await signInAs(page, anna);
  await page.goto("/portal/team");
  await page.getByRole("link", { name: boris.name }).click();
  await expect(page).toHaveURL(/\/portal\/team\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1, name: boris.name })).toBeVisible({ timeout: 2_000 });
  await expect(page.getByText(boris.email)).toBeVisible();
  await expectNoSeriousA11yViolations(page);
});

test("an unknown address shows the 404 page", async ({ page }) => {
  const response = await page.goto("/no-such-page/at-all");
  expect(response?.status()).toBe(404);
  // A NUL byte in the address is malformed input (400), never a server error.
  expect((await page.request.get("/products/%00")).status()).toBe(400);
  expect((await page.request.get("/portal/tickets/1%00")).status()).toBe(400);
  await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Go to the home page" })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
});

test("switching to Russian translates the shell and is remembered", async ({ page, factory }) => {
  // A contact of the test's own: the language is remembered for the login.
  const { customer } = await factory.customer();
  await signInAs(page, customer);
  await page.getByRole("banner").getByRole("button", { name: "Русский" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "ru");
  const nav = page.getByRole("navigation", { name: "Основная навигация" });
  await expect(nav.getByRole("link", { name: "Главная" })).toBeVisible();
  await expect(signOutButton(page, "Выйти")).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  // Remembered for the user: a fresh browser signing in gets Russian too.
  await page.context().clearCookies();
  await signInAs(page, customer);
  await expect(page.getByRole("link", { name: "Главная" })).toBeVisible();

  await page.getByRole("banner").getByRole("button", { name: "English" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "Home" })).toBeVisible();
  await expect(signOutButton(page)).toBeVisible();
});

test("the profile saves a time zone", async ({ page, factory }) => {
  const quality = await factory.staff("quality");
  await signInAs(page, quality);
  await page.getByRole("banner").getByRole("link", { name: new RegExp(quality.name) }).click();
  await expect(page).toHaveURL("/profile");
  await expect(page.getByRole("heading", { level: 1, name: "Your profile" })).toBeVisible();
  const zone = page.getByLabel("Time zone");
  const original = await zone.inputValue();
  try {
    await zone.selectOption("America/New_York");
    await page.getByRole("button", { name: "Save" }).click();
    await expect(page.getByRole("status")).toHaveText("Saved.");
    await page.reload();
    await expect(page.getByLabel("Time zone")).toHaveValue("America/New_York");
  } finally {
    await page.getByLabel("Time zone").selectOption(original);
    await page.getByRole("button", { name: "Save" }).click();
    await expect(page.getByRole("status")).toHaveText("Saved.");
  }
  await expect(page.getByLabel("Time zone")).toHaveValue(original);
});

test.describe("every page passes axe", () => {
  test("public pages", async ({ page }) => {
    for (const path of ["/login", "/forgot-password"]) {
      await page.goto(path);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      await expectNoSeriousA11yViolations(page);
    }
  });

  test("customer pages", async ({ page, factory }) => {
    const { customer } = await factory.customer();
    await signInAs(page, customer);
    // The landing pages (/portal, /desk, /admin) are checked by the sign-in tests.
    for (const [path, heading] of [
      ["/portal/team", "Contact persons"],
      ["/profile", "Your profile"],
    ] as const) {
      await page.goto(path);
      await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
      await expectNoSeriousA11yViolations(page);
    }
  });

  test("staff and admin pages", async ({ page, factory }) => {
    test.setTimeout(120_000);
    const { organisation, customer } = await factory.customer();
    await signInAs(page, await factory.staff("admin"));
    for (const [path, heading] of [
      ["/desk/organisations", "Organisations"],
      ["/desk/outbox", "Email outbox"],
      ["/admin/users", "Users"],
      ["/admin/audit", "Audit log"],
    ] as const) {
      await page.goto(path);
      await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
      await expectNoSeriousA11yViolations(page);
    }
    await page.goto(`/desk/organisations?q=${encodeURIComponent(organisation.name)}`);
    await page.getByRole("main").getByRole("link", { name: organisation.name }).click();
    await expect(page.getByRole("heading", { level: 1, name: organisation.name })).toBeVisible();
    await expect(page.getByRole("cell", { name: customer.email })).toBeVisible();
    await expectNoSeriousA11yViolations(page);
  });
});
