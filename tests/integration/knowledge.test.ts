import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { kbArticles, kbCategories, organisations, ticketMessages } from "#db/schema";
import {
  articleDraftFromTicket,
  getArticle,
  kbViewer,
  recordFeedback,
  saveArticle,
  searchArticles,
} from "~/modules/knowledge/articles.server";
import { linkDraftToTicket, markDraftSolved, suggestArticlesForDraft, suggestionsForTicket } from "~/modules/knowledge/deflection.server";
import { seedKbDemo } from "~/modules/knowledge/demo.server";
import { DEMO_ARTICLES } from "~/modules/knowledge/demo-articles";
import { clearKbApiCache, kbApiArticles, kbApiSearch } from "~/modules/knowledge/public-api.server";
import type { ArticleFormInput } from "~/modules/knowledge/schemas";
import { deskSearch, portalSearch, RECENT_DAYS, searchTickets } from "~/modules/knowledge/search.server";
import { plainSnippet } from "~/modules/knowledge/search-query";
import { db } from "~/utils/db.server";
import { AppError } from "~/utils/errors.server";
import { createOrganisation, createUser } from "../factories/accounts";
import { addMessage, createQualityTicket } from "../factories/quality";
import { createTestLicence, createTestProduct, customerWithLicence, fileTestTicket, someAccess, staff } from "../factories/tickets";

const article = (overrides: Partial<ArticleFormInput> = {}): ArticleFormInput => ({
  title: `Article ${randomUUID().slice(0, 6)}`,
  slug: "",
  summary: "",
  bodyMarkdown: "Some body text long enough.",
  language: "en",
  categoryId: null,
  visibility: "public",
  status: "published",
  productIds: [],
  translationOf: null,
  sourceTicketId: null,
  ...overrides,
});

const titles = (hits: Array<{ title: string }>) => hits.map((h) => h.title);

let engineer: Awaited<ReturnType<typeof staff>>;
beforeAll(async () => {
  engineer = await staff("engineer");
});

describe("article search: morphology, stop words, phrases and ranking", () => {
  it("finds Russian articles by other forms of the words (кэша модулей → очистить кэш модуля)", async () => {
    const saved = await saveArticle(engineer, null, article({ language: "ru", title: "Очистить кэш модуля после обновления", bodyMarkdown: "Откройте настройки и нажмите «Очистить»." }));
    const hits = await searchArticles({ kind: "anonymous" }, { q: "кэша модулей" });
    expect(hits.map((h) => h.id)).toContain(saved.id);
    const hit = hits.find((h) => h.id === saved.id)!;
    expect(hit.slug).toBe("ochistit-kesh-modulia-posle-obnovleniia");
  });

  it("finds English articles by inflections and ignores stop words", async () => {
    const saved = await saveArticle(engineer, null, article({ title: "Clearing the caches after updates", bodyMarkdown: "Press the button to clear every cache." }));
    for (const q of ["cleared cache", "the update", "clear caches"]) {
      expect((await searchArticles({ kind: "anonymous" }, { q })).map((h) => h.id), q).toContain(saved.id);
    }
    // Only stop words: an empty query matches nothing, and nothing fails.
    expect(await searchArticles({ kind: "anonymous" }, { q: "the and of" })).toEqual([]);
  });

  it("matches a quoted phrase only when the words stand together", async () => {
    const together = await saveArticle(engineer, null, article({ title: "Sitemap rebuild", bodyMarkdown: "The nightly agent runs a sitemap rebuild for the shop." }));
    const apart = await saveArticle(engineer, null, article({ title: "Rebuild of indexes", bodyMarkdown: "A rebuild can take a while; the sitemap is separate." }));
    const phrase = (await searchArticles({ kind: "anonymous" }, { q: '"sitemap rebuild"' })).map((h) => h.id);
    expect(phrase).toContain(together.id);
    expect(phrase).not.toContain(apart.id);
    const words = (await searchArticles({ kind: "anonymous" }, { q: "sitemap rebuild" })).map((h) => h.id);
    expect(words).toEqual(expect.arrayContaining([together.id, apart.id]));
  });

  it("ranks a title match above a body match, and breaks ties by helpfulness", async () => {
    const word = `zanzibar${randomUUID().slice(0, 4)}`;
    const body = await saveArticle(engineer, null, article({ title: "Unrelated heading", bodyMarkdown: `Somewhere deep in the text we mention ${word} once.` }));
    const title = await saveArticle(engineer, null, article({ title: `All about ${word}`, bodyMarkdown: "Nothing else here to read." }));
    expect((await searchArticles({ kind: "anonymous" }, { q: word })).map((h) => h.id)).toEqual([title.id, body.id]);

    const tieWord = `quokka${randomUUID().slice(0, 4)}`;
    const first = await saveArticle(engineer, null, article({ title: `${tieWord} guide A`, bodyMarkdown: "Same text for both." }));
    const second = await saveArticle(engineer, null, article({ title: `${tieWord} guide B`, bodyMarkdown: "Same text for both." }));
    await recordFeedback({ kind: "anonymous" }, second.id, { helpful: true, comment: "" }, "192.0.2.10");
    await recordFeedback({ kind: "anonymous" }, first.id, { helpful: false, comment: "did not help" }, "192.0.2.10");
    expect((await searchArticles({ kind: "anonymous" }, { q: tieWord })).map((h) => h.id)).toEqual([second.id, first.id]);
  });

  it("highlights the matched words in the snippet", async () => {
    await saveArticle(engineer, null, article({ title: "Webhook retries", bodyMarkdown: "Failed webhooks are retried with exponential backoff for a day." }));
    const [hit] = await searchArticles({ kind: "anonymous" }, { q: "backoff" });
    expect(hit!.snippet).toMatch(/\u2983backoff\u2984/);
    expect(plainSnippet(hit!.snippet)).toContain("exponential backoff");
  });
});

