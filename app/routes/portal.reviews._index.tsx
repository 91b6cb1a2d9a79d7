import { pageTitle } from "~/utils/i18n";
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useI18n } from "~/components/i18n";
import qualityStyles from "../components/quality/quality.css?url";
import type { MessageKey } from "~/locales/en";
import { reviewableProducts } from "~/modules/reviews/reviews.server";
import { requireCustomer } from "~/modules/accounts/auth.server";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "title.reviews") }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: qualityStyles }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireCustomer(request);
  return { products: await reviewableProducts(user) };
}

const STATUS_CLASS: Record<string, string> = { pending: "warn", published: "ok", rejected: "danger" };

export default function CustomerReviews() {
  const { products } = useLoaderData<typeof loader>();
  const { t, dateTime } = useI18n();
  return (
    <>
      <h1>{t("reviews.title")}</h1>
      <p className="muted">{t("reviews.intro")}</p>
      {products.length === 0 ? (
        <p className="card">{t("reviews.none")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("reviews.product")}</th>
                <th scope="col">{t("reviews.yourReview")}</th>
                <th scope="col">{t("common.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {products.map((p) => (
                <tr key={p.id}>
                  <td>
                    <Link to={`/products/${p.slug}`}>{p.name}</Link>
                  </td>
                  <td>
                    {p.review ? (
                      <>
                        <span className={`badge ${STATUS_CLASS[p.review.status] ?? ""}`}>{t(`reviews.status.${p.review.status}` as MessageKey)}</span>{" "}
                        <span className="muted">{dateTime(p.review.submittedAt)}</span>
                        {p.review.status === "rejected" && p.review.rejectionReason ? (
                          <p className="pre-wrap" style={{ margin: "4px 0 0" }}>
                            {t("reviews.rejectedBecause", { reason: p.review.rejectionReason })}
                          </p>
                        ) : null}
                      </>
                    ) : (
                      <span className="muted">{t("reviews.notWritten")}</span>
                    )}
                  </td>
                  <td>
                    <Link to={`/portal/reviews/${p.slug}`}>
                      {p.review ? t("reviews.edit") : t("reviews.write")}
                      <span className="sr-only"> — {p.name}</span>
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
