import { mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Page } from "@playwright/test";
import { expect, expectNoSeriousA11yViolations, signedInPageAs, signInAs, test } from "./fixtures";

/**
 * The shared look (ADR 190): the main pages of each role at desktop and phone width, in the light
 * and dark schemes. Screenshots are kept for review in tests/artefacts/screens (git-ignored, never
 * compared); axe must find nothing serious in either scheme; customer pages never scroll sideways
 * at 360 px. Each test makes the people and data its pages show (a customer with a licence and a
 * solved ticket, an engineer with a ticket of their own, a product for the admin) through the
 * factories (ADR 058).
 */
const SCREENS = path.join(fileURLToPath(new URL("../artefacts/screens", import.meta.url)));
mkdirSync(SCREENS, { recursive: true });

const WIDTHS = { desktop: { width: 1280, height: 800 }, phone: { width: 360, height: 740 } } as const;
const SCHEMES = ["light", "dark"] as const;

async function shoot(page: Page, role: string, name: string, width: keyof typeof WIDTHS, scheme: (typeof SCHEMES)[number]) {
  await page.screenshot({ path: path.join(SCREENS, `${role}-${name}-${width}-${scheme}.png`), animations: "disabled" });
}

/** The breadcrumb trail of a detail page: a landmark with the given steps, the last one current. */
async function expectBreadcrumbs(page: Page, steps: string[]) {
  const trail = page.getByRole("navigation", { name: "Breadcrumb" });
  await expect(trail).toBeVisible();
  const items = trail.getByRole("listitem");
  for (const [index, step] of steps.entries()) await expect(items.nth(index)).toContainText(step);
  await expect(trail.locator('[aria-current="page"]')).toHaveCount(1);
  await expect(items.last().locator('[aria-current="page"]')).toHaveCount(1);
}

async function horizontalOverflow(page: Page): Promise<{ scrollWidth: number; clientWidth: number }> {
  return page.evaluate(() => {
    const root = document.scrollingElement ?? document.documentElement;
    return { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth };
  });
}

/** Each page once, then both schemes (switched in place) at both widths; axe at desktop width in each scheme. */
async function walk(page: Page, role: string, pages: Array<[string, string]>, options: { noScroll?: boolean } = {}) {
  for (const [name, url] of pages) {
    await page.setViewportSize(WIDTHS.desktop);
    await page.emulateMedia({ colorScheme: "light" });
    await page.goto(url);
    await expect(page.locator("main h1").first()).toBeVisible();
    for (const scheme of SCHEMES) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.setViewportSize(WIDTHS.desktop);
      await shoot(page, role, name, "desktop", scheme);
      await expectNoSeriousA11yViolations(page);
      await page.setViewportSize(WIDTHS.phone);
      await shoot(page, role, name, "phone", scheme);
      if (options.noScroll) {
        const { scrollWidth, clientWidth } = await horizontalOverflow(page);
        expect(scrollWidth, `${url} scrolls sideways at 360 px (${scheme})`).toBeLessThanOrEqual(clientWidth);
      }
    }
  }
}

