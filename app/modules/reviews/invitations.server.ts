import { and, asc, eq, gt, isNotNull, isNull, lte, notExists, sql } from "drizzle-orm";
import { licences, products, reviewInvitations, reviews, users } from "#db/schema";
import { db, type Executor } from "~/utils/db.server";
import { queueEmail } from "~/utils/email.server";
import { appUrl, loadPerson, type Person } from "../quality/shared.server";
import { reviewInvitationDue } from "./invitations";
import { holdsActivatedLicence } from "./reviews.server";
import { getSettings } from "~/modules/settings/settings.server";
import { emailWanted } from "../notifications/notifications.server";

/**
 * Review invitations by email, each sent once (a unique row per reason and source):
 * - `activation`: `reviews.invitationDays` (a setting, 30 by default) after a licence's first activation, to the organisation's primary
 *   contact (the job below);
 * - `csat`: after a solved ticket was rated 4 or 5 on every question, to whoever rated it
 *   (called from the CSAT use case).
 * Nobody is invited to review a product their organisation has already reviewed.
 */

/** Activations older than this are not invited when the job first runs (no flood of old licences). */
export const ACTIVATION_INVITE_WINDOW_MS = 30 * 24 * 60 * 60 * 1000;

async function alreadyReviewed(executor: Executor, organisationId: string, productId: string) {
  const [row] = await executor
    .select({ id: reviews.id })
    .from(reviews)
    .where(and(eq(reviews.organisationId, organisationId), eq(reviews.productId, productId)))
    .limit(1);
  return !!row;
}

async function sendInvitation(
  tx: Executor,
  invitation: { reason: "activation" | "csat"; sourceId: string; person: Person; product: { name: string; slug: string } },
  now: Date,
): Promise<boolean> {
  const [row] = await tx
    .insert(reviewInvitations)
    .values({ reason: invitation.reason, sourceId: invitation.sourceId, userId: invitation.person.id, sentAt: now })
    .onConflictDoNothing()
    .returning({ id: reviewInvitations.id });
  if (!row) return false;
  // Turned off: the invitation counts as made (never asked again), no email goes out.
  if (!(await emailWanted(tx, { id: invitation.person.id, role: "customer" }, "review_invitation"))) return false;
  await queueEmail(tx, {
    to: invitation.person.email,
    template: "quality.review-invitation",
    props: {
      locale: invitation.person.locale,
      name: invitation.person.name,
      productName: invitation.product.name,
      reason: invitation.reason,
      url: appUrl(`/portal/reviews/${invitation.product.slug}`),
    },
  });
  return true;
}

/** After a happy CSAT: invite the rater to review the ticket's product, once per ticket. */
export async function inviteReviewAfterCsat(
  tx: Executor,
  ticket: { id: string; organisationId: string; productId: string | null },
  raterId: string,
  now: Date,
): Promise<boolean> {
  if (!ticket.productId) return false;
  if (!(await holdsActivatedLicence(tx, ticket.organisationId, ticket.productId))) return false;
  if (await alreadyReviewed(tx, ticket.organisationId, ticket.productId)) return false;
  const person = await loadPerson(tx, raterId);
  const [product] = await tx.select({ name: products.name, slug: products.slug }).from(products).where(eq(products.id, ticket.productId)).limit(1);
  if (!person || person.role !== "customer" || !product) return false;
  return sendInvitation(tx, { reason: "csat", sourceId: ticket.id, person, product }, now);
}

/**
 * The job: licences first activated 30–60 days ago that have not been invited yet. Each
 * licence is handled in its own short transaction; the unique row makes a concurrent run (two
 * app instances) send nothing twice.
 */
export async function sendActivationReviewInvitations(now = new Date(), batchSize = 100): Promise<number> {
  const delayDays = (await getSettings()).reviews.invitationDays;
  const dueBefore = new Date(now.getTime() - delayDays * 86_400_000);
  const notBefore = new Date(dueBefore.getTime() - ACTIVATION_INVITE_WINDOW_MS);
  const candidates = await db
    .select({
      id: licences.id,
      organisationId: licences.organisationId,
      productId: licences.productId,
      firstActivatedAt: licences.firstActivatedAt,
      productName: products.name,
      productSlug: products.slug,
    })
    .from(licences)
    .innerJoin(products, eq(products.id, licences.productId))
    .where(
      and(
        isNotNull(licences.firstActivatedAt),
        lte(licences.firstActivatedAt, dueBefore),
        gt(licences.firstActivatedAt, notBefore),
        isNull(licences.revokedAt),
        notExists(
          db
            .select({ one: sql`1` })
            .from(reviewInvitations)
            .where(and(eq(reviewInvitations.reason, "activation"), eq(reviewInvitations.sourceId, licences.id))),
        ),
      ),
    )
    .orderBy(asc(licences.firstActivatedAt))
    .limit(batchSize);
  let sent = 0;
  for (const licence of candidates) {
    if (!reviewInvitationDue({ activatedAt: licence.firstActivatedAt!, now, alreadySent: false, delayDays })) continue;
    sent += await db.transaction(async (tx) => {
      if (await alreadyReviewed(tx, licence.organisationId, licence.productId)) return 0;
      const [contact] = await tx
        .select({ id: users.id })
        .from(users)
        .where(and(eq(users.organisationId, licence.organisationId), eq(users.role, "customer"), isNull(users.deactivatedAt)))
        .orderBy(sql`${users.isPrimaryContact} desc`, asc(users.createdAt))
        .limit(1);
      const person = contact ? await loadPerson(tx, contact.id) : null;
      if (!person) return 0;
      const ok = await sendInvitation(tx, { reason: "activation", sourceId: licence.id, person, product: { name: licence.productName, slug: licence.productSlug } }, now);
      return ok ? 1 : 0;
    });
  }
  return sent;
}
