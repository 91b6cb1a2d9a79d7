import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { auditLog, kbArticleProducts, kbArticles, licences, organisations, products, releases, ticketMessages, tickets, ticketTags, users } from "#db/schema";
import { getArticle } from "~/modules/knowledge/articles.server";
import { getLicenceDetail } from "~/modules/licensing/licences.server";
import { openStoredFile } from "~/utils/files.server";
import { completeSecondFactor, signIn } from "~/modules/accounts/sessions.server";
import { saveSecuritySettings } from "~/modules/security/settings.server";
import { getPrepaidPackages } from "~/modules/time-tracking/purchase.server";
import { ensureSlaDefaults } from "~/modules/sla/plans.server";
import { TICKET_STATES } from "~/modules/testing/factories.server";
import { action, loader } from "~/routes/api.test.factories";
import { db } from "~/utils/db.server";
import { getEnv, overrideEnvForTests } from "~/utils/env.server";

/** The end-to-end specs' test data endpoint (ADR 058), through its route. */

const TOKEN = "factories-token-for-the-integration-test";
const URL = "http://keydesk.test/api/test/factories";

async function send(body: string, authorization: string | null = `Bearer ${TOKEN}`, method = "POST"): Promise<Response> {
  const headers: Record<string, string> = { "Content-Type": "application/json" };
  if (authorization) headers.Authorization = authorization;
  const request = new Request(URL, { method, headers, ...(method === "GET" ? {} : { body }) });
  try {
    if (method === "GET") loader();
    return await action({ request, params: {}, context: {} });
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;
async function make(body: Record<string, unknown>): Promise<Json> {
  const response = await send(JSON.stringify(body));
  const json = await response.json();
  expect(response.status, JSON.stringify(json)).toBe(201);
  return json;
}

const environment = getEnv();
beforeAll(async () => {
  await ensureSlaDefaults();
});
beforeEach(() => overrideEnvForTests({ KEYDESK_TEST_FACTORIES_TOKEN: TOKEN, NODE_ENV: "test" }));
afterAll(() => overrideEnvForTests({ KEYDESK_TEST_FACTORIES_TOKEN: environment.KEYDESK_TEST_FACTORIES_TOKEN, NODE_ENV: environment.NODE_ENV }));

describe("off unless asked for", () => {
  const body = JSON.stringify({ kind: "organisation" });

  it("answers 404 without the token variable, whatever the request carries", async () => {
    overrideEnvForTests({ KEYDESK_TEST_FACTORIES_TOKEN: undefined });
    expect((await send(body)).status).toBe(404);
    expect((await send(body, null)).status).toBe(404);
    expect((await send("", null, "GET")).status).toBe(404);
  });

  it("answers 404 to a missing or wrong token, and in production even with the right one", async () => {
    expect((await send(body, null)).status).toBe(404);
    expect((await send(body, `Bearer ${TOKEN}x`)).status).toBe(404);
    expect((await send(body, TOKEN)).status).toBe(404);
    expect((await send(body, "Bearer ")).status).toBe(404);
    // A GET never makes anything, token or not.
    expect((await send("", `Bearer ${TOKEN}`, "GET")).status).toBe(404);
    overrideEnvForTests({ NODE_ENV: "production" });
    expect((await send(body)).status).toBe(404);
  });
});

describe("bad requests are 400 with a JSON reason", () => {
  it.each([
    ["not JSON", "{kind: organisation", "bad_json"],
    ["an empty body", "", "bad_json"],
    ["no kind", JSON.stringify({ state: "open" }), "unknown_kind"],
    ["an unknown kind", JSON.stringify({ kind: "invoice" }), "unknown_kind"],
    ["an array", JSON.stringify([{ kind: "ticket" }]), "unknown_kind"],
    ["null", "null", "unknown_kind"],
    ["a state that does not exist", JSON.stringify({ kind: "ticket", state: "closed" }), "invalid_body"],
    ["a field of another kind", JSON.stringify({ kind: "staff", role: "engineer", state: "open" }), "invalid_body"],
    ["a customer as staff", JSON.stringify({ kind: "staff", role: "customer" }), "invalid_body"],
    ["a requester that is no id", JSON.stringify({ kind: "ticket", requesterId: "anna" }), "invalid_body"],
    ["a short password", JSON.stringify({ kind: "organisation", password: "short" }), "invalid_body"],
  ])("%s", async (_name, body, error) => {
    const response = await send(body);
    expect(response.status).toBe(400);
    expect(response.headers.get("Content-Type")).toMatch(/application\/json/);
    expect(await response.json()).toMatchObject({ error });
  });

  it("names the field that points at nothing", async () => {
    const response = await send(JSON.stringify({ kind: "ticket", requesterId: "00000000-0000-0000-0000-000000000000" }));
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: "unknown_reference", field: "requesterId" });
    const staffAsRequester = await make({ kind: "staff", role: "engineer" });
    const again = await send(JSON.stringify({ kind: "ticket", requesterId: staffAsRequester.staff.id }));
    expect(await again.json()).toEqual({ error: "unknown_reference", field: "requesterId" });
    const organisation = await send(JSON.stringify({ kind: "customer", organisationId: "00000000-0000-0000-0000-000000000000" }));
    expect(organisation.status).toBe(400);
  });
});

