import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { test as base, expect, type APIRequestContext, type Browser, type BrowserContext, type ConsoleMessage, type Page } from "@playwright/test";

export { expect };

/** Chromium reports every Content-Security-Policy refusal in the console with these words. */
export function isCspViolation(message: Pick<ConsoleMessage, "text">): boolean {
  return /Content Security Policy/i.test(message.text());
}

/* ------------------------------------------------------------------------------------------ */
/* Factories: each test makes the data it needs (ADR 058)                                      */
/* ------------------------------------------------------------------------------------------ */

/** A login made by a factory: sign in with `signInAs` / `signedInPageAs`. */
export type FactoryPerson = {
  id: string;
  email: string;
  name: string;
  role: "customer" | "engineer" | "team_lead" | "quality" | "admin";
  organisationId: string | null;
  password: string;
  /** Only when the security settings make the role use two-factor sign-in (not on the demo data). */
  recoveryCodes?: string[];
};
export type FactoryOrganisation = { id: string; name: string };
export type FactoryProduct = {
  id: string;
  name: string;
  slug: string;
  priceMinor: number;
  releases: { id: string; version: string; fileName: string; publishedAt: string }[];
};
export type FactoryLicence = { id: string; productId: string; productName: string; host: string };
export type FactoryTicketState = "new" | "open" | "pending" | "solved";
export type FactoryTicket = { id: string; number: number; subject: string; state: FactoryTicketState; licenceId: string | null };
export type FactoryContract = { freeMinutesPerDay: number; freeDaysPerWeek: number | null; hourlyRateMinor: number; currency: string };
export type FactoryArticle = { id: string; slug: string; title: string; language: "en" | "ru"; visibility: "public" | "customers" | "staff" };
export type FactoryTag = { id: string; name: string; labelEn: string; labelRu: string };
export type StaffRole = Exclude<FactoryPerson["role"], "customer">;
type AccessDetails = Partial<Record<"siteAdminUrl" | "siteAdminLogin" | "siteAdminPassword" | "serverAddress" | "serverLogin" | "serverPassword" | "notes", string>>;

/**
 * The app's test data endpoint (POST /api/test/factories), on only in the e2e server (the token
 * comes from playwright.config.ts). Every call makes new things with unique names, through the
 * app's own use cases, so tests never share or collide — in any order, in parallel, with or
 * without the demo data.
 */
export class Factory {
  constructor(private readonly request: APIRequestContext) {}

  private async make<T>(body: Record<string, unknown>): Promise<T> {
    const response = await this.request.post("/api/test/factories", {
      data: body,
      headers: { Authorization: `Bearer ${process.env.KEYDESK_TEST_FACTORIES_TOKEN}` },
    });
    if (response.status() !== 201) throw new Error(`The ${String(body.kind)} factory answered ${response.status()}: ${await response.text()}`);
    return (await response.json()) as T;
  }

  /** A new organisation and its primary contact. */
  organisation(options: { name?: string; contactName?: string } = {}) {
    return this.make<{ organisation: FactoryOrganisation; customer: FactoryPerson }>({ kind: "organisation", ...options });
  }

  /** A customer contact: of the given organisation, else the primary contact of a new one. */
  customer(options: { organisationId?: string; name?: string } = {}) {
    return this.make<{ organisation: FactoryOrganisation; customer: FactoryPerson }>({ kind: "customer", ...options });
  }

  /** A staff login of the role. */
  async staff(role: StaffRole = "engineer", options: { name?: string } = {}): Promise<FactoryPerson> {
    return (await this.make<{ staff: FactoryPerson }>({ kind: "staff", role, ...options })).staff;
  }

  /**
   * A product on sale (active, in roubles, at `price`, default 12 000) with releases, each
   * published `daysAgo` days ago with a package named `<slug>-<version>.txt`.
   */
  async product(options: { name?: string; price?: string; releases?: { version: string; daysAgo: number; notes?: string }[] } = {}): Promise<FactoryProduct> {
    return (await this.make<{ product: FactoryProduct }>({ kind: "product", ...options })).product;
  }

