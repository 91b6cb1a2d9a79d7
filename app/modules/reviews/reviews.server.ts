import { and, asc, desc, eq, isNotNull, isNull, sql } from "drizzle-orm";
import { licences, organisations, products, reviews, users, type Review as ReviewRow } from "#db/schema";
import { recordAudit } from "~/utils/audit.server";
import { db, type Executor } from "~/utils/db.server";
import { queueEmail } from "~/utils/email.server";
import { AppError } from "~/utils/errors.server";
import { msg } from "~/utils/messages";
import { isUuid } from "~/utils/pagination";
import { can, type Actor } from "../accounts/permissions";
import { appUrl, loadPerson } from "../quality/shared.server";
import { newReviewModeration, transitionReview, type ModerationAction, type ModerationState } from "./moderation";
import { aggregateRatings, canReview, MAX_REJECTION_REASON, type Review } from "./review";

/**
 * Structured before/after reviews (SPEC §7). Only an organisation with an activated licence
 * for the product may review it ("verified licence holder"); one review per organisation and
 * product; every edit goes back to moderation; quality publishes or rejects with a reason.
 */

/** An activated (and not revoked) licence of the organisation for the product. */
export async function holdsActivatedLicence(executor: Executor, organisationId: string, productId: string): Promise<boolean> {
  const [row] = await executor
    .select({ id: licences.id })
    .from(licences)
    .where(and(eq(licences.organisationId, organisationId), eq(licences.productId, productId), isNotNull(licences.firstActivatedAt), isNull(licences.revokedAt)))
    .limit(1);
  return canReview({ hasActivatedLicenceForProduct: !!row });
}

function requireCustomer(actor: Actor): asserts actor is Actor & { organisationId: string } {
  if (actor.role !== "customer" || !actor.organisationId || !can(actor, "create:review:own")) throw AppError.notFound();
}

/** The customer's review page: products the organisation may review, with its review's state. */
export async function reviewableProducts(actor: Actor) {
  requireCustomer(actor);
  const rows = await db
    .selectDistinct({ id: products.id, slug: products.slug, name: products.name })
    .from(licences)
    .innerJoin(products, eq(products.id, licences.productId))
    .where(and(eq(licences.organisationId, actor.organisationId), isNotNull(licences.firstActivatedAt), isNull(licences.revokedAt)))
    .orderBy(asc(products.name));
  const mine = await db
    .select({ productId: reviews.productId, status: reviews.status, submittedAt: reviews.submittedAt, rejectionReason: reviews.rejectionReason })
    .from(reviews)
    .where(eq(reviews.organisationId, actor.organisationId));
  return rows.map((p) => ({ ...p, review: mine.find((r) => r.productId === p.id) ?? null }));
}

async function productBySlug(executor: Executor, slug: string) {
  const [product] = await executor.select({ id: products.id, slug: products.slug, name: products.name }).from(products).where(eq(products.slug, slug)).limit(1);
  return product ?? null;
}

/** The write/edit form: the product, whether the organisation may review it, and its review. */
export async function reviewFormFor(actor: Actor, productSlug: string) {
  requireCustomer(actor);
  const product = await productBySlug(db, productSlug);
  if (!product) throw AppError.notFound();
  const eligible = await holdsActivatedLicence(db, actor.organisationId, product.id);
  const [review] = await db
    .select()
    .from(reviews)
    .where(and(eq(reviews.organisationId, actor.organisationId), eq(reviews.productId, product.id)))
    .limit(1);
  return { product, eligible, review: review ?? null };
}

function moderationStateOf(row: ReviewRow): ModerationState {
  if (row.status === "published") return { status: "published", submittedAt: row.submittedAt, publishedAt: row.publishedAt ?? row.moderatedAt ?? row.submittedAt };
  if (row.status === "rejected") return { status: "rejected", submittedAt: row.submittedAt, rejectedAt: row.moderatedAt ?? row.submittedAt, reason: row.rejectionReason ?? "" };
  return { status: "pending", submittedAt: row.submittedAt };
}