describe("what the factories make", () => {
  it("an organisation whose primary contact signs in with the known password", async () => {
    const made = await make({ kind: "organisation" });
    expect(made.customer).toMatchObject({ role: "customer", organisationId: made.organisation.id, password: "keydesk-factory-2026" });
    const [org] = await db.select().from(organisations).where(eq(organisations.id, made.organisation.id));
    expect(org!.name).toBe(made.organisation.name);
    const [contact] = await db.select().from(users).where(eq(users.id, made.customer.id));
    expect(contact!.isPrimaryContact).toBe(true);
    const outcome = await signIn({ email: made.customer.email, password: made.customer.password, ipAddress: "192.0.2.1" });
    expect(outcome.kind).toBe("session");

    // Names never repeat, so parallel tests never collide.
    const other = await make({ kind: "organisation" });
    expect(other.organisation.name).not.toBe(made.organisation.name);
    expect(other.customer.email).not.toBe(made.customer.email);

    const colleague = await make({ kind: "customer", organisationId: made.organisation.id, password: "another-long-password" });
    expect(colleague.customer).toMatchObject({ organisationId: made.organisation.id, password: "another-long-password" });
    expect((await signIn({ email: colleague.customer.email, password: "another-long-password", ipAddress: "192.0.2.1" })).kind).toBe("session");
  });

  it("staff of a role; where two-factor is required, enrolled, with recovery codes to sign in", async () => {
    await saveSecuritySettings({ requireTwoFactorForStaff: false });
    const lead = (await make({ kind: "staff", role: "team_lead" })).staff;
    expect(lead).toMatchObject({ role: "team_lead", organisationId: null });
    expect(lead.recoveryCodes).toBeUndefined();
    expect(await signIn({ email: lead.email, password: lead.password, ipAddress: "192.0.2.2" })).toMatchObject({ kind: "session", mustEnrolTwoFactor: false });

    await saveSecuritySettings({ requireTwoFactorForStaff: true });
    const engineer = (await make({ kind: "staff", role: "engineer" })).staff;
    expect(engineer.recoveryCodes).toHaveLength(10);
    const first = await signIn({ email: engineer.email, password: engineer.password, ipAddress: "192.0.2.2" });
    expect(first.kind).toBe("second_factor");
    const user = await completeSecondFactor({ pendingToken: (first as { pendingToken: string }).pendingToken, code: engineer.recoveryCodes[0], ipAddress: "192.0.2.2" });
    expect(user.id).toBe(engineer.id);
    await saveSecuritySettings({ requireTwoFactorForStaff: false });
  });

  it("a licence with active or expired support", async () => {
    const active = await make({ kind: "licence" });
    const [row] = await db.select().from(licences).where(eq(licences.id, active.licence.id));
    expect(row).toMatchObject({ organisationId: active.organisation.id, productionHost: active.licence.host });
    expect(row!.supportUntil!.getTime()).toBeGreaterThan(Date.now() + 300 * 86_400_000);

    const expired = await make({ kind: "licence", organisationId: active.organisation.id, support: "expired", host: "https://Outlet.Example.com/" });
    expect(expired.organisation).toBeUndefined();
    const [lapsed] = await db.select().from(licences).where(eq(licences.id, expired.licence.id));
    expect(lapsed).toMatchObject({ organisationId: active.organisation.id, productionHost: "outlet.example.com" });
    expect(lapsed!.supportUntil!.getTime()).toBeLessThan(Date.now());

    // Filing against the lapsed licence is refused by the eligibility gate: a 4xx, not a fault.
    const refused = await send(JSON.stringify({ kind: "ticket", requesterId: active.customer.id, licenceId: expired.licence.id }));
    expect(refused.status).toBeGreaterThanOrEqual(400);
    expect(refused.status).toBeLessThan(500);
  });

  it("a product on sale with releases, and a lapsed licence of it that locks the later release", async () => {
    const made = await make({
      kind: "product",
      name: "Sitemap Pro",
      price: "8000",
      releases: [
        { version: "1.5.0", daysAgo: 200 },
        { version: "2.0.0", daysAgo: 10, notes: "Structured data." },
      ],
    });
    expect(made.product).toMatchObject({ name: "Sitemap Pro", priceMinor: 800_000, slug: expect.stringMatching(/^module-[0-9a-f]{8}$/) });
    const [product] = await db.select().from(products).where(eq(products.id, made.product.id));
    expect(product).toMatchObject({ active: true, free: false, currency: "RUB", listPriceMinor: 800_000 });
    const rows = await db.select().from(releases).where(eq(releases.productId, made.product.id));
    expect(rows.map((r) => [r.version, r.fileName]).sort()).toEqual([
      ["1.5.0", `${made.product.slug}-1.5.0.txt`],
      ["2.0.0", `${made.product.slug}-2.0.0.txt`],
    ]);
    const latest = rows.find((r) => r.version === "2.0.0")!;
    expect(latest.notes).toBe("Structured data.");
    expect(Date.now() - latest.publishedAt!.getTime()).toBeGreaterThan(9 * 86_400_000);
    const { stream } = await openStoredFile(latest.fileStoragePath!, { sha256: latest.fileSha256! });
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(Buffer.from(chunk));
    expect(Buffer.concat(chunks).toString()).toContain("Sitemap Pro 2.0.0");

    // A licence of that product whose support ended before 2.0.0: 1.5.0 is downloadable, 2.0.0 locked.
    const lapsed = await make({ kind: "licence", productId: made.product.id, support: "expired" });
    expect(lapsed.licence).toMatchObject({ productId: made.product.id, productName: "Sitemap Pro" });
    const contact = { id: lapsed.customer.id, role: "customer" as const, organisationId: lapsed.organisation.id, isPrimaryContact: true };
    const detail = await getLicenceDetail(contact, lapsed.licence.id);
    expect(detail.releases.map((r) => [r.version, r.entitled, r.hasFile])).toEqual([
      ["2.0.0", false, true],
      ["1.5.0", true, true],
    ]);
    expect(detail.renewal).not.toBeNull();

    const unknown = await send(JSON.stringify({ kind: "licence", productId: "00000000-0000-0000-0000-000000000000" }));
    expect(await unknown.json()).toEqual({ error: "unknown_reference", field: "productId" });
    expect((await send(JSON.stringify({ kind: "product", releases: [{ version: "two", daysAgo: 1 }] }))).status).toBe(400);
  });

  it.each(TICKET_STATES)("a ticket in the state %s", async (state) => {
    const made = await make({ kind: "ticket", state, reply: state === "pending" ? "Which PHP version does the site run on?" : undefined });
    expect(made.ticket).toMatchObject({ state, number: expect.any(Number) });
    const [ticket] = await db.select().from(tickets).where(eq(tickets.id, made.ticket.id));
    expect(ticket).toMatchObject({ status: state, number: made.ticket.number, requesterId: made.customer.id, organisationId: made.organisation.id, licenceId: made.licence.id });
    if (state === "new") {
      expect(ticket!.assigneeId).toBeNull();
      expect(made.engineer).toBeUndefined();
    } else {
      expect(ticket!.assigneeId).toBe(made.engineer.id);
    }
    if (state === "pending") {
      const replies = await db.select().from(ticketMessages).where(and(eq(ticketMessages.ticketId, ticket!.id), eq(ticketMessages.fromStaff, true)));
      expect(replies.map((r) => [r.body, r.visibility])).toEqual([["Which PHP version does the site run on?", "public"]]);
    }
  });

  it("a ticket from a given contact, claimed by a given engineer, with access details", async () => {
    const { customer, licence } = await make({ kind: "licence" });
    const engineer = (await make({ kind: "staff", role: "engineer" })).staff;
    const made = await make({
      kind: "ticket",
      state: "open",
      requesterId: customer.id,
      licenceId: licence.id,
      engineerId: engineer.id,
      subject: "Sitemap is empty",
      access: { siteAdminLogin: "support", siteAdminPassword: "kept-secret" },
    });
    expect(made.customer).toBeUndefined();
    expect(made.engineer).toBeUndefined();
    const [ticket] = await db.select().from(tickets).where(eq(tickets.id, made.ticket.id));
    expect(ticket).toMatchObject({ subject: "Sitemap is empty", requesterId: customer.id, assigneeId: engineer.id, licenceId: licence.id, status: "open" });
    expect(ticket!.accessDetailsCiphertext).toBeTruthy();
    expect(ticket!.accessDetailsCiphertext).not.toContain("kept-secret");
  });
});