  /**
   * A licence of `productId` (e.g. a factory product with releases) or of a product of its own, activated on a production host: support active (or
   * `expired`: the year ended some two months ago). Without `organisationId`, a new organisation
   * with a contact holds it (returned too).
   */
  licence(options: { organisationId?: string; productId?: string; support?: "active" | "expired"; host?: string; productName?: string } = {}) {
    return this.make<{ licence: FactoryLicence; organisation?: FactoryOrganisation; customer?: FactoryPerson }>({ kind: "licence", ...options });
  }

  /**
   * A ticket filed by a contact — `requesterId`, else the contact of a new organisation with a
   * licence (returned) — in a state: `new`; `open`, `pending` (with the engineer's `reply`) or
   * `solved`, claimed by `engineerId`, else by a new engineer (returned).
   */
  ticket(
    options: {
      state?: FactoryTicketState;
      requesterId?: string;
      licenceId?: string;
      engineerId?: string;
      type?: "question" | "bug_report" | "billing";
      subject?: string;
      description?: string;
      access?: AccessDetails;
      reply?: string;
    } = {},
  ) {
    return this.make<{ ticket: FactoryTicket; organisation?: FactoryOrganisation; customer?: FactoryPerson; licence?: FactoryLicence; engineer?: FactoryPerson }>({
      kind: "ticket",
      ...options,
    });
  }

  /**
   * The organisation's time contract, set as an admin would: free minutes a day (15 unless
   * given, every day unless `freeDaysPerWeek`) and the prepaid hours' rate (RUB 3,000 an hour
   * unless given, so the organisation can buy prepaid hours).
   */
  contract(options: { organisationId: string; freeMinutesPerDay?: number; freeDaysPerWeek?: number | null; hourlyRateMinor?: number; currency?: string }) {
    return this.make<{ organisation: FactoryOrganisation; contract: FactoryContract }>({ kind: "contract", ...options });
  }

  /**
   * `count` tickets ("<subject> 1", …) filed by `requesterId`, else by the contact of a new
   * organisation (named `organisationName` if given), on a licence of their own: `new`, or
   * `closed` (solved by a new engineer over a week ago and closed as the auto-close job does).
   */
  tickets(options: { count: number; state?: "new" | "closed"; requesterId?: string; organisationName?: string; subject?: string }) {
    return this.make<{ tickets: { id: string; number: number; subject: string }[]; organisation?: FactoryOrganisation; customer?: FactoryPerson; licence: FactoryLicence; engineer?: FactoryPerson }>({
      kind: "tickets",
      ...options,
    });
  }

  /**
   * A published knowledge-base article (public, in English, unless asked), saved as the editor
   * saves one; `translationOf` makes it the other language's version of that article. The spec
   * gives the title its own random part where it looks the article up by name.
   */
  async article(options: {
    title?: string;
    summary?: string;
    body?: string;
    language?: "en" | "ru";
    visibility?: FactoryArticle["visibility"];
    productIds?: string[];
    translationOf?: string;
  } = {}): Promise<FactoryArticle> {
    return (await this.make<{ article: FactoryArticle }>({ kind: "article", ...options })).article;
  }

  /** A managed tag (`Tag <random>` unless labelled), put on the given tickets. */
  async tag(options: { labelEn?: string; labelRu?: string; colour?: string; ticketIds?: string[] } = {}): Promise<FactoryTag> {
    return (await this.make<{ tag: FactoryTag }>({ kind: "tag", ...options })).tag;
  }
}

/**
 * A factory for a group's `beforeAll`, where the test-scoped `factory` fixture is not available:
 * `test.beforeAll(({ playwright }, testInfo) => withFactory(playwright, testInfo.project.use.baseURL, async (factory) => …))`.
 */
export async function withFactory<T>(
  playwright: { request: { newContext(options: { baseURL?: string }): Promise<APIRequestContext> } },
  baseURL: string | undefined,
  make: (factory: Factory) => Promise<T>,
): Promise<T> {
  const request = await playwright.request.newContext({ baseURL });
  try {
    return await make(new Factory(request));
  } finally {
    await request.dispose();
  }
}

