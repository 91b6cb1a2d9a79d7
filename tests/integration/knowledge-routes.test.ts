import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { kbArticles, kbDrafts, ticketMessages, tickets } from "#db/schema";
import { saveArticle } from "~/modules/knowledge/articles.server";
import { clearKbApiCache } from "~/modules/knowledge/public-api.server";
import type { ArticleFormInput } from "~/modules/knowledge/schemas";
import { resetApiRateLimit } from "~/modules/licensing/licence-api.server";
import { loader as apiArticles } from "~/routes/api.v1.kb.articles";
import { loader as apiSearch } from "~/routes/api.v1.kb.search";
import { action as editorAction } from "~/routes/desk.kb.$articleId";
import { loader as deskKbLoader } from "~/routes/desk.kb._index";
import { loader as imageLoader } from "~/routes/kb.images.$imageId";
import { loader as deskSearchLoader } from "~/routes/desk.search";
import { action as articleAction, loader as articleLoader } from "~/routes/kb.$lang.$slug";
import { loader as kbLoader } from "~/routes/kb._index";
import { loader as portalSearchLoader } from "~/routes/portal.search";
import { action as filingAction } from "~/routes/portal.tickets.new";
import { action as ticketAction } from "~/routes/desk.tickets.$number";
import { createSession } from "~/modules/accounts/auth.server";
import { db } from "~/utils/db.server";
import { getEnv, overrideEnvForTests } from "~/utils/env.server";
import { createQualityTicket } from "../factories/quality";
import { customerWithLicence, EXE_BYTES, PNG_BYTES, staff } from "../factories/tickets";

/** The knowledge-base and search routes as a browser or a module reaches them. */

async function cookieFor(userId: string) {
  return (await createSession(userId, new Request("http://keydesk.test/"))).split(";")[0]!;
}
const get = (url: string, cookie?: string, ip = "203.0.113.9") =>
  new Request(`http://keydesk.test${url}`, { headers: { ...(cookie ? { Cookie: cookie } : {}), "x-keydesk-client-ip": ip } });
async function outcome(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    (value) => value,
    (thrown: unknown) => thrown,
  );
}
const unwrap = <T,>(result: unknown): { body: T; status: number } =>
  result && typeof result === "object" && "data" in result && "init" in result
    ? { body: (result as { data: T }).data, status: (result as { init: { status?: number } | null }).init?.status ?? 200 }
    : { body: result as T, status: 200 };

const article = (overrides: Partial<ArticleFormInput>): ArticleFormInput => ({
  title: `Article ${randomUUID().slice(0, 6)}`,
  slug: "",
  summary: "",
  bodyMarkdown: "Body text of the article.",
  language: "en",
  categoryId: null,
  visibility: "public",
  status: "published",
  productIds: [],
  translationOf: null,
  sourceTicketId: null,
  ...overrides,
});

beforeEach(async () => {
  overrideEnvForTests({ API_RATE_LIMIT_PER_MINUTE: 60 });
  await resetApiRateLimit();
  clearKbApiCache();
});
afterEach(() => {
  vi.useRealTimers();
});