describe("time contracts", () => {
  it("sets an organisation's contract so it can buy prepaid hours, and refuses an organisation that is not there", async () => {
    const { organisation, customer } = await make({ kind: "organisation" });
    const buyer = { id: customer.id, role: "customer" as const, organisationId: organisation.id, isPrimaryContact: true };
    expect((await getPrepaidPackages(buyer)).packages).toEqual([]);

    const made = await make({ kind: "contract", organisationId: organisation.id });
    expect(made.contract).toEqual({ freeMinutesPerDay: 15, freeDaysPerWeek: null, hourlyRateMinor: 300_000, currency: "RUB" });
    const offer = await getPrepaidPackages(buyer);
    expect(offer).toMatchObject({ hourlyRateMinor: 300_000, currency: "RUB" });
    expect(offer.packages.length).toBeGreaterThan(0);

    const custom = await make({ kind: "contract", organisationId: organisation.id, freeMinutesPerDay: 30, freeDaysPerWeek: 2, hourlyRateMinor: 150_000 });
    expect(custom.contract).toEqual({ freeMinutesPerDay: 30, freeDaysPerWeek: 2, hourlyRateMinor: 150_000, currency: "RUB" });
    const [audit] = await db.select().from(auditLog).where(and(eq(auditLog.entityId, organisation.id), eq(auditLog.action, "contract.updated"))).limit(1);
    expect(audit).toBeTruthy();

    const missing = await send(JSON.stringify({ kind: "contract", organisationId: "00000000-0000-0000-0000-000000000000" }));
    expect(missing.status).toBe(400);
    expect(await missing.json()).toEqual({ error: "unknown_reference", field: "organisationId" });
    const bad = await send(JSON.stringify({ kind: "contract", organisationId: organisation.id, currency: "rubles" }));
    expect(await bad.json()).toMatchObject({ error: "invalid_body" });
  });
});