/** Writes or edits the organisation's review; either way it waits for moderation. */
export async function submitReview(actor: Actor, productSlug: string, input: Review, now = new Date()) {
  requireCustomer(actor);
  return db.transaction(async (tx) => {
    const product = await productBySlug(tx, productSlug);
    if (!product) throw AppError.notFound();
    if (!(await holdsActivatedLicence(tx, actor.organisationId, product.id))) {
      throw AppError.forbidden("reviews.error.notEligible");
    }
    const [existing] = await tx
      .select()
      .from(reviews)
      .where(and(eq(reviews.organisationId, actor.organisationId), eq(reviews.productId, product.id)))
      .for("update")
      .limit(1);
    const moderation = existing ? transitionReview(moderationStateOf(existing), { type: "edit" }, now) : { ok: true as const, state: newReviewModeration(now) };
    if (!moderation.ok) throw AppError.conflict("reviews.error.notEditable");
    const content = {
      authorId: actor.id,
      before: input.before,
      why: input.why,
      after: input.after,
      metrics: input.metrics,
      support: input.support,
      productRating: input.productRating,
      supportRating: input.supportRating,
      showOrganisation: input.showOrganisation,
      status: "pending" as const,
      rejectionReason: null,
      submittedAt: now,
      moderatedAt: null,
      moderatedBy: null,
      publishedAt: null,
    };
    // Two contacts of one organisation submitting at once: the unique key makes the second an edit.
    const [row] = existing
      ? await tx.update(reviews).set(content).where(eq(reviews.id, existing.id)).returning()
      : await tx
          .insert(reviews)
          .values({ organisationId: actor.organisationId, productId: product.id, ...content })
          .onConflictDoUpdate({ target: [reviews.organisationId, reviews.productId], set: content })
          .returning();
    await recordAudit(tx, {
      actorId: actor.id,
      action: existing ? "review.edited" : "review.submitted",
      entityType: "review",
      entityId: row!.id,
      before: existing ? { status: existing.status, productRating: existing.productRating, supportRating: existing.supportRating } : undefined,
      after: { status: "pending", productRating: input.productRating, supportRating: input.supportRating, showOrganisation: input.showOrganisation },
    });
    return row!;
  });
}

/* ------------------------------------------------------------------------------------------ */
/* Moderation                                                                                  */
/* ------------------------------------------------------------------------------------------ */

export async function moderationQueue(actor: Actor, status: "pending" | "published" | "rejected" = "pending") {
  if (!can(actor, "moderate:review:any")) throw AppError.forbidden();
  const counts = await db.select({ status: reviews.status, n: sql<number>`count(*)` }).from(reviews).groupBy(reviews.status);
  const rows = await db
    .select({ review: reviews, productName: products.name, productSlug: products.slug, organisationName: organisations.name, authorName: users.name })
    .from(reviews)
    .innerJoin(products, eq(products.id, reviews.productId))
    .innerJoin(organisations, eq(organisations.id, reviews.organisationId))
    .innerJoin(users, eq(users.id, reviews.authorId))
    .where(eq(reviews.status, status))
    .orderBy(status === "pending" ? asc(reviews.submittedAt) : desc(reviews.submittedAt))
    .limit(200);
  return {
    counts: Object.fromEntries(counts.map((c) => [c.status, Number(c.n)])) as Partial<Record<ReviewRow["status"], number>>,
    reviews: rows.map(({ review, ...rest }) => ({ ...review, ...rest })),
  };
}