describe("article visibility per role", () => {
  it("never shows a staff-only article or a draft to the public, to customers or through the API", async () => {
    const word = `kiwano${randomUUID().slice(0, 4)}`;
    const internal = await saveArticle(engineer, null, article({ title: `Internal ${word}`, visibility: "staff" }));
    const draft = await saveArticle(engineer, null, article({ title: `Draft ${word}`, status: "draft" }));
    const open = await saveArticle(engineer, null, article({ title: `Public ${word}` }));
    const { customer } = await customerWithLicence();
    clearKbApiCache();
    for (const viewer of [{ kind: "anonymous" as const }, kbViewer(customer)]) {
      const ids = (await searchArticles(viewer, { q: word })).map((h) => h.id);
      expect(ids).toEqual([open.id]);
      await expect(getArticle(viewer, "en", internal.slug)).rejects.toMatchObject({ code: "not_found" });
      await expect(getArticle(viewer, "en", draft.slug)).rejects.toMatchObject({ code: "not_found" });
    }
    const api = await kbApiSearch({ q: word });
    expect(api.results.map((r) => r.title)).toEqual([`Public ${word}`]);
    expect(api.results[0]!.url).toBe(`http://keydesk.test/kb/en/${open.slug}`);
    expect((await kbApiArticles({ lang: "en" })).articles.map((a) => a.title)).not.toContain(`Internal ${word}`);
    // Staff read all three (the draft on its page).
    expect((await searchArticles(kbViewer(engineer), { q: word })).map((h) => h.id).sort()).toEqual([internal.id, open.id].sort());
    expect((await getArticle(kbViewer(engineer), "en", draft.slug)).article.id).toBe(draft.id);
  });

  it("shows a customers-only article to holders of the product's licence and to no one else", async () => {
    const product = await createTestProduct();
    const word = `feijoa${randomUUID().slice(0, 4)}`;
    const forHolders = await saveArticle(engineer, null, article({ title: `Holders ${word}`, visibility: "customers", productIds: [product.id] }));
    const holder = await customerWithLicence({ product });
    const other = await customerWithLicence();
    expect(titles(await searchArticles(kbViewer(holder.customer), { q: word }))).toEqual([forHolders.title]);
    expect(await searchArticles(kbViewer(other.customer), { q: word })).toEqual([]);
    expect(await searchArticles({ kind: "anonymous" }, { q: word })).toEqual([]);
    expect((await kbApiSearch({ q: word })).results).toEqual([]);
  });

  it("links the English and Russian versions and keeps a version per save", async () => {
    const en = await saveArticle(engineer, null, article({ title: "Renewing support" }));
    const ru = await saveArticle(engineer, null, article({ title: "Продление поддержки", language: "ru", translationOf: en.id }));
    const page = await getArticle({ kind: "anonymous" }, "en", en.slug);
    expect(page.translation).toMatchObject({ language: "ru", slug: ru.slug });
    const edited = await saveArticle(engineer, en.id, article({ title: "Renewing support for a year" }));
    expect(edited.version).toBe(2);
    expect(edited.slug).toBe(en.slug); // the address stays
    await expect(saveArticle(engineer, null, article({ title: "Another English", translationOf: en.id }))).rejects.toBeInstanceOf(AppError);
    const customer = await createUser("customer");
    await expect(saveArticle(customer, null, article())).rejects.toMatchObject({ code: "forbidden" });
  });

  it("renders Markdown to sanitised HTML", async () => {
    const saved = await saveArticle(engineer, null, article({ bodyMarkdown: "**Bold** <script>alert(1)</script> [x](javascript:alert(1))" }));
    expect(saved.bodyHtml).toContain("<strong>Bold</strong>");
    expect(saved.bodyHtml).not.toContain("<script");
    expect(saved.bodyHtml).not.toContain('href="javascript');
  });
});

