import { and, eq, ne } from "drizzle-orm";
import { z } from "zod";
import { kbArticles, tickets } from "#db/schema";
import { db } from "~/utils/db.server";
import { AppError } from "~/utils/errors.server";
import { can, isStaff, type Actor } from "../accounts/permissions";
import { articlesToLink, searchArticles } from "./articles.server";
import { appendArticleLink } from "./reply-link";
import { suggestionsForTicket } from "./deflection.server";

const articleUrl = (appUrl: string, a: { language: string; slug: string }) => `${appUrl}/kb/${a.language}/${a.slug}`;

/**
 * The knowledge panel beside a ticket on the desk: the articles the customer was shown before
 * filing (and which they opened), articles that match the ticket to link into a reply, and
 * whether this engineer may turn the ticket into an article.
 */
export async function ticketKnowledge(actor: Actor, number: number, appUrl: string) {
  if (!isStaff(actor.role)) throw AppError.forbidden();
  const [ticket] = await db.select({ subject: tickets.subject, description: tickets.description, status: tickets.status }).from(tickets).where(eq(tickets.number, number)).limit(1);
  if (!ticket) throw AppError.notFound();
  const [suggested, related] = await Promise.all([
    suggestionsForTicket(actor, number),
    searchArticles({ kind: "staff", userId: actor.id }, { q: `${ticket.subject} ${ticket.description}`.slice(0, 500), anyWord: true, limit: 5 }),
  ]);
  const url = (a: { language: string; slug: string }) => articleUrl(appUrl, a);
  return {
    suggested: suggested.map((s) => ({ title: s.title, url: url(s), path: `/kb/${s.language}/${s.slug}`, opened: s.opened })),
    // Only articles the customer can read are worth linking in a reply.
    related: related.filter((r) => r.visibility !== "staff").map((r) => ({ id: r.id, title: r.title, url: url(r), path: `/kb/${r.language}/${r.slug}` })),
    canWriteArticle: can(actor, "write:article:any") && (ticket.status === "solved" || ticket.status === "closed"),
  };
}

/** Articles an engineer looked for from the reply form, to link into the reply (customers can read them). */
export async function findArticlesForReply(actor: Actor, q: string, appUrl: string) {
  const text = q.trim().slice(0, 200);
  if (!text) return [];
  const hits = await articlesToLink(actor, text);
  return hits.map((h) => ({ id: h.id, title: h.title, url: articleUrl(appUrl, h), path: `/kb/${h.language}/${h.slug}` }));
}

/**
 * "Insert link" without JavaScript: the reply draft with a link to the article appended. Only a
 * published article a customer may read can be linked; for anything else the answer is null.
 */
export async function insertArticleLink(actor: Actor, draft: string, articleId: string, appUrl: string): Promise<{ body: string; title: string } | null> {
  if (!isStaff(actor.role)) throw AppError.forbidden();
  const [article] = await db
    .select({ title: kbArticles.title, language: kbArticles.language, slug: kbArticles.slug })
    .from(kbArticles)
    .where(and(eq(kbArticles.id, articleId), eq(kbArticles.status, "published"), ne(kbArticles.visibility, "staff")))
    .limit(1);
  if (!article) return null;
  return { body: appendArticleLink(draft, article.title, articleUrl(appUrl, article)), title: article.title };
}

/**
 * The reply form's knowledge-base buttons (they work without JavaScript): the articles found for
 * the search, and — when one was chosen (`insertArticle`) — the draft with its link appended, or
 * `kbCannotLink` when it cannot be linked. Nothing is sent.
 */
export async function draftWithArticles(actor: Actor, draft: { query: string; body: string; insertArticle?: unknown }, appUrl: string) {
  const kbFound = await findArticlesForReply(actor, draft.query, appUrl);
  if (draft.insertArticle === undefined) return { body: draft.body, kbFound };
  const articleId = z.uuid().safeParse(draft.insertArticle);
  const linked = articleId.success ? await insertArticleLink(actor, draft.body, articleId.data, appUrl) : null;
  if (!linked) return { body: draft.body, kbFound, kbCannotLink: true as const };
  return { body: linked.body, kbFound, kbLinked: linked.title };
}
