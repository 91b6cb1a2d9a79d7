import { eq } from "drizzle-orm";
import { tickets } from "#db/schema";
import { db } from "~/utils/db.server";
import { AppError } from "~/utils/errors.server";
import { can, isStaff, type Actor } from "../accounts/permissions";
import { searchArticles } from "./articles.server";
import { suggestionsForTicket } from "./deflection.server";

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
  const url = (a: { language: string; slug: string }) => `${appUrl}/kb/${a.language}/${a.slug}`;
  return {
    suggested: suggested.map((s) => ({ title: s.title, url: url(s), path: `/kb/${s.language}/${s.slug}`, opened: s.opened })),
    // Only articles the customer can read are worth linking in a reply.
    related: related.filter((r) => r.visibility !== "staff").map((r) => ({ title: r.title, url: url(r), path: `/kb/${r.language}/${r.slug}` })),
    canWriteArticle: can(actor, "write:article:any") && (ticket.status === "solved" || ticket.status === "closed"),
  };
}
