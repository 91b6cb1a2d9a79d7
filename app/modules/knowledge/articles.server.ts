import { and, asc, desc, eq, exists, inArray, ne, notExists, or, sql, type SQL } from "drizzle-orm";
import {
  kbArticleProducts,
  kbArticles,
  kbArticleVersions,
  kbCategories,
  kbFeedback,
  licences,
  products,
  ticketMessages,
  tickets,
  users,
  type KbArticle,
} from "#db/schema";
import { recordAudit } from "~/utils/audit.server";
import { db, type Executor } from "~/utils/db.server";
import { AppError } from "~/utils/errors.server";
import { can, isStaff, type Actor } from "../accounts/permissions";
import { takeQuota } from "../security/throttle.server";
import { markdownToText, renderArticleMarkdown } from "./markdown.server";
import type { ArticleFormInput, KbLanguage } from "./schemas";
import { HIGHLIGHT_END, HIGHLIGHT_START } from "./search-query";
import { slugify, uniqueSlug } from "./slug";

/**
 * Knowledge-base articles: who may read which (public to everyone, `customers` to the licence
 * holders of the article's products, `staff` to staff; drafts to staff only), search with
 * PostgreSQL full text (Russian and English stemming, helpfulness breaking ties), the editor
 * with a version history, and "was this helpful" feedback.
 */

export type KbViewer = { kind: "anonymous" } | { kind: "customer"; userId: string; organisationId: string } | { kind: "staff"; userId: string };

export function kbViewer(user: (Pick<Actor, "id" | "role" | "organisationId">) | null): KbViewer {
  if (!user) return { kind: "anonymous" };
  if (isStaff(user.role)) return { kind: "staff", userId: user.id };
  if (user.organisationId) return { kind: "customer", userId: user.id, organisationId: user.organisationId };
  return { kind: "anonymous" };
}

/** The rows a viewer may read. Staff see drafts only where `includeDrafts` (their own desk pages). */
export function visibleTo(viewer: KbViewer, options: { includeDrafts?: boolean } = {}): SQL {
  if (viewer.kind === "staff") return options.includeDrafts ? sql`true` : eq(kbArticles.status, "published");
  const published = eq(kbArticles.status, "published");
  if (viewer.kind === "anonymous") return and(published, eq(kbArticles.visibility, "public"))!;
  const forProduct = db
    .select({ one: sql`1` })
    .from(kbArticleProducts)
    .innerJoin(licences, eq(licences.productId, kbArticleProducts.productId))
    .where(and(eq(kbArticleProducts.articleId, kbArticles.id), eq(licences.organisationId, viewer.organisationId)));
  const anyProduct = db.select({ one: sql`1` }).from(kbArticleProducts).where(eq(kbArticleProducts.articleId, kbArticles.id));
  return and(
    published,
    or(eq(kbArticles.visibility, "public"), and(eq(kbArticles.visibility, "customers"), or(notExists(anyProduct), exists(forProduct)))),
  )!;
}

/** A web-search style query (`"quoted phrase"`, `-not`, `or`), parsed with the Russian configuration (it stems Latin words as English). */
export const webQuery = (q: string) => sql`websearch_to_tsquery('russian', ${q})`;
/** Any of the words (for suggestions from a free-text draft): the more words match, the higher the rank. */
export const anyWordQuery = (text: string) => sql`replace(plainto_tsquery('russian', ${text})::text, '&', '|')::tsquery`;
export const HEADLINE_OPTIONS = `StartSel=${HIGHLIGHT_START}, StopSel=${HIGHLIGHT_END}, MaxWords=35, MinWords=15, MaxFragments=2, FragmentDelimiter=" … "`;

export type ArticleHit = {
  id: string;
  language: KbLanguage;
  slug: string;
  title: string;
  summary: string;
  snippet: string;
  updatedAt: Date;
  visibility: KbArticle["visibility"];
  status: KbArticle["status"];
  helpfulYes: number;
  helpfulNo: number;
  deflections: number;
};

export type ArticleSearch = { q?: string; language?: KbLanguage; productSlug?: string; categorySlug?: string; anyWord?: boolean; includeDrafts?: boolean; limit?: number };