describe("deflection", () => {
  it("suggests matching articles for a draft and counts 'this solved it' once per draft", async () => {
    const word = `tamarillo${randomUUID().slice(0, 4)}`;
    const help = await saveArticle(engineer, null, article({ title: `Fixing the ${word} error`, bodyMarkdown: `When the ${word} error appears, clear the cache.` }));
    const { customer, licence } = await customerWithLicence();
    const draftId = randomUUID();
    const suggestions = await suggestArticlesForDraft(customer, draftId, `My shop shows a ${word} error since Monday`);
    expect(suggestions[0]!.id).toBe(help.id); // the article with the rare word first, then any sharing "error"…
    expect(suggestions.length).toBeLessThanOrEqual(5);
    expect(await markDraftSolved(customer, draftId, help.id)).toEqual({ counted: true });
    expect(await markDraftSolved(customer, draftId, help.id)).toEqual({ counted: false });
    const [row] = await db.select({ deflections: kbArticles.deflections }).from(kbArticles).where(eq(kbArticles.id, help.id));
    expect(row!.deflections).toBe(1);
    // Someone else's draft id is not theirs to count.
    const stranger = (await customerWithLicence()).customer;
    await expect(markDraftSolved(stranger, draftId, help.id)).rejects.toMatchObject({ code: "not_found" });

    // A second draft that became a ticket: staff see what was suggested; it can no longer count.
    const second = randomUUID();
    await suggestArticlesForDraft(customer, second, `${word} again`);
    const filed = await fileTestTicket(customer, licence, { input: { subject: `${word} again` } });
    await linkDraftToTicket(customer, second, filed.id);
    expect(await markDraftSolved(customer, second, help.id)).toEqual({ counted: false });
    expect((await suggestionsForTicket(engineer, filed.number)).map((s) => s.id)).toEqual([help.id]);
  });

  it("prefills an article from a solved ticket without its access details or internal notes", async () => {
    const { customer, licence } = await customerWithLicence();
    const filed = await fileTestTicket(customer, licence, { access: someAccess(), input: { subject: "Checkout error 500" } });
    const [ticket] = await db.query.tickets.findMany({ where: (t, { eq: e }) => e(t.id, filed.id) });
    await addMessage(ticket!, engineer.id, "Cleared the cache and it works.");
    await addMessage(ticket!, engineer.id, "SSH password is in the vault, do not share", { internal: true });
    const draft = await articleDraftFromTicket(engineer, filed.number);
    expect(draft.title).toBe("Checkout error 500");
    expect(draft.bodyMarkdown).toContain("Cleared the cache and it works.");
    for (const secret of ["Tr0ub4dor", "correct-horse", "203.0.113.7", "do not share"]) expect(draft.bodyMarkdown).not.toContain(secret);
  });
});