describe("GET /api/v1/kb/search and /api/v1/kb/articles", () => {
  it("answers public articles only, with a cache header, and 429 after 60 requests a minute from one address", async () => {
    const engineer = await staff();
    const word = `loquat${randomUUID().slice(0, 4)}`;
    const open = await saveArticle(engineer, null, article({ title: `Public ${word}`, summary: `All about ${word}.` }));
    await saveArticle(engineer, null, article({ title: `Staff ${word}`, visibility: "staff" }));
    await saveArticle(engineer, null, article({ title: `Customers ${word}`, visibility: "customers" }));

    const response = (await apiSearch({ request: get(`/api/v1/kb/search?q=${word}&lang=en`), params: {}, context: {} })) as Response;
    expect(response.status).toBe(200);
    expect(response.headers.get("Cache-Control")).toBe("public, max-age=60");
    const body = (await response.json()) as { results: Array<Record<string, string>> };
    expect(body.results).toEqual([{ title: `Public ${word}`, url: `http://keydesk.test/kb/en/${open.slug}`, snippet: expect.stringContaining(word), updatedAt: open.updatedAt.toISOString() }]);
    const list = (await (await apiArticles({ request: get("/api/v1/kb/articles?lang=en"), params: {}, context: {} })).json()) as { articles: Array<{ title: string }> };
    expect(list.articles.map((a) => a.title)).toContain(`Public ${word}`);
    expect(list.articles.map((a) => a.title)).not.toContain(`Staff ${word}`);

    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2030-01-01T10:00:00.000Z"));
    for (let i = 0; i < 60; i++) expect((await apiSearch({ request: get(`/api/v1/kb/search?q=x${i}`, undefined, "198.51.100.7"), params: {}, context: {} })).status).toBe(200);
    const limited = (await apiSearch({ request: get("/api/v1/kb/search?q=y", undefined, "198.51.100.7"), params: {}, context: {} })) as Response;
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect((await apiSearch({ request: get("/api/v1/kb/search?q=y", undefined, "198.51.100.8"), params: {}, context: {} })).status).toBe(200);
  });

  it("serves a cached answer for a minute", async () => {
    const engineer = await staff();
    const word = `medlar${randomUUID().slice(0, 4)}`;
    await saveArticle(engineer, null, article({ title: `First ${word}` }));
    const ask = async () => ((await (await apiSearch({ request: get(`/api/v1/kb/search?q=${word}`), params: {}, context: {} })).json()) as { results: unknown[] }).results.length;
    expect(await ask()).toBe(1);
    await saveArticle(engineer, null, article({ title: `Second ${word}` }));
    expect(await ask()).toBe(1); // cached
    clearKbApiCache(); // what saving through the editor does
    expect(await ask()).toBe(2);
  });
});

describe("help-centre pages", () => {
  it("shows public articles to anyone and answers 404 for a staff-only article", async () => {
    const engineer = await staff();
    const open = await saveArticle(engineer, null, article({ title: `Open page ${randomUUID().slice(0, 4)}`, summary: "A summary for search engines." }));
    const internal = await saveArticle(engineer, null, article({ title: "Internal page", visibility: "staff" }));
    const list = await kbLoader({ request: get("/kb?lang=en"), params: {}, context: {} });
    expect(list.articles.map((a) => a.slug)).toContain(open.slug);
    expect(list.articles.map((a) => a.slug)).not.toContain(internal.slug);
    const page = await articleLoader({ request: get(`/kb/en/${open.slug}`), params: { lang: "en", slug: open.slug }, context: {} });
    expect(page.canonical).toBe(`http://keydesk.test/kb/en/${open.slug}`);
    expect(page.article.summary).toBe("A summary for search engines.");
    const hidden = await outcome(articleLoader({ request: get(`/kb/en/${internal.slug}`), params: { lang: "en", slug: internal.slug }, context: {} }));
    expect((hidden as Response).status).toBe(404);
    const badLanguage = await outcome(articleLoader({ request: get(`/kb/de/${open.slug}`), params: { lang: "de", slug: open.slug }, context: {} }));
    expect((badLanguage as Response).status).toBe(404);
    // Feedback from anyone, counted on the article.
    const form = new FormData();
    form.set("helpful", "yes");
    const answered = unwrap<{ ok: boolean }>(await articleAction({ request: new Request(`http://keydesk.test/kb/en/${open.slug}`, { method: "POST", body: form, headers: { "x-keydesk-client-ip": "203.0.113.50" } }), params: { lang: "en", slug: open.slug }, context: {} }));
    expect(answered.body.ok).toBe(true);
    const bad = new FormData();
    bad.set("helpful", "maybe");
    expect(unwrap(await articleAction({ request: new Request(`http://keydesk.test/kb/en/${open.slug}`, { method: "POST", body: bad }), params: { lang: "en", slug: open.slug }, context: {} })).status).toBe(400);
  });

  it("keeps the desk's article list from customers (404)", async () => {
    const { customer } = await customerWithLicence();
    const result = await outcome(deskKbLoader({ request: get("/desk/kb", await cookieFor(customer.id)), params: {}, context: {} }));
    expect((result as Response).status).toBe(404);
  });
});