/** Published articles the viewer may read, best match first (ties: most helpful), or latest first without a query. */
export async function searchArticles(viewer: KbViewer, search: ArticleSearch, executor: Executor = db): Promise<ArticleHit[]> {
  const text = (search.q ?? "").trim().slice(0, 500);
  const query = text ? (search.anyWord ? anyWordQuery(text) : webQuery(text)) : null;
  const conditions: SQL[] = [visibleTo(viewer, { includeDrafts: search.includeDrafts })];
  if (query) conditions.push(sql`${kbArticles.searchVector} @@ ${query}`);
  if (search.language) conditions.push(eq(kbArticles.language, search.language));
  if (search.categorySlug) {
    conditions.push(exists(executor.select({ one: sql`1` }).from(kbCategories).where(and(eq(kbCategories.id, kbArticles.categoryId), eq(kbCategories.slug, search.categorySlug)))));
  }
  if (search.productSlug) {
    const linked = executor
      .select({ one: sql`1` })
      .from(kbArticleProducts)
      .innerJoin(products, eq(products.id, kbArticleProducts.productId))
      .where(and(eq(kbArticleProducts.articleId, kbArticles.id), eq(products.slug, search.productSlug)));
    const anyProduct = executor.select({ one: sql`1` }).from(kbArticleProducts).where(eq(kbArticleProducts.articleId, kbArticles.id));
    conditions.push(or(exists(linked), notExists(anyProduct))!);
  }
  const helpfulness = sql`(${kbArticles.helpfulYes} - ${kbArticles.helpfulNo})`;
  const rows = await executor
    .select({
      id: kbArticles.id,
      language: kbArticles.language,
      slug: kbArticles.slug,
      title: kbArticles.title,
      summary: kbArticles.summary,
      snippet: query
        ? sql<string>`ts_headline('russian', ${kbArticles.summary} || ' ' || ${kbArticles.bodyMarkdown}, ${query}, ${HEADLINE_OPTIONS})`
        : kbArticles.summary,
      updatedAt: kbArticles.updatedAt,
      visibility: kbArticles.visibility,
      status: kbArticles.status,
      helpfulYes: kbArticles.helpfulYes,
      helpfulNo: kbArticles.helpfulNo,
      deflections: kbArticles.deflections,
    })
    .from(kbArticles)
    .where(and(...conditions))
    .orderBy(
      ...(query ? [desc(sql`ts_rank(${kbArticles.searchVector}, ${query})`), desc(helpfulness)] : []),
      desc(kbArticles.updatedAt),
      asc(kbArticles.id),
    )
    .limit(Math.min(search.limit ?? 20, 100));
  return rows.map((r) => ({ ...r, snippet: cleanSnippet(r.snippet) }));
}

