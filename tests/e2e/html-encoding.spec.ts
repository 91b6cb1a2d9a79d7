import { type APIRequestContext, type Browser } from "@playwright/test";
import { expect, signedInPageAs, test, type Factory, type FactoryPerson, type StaffRole } from "./fixtures";

/**
 * Server-rendered HTML is valid UTF-8 without NUL bytes, in Russian too. React 18's Node
 * streaming renderer used to send whole 2 KiB buffers when a multi-byte character did not fit
 * at the end of one, leaving 1–3 NUL bytes at the buffer's edge ("Использует\0ся" at byte
 * 4095 of /admin/products). Each role's long pages are fetched in Russian and their bytes
 * checked; detail pages are found through the first link of their list page. Each test makes its
 * own login and an open ticket (with its organisation, contact, licence and product) through the
 * factories (ADR 058), so every list has at least one item to open, with or without the demo data.
 */

/** `optional`: there may be no such item (complaints are filed by the quality spec). */
type PageSet = { login: StaffRole | "customer"; pages: string[]; details: Array<{ list: string; link: RegExp; optional?: true }> };

const PAGE_SETS: PageSet[] = [
  {
    login: "admin",
    pages: ["/admin", "/admin/products", "/admin/calendars", "/admin/plans", "/admin/users", "/admin/audit", "/desk/outbox"],
    details: [
      { list: "/admin/products", link: /href="(\/admin\/products\/[^"/?#]+)"/ },
      { list: "/admin/calendars", link: /href="(\/admin\/calendars\/[^"/?#]+)"/ },
      { list: "/admin/plans", link: /href="(\/admin\/plans\/[^"/?#]+)"/ },
    ],
  },
  {
    login: "team_lead",
    pages: ["/desk", "/desk/tickets?queue=all", "/desk/licences", "/desk/organisations", "/desk/time", "/desk/reports/time"],
    details: [
      { list: "/desk/tickets?queue=all", link: /href="(\/desk\/tickets\/\d+)"/ },
      { list: "/desk/licences", link: /href="(\/desk\/licences\/[^"/?#]+)"/ },
      { list: "/desk/organisations", link: /href="(\/desk\/organisations\/[^"/?#]+)"/ },
    ],
  },
  {
    login: "quality",
    pages: ["/desk/quality", "/desk/quality/csat", "/desk/quality/reviews", "/desk/quality/root-causes", "/desk/reports/quality"],
    details: [{ list: "/desk/quality", link: /href="(\/desk\/quality\/complaints\/[^"/?#]+)"/, optional: true }],
  },
  {
    login: "customer",
    pages: ["/portal", "/portal/tickets?status=all", "/portal/licences", "/portal/usage", "/portal/complaints", "/portal/reviews", "/portal/team", "/products"],
    details: [
      { list: "/portal/tickets?status=all", link: /href="(\/portal\/tickets\/\d+)"/ },
      { list: "/portal/licences", link: /href="(\/portal\/licences\/[^"/?#]+)"/ },
      { list: "/products", link: /href="(\/products\/[^"/?#]+)"/ },
    ],
  },
];

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

/** Fetches a page and checks its bytes; returns its HTML. */
async function checkedHtml(request: APIRequestContext, path: string): Promise<{ html: string; bytes: number }> {
  const response = await request.get(path);
  expect(response.status(), path).toBe(200);
  expect(response.headers()["content-type"], path).toMatch(/^text\/html/);
  const body = await response.body();
  const nul = body.indexOf(0);
  expect(
    nul,
    `${path}: NUL byte at ${nul} of ${body.length}, after "${body.subarray(Math.max(0, nul - 40), nul).toString("utf8")}"`,
  ).toBe(-1);
  let html = "";
  expect(() => (html = strictUtf8.decode(body)), `${path}: not valid UTF-8`).not.toThrow();
  expect(html, path).toContain('<html lang="ru"');
  return { html, bytes: body.length };
}

async function checkInRussian(browser: Browser, factory: Factory, set: PageSet): Promise<number> {
  const made = await factory.ticket({ state: "open" });
  const login: FactoryPerson = set.login === "customer" ? made.customer! : await factory.staff(set.login);
  const page = await signedInPageAs(browser, login);
  const { request } = page;
  let bytes = 0;
  try {
    // The language is remembered for the user, a login of this test only.
    expect((await request.post("/set-language", { form: { locale: "ru", redirectTo: "/" }, maxRedirects: 0 })).status()).toBeLessThan(400);
    for (const path of set.pages) bytes += (await checkedHtml(request, path)).bytes;
    for (const { list, link, optional } of set.details) {
      const match = link.exec((await checkedHtml(request, list)).html);
      if (!optional) expect(match, `a link ${link} on ${list}`).not.toBeNull();
      if (match) bytes += (await checkedHtml(request, match[1]!)).bytes;
    }
  } finally {
    await page.context().close();
  }
  return bytes;
}

test.describe("Russian pages are clean UTF-8", () => {
  for (const set of PAGE_SETS) {
    test(`${set.login}'s pages`, async ({ browser, factory }) => {
      const bytes = await checkInRussian(browser, factory, set);
      // Long enough to cross many 2 KiB buffer edges, or the test proves nothing.
      expect(bytes).toBeGreaterThan(20 * 2048);
    });
  }
});