describe("search routes", () => {
  it("jumps to a ticket number on the desk; in the portal only within the customer's own organisation", async () => {
    const engineer = await staff();
    const a = await customerWithLicence();
    const b = await customerWithLicence();
    const ticketB = await createQualityTicket({ organisationId: b.organisation.id, requesterId: b.customer.id });
    const jump = (await outcome(deskSearchLoader({ request: get(`/desk/search?q=%23${ticketB.number}`, await cookieFor(engineer.id)), params: {}, context: {} }))) as Response;
    expect(jump.status).toBe(302);
    expect(jump.headers.get("Location")).toBe(`/desk/tickets/${ticketB.number}`);
    const cookieA = await cookieFor(a.customer.id);
    const portal = await portalSearchLoader({ request: get(`/portal/search?q=%23${ticketB.number}`, cookieA), params: {}, context: {} });
    expect(portal.tickets).toEqual([]);
    const own = (await outcome(portalSearchLoader({ request: get(`/portal/search?q=%23${ticketB.number}`, await cookieFor(b.customer.id)), params: {}, context: {} }))) as Response;
    expect(own.headers.get("Location")).toBe(`/portal/tickets/${ticketB.number}`);
    // The desk search page is not for customers.
    expect(((await outcome(deskSearchLoader({ request: get("/desk/search?q=x", cookieA), params: {}, context: {} }))) as Response).status).toBe(404);
  });

  it("the 'check these articles first' step suggests without filing; filing then remembers the draft", async () => {
    const engineer = await staff();
    const word = `salak${randomUUID().slice(0, 4)}`;
    await saveArticle(engineer, null, article({ title: `The ${word} error explained` }));
    const { customer, licence } = await customerWithLicence({ now: new Date() });
    const cookie = await cookieFor(customer.id);
    const draftId = randomUUID();
    const url = `http://keydesk.test/portal/tickets/new?licence=${licence.id}&type=question`;
    const form = () => {
      const f = new FormData();
      f.set("draftId", draftId);
      f.set("licenceId", licence.id);
      f.set("type", "question");
      f.set("subject", `Shop shows the ${word} error`);
      f.set("description", "Since Monday.");
      return f;
    };
    const suggestForm = form();
    suggestForm.set("intent", "suggest");
    const suggested = unwrap<{ suggestions: Array<{ title: string; href: string }>; values: Record<string, string> }>(
      await filingAction({ request: new Request(url, { method: "POST", body: suggestForm, headers: { Cookie: cookie } }), params: {}, context: {} }),
    );
    expect(suggested.status).toBe(200);
    expect(suggested.body.suggestions[0]).toMatchObject({ title: `The ${word} error explained`, href: expect.stringContaining(`?draft=${draftId}`) });
    expect(suggested.body.values.subject).toBe(`Shop shows the ${word} error`);
    expect(await db.select().from(tickets).where(eq(tickets.subject, `Shop shows the ${word} error`))).toHaveLength(0);

    const filed = (await outcome(filingAction({ request: new Request(url, { method: "POST", body: form(), headers: { Cookie: cookie } }), params: {}, context: {} }))) as Response;
    expect(filed.status).toBe(302);
    const [draft] = await db.select().from(kbDrafts).where(eq(kbDrafts.id, draftId));
    const [ticket] = await db.select().from(tickets).where(eq(tickets.subject, `Shop shows the ${word} error`));
    expect(draft!.ticketId).toBe(ticket!.id);
  });
});