async function moderate(actor: Actor, reviewId: string, action: ModerationAction, now: Date) {
  if (!can(actor, "moderate:review:any")) throw AppError.forbidden();
  if (!isUuid(reviewId)) throw AppError.notFound();
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(reviews).where(eq(reviews.id, reviewId)).for("update").limit(1);
    if (!row) throw AppError.notFound();
    const result = transitionReview(moderationStateOf(row), action, now);
    if (!result.ok) {
      if (result.error.code === "invalid_transition") throw AppError.conflict("reviews.error.alreadyModerated");
      const message = result.error.code === "reason_required" ? msg("reviews.error.reasonRequired") : msg("validation.tooLong", { maximum: MAX_REJECTION_REASON });
      throw AppError.invalid(message, { reason: [message] });
    }
    const state = result.state;
    const [updated] = await tx
      .update(reviews)
      .set({
        status: state.status,
        moderatedAt: now,
        moderatedBy: actor.id,
        publishedAt: state.status === "published" ? state.publishedAt : null,
        rejectionReason: state.status === "rejected" ? state.reason : null,
      })
      .where(eq(reviews.id, row.id))
      .returning();
    await recordAudit(tx, {
      actorId: actor.id,
      action: state.status === "published" ? "review.published" : "review.rejected",
      entityType: "review",
      entityId: row.id,
      before: { status: row.status },
      after: { status: state.status, ...(state.status === "rejected" ? { reason: state.reason } : {}) },
    });
    const [author, product] = await Promise.all([
      loadPerson(tx, row.authorId),
      tx.select({ name: products.name, slug: products.slug }).from(products).where(eq(products.id, row.productId)).limit(1),
    ]);
    if (author && product[0]) {
      if (state.status === "published") {
        await queueEmail(tx, {
          to: author.email,
          template: "quality.review-published",
          props: { locale: author.locale, name: author.name, productName: product[0].name, url: appUrl(`/products/${product[0].slug}`) },
        });
      } else if (state.status === "rejected") {
        await queueEmail(tx, {
          to: author.email,
          template: "quality.review-rejected",
          props: { locale: author.locale, name: author.name, productName: product[0].name, reason: state.reason, url: appUrl(`/portal/reviews/${product[0].slug}`) },
        });
      }
    }
    return updated!;
  });
}

export function publishReview(actor: Actor, reviewId: string, now = new Date()) {
  return moderate(actor, reviewId, { type: "publish" }, now);
}

export function rejectReview(actor: Actor, reviewId: string, reason: string, now = new Date()) {
  return moderate(actor, reviewId, { type: "reject", reason }, now);
}

/* ------------------------------------------------------------------------------------------ */
/* The public product page                                                                     */
/* ------------------------------------------------------------------------------------------ */

export const PUBLISHED_REVIEWS_SHOWN = 50;

/**
 * Published reviews of a product with the aggregate ratings, for anyone (no login). The
 * organisation is named only where its author agreed. Every review shown is from a verified
 * licence holder: eligibility was checked when it was written.
 */
export async function publishedReviewsForProduct(productId: string) {
  if (!isUuid(productId)) return { aggregate: aggregateRatings([]), reviews: [] };
  const ratings = await db
    .select({ productRating: reviews.productRating, supportRating: reviews.supportRating })
    .from(reviews)
    .where(and(eq(reviews.productId, productId), eq(reviews.status, "published")));
  const rows = await db
    .select({ review: reviews, organisationName: organisations.name })
    .from(reviews)
    .innerJoin(organisations, eq(organisations.id, reviews.organisationId))
    .where(and(eq(reviews.productId, productId), eq(reviews.status, "published")))
    .orderBy(desc(reviews.publishedAt), desc(reviews.id))
    .limit(PUBLISHED_REVIEWS_SHOWN);
  return {
    aggregate: aggregateRatings(ratings),
    reviews: rows.map(({ review, organisationName }) => ({
      id: review.id,
      before: review.before,
      why: review.why,
      after: review.after,
      metrics: review.metrics,
      support: review.support,
      productRating: review.productRating,
      supportRating: review.supportRating,
      organisationName: review.showOrganisation ? organisationName : null,
      publishedAt: review.publishedAt,
      verified: true,
    })),
  };
}

export type PublishedReviewsData = Awaited<ReturnType<typeof publishedReviewsForProduct>>;