/** Snippets come from Markdown: drop emphasis marks, backticks and heading marks, collapse spaces. */
function cleanSnippet(text: string): string {
  return text
    .replace(/\*\*|__|`/g, "")
    .replace(/(^|\s)#{1,6}\s/g, "$1")
    .replace(/\s+/g, " ")
    .trim();
}

/** Categories with at least one article the viewer may read (all of them for the editor). */
export async function listCategories(viewer: KbViewer | "all", executor: Executor = db) {
  const visible = viewer === "all" ? sql`true` : exists(executor.select({ one: sql`1` }).from(kbArticles).where(and(eq(kbArticles.categoryId, kbCategories.id), visibleTo(viewer))));
  return executor.select().from(kbCategories).where(visible).orderBy(asc(kbCategories.position), asc(kbCategories.slug));
}

/** An article page: the article, its category, products and its other-language version (when the viewer may read it). */
export async function getArticle(viewer: KbViewer, language: KbLanguage, slug: string) {
  const [article] = await db
    .select()
    .from(kbArticles)
    .where(and(eq(kbArticles.language, language), eq(kbArticles.slug, slug), visibleTo(viewer, { includeDrafts: true })))
    .limit(1);
  if (!article) throw AppError.notFound();
  const [category] = article.categoryId ? await db.select().from(kbCategories).where(eq(kbCategories.id, article.categoryId)) : [];
  const articleProducts = await db
    .select({ id: products.id, name: products.name, slug: products.slug })
    .from(kbArticleProducts)
    .innerJoin(products, eq(products.id, kbArticleProducts.productId))
    .where(eq(kbArticleProducts.articleId, article.id))
    .orderBy(asc(products.name));
  const [translation] = await db
    .select({ language: kbArticles.language, slug: kbArticles.slug, title: kbArticles.title })
    .from(kbArticles)
    .where(and(eq(kbArticles.translationGroupId, article.translationGroupId), ne(kbArticles.id, article.id), visibleTo(viewer)))
    .limit(1);
  const [author] = article.authorId ? await db.select({ name: users.name }).from(users).where(eq(users.id, article.authorId)) : [];
  return { article, category: category ?? null, products: articleProducts, translation: translation ?? null, authorName: author?.name ?? null };
}

/** Staff: an article by id for the editor, with its products and version history. */
export async function articleForEditing(actor: Actor, id: string) {
  requireWriter(actor);
  const [article] = await db.select().from(kbArticles).where(eq(kbArticles.id, id)).limit(1);
  if (!article) throw AppError.notFound();
  const productIds = (await db.select({ id: kbArticleProducts.productId }).from(kbArticleProducts).where(eq(kbArticleProducts.articleId, id))).map((r) => r.id);
  const versions = await db
    .select({ version: kbArticleVersions.version, title: kbArticleVersions.title, status: kbArticleVersions.status, createdAt: kbArticleVersions.createdAt, editorName: users.name })
    .from(kbArticleVersions)
    .leftJoin(users, eq(users.id, kbArticleVersions.editorId))
    .where(eq(kbArticleVersions.articleId, id))
    .orderBy(desc(kbArticleVersions.version))
    .limit(100);
  return { article, productIds, versions };
}

function requireWriter(actor: Actor) {
  if (!can(actor, "write:article:any")) throw AppError.forbidden();
}

/** Creates (articleId null) or updates an article; every save is a new version. */
export async function saveArticle(actor: Actor, articleId: string | null, input: ArticleFormInput, now = new Date()): Promise<KbArticle> {
  requireWriter(actor);
  return db.transaction((tx) => saveArticleWithin(tx, actor.id, articleId, input, now));
}

export async function saveArticleWithin(tx: Executor, actorId: string | null, articleId: string | null, input: ArticleFormInput, now: Date): Promise<KbArticle> {
  const [before] = articleId ? await tx.select().from(kbArticles).where(eq(kbArticles.id, articleId)).for("update") : [];
  if (articleId && !before) throw AppError.notFound();
  let translationGroupId = before?.translationGroupId;
  if (input.translationOf) {
    const [other] = await tx.select().from(kbArticles).where(eq(kbArticles.id, input.translationOf)).limit(1);
    if (!other || other.id === articleId) throw AppError.invalid("kb.error.translation", { translationOf: ["kb.error.translation"] });
    if (other.language === input.language) throw AppError.invalid("kb.error.translationLanguage", { translationOf: ["kb.error.translationLanguage"] });
    const [clash] = await tx
      .select({ id: kbArticles.id })
      .from(kbArticles)
      .where(and(eq(kbArticles.translationGroupId, other.translationGroupId), eq(kbArticles.language, input.language), articleId ? ne(kbArticles.id, articleId) : sql`true`))
      .limit(1);
    if (clash) throw AppError.invalid("kb.error.translationTaken", { translationOf: ["kb.error.translationTaken"] });
    translationGroupId = other.translationGroupId;
  }
  const taken = new Set(
    (
      await tx
        .select({ slug: kbArticles.slug })
        .from(kbArticles)
        .where(and(eq(kbArticles.language, input.language), articleId ? ne(kbArticles.id, articleId) : sql`true`, sql`${kbArticles.slug} like ${`${input.slug || slugify(input.title)}%`}`))
    ).map((r) => r.slug),
  );
  const wanted = input.slug || (before && before.language === input.language ? before.slug : slugify(input.title));
  if (input.slug && taken.has(input.slug)) throw AppError.invalid("kb.error.slugTaken", { slug: ["kb.error.slugTaken"] });
  const slug = uniqueSlug(wanted, (s) => taken.has(s));
  const summary = input.summary || markdownToText(input.bodyMarkdown).slice(0, 200);
  const values = {
    language: input.language,
    slug,
    title: input.title,
    summary,
    bodyMarkdown: input.bodyMarkdown,
    bodyHtml: renderArticleMarkdown(input.bodyMarkdown),
    categoryId: input.categoryId,
    visibility: input.visibility,
    status: input.status,
    updatedAt: now,
    publishedAt: input.status === "published" ? (before?.publishedAt ?? now) : (before?.publishedAt ?? null),
  };
  let article: KbArticle;
  if (before) {
    [article] = (await tx
      .update(kbArticles)
      .set({ ...values, version: before.version + 1, ...(translationGroupId ? { translationGroupId } : {}) })
      .where(eq(kbArticles.id, before.id))
      .returning()) as [KbArticle];
  } else {
    [article] = (await tx
      .insert(kbArticles)
      .values({ ...values, authorId: actorId, sourceTicketId: input.sourceTicketId, createdAt: now, ...(translationGroupId ? { translationGroupId } : {}) })
      .returning()) as [KbArticle];
  }
  await tx.delete(kbArticleProducts).where(eq(kbArticleProducts.articleId, article.id));
  if (input.productIds.length > 0) {
    const known = await tx.select({ id: products.id }).from(products).where(inArray(products.id, input.productIds));
    if (known.length > 0) await tx.insert(kbArticleProducts).values(known.map((p) => ({ articleId: article.id, productId: p.id })));
  }
  await tx.insert(kbArticleVersions).values({
    articleId: article.id,
    version: article.version,
    title: article.title,
    summary: article.summary,
    bodyMarkdown: article.bodyMarkdown,
    status: article.status,
    editorId: actorId,
    createdAt: now,
  });
  await recordAudit(tx, {
    actorId,
    action: before ? "kb.article_updated" : "kb.article_created",
    entityType: "kb_article",
    entityId: article.id,
    before: before ? { title: before.title, status: before.status, visibility: before.visibility, version: before.version } : undefined,
    after: { title: article.title, slug: article.slug, language: article.language, status: article.status, visibility: article.visibility, version: article.version },
  });
  return article;
}

/** Staff desk list: every article, drafts included, with the counters (helpful, deflections). */
export async function listArticlesForStaff(actor: Actor, search: { q?: string; language?: KbLanguage }) {
  requireWriter(actor);
  return searchArticles({ kind: "staff", userId: actor.id }, { ...search, includeDrafts: true, limit: 100 });
}

/**
 * An article prefilled from a solved ticket: subject, description, steps and the staff's public
 * replies. The access details (encrypted on the ticket) and internal notes are never read.
 */
export async function articleDraftFromTicket(actor: Actor, number: number) {
  requireWriter(actor);
  const [ticket] = await db
    .select({ id: tickets.id, subject: tickets.subject, description: tickets.description, steps: tickets.stepsToReproduce, status: tickets.status, productId: tickets.productId })
    .from(tickets)
    .where(eq(tickets.number, number))
    .limit(1);
  if (!ticket) throw AppError.notFound();
  const replies = await db
    .select({ body: ticketMessages.body })
    .from(ticketMessages)
    .where(and(eq(ticketMessages.ticketId, ticket.id), eq(ticketMessages.fromStaff, true), eq(ticketMessages.visibility, "public")))
    .orderBy(asc(ticketMessages.createdAt))
    .limit(20);
  const language: KbLanguage = /[А-Яа-яЁё]/.test(ticket.subject + ticket.description) ? "ru" : "en";
  const sections = [
    language === "ru" ? "## Проблема" : "## Problem",
    ticket.description,
    ...(ticket.steps ? [language === "ru" ? "## Как воспроизвести" : "## Steps to reproduce", ticket.steps] : []),
    language === "ru" ? "## Решение" : "## Solution",
    ...replies.map((r) => r.body),
  ];
  return {
    title: ticket.subject,
    bodyMarkdown: sections.join("\n\n"),
    language,
    productIds: ticket.productId ? [ticket.productId] : [],
    sourceTicketId: ticket.id,
    solved: ticket.status === "solved" || ticket.status === "closed",
  };
}

/** "Was this helpful?" — anyone who may read the article; a client address gives at most 20 answers an hour. */
export async function recordFeedback(viewer: KbViewer, articleId: string, input: { helpful: boolean; comment: string }, clientAddress: string, now = new Date()) {
  const [article] = await db.select({ id: kbArticles.id }).from(kbArticles).where(and(eq(kbArticles.id, articleId), visibleTo(viewer))).limit(1);
  if (!article) throw AppError.notFound();
  const quota = await takeQuota(`kb:feedback:${viewer.kind === "anonymous" ? `ip:${clientAddress}` : `user:${viewer.userId}`}`, 20, 3600, now);
  if (!quota.allowed) throw new AppError("rate_limited", "kb.error.feedbackLimit", undefined, quota.retryAfterSeconds);
  await db.transaction(async (tx) => {
    await tx.insert(kbFeedback).values({ articleId, userId: viewer.kind === "anonymous" ? null : viewer.userId, helpful: input.helpful, comment: input.comment, createdAt: now });
    await tx
      .update(kbArticles)
      .set(input.helpful ? { helpfulYes: sql`${kbArticles.helpfulYes} + 1` } : { helpfulNo: sql`${kbArticles.helpfulNo} + 1` })
      .where(eq(kbArticles.id, articleId));
  });
}

/** Staff: the latest feedback comments of an article. */
export async function articleFeedback(actor: Actor, articleId: string) {
  requireWriter(actor);
  return db
    .select({ helpful: kbFeedback.helpful, comment: kbFeedback.comment, createdAt: kbFeedback.createdAt })
    .from(kbFeedback)
    .where(and(eq(kbFeedback.articleId, articleId), ne(kbFeedback.comment, "")))
    .orderBy(desc(kbFeedback.createdAt))
    .limit(50);
}

/** Articles an engineer may link into a reply (published, any visibility the customer can read). */
export async function articlesToLink(actor: Actor, q: string) {
  if (!isStaff(actor.role)) throw AppError.forbidden();
  const hits = await searchArticles({ kind: "staff", userId: actor.id }, { q, limit: 10 });
  return hits.filter((h) => h.visibility !== "staff");
}
