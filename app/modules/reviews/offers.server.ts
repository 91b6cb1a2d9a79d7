import { and, eq } from "drizzle-orm";
import { products, reviews, tickets } from "#db/schema";
import { db } from "~/utils/db.server";
import { can, type Actor } from "../accounts/permissions";
import { holdsActivatedLicence } from "./reviews.server";

/**
 * What a customer may do once a request is settled (SPEC §§6–7), offered on the ticket page
 * where it arises: complain to quality about it, and review the ticket's product when the
 * organisation is a verified licence holder of it. Only an offer — the complaint and review
 * pages check the same rules again when the form is sent.
 */
export async function settledTicketOffers(actor: Actor, number: number) {
  const none = { complaint: false, review: null };
  if (actor.role !== "customer" || !actor.organisationId) return none;
  const [ticket] = await db
    .select({ status: tickets.status, productId: tickets.productId })
    .from(tickets)
    .where(and(eq(tickets.organisationId, actor.organisationId), eq(tickets.number, number)))
    .limit(1);
  if (!ticket || (ticket.status !== "solved" && ticket.status !== "closed")) return none;
  const complaint = can(actor, "create:complaint:own");
  if (!ticket.productId || !can(actor, "create:review:own") || !(await holdsActivatedLicence(db, actor.organisationId, ticket.productId))) {
    return { complaint, review: null };
  }
  const [product] = await db.select({ slug: products.slug, name: products.name }).from(products).where(eq(products.id, ticket.productId)).limit(1);
  if (!product) return { complaint, review: null };
  const [existing] = await db
    .select({ id: reviews.id })
    .from(reviews)
    .where(and(eq(reviews.organisationId, actor.organisationId), eq(reviews.productId, ticket.productId)))
    .limit(1);
  return { complaint, review: { slug: product.slug, name: product.name, reviewed: !!existing } };
}