describe("article images", () => {
  it("adds uploaded images to the text and serves them; refuses anything that is not an image", async () => {
    const engineer = await staff();
    const cookie = await cookieFor(engineer.id);
    const title = `With a screenshot ${randomUUID().slice(0, 4)}`;
    const form = (file: { bytes: Uint8Array; name: string }) => {
      const f = new FormData();
      for (const [k, v] of Object.entries({ title, slug: "", summary: "", bodyMarkdown: "Open the settings page.", language: "en", categoryId: "", visibility: "public", status: "published", translationOf: "", sourceTicketId: "" })) f.set(k, v);
      f.append("images", new Blob([new Uint8Array(file.bytes)]), file.name);
      return f;
    };
    const refused = unwrap<{ fieldErrors: Record<string, string[]> }>(
      await editorAction({ request: new Request("http://keydesk.test/desk/kb/new", { method: "POST", body: form({ bytes: EXE_BYTES, name: "tool.png" }), headers: { Cookie: cookie } }), params: { articleId: "new" }, context: {} }),
    );
    expect(refused.status).toBe(400);
    expect(refused.body.fieldErrors.images).toEqual(["kb.error.image"]);

    const saved = (await outcome(editorAction({ request: new Request("http://keydesk.test/desk/kb/new", { method: "POST", body: form({ bytes: PNG_BYTES, name: "settings.png" }), headers: { Cookie: cookie } }), params: { articleId: "new" }, context: {} }))) as Response;
    expect(saved.status).toBe(302);
    const [row] = await db.select().from(kbArticles).where(eq(kbArticles.title, title));
    const imageId = /\(\/kb\/images\/([0-9a-f-]{36})\)/.exec(row!.bodyMarkdown)?.[1];
    expect(imageId).toBeDefined();
    expect(row!.bodyHtml).toContain(`<img src="/kb/images/${imageId}" alt="settings.png" />`);
    const image = (await imageLoader({ request: get(`/kb/images/${imageId}`), params: { imageId: imageId! }, context: {} })) as Response;
    expect(image.status).toBe(200);
    expect(image.headers.get("Content-Type")).toBe("image/png");
    expect(((await outcome(imageLoader({ request: get("/kb/images/nope"), params: { imageId: "nope" }, context: {} }))) as Response).status).toBe(404);

    // Once the article is staff-only, its image is too: a leaked address shows nothing to others.
    await db.update(kbArticles).set({ visibility: "staff" }).where(eq(kbArticles.id, row!.id));
    expect(((await outcome(imageLoader({ request: get(`/kb/images/${imageId}`), params: { imageId: imageId! }, context: {} }))) as Response).status).toBe(404);
    const customer = (await customerWithLicence({ now: new Date() })).customer;
    const asCustomer = new Request(`http://keydesk.test/kb/images/${imageId}`, { headers: { Cookie: await cookieFor(customer.id) } });
    expect(((await outcome(imageLoader({ request: asCustomer, params: { imageId: imageId! }, context: {} }))) as Response).status).toBe(404);
    const asStaff = new Request(`http://keydesk.test/kb/images/${imageId}`, { headers: { Cookie: cookie } });
    expect(((await imageLoader({ request: asStaff, params: { imageId: imageId! }, context: {} })) as Response).status).toBe(200);
  });
});

describe("linking an article into a reply without JavaScript", () => {
  it("finds articles and appends a link to the draft, keeping what was typed and sending nothing", async () => {
    const engineer = await staff();
    const word = `longan${randomUUID().slice(0, 4)}`;
    const guide = await saveArticle(engineer, null, article({ title: `Moving ${word} to a new host` }));
    const secret = await saveArticle(engineer, null, article({ title: `Internal ${word} notes`, visibility: "staff" }));
    const { customer, licence, organisation } = await customerWithLicence();
    const ticket = await createQualityTicket({ organisationId: organisation.id, requesterId: customer.id, licence });
    const cookie = await cookieFor(engineer.id);
    const send = async (fields: Record<string, string>) => {
      const form = new FormData();
      for (const [key, value] of Object.entries({ intent: "reply", body: "Hello,\r\nplease read this:", visibility: "internal", status: "pending", kbq: word, ...fields })) form.set(key, value);
      const request = new Request(`http://keydesk.test/desk/tickets/${ticket.number}`, { method: "POST", body: form, headers: { Cookie: cookie } });
      return unwrap<{ intent: string; values: Record<string, string>; kbFound?: Array<{ id: string; title: string }>; kbLinked?: string; kbCannotLink?: boolean }>(
        await ticketAction({ request, params: { number: String(ticket.number) }, context: {} }),
      );
    };

    const found = await send({ kbAction: "find" });
    expect(found.status).toBe(200);
    expect(found.body.kbFound!.map((a) => a.id)).toEqual([guide.id]); // the staff-only article is not offered
    expect(found.body.values).toMatchObject({ body: "Hello,\r\nplease read this:", visibility: "internal", status: "pending", kbq: word });

    const inserted = await send({ insertArticle: guide.id });
    expect(inserted.status).toBe(200);
    expect(inserted.body.values).toMatchObject({ visibility: "internal", status: "pending", kbq: word });
    expect(inserted.body.values.body).toBe(`Hello,\r\nplease read this:\n\n[Moving ${word} to a new host](${getEnv().APP_URL}/kb/en/${guide.slug})`);
    expect(inserted.body.kbLinked).toBe(guide.title);
    expect(inserted.body.kbFound!.map((a) => a.id)).toEqual([guide.id]);

    for (const id of [secret.id, "not-an-id"]) {
      const refused = await send({ insertArticle: id });
      expect([refused.status, refused.body.kbCannotLink, refused.body.values.body]).toEqual([400, true, "Hello,\r\nplease read this:"]);
    }
    expect(await db.select().from(ticketMessages).where(eq(ticketMessages.ticketId, ticket.id))).toHaveLength(0);
  });
});