/* ------------------------------------------------------------------------------------------ */
/* Tests that change installation-wide settings run alone                                      */
/* ------------------------------------------------------------------------------------------ */

/** A folder of this run (named after its factory token) shared by the workers. */
const lockDir = () =>
  path.join(os.tmpdir(), `keydesk-e2e-${createHash("sha256").update(process.env.KEYDESK_TEST_FACTORIES_TOKEN ?? "").digest("hex").slice(0, 16)}`);
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A readers-writer lock between the workers, in files: every test holds it shared (a file of
 * its worker under `running/`); a test with `aloneInInstallation` holds it alone (the `alone`
 * folder, made atomically), once every running test has ended. A test registers, then looks for
 * `alone`, and backs off while it is there, so none starts beside the lone one.
 */
async function holdInstallation(alone: boolean, worker: number): Promise<() => void> {
  const running = path.join(lockDir(), "running");
  const marker = path.join(lockDir(), "alone");
  mkdirSync(running, { recursive: true });
  if (alone) {
    for (;;) {
      try {
        mkdirSync(marker);
        break;
      } catch {
        await pause(250);
      }
    }
    while (readdirSync(running).length > 0) await pause(250);
    return () => rmSync(marker, { recursive: true, force: true });
  }
  const mine = path.join(running, `worker-${worker}`);
  for (;;) {
    writeFileSync(mine, "");
    if (!existsSync(marker)) return () => rmSync(mine, { force: true });
    rmSync(mine, { force: true });
    await pause(250);
  }
}

/**
 * Every spec imports `test` from here: it watches the console of every page — in the test's own
 * context and in any context the test opens (signedInPage, browser.newContext()) — and fails
 * the test on any Content-Security-Policy violation. `factory` makes the test's own data.
 * `test.use({ aloneInInstallation: true })` makes a spec's tests run while no other test runs
 * (in any worker): for a test that changes an installation-wide setting for a while.
 */
export const test = base.extend<{ cspViolations: string[]; factory: Factory; aloneInInstallation: boolean; installationLock: void }>({
  factory: async ({ request }, use) => {
    await use(new Factory(request));
  },
  aloneInInstallation: [false, { option: true }],
  installationLock: [
    async ({ aloneInInstallation }, use, testInfo) => {
      const release = await holdInstallation(aloneInInstallation, testInfo.parallelIndex);
      try {
        await use();
      } finally {
        release();
      }
    },
    // Waiting for the other workers' running tests (or the lone test) is not the test's own time.
    { auto: true, timeout: 600_000 },
  ],
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

/**
 * Signs in as a factory-made login. Where two-factor sign-in is required for the role, the
 * second step takes one of the login's recovery codes (each is used once).
 */
export async function signInAs(page: Page, person: Pick<FactoryPerson, "email" | "password" | "recoveryCodes">): Promise<void> {
  await signIn(page, person.email, person.password);
  if (new URL(page.url()).pathname !== "/login/two-factor") return;
  const code = person.recoveryCodes?.shift();
  if (!code) throw new Error(`${person.email} must give a second factor and has no recovery code left`);
  await page.getByLabel("Code").fill(code);
  await page.getByRole("button", { name: "Continue" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
}

/** A page in its own browser context, signed in as a factory-made login. Close its context when done. */
export async function signedInPageAs(browser: Browser, person: Pick<FactoryPerson, "email" | "password" | "recoveryCodes">): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInAs(page, person);
  return page;
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

/**
 * Presses the queue's `j` until a row is the current one. A key pressed before the page runs in
 * the browser (hydration, slower on a busy machine) is lost; pressing again then is what a person
 * would do. Pressed once more after a row is current, `j` would move on, so it stops there.
 */
export async function pressJUntilARowIsCurrent(page: Page): Promise<void> {
  const current = page.locator("tr[data-kbd-row].kbd-current");
  await expect(async () => {
    if ((await current.count()) === 0) await page.keyboard.press("j");
    await expect(current).toHaveCount(1, { timeout: 2_000 });
  }).toPass({ timeout: 45_000 });
}
