import { and, asc, eq, isNull, sql } from "drizzle-orm";
import { kbArticles, kbDrafts, kbDraftSuggestions, tickets } from "#db/schema";
import { recordAudit } from "~/utils/audit.server";
import { db } from "~/utils/db.server";
import { AppError } from "~/utils/errors.server";
import { isStaff, type Actor } from "../accounts/permissions";
import { kbViewer, searchArticles, type ArticleHit } from "./articles.server";

/**
 * Deflection: while a customer writes a new ticket, up to five articles that match what they
 * typed appear beside the form. Each form has a draft id; the suggestions shown are kept
 * against it (staff see them on the ticket it became), and "this solved it" on an opened
 * article abandons the draft — counted once per draft, however often it is pressed.
 */

export const MAX_SUGGESTIONS = 5;

type Customer = Actor & { organisationId: string };

function requireCustomer(actor: Actor): asserts actor is Customer {
  if (actor.role !== "customer" || !actor.organisationId) throw AppError.forbidden();
}

/** The draft row of this customer (created on first use); another user's draft id is not found. */
async function ownDraft(actor: Customer, draftId: string, now: Date) {
  await db.insert(kbDrafts).values({ id: draftId, userId: actor.id, organisationId: actor.organisationId, createdAt: now }).onConflictDoNothing();
  const [draft] = await db.select().from(kbDrafts).where(eq(kbDrafts.id, draftId)).limit(1);
  if (!draft || draft.userId !== actor.id) throw AppError.notFound();
  return draft;
}

export async function suggestArticlesForDraft(actor: Actor, draftId: string, text: string, language?: "en" | "ru", now = new Date()): Promise<ArticleHit[]> {
  requireCustomer(actor);
  const words = text.trim();
  if (words.length < 3) return [];
  const hits = await searchArticles(kbViewer(actor), { q: words, anyWord: true, limit: MAX_SUGGESTIONS, language });
  const fallback = hits.length === 0 && language ? await searchArticles(kbViewer(actor), { q: words, anyWord: true, limit: MAX_SUGGESTIONS }) : hits;
  if (fallback.length > 0) {
    await ownDraft(actor, draftId, now);
    await db
      .insert(kbDraftSuggestions)
      .values(fallback.map((h) => ({ draftId, articleId: h.id, suggestedAt: now })))
      .onConflictDoNothing();
  }
  return fallback;
}

/** The customer opened a suggested article (shown to staff beside the ticket). */
export async function markSuggestionOpened(actor: Actor, draftId: string, articleId: string): Promise<void> {
  if (actor.role !== "customer") return;
  await db
    .update(kbDraftSuggestions)
    .set({ opened: true })
    .where(
      and(
        eq(kbDraftSuggestions.draftId, draftId),
        eq(kbDraftSuggestions.articleId, articleId),
        sql`exists (select 1 from ${kbDrafts} where ${kbDrafts.id} = ${draftId} and ${kbDrafts.userId} = ${actor.id})`,
      ),
    );
}

/**
 * "This solved it": the draft is abandoned and the article's deflection counter goes up — once
 * per draft (a second press, or another article of the same draft, changes nothing).
 * Returns whether this press was the one counted.
 */
export async function markDraftSolved(actor: Actor, draftId: string, articleId: string, now = new Date()): Promise<{ counted: boolean }> {
  requireCustomer(actor);
  const [article] = await db.select({ id: kbArticles.id }).from(kbArticles).where(eq(kbArticles.id, articleId)).limit(1);
  if (!article) throw AppError.notFound();
  await ownDraft(actor, draftId, now);
  return db.transaction(async (tx) => {
    const claimed = await tx
      .update(kbDrafts)
      .set({ deflectedArticleId: articleId, deflectedAt: now })
      .where(and(eq(kbDrafts.id, draftId), eq(kbDrafts.userId, actor.id), isNull(kbDrafts.deflectedAt), isNull(kbDrafts.ticketId)))
      .returning({ id: kbDrafts.id });
    if (claimed.length === 0) return { counted: false };
    await tx.update(kbArticles).set({ deflections: sql`${kbArticles.deflections} + 1` }).where(eq(kbArticles.id, articleId));
    await recordAudit(tx, { actorId: actor.id, action: "kb.ticket_deflected", entityType: "kb_article", entityId: articleId, after: { draftId } });
    return { counted: true };
  });
}

/** After filing: the draft became this ticket (its suggestions then show on the ticket). */
export async function linkDraftToTicket(actor: Actor, draftId: string, ticketId: string): Promise<void> {
  if (actor.role !== "customer") return;
  await db
    .update(kbDrafts)
    .set({ ticketId })
    .where(and(eq(kbDrafts.id, draftId), eq(kbDrafts.userId, actor.id), isNull(kbDrafts.ticketId)));
}

/** Staff: the articles suggested to the customer before they filed this ticket, and which they opened. */
export async function suggestionsForTicket(actor: Actor, ticketNumber: number) {
  if (!isStaff(actor.role)) throw AppError.forbidden();
  return db
    .select({ id: kbArticles.id, title: kbArticles.title, slug: kbArticles.slug, language: kbArticles.language, opened: kbDraftSuggestions.opened })
    .from(kbDraftSuggestions)
    .innerJoin(kbDrafts, eq(kbDrafts.id, kbDraftSuggestions.draftId))
    .innerJoin(tickets, eq(tickets.id, kbDrafts.ticketId))
    .innerJoin(kbArticles, eq(kbArticles.id, kbDraftSuggestions.articleId))
    .where(eq(tickets.number, ticketNumber))
    .orderBy(asc(kbDraftSuggestions.suggestedAt), asc(kbArticles.title))
    .limit(20);
}
