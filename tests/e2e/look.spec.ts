import { mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Page } from "@playwright/test";
import { DEMO, expect, expectNoSeriousA11yViolations, signIn, test } from "./fixtures";

/**
 * The shared look (ADR 190): the main pages of each role at desktop and phone width, in the light
 * and dark schemes. Screenshots are kept for review in tests/artefacts/screens (git-ignored, never
 * compared); axe must find nothing serious in either scheme; customer pages never scroll sideways
 * at 360 px.
 */
const SCREENS = path.join(fileURLToPath(new URL("../artefacts/screens", import.meta.url)));
mkdirSync(SCREENS, { recursive: true });

const WIDTHS = { desktop: { width: 1280, height: 800 }, phone: { width: 360, height: 740 } } as const;
const SCHEMES = ["light", "dark"] as const;

async function shoot(page: Page, role: string, name: string, width: keyof typeof WIDTHS, scheme: (typeof SCHEMES)[number]) {
  await page.screenshot({ path: path.join(SCREENS, `${role}-${name}-${width}-${scheme}.png`), animations: "disabled" });
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
  test("customer pages: top bar, phone width without sideways scrolling, both schemes", async ({ page }) => {
    await signIn(page, DEMO.anna.email);
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

    // The switch in the user menu overrides the system and is remembered across pages.
    await page.emulateMedia({ colorScheme: "light" });
    await page.setViewportSize(WIDTHS.desktop);
    await page.goto("/portal");
    await page.getByRole("banner").getByLabel(`Account menu for ${DEMO.anna.name}`).click();
    await page.getByRole("button", { name: "Dark", exact: true }).click();
    await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
    await page.goto("/portal/tickets");
    await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(background).toBe("rgb(20, 23, 28)");
    await page.getByRole("banner").getByLabel(`Account menu for ${DEMO.anna.name}`).click();
    await page.getByRole("button", { name: "System", exact: true }).click();
    await expect(page.locator("html")).not.toHaveAttribute("data-theme", /./);
  });

  test("engineer: sidebar grouped by work with queue counts and the current place", async ({ page }) => {
    await signIn(page, DEMO.engineer.email);
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
  });

  test("admin: every group, collapsible sidebar remembered", async ({ page }) => {
    await signIn(page, DEMO.admin.email);
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
