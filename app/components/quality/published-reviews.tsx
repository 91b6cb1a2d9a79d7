import { useI18n } from "~/components/i18n";
import type { PublishedReviewsData } from "~/modules/reviews/reviews.server";
import { Stars } from "./rating-field";

/**
 * Published reviews for the public product page: the aggregate ratings, then each review's
 * four sections, its before → after table, ratings, the organisation (if its author agreed)
 * and the "verified licence holder" badge. Give it `await publishedReviewsForProduct(id)`.
 */
export function PublishedReviews({ data }: { data: PublishedReviewsData | null | undefined }) {
  const { t, date } = useI18n();
  if (!data) return null;
  const { aggregate, reviews } = data;
  return (
    <section className="published-reviews" aria-labelledby="reviews-heading">
      <h2 id="reviews-heading">{t("reviews.heading")}</h2>
      {aggregate.count === 0 ? (
        <p className="muted">{t("reviews.noneYet")}</p>
      ) : (
        <div className="card review-aggregate">
          <p>
            <strong>
              {t("reviews.aggregate", {
                count: aggregate.count,
                product: aggregate.averageProduct?.toFixed(1) ?? "—",
                support: aggregate.averageSupport?.toFixed(1) ?? "—",
              })}
            </strong>
          </p>
          <table className="compact">
            <caption className="sr-only">{t("reviews.distribution")}</caption>
            <tbody>
              {([5, 4, 3, 2, 1] as const).map((n) => (
                <tr key={n}>
                  <th scope="row">
                    <Stars value={n} label={t("reviews.stars", { value: n })} />
                  </th>
                  <td>{aggregate.distribution[n]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {reviews.map((review) => (
        <article key={review.id} className="card review" aria-label={review.organisationName ?? t("reviews.anonymous")}>
          <header className="review-header">
            <strong>{review.organisationName ?? t("reviews.anonymous")}</strong>{" "}
            {review.verified ? <span className="badge ok">{t("reviews.verified")}</span> : null}{" "}
            <span className="muted">{t("reviews.publishedOn", { date: date(review.publishedAt) })}</span>
          </header>
          <p className="review-scores">
            {t("reviews.productScore")}: <Stars value={review.productRating} label={t("reviews.stars", { value: review.productRating })} /> ·{" "}
            {t("reviews.supportScore")}: <Stars value={review.supportRating} label={t("reviews.stars", { value: review.supportRating })} />
          </p>
          <ReviewSections review={review} />
        </article>
      ))}
    </section>
  );
}

type ReviewText = { before: string; why: string; after: string; support: string; metrics: Array<{ label: string; before: string; after: string }> };

/** The four prompts of a structured review and its before → after table, as readers and moderators see them. */
export function ReviewSections({ review }: { review: ReviewText }) {
  const { t } = useI18n();
  return (
    <>
      <h3>{t("reviews.before")}</h3>
      <p className="pre-wrap">{review.before}</p>
      <h3>{t("reviews.why")}</h3>
      <p className="pre-wrap">{review.why}</p>
      <h3>{t("reviews.after")}</h3>
      <p className="pre-wrap">{review.after}</p>
      {review.metrics.length > 0 ? (
        <table className="compact metrics">
          <thead>
            <tr>
              <th scope="col">{t("reviews.metricLabel")}</th>
              <th scope="col">{t("reviews.metricBefore")}</th>
              <th scope="col">{t("reviews.metricAfter")}</th>
            </tr>
          </thead>
          <tbody>
            {review.metrics.map((m, i) => (
              <tr key={i}>
                <td>{m.label}</td>
                <td>{m.before}</td>
                <td>{m.after}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {review.support ? (
        <>
          <h3>{t("reviews.support")}</h3>
          <p className="pre-wrap">{review.support}</p>
        </>
      ) : null}
    </>
  );
}