describe("batches of tickets", () => {
  it("files new tickets for a new organisation or a given contact, and closed ones as the auto-close job leaves them", async () => {
    const fresh = await make({ kind: "tickets", count: 2, organisationName: "Batch Works Ltd", subject: "Batch check" });
    expect(fresh.organisation.name).toBe("Batch Works Ltd");
    expect(fresh.tickets.map((t: { subject: string }) => t.subject)).toEqual(["Batch check 1", "Batch check 2"]);
    const rows = await db.select().from(tickets).where(eq(tickets.organisationId, fresh.organisation.id));
    expect(rows.map((r) => r.status)).toEqual(["new", "new"]);

    const closed = await make({ kind: "tickets", count: 2, state: "closed", requesterId: fresh.customer.id });
    expect(closed.customer).toBeUndefined();
    for (const made of closed.tickets) {
      const [row] = await db.select().from(tickets).where(eq(tickets.id, made.id));
      expect(row).toMatchObject({ status: "closed", requesterId: fresh.customer.id, assigneeId: closed.engineer.id });
    }

    expect((await send(JSON.stringify({ kind: "tickets", count: 601 }))).status).toBe(400);
    expect(await (await send(JSON.stringify({ kind: "tickets", count: 1, requesterId: closed.engineer.id }))).json()).toEqual({ error: "unknown_reference", field: "requesterId" });
  });
});