describe("desk and portal search", () => {
  it("finds a ticket by a word from its third message, with Russian morphology and a highlight", async () => {
    const { customer, licence, organisation } = await customerWithLicence();
    const ticket = await createQualityTicket({ organisationId: organisation.id, requesterId: customer.id, licence, subject: "Сайт работает медленно" });
    await addMessage(ticket, customer.id, "Каталог открывается по десять секунд.", { fromStaff: false });
    await addMessage(ticket, engineer.id, "Пришлите, пожалуйста, журнал ошибок.");
    await addMessage(ticket, customer.id, "Помогло, когда мы решили очистить кэш модуля вручную.", { fromStaff: false });
    const result = await deskSearch(engineer, { q: "кэша модулей" });
    expect(result.kind).toBe("results");
    if (result.kind !== "results") return;
    const hit = result.tickets.find((t) => t.number === ticket.number);
    expect(hit).toBeDefined();
    expect(hit!.snippet).toContain("\u2983кэш\u2984");
    // Filters narrow it down.
    const solved = await deskSearch(engineer, { q: "кэша модулей", status: "open" });
    expect(solved.kind === "results" && solved.tickets.some((t) => t.number === ticket.number)).toBe(false);
  });

  it("ranks the newest matches first, everything when they are too few or when asked ('all dates')", async () => {
    const word = `rambutan${randomUUID().slice(0, 4)}`;
    const { customer, licence, organisation } = await customerWithLicence();
    const ticket = () => createQualityTicket({ organisationId: organisation.id, requesterId: customer.id, licence, subject: "Shop question" });
    const [recent1, recent2, old] = [await ticket(), await ticket(), await ticket()];
    await addMessage(recent1, customer.id, `The ${word} page is slow.`, { fromStaff: false });
    await addMessage(recent2, customer.id, `Another ${word} question.`, { fromStaff: false });
    const oldMessage = await addMessage(old, customer.id, `${word} ${word} ${word}: the best match, but from two months ago.`, { fromStaff: false });
    await db.update(ticketMessages).set({ createdAt: new Date(Date.now() - 60 * 86_400_000) }).where(eq(ticketMessages.id, oldMessage.id));
    const numbers = (r: { hits: Array<{ number: number }> }) => r.hits.map((h) => h.number);

    const newest = await searchTickets({ kind: "staff" }, { q: word }, 2);
    expect(numbers(newest).sort()).toEqual([recent1.number, recent2.number].sort());
    expect(newest.recentSince!.getTime()).toBeLessThan(Date.now() - (RECENT_DAYS - 1) * 86_400_000);
    const everything = await searchTickets({ kind: "staff" }, { q: word, all: "1" }, 2);
    expect([numbers(everything)[0], everything.recentSince]).toEqual([old.number, null]);
    // Fewer newest matches than a page: every match is ranked.
    const page = await searchTickets({ kind: "staff" }, { q: word }, 5);
    expect([numbers(page)[0], numbers(page).length, page.recentSince]).toEqual([old.number, 3, null]);
  });

  it("jumps to a ticket by number, and finds organisations, contacts and licences", async () => {
    const org = await createOrganisation(`Lavanda ${randomUUID().slice(0, 4)} LLC`);
    await db.update(organisations).set({ taxId: "7712345678" }).where(eq(organisations.id, org.id));
    const contact = await createUser("customer", { organisationId: org.id, email: `olga-${randomUUID().slice(0, 4)}@lavanda.test`, phone: "+74957654321" });
    const licence = await createTestLicence(org.id);
    const ticket = await createQualityTicket({ organisationId: org.id, requesterId: contact.id });
    expect(await deskSearch(engineer, { q: `#${ticket.number}` })).toEqual({ kind: "jump", to: `/desk/tickets/${ticket.number}` });
    expect(await deskSearch(engineer, { q: String(ticket.number) })).toEqual({ kind: "jump", to: `/desk/tickets/${ticket.number}` });
    const byName = await deskSearch(engineer, { q: "lavanda" });
    expect(byName.kind === "results" && byName.organisations.map((o) => o.id)).toContain(org.id);
    const byTypo = await deskSearch(engineer, { q: org.name.replace("Lavanda", "Lavenda") });
    expect(byTypo.kind === "results" && byTypo.organisations.map((o) => o.id)).toContain(org.id);
    const byTaxId = await deskSearch(engineer, { q: "7712345678" });
    expect(byTaxId.kind === "results" && byTaxId.organisations.map((o) => o.id)).toContain(org.id);
    const byEmail = await deskSearch(engineer, { q: contact.email.toUpperCase() });
    expect(byEmail.kind === "results" && byEmail.contacts.map((c) => c.id)).toContain(contact.id);
    const byPhone = await deskSearch(engineer, { q: "8 (495) 765-43-21" });
    expect(byPhone.kind === "results" && byPhone.contacts.map((c) => c.id)).toContain(contact.id);
    // A fragment is searched as a key only when it has a digit and a letter (classifyDeskQuery): take
    // the first ten characters after the prefix that have both, not a slice that may be all letters.
    const fragment = [...Array(licence.keyCanonical.length - 13).keys()]
      .map((start) => licence.keyCanonical.slice(start + 4, start + 14))
      .find((piece) => /\d/.test(piece) && /[A-Z]/.test(piece));
    expect(fragment).toBeDefined();
    const byKey = await deskSearch(engineer, { q: fragment! });
    expect(byKey.kind === "results" && byKey.licences.map((l) => l.id)).toContain(licence.id);
    expect(await deskSearch(engineer, { q: licence.keyCanonical })).toEqual({ kind: "jump", to: `/desk/licences/${licence.id}` });
    const customer = await createUser("customer");
    await expect(deskSearch(customer, { q: "lavanda" })).rejects.toMatchObject({ code: "forbidden" });
  });

  it("access matrix: customer A never sees B's tickets, nor anyone's internal notes; staff see notes", async () => {
    const word = `pitahaya${randomUUID().slice(0, 4)}`;
    const note = `durian${randomUUID().slice(0, 4)}`;
    const a = await customerWithLicence();
    const b = await customerWithLicence();
    const colleagueOfA = await createUser("customer", { organisationId: a.organisation.id });
    const ticketA = await createQualityTicket({ organisationId: a.organisation.id, requesterId: a.customer.id, licence: a.licence, subject: `Problem ${word}` });
    const ticketB = await createQualityTicket({ organisationId: b.organisation.id, requesterId: b.customer.id, licence: b.licence, subject: `Problem ${word}` });
    await addMessage(ticketA, engineer.id, `Internal: ${note} suspected`, { internal: true });
    await addMessage(ticketB, b.customer.id, `Also ${note} in a public message of B`, { fromStaff: false });

    const numbers = async (actor: typeof a.customer, q: string) => (await portalSearch(actor, { q })).tickets.map((t) => t.number);
    expect(await numbers(a.customer, word)).toEqual([ticketA.number]);
    expect(await numbers(colleagueOfA, word)).toEqual([ticketA.number]);
    expect(await numbers(b.customer, word)).toEqual([ticketB.number]);
    expect(await numbers(a.customer, note)).toEqual([]); // the note is internal; B's message is B's
    expect(await numbers(b.customer, note)).toEqual([ticketB.number]);
    // A number of another organisation's ticket does not jump, and an organisation filter cannot widen the scope.
    expect((await portalSearch(a.customer, { q: `#${ticketB.number}` })).jump).toBeNull();
    expect(await numbers(a.customer, word)).not.toContain(ticketB.number);
    expect((await portalSearch(a.customer, { q: word, organisationId: b.organisation.id })).tickets.map((t) => t.number)).toEqual([ticketA.number]);
    const staffView = await deskSearch(engineer, { q: note });
    expect(staffView.kind === "results" && staffView.tickets.map((t) => t.number).sort()).toEqual([ticketA.number, ticketB.number].sort());
    await expect(portalSearch(engineer, { q: word })).rejects.toMatchObject({ code: "forbidden" });
  });
});

describe("demo knowledge base", () => {
  it("seeds the demo articles in both languages, linked, once", async () => {
    await seedKbDemo();
    await seedKbDemo();
    const rows = await db.select({ language: kbArticles.language, group: kbArticles.translationGroupId }).from(kbArticles).where(eq(kbArticles.status, "published"));
    const categories = await db.select().from(kbCategories);
    expect(categories.length).toBe(5);
    const demoGroups = new Set(rows.map((r) => r.group));
    expect(rows.length).toBeGreaterThanOrEqual(DEMO_ARTICLES.length * 2);
    expect(demoGroups.size).toBeLessThan(rows.length);
    const hits = await searchArticles({ kind: "anonymous" }, { q: "кэша модулей", language: "ru" });
    expect(titles(hits)).toContain("Как очистить кэш после обновления");
  });
});
