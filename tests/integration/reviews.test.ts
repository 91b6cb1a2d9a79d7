import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { licences, reviewInvitations, reviews } from "#db/schema";
import { sendActivationReviewInvitations } from "~/modules/reviews/invitations.server";
import type { Review } from "~/modules/reviews/review";
import { moderationQueue, publishedReviewsForProduct, publishReview, rejectReview, reviewableProducts, reviewFormFor, submitReview } from "~/modules/reviews/reviews.server";
import { db } from "~/utils/db.server";
import { AppError } from "~/utils/errors.server";
import { createOrganisation, createUser, customerWithActivatedLicence, daysAfter, emailsOf } from "../factories/quality";
import { createLicence, createProduct } from "../factories/licensing";

const code = (promise: Promise<unknown>) =>
  promise.then(
    () => "ok",
    (e: unknown) => (e instanceof AppError ? e.code : `unexpected: ${String(e)}`),
  );

const review = (over: Partial<Review> = {}): Review => ({
  before: "Orders were typed into the accounting system by hand every evening.",
  why: "It was the only module that synchronised stock both ways in real time.",
  after: "Orders arrive in the accounting system within a minute, without typing.",
  metrics: [{ label: "Order processing", before: "2 days", after: "2 hours" }],
  support: "Egor answered within the hour and read our logs.",
  productRating: 5,
  supportRating: 4,
  showOrganisation: true,
  ...over,
});

let quality: Awaited<ReturnType<typeof createUser>>;

beforeAll(async () => {
  quality = await createUser("quality");
});

describe("review eligibility", () => {
  it("only an organisation with an activated licence for the product may review it", async () => {
    const product = await createProduct();
    const organisation = await createOrganisation();
    const customer = await createUser("customer", { organisationId: organisation.id });
    // A licence that was never activated does not count.
    await createLicence({ product, organisationId: organisation.id, activatedAt: null });
    expect((await reviewFormFor(customer, product.slug)).eligible).toBe(false);
    expect(await code(submitReview(customer, product.slug, review()))).toBe("forbidden");
    expect(await reviewableProducts(customer)).toEqual([]);

    const revoked = await createLicence({ product, organisationId: organisation.id, activatedAt: new Date(), overrides: { revokedAt: new Date() } });
    expect((await reviewFormFor(customer, product.slug)).eligible).toBe(false);
    await db.update(licences).set({ revokedAt: null }).where(eq(licences.id, revoked.id));
    expect((await reviewFormFor(customer, product.slug)).eligible).toBe(true);
    const saved = await submitReview(customer, product.slug, review());
    expect(saved.status).toBe("pending");
    expect((await reviewableProducts(customer)).map((p) => [p.slug, p.review?.status])).toEqual([[product.slug, "pending"]]);

    expect(await code(reviewFormFor(customer, "no-such-product"))).toBe("not_found");
    expect(await code(submitReview(quality, product.slug, review()))).toBe("not_found");
  });

  it("one review per organisation and product: a colleague's submission edits it", async () => {
    const { customer, product, organisationId } = await customerWithActivatedLicence();
    const colleague = await createUser("customer", { organisationId });
    const first = await submitReview(customer, product.slug, review());
    const second = await submitReview(colleague, product.slug, review({ productRating: 3 }));
    expect(second.id).toBe(first.id);
    const rows = await db.select().from(reviews).where(eq(reviews.productId, product.id));
    expect(rows.map((r) => [r.productRating, r.authorId])).toEqual([[3, colleague.id]]);
  });
});

describe("moderation", () => {
  it("publishes: the product page shows it with the aggregate and the author is told", async () => {
    const { customer, product } = await customerWithActivatedLicence();
    const other = await customerWithActivatedLicence({ product });
    const mine = await submitReview(customer, product.slug, review());
    const theirs = await submitReview(other.customer, product.slug, review({ productRating: 4, supportRating: 3, showOrganisation: false, metrics: [] }));
    expect((await publishedReviewsForProduct(product.id)).reviews).toEqual([]);
    const queue = await moderationQueue(quality);
    expect(queue.reviews.map((r) => r.id)).toEqual(expect.arrayContaining([mine.id, theirs.id]));

    await publishReview(quality, mine.id);
    await publishReview(quality, theirs.id);
    expect(await code(publishReview(quality, mine.id))).toBe("conflict");
    const page = await publishedReviewsForProduct(product.id);
    expect(page.aggregate).toMatchObject({ count: 2, averageProduct: 4.5, averageSupport: 3.5 });
    const byId = new Map(page.reviews.map((r) => [r.id, r]));
    expect(byId.get(mine.id)).toMatchObject({ verified: true, metrics: [{ label: "Order processing", before: "2 days", after: "2 hours" }] });
    expect(byId.get(mine.id)!.organisationName).toBeTruthy();
    expect(byId.get(theirs.id)!.organisationName).toBeNull();
    expect(await emailsOf(customer.email, "quality.review-published")).toHaveLength(1);

    // An edit goes back to moderation and leaves the page.
    await submitReview(customer, product.slug, review({ after: "Now even faster: orders arrive within seconds, without typing." }));
    expect((await publishedReviewsForProduct(product.id)).reviews.map((r) => r.id)).toEqual([theirs.id]);
  });

  it("rejects only with a reason, which is sent to the author", async () => {
    const { customer, product } = await customerWithActivatedLicence();
    const saved = await submitReview(customer, product.slug, review({ support: "Call Egor on +7 999 123 45 67 any time, he is great." }));
    expect(await code(rejectReview(quality, saved.id, "  "))).toBe("invalid");
    expect(await code(rejectReview(customer, saved.id, "no"))).toBe("forbidden");
    await rejectReview(quality, saved.id, "Please remove the engineer's phone number.");
    const [email] = await emailsOf(customer.email, "quality.review-rejected");
    expect(email!.text).toContain("Please remove the engineer's phone number.");
    expect((await reviewFormFor(customer, product.slug)).review).toMatchObject({ status: "rejected", rejectionReason: "Please remove the engineer's phone number." });
  });
});

describe("review invitations after activation", () => {
  it("invite the primary contact 30 days after the first activation, once, unless already reviewed", async () => {
    const now = new Date();
    const due = await customerWithActivatedLicence({ activatedAt: daysAfter(now, -31) });
    const early = await customerWithActivatedLicence({ activatedAt: daysAfter(now, -10) });
    const reviewed = await customerWithActivatedLicence({ activatedAt: daysAfter(now, -35) });
    await submitReview(reviewed.customer, reviewed.product.slug, review());
    const ancient = await customerWithActivatedLicence({ activatedAt: daysAfter(now, -400) });

    await sendActivationReviewInvitations(now);
    await sendActivationReviewInvitations(now);
    const sentTo = async (c: { email: string }) => (await emailsOf(c.email, "quality.review-invitation")).length;
    expect(await sentTo(due.customer)).toBe(1);
    expect(await sentTo(early.customer)).toBe(0);
    expect(await sentTo(reviewed.customer)).toBe(0);
    expect(await sentTo(ancient.customer)).toBe(0);
    const rows = await db.select().from(reviewInvitations).where(eq(reviewInvitations.sourceId, due.licence.id));
    expect(rows.map((r) => [r.reason, r.userId])).toEqual([["activation", due.customer.id]]);
  });
});