describe("knowledge-base articles and tags", () => {
  it("a published article, its translation, one for a product's holders and a staff-only one", async () => {
    const en = (await make({ kind: "article", title: "Clearing the cache after an update", summary: "The module cache.", body: "Open Settings and press Clear cache." })).article;
    expect(en).toMatchObject({ language: "en", visibility: "public", slug: expect.stringMatching(/^clearing-the-cache-after-an-update/) });
    const ru = (await make({ kind: "article", title: "Как очистить кэш", language: "ru", body: "Откройте настройки и нажмите «Очистить кэш».", translationOf: en.id })).article;
    const [enRow] = await db.select().from(kbArticles).where(eq(kbArticles.id, en.id));
    const [ruRow] = await db.select().from(kbArticles).where(eq(kbArticles.id, ru.id));
    expect(enRow).toMatchObject({ status: "published", summary: "The module cache.", translationGroupId: ruRow!.translationGroupId });
    expect((await getArticle({ kind: "anonymous" }, "en", en.slug)).article.title).toBe("Clearing the cache after an update");

    const { product } = await make({ kind: "product" });
    const forHolders = (await make({ kind: "article", visibility: "customers", productIds: [product.id] })).article;
    expect(await db.select().from(kbArticleProducts).where(eq(kbArticleProducts.articleId, forHolders.id))).toHaveLength(1);
    const staffOnly = (await make({ kind: "article", visibility: "staff" })).article;
    await expect(getArticle({ kind: "anonymous" }, "en", staffOnly.slug)).rejects.toMatchObject({ code: "not_found" });

    expect(await (await send(JSON.stringify({ kind: "article", productIds: ["00000000-0000-0000-0000-000000000000"] }))).json()).toEqual({ error: "unknown_reference", field: "productId" });
    expect(await (await send(JSON.stringify({ kind: "article", translationOf: "00000000-0000-0000-0000-000000000000" }))).json()).toEqual({ error: "unknown_reference", field: "translationOf" });
  });

  it("a managed tag on tickets, and a ticket that is not there", async () => {
    const { ticket } = await make({ kind: "ticket" });
    const made = (await make({ kind: "tag", ticketIds: [ticket.id] })).tag;
    expect(made.name).toMatch(/^tag-[0-9a-f]{8}$/);
    const rows = await db.select().from(ticketTags).where(eq(ticketTags.ticketId, ticket.id));
    expect(rows.map((r) => r.tag)).toEqual([made.name]);
    const missing = await send(JSON.stringify({ kind: "tag", ticketIds: ["00000000-0000-0000-0000-000000000000"] }));
    expect(missing.status).toBe(400);
    expect(await missing.json()).toEqual({ error: "unknown_reference", field: "ticketIds" });
  });
});