test.describe("the shared look", () => {
  // Each test walks pages in two schemes at two widths with axe: generous on a busy machine.
  test.describe.configure({ timeout: 240_000 });

  test("customer pages: top bar, phone width without sideways scrolling, both schemes", async ({ page, factory }) => {
    const { customer } = await factory.ticket({ state: "solved" });
    await signInAs(page, customer!);
    const nav = page.getByRole("navigation", { name: "Main navigation" });
    for (const label of ["Home", "Tickets", "Licences", "Usage", "Help"]) await expect(nav.getByRole("link", { name: label, exact: true })).toBeVisible();
    await expect(page.getByRole("banner").getByRole("link", { name: /New ticket/ })).toBeVisible();
    await walk(
      page,
      "customer",
      [
        ["home", "/portal"],
        ["tickets", "/portal/tickets"],
        ["licences", "/portal/licences"],
        ["new-ticket", "/portal/tickets/new"],
      ],
      { noScroll: true },
    );

    // Detail pages carry breadcrumbs; a settled ticket offers a complaint (and a review where the
    // organisation may write one).
    await page.setViewportSize(WIDTHS.desktop);
    await page.goto("/portal/tickets?status=solved");
    const solved = page.locator('main table a[href^="/portal/tickets/"]').first();
    const solvedUrl = (await solved.getAttribute("href")) ?? "/portal";
    const number = solvedUrl.split("/").pop() ?? "";
    await page.goto("/portal/licences");
    const licenceUrl = (await page.locator('main a[href^="/portal/licences/"]').first().getAttribute("href")) ?? "/portal";
    await walk(page, "customer", [["ticket", solvedUrl], ["licence", licenceUrl]], { noScroll: true });
    await page.setViewportSize(WIDTHS.desktop);
    await page.goto(solvedUrl);
    await expectBreadcrumbs(page, ["Tickets", `#${number}`]);
    await page.getByRole("link", { name: `Complain to quality about request #${number}` }).click();
    await expect(page).toHaveURL(/\/portal\/complaints\/new/);
    await expect(page.getByRole("checkbox", { name: new RegExp(`#${number}\\b`) })).toBeChecked();
    await page.goto(licenceUrl);
    await expectBreadcrumbs(page, ["Licences"]);

    // Remembered filters: the ticket list comes back to "solved" until cleared.
    await page.goto("/portal/tickets?status=solved");
    await page.goto("/portal");
    await page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "Tickets", exact: true }).click();
    await expect(page).toHaveURL(/\/portal\/tickets\?status=solved$/);
    await page.getByRole("link", { name: "Clear filters" }).click();
    await expect(page).toHaveURL(/\/portal\/tickets$/);
    await page.goto("/portal/tickets");
    await expect(page).toHaveURL(/\/portal\/tickets$/);

    // In Russian (longer labels) no customer page scrolls sideways at 360 px, and the top bar's
    // links and buttons are at least 44 px tall.
    await page.setViewportSize(WIDTHS.phone);
    await page.request.post("/set-language", { form: { locale: "ru", redirectTo: "/" } });
    try {
      for (const url of ["/portal", "/portal/tickets", "/portal/tickets/new", "/portal/licences", licenceUrl, solvedUrl, "/portal/usage", "/portal/complaints", "/portal/reviews", "/portal/team", "/portal/plan", "/portal/services", "/portal/billing", "/kb", "/profile"]) {
        await page.goto(url);
        await expect(page.locator("html")).toHaveAttribute("lang", "ru");
        const { scrollWidth, clientWidth } = await horizontalOverflow(page);
        expect(scrollWidth, `${url} scrolls sideways at 360 px in Russian`).toBeLessThanOrEqual(clientWidth);
        const small = await page.locator("header.topbar").evaluate((bar) =>
          Array.from(bar.querySelectorAll<HTMLElement>("a, button, summary"))
            .filter((el) => el.offsetParent !== null)
            .map((el) => ({ text: (el.textContent ?? "").trim(), height: el.getBoundingClientRect().height }))
            .filter((el) => el.height < 44),
        );
        expect(small, `${url}: top bar tap targets under 44 px`).toEqual([]);
      }
    } finally {
      await page.request.post("/set-language", { form: { locale: "en", redirectTo: "/" } });
    }

    // The switch in the user menu overrides the system and is remembered across pages.
    await page.emulateMedia({ colorScheme: "light" });
    await page.setViewportSize(WIDTHS.desktop);
    await page.goto("/portal");
    await page.getByRole("banner").getByLabel(`Account menu for ${customer!.name}`).click();
    await page.getByRole("button", { name: "Dark", exact: true }).click();
    await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
    await page.goto("/portal/tickets");
    await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(background).toBe("rgb(20, 23, 28)");
    await page.getByRole("banner").getByLabel(`Account menu for ${customer!.name}`).click();
    await page.getByRole("button", { name: "System", exact: true }).click();
    await expect(page.locator("html")).not.toHaveAttribute("data-theme", /./);
  });

  test("engineer: sidebar grouped by work with queue counts and the current place", async ({ page, factory }) => {
    const engineer = await factory.staff("engineer");
    const { organisation } = await factory.ticket({ state: "open", engineerId: engineer.id });
    // The organisation's name ends with a random word of its own: the search finds only it.
    const q = organisation!.name.split(" ").at(-1)!;
    await signInAs(page, engineer);
    await page.goto("/desk/tickets?queue=mine");
    const nav = page.getByRole("navigation", { name: "Main navigation" });
    await expect(nav.getByRole("heading", { name: "Desk" })).toBeVisible();
    const mine = nav.getByRole("link", { name: /^My tickets|^Mine|^Assigned to me/ });
    await expect(mine).toHaveAttribute("aria-current", "page");
    await expect(mine.locator(".nav-count")).toHaveText(/^\d+$/);
    await expect(nav.locator('[aria-current="page"]')).toHaveCount(1);
    // Only what the role may open: no settings or users for an engineer.
    await expect(nav.getByRole("link", { name: "Settings" })).toHaveCount(0);
    await expect(nav.getByRole("link", { name: "Users" })).toHaveCount(0);
    const first = page.locator("main table tbody a").first();
    const ticketUrl = (await first.getAttribute("href")) ?? "/desk";
    await walk(page, "engineer", [
      ["queue", "/desk/tickets?queue=open"],
      ["ticket", ticketUrl],
    ]);
    // A tablet: the sidebar folds behind a menu button.
    await page.setViewportSize({ width: 768, height: 1000 });
    await page.goto("/desk");
    await expect(nav).toBeHidden();
    await page.getByRole("button", { name: /Menu/ }).click();
    await expect(nav).toBeVisible();
    const { scrollWidth, clientWidth } = await horizontalOverflow(page);
    expect(scrollWidth).toBeLessThanOrEqual(clientWidth);

    // The outbox sits with the desk work for an engineer: no Admin group holding only it.
    await page.setViewportSize(WIDTHS.desktop);
    await page.goto(ticketUrl);
    await expect(nav.getByRole("heading", { name: "Admin", exact: true })).toHaveCount(0);
    await expect(nav.getByRole("region", { name: "Desk" }).getByRole("link", { name: "Outbox" })).toBeVisible();
    await expectBreadcrumbs(page, ["Queues", "#"]);

    // Compact tables: chosen in the account menu, kept across pages, applied through the tokens.
    const menu = page.getByRole("banner").getByLabel(`Account menu for ${engineer.name}`);
    await menu.click();
    await page.getByRole("button", { name: "Compact", exact: true }).click();
    await expect(page.locator("html")).toHaveAttribute("data-density", "compact");
    await page.goto("/desk/organisations");
    await expect(page.locator("html")).toHaveAttribute("data-density", "compact");
    expect(await page.locator("main td").first().evaluate((td) => getComputedStyle(td).paddingTop)).toBe("3px");
    await walk(page, "engineer", [["organisations-compact", "/desk/organisations"]]);
    await page.setViewportSize(WIDTHS.desktop);
    await menu.click();
    await page.getByRole("button", { name: "Comfortable", exact: true }).click();
    await expect(page.locator("html")).not.toHaveAttribute("data-density", /./);

    // Remembered filters on a staff list, and breadcrumbs on its detail page.
    await page.goto(`/desk/organisations?q=${q}`);
    const org = page.locator("main table tbody a").first();
    await org.click();
    await expectBreadcrumbs(page, ["Organisations", organisation!.name]);
    await page.getByRole("navigation", { name: "Breadcrumb" }).getByRole("link", { name: "Organisations" }).click();
    await expect(page).toHaveURL(new RegExp(`/desk/organisations\\?q=${q}$`));
    await expect(page.locator('main input[name="q"]:not(#header-search)')).toHaveValue(q);
    await page.getByRole("link", { name: "Clear filters" }).click();
    await expect(page).toHaveURL(/\/desk\/organisations$/);
  });

  test("confirm dialog: keyboard cancel and confirm, focus returned, axe in both schemes", async ({ page, browser, factory }) => {
    // A second session of the same person, to end from the first.
    const { customer } = await factory.organisation();
    const other = await signedInPageAs(browser, customer);
    await signInAs(page, customer);
    await page.goto("/profile/sessions");
    const end = page.getByRole("button", { name: /^End the other session|^End the \d+ other sessions/ });
    await end.focus();
    await page.keyboard.press("Enter");
    const dialog = page.getByRole("dialog", { name: /^End the/ });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole("button", { name: "Cancel" })).toBeFocused();
    for (const scheme of SCHEMES) {
      await page.emulateMedia({ colorScheme: scheme });
      await expectNoSeriousA11yViolations(page);
    }
    await page.keyboard.press("Escape");
    await expect(dialog).toBeHidden();
    await expect(end).toBeFocused();
    await expect(end).toBeVisible(); // nothing was ended
    await page.keyboard.press("Enter");
    await expect(dialog).toBeVisible();
    await page.keyboard.press("Tab");
    const confirm = dialog.getByRole("button", { name: /^End the/ });
    await expect(confirm).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(end).toHaveCount(0);
    await other.context().close();
  });

  test("admin: every group, collapsible sidebar remembered", async ({ page, factory }) => {
    const admin = await factory.staff("admin");
    // The products page lists one at least.
    await factory.product();
    await signInAs(page, admin);
    const nav = page.getByRole("navigation", { name: "Main navigation" });
    for (const group of ["Desk", "Quality", "Reports", "Customers", "Admin"]) await expect(nav.getByRole("heading", { name: group, exact: true })).toBeVisible();
    await walk(page, "admin", [
      ["products", "/admin/products"],
    ]);
    await page.setViewportSize(WIDTHS.desktop);
    const saved = page.waitForResponse((r) => r.url().includes("/preferences") && r.request().method() === "POST");
    await page.getByRole("button", { name: "Hide the sidebar" }).click();
    await expect(nav).toBeHidden();
    await saved;
    await page.reload();
    await expect(nav).toBeHidden();
    await page.getByRole("button", { name: "Show the sidebar" }).click();
    await expect(nav).toBeVisible();
  });
});
