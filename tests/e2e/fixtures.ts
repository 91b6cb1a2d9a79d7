import AxeBuilder from "@axe-core/playwright";
import { test as base, expect, type Browser, type BrowserContext, type ConsoleMessage, type Page } from "@playwright/test";

export { expect };

/** Chromium reports every Content-Security-Policy refusal in the console with these words. */
export function isCspViolation(message: Pick<ConsoleMessage, "text">): boolean {
  return /Content Security Policy/i.test(message.text());
}

/**
 * Every spec imports `test` from here: it watches the console of every page — in the test's own
 * context and in any context the test opens (signedInPage, browser.newContext()) — and fails
 * the test on any Content-Security-Policy violation.
 */
export const test = base.extend<{ cspViolations: string[] }>({
  cspViolations: [
    async ({ context, browser }, use) => {
      const violations: string[] = [];
      const watch = (ctx: BrowserContext) =>
        ctx.on("console", (message) => {
          if (isCspViolation(message)) violations.push(`${message.location().url || message.page()?.url() || "?"}: ${message.text()}`);
        });
      watch(context);
      const newContext = browser.newContext.bind(browser);
      browser.newContext = async (...args: Parameters<Browser["newContext"]>) => {
        const created = await newContext(...args);
        watch(created);
        return created;
      };
      try {
        await use(violations);
      } finally {
        browser.newContext = newContext;
      }
      expect(violations, `Content-Security-Policy violations in the console:\n${violations.join("\n")}`).toEqual([]);
    },
    { auto: true },
  ],
});

/** The demo data seeded on the first start of an empty database (app/demo/seed.server.ts). */
export const DEMO_PASSWORD = "keydesk-demo-2026";

export const DEMO = {
  admin: { email: "admin@keydesk.test", name: "Alexei Admin", home: "/admin" },
  teamLead: { email: "lead@keydesk.test", name: "Tatiana Lead", home: "/desk" },
  engineer: { email: "engineer@keydesk.test", name: "Egor Engineer", home: "/desk" },
  quality: { email: "quality@keydesk.test", name: "Quinn Quality", home: "/desk" },
  anna: { email: "anna@romashka.test", name: "Anna Petrova", home: "/portal", organisation: "Romashka LLC" },
  boris: { email: "boris@romashka.test", name: "Boris Ivanov", home: "/portal", organisation: "Romashka LLC" },
  clara: { email: "clara@vasilek.test", name: "Clara Smirnova", home: "/portal", organisation: "Vasilek Trading" },
  dmitry: { email: "dmitry@vasilek.test", name: "Dmitry Orlov", home: "/portal", organisation: "Vasilek Trading" },
} as const;

export type DemoLogin = keyof typeof DEMO;

/** Signs in through the login form, as a person would, and waits to leave the login page. */
export async function signIn(page: Page, email: string, password: string = DEMO_PASSWORD): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => url.pathname !== "/login");
}

/** A page in its own browser context (own cookies), signed in as `email`. Close its context when done. */
export async function signedInPage(browser: Browser, email: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, email);
  return page;
}

/**
 * Frames that may not run scripts (the outbox shows emails in `<iframe sandbox="">`) cannot host
 * axe, and @axe-core/playwright waits for them forever; they are left out here and the email's
 * HTML is checked on its own address instead.
 */
const SCRIPTLESS_FRAMES = 'iframe[sandbox]:not([sandbox~="allow-scripts"])';

/**
 * Runs axe on the current page and fails on any violation of serious or critical impact.
 * `disableRules` is for a known, reported defect only, with a comment saying which.
 */
export async function expectNoSeriousA11yViolations(page: Page, options: { disableRules?: string[] } = {}): Promise<void> {
  let builder = new AxeBuilder({ page }).exclude(SCRIPTLESS_FRAMES);
  if (options.disableRules?.length) builder = builder.disableRules(options.disableRules);
  const results = await builder.analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  const report = serious
    .map((v) => `${v.id} (${v.impact}): ${v.help}\n${v.nodes.map((n) => `    ${n.target.join(" ")}`).join("\n")}`)
    .join("\n");
  expect(serious.map((v) => v.id), `Accessibility violations on ${page.url()}:\n${report}`).toEqual([]);
}

/** Opens the new-ticket form and passes the support check for one licence and ticket type. */
export async function chooseLicence(page: Page, product: string, type: string) {
  await page.goto("/portal/tickets/new");
  const licence = page.getByLabel("Licence");
  const value = await licence.locator("option", { hasText: product }).first().getAttribute("value");
  await licence.selectOption(value!);
  await page.getByLabel("Type").selectOption({ label: type });
  await page.getByRole("button", { name: "Check support" }).click();
  await page.waitForURL(/type=/);
}
