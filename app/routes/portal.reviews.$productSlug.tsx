import { pageTitle } from "~/utils/i18n";
import { data, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import type { ActionResult } from "~/utils/messages";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { FormError, Notice, TextAreaField } from "~/components/forms";
import { useI18n } from "~/components/i18n";
import { RatingField } from "~/components/quality/rating-field";
import qualityStyles from "../components/quality/quality.css?url";
import type { MessageKey } from "~/locales/en";
import { shouldOfferComplaintFirst, reviewSchema } from "~/modules/reviews/review";
import { metricRowsForForm, reviewInputFromEntries } from "~/modules/reviews/review-form";
import { reviewFormFor, submitReview } from "~/modules/reviews/reviews.server";
import { requireCustomer } from "~/modules/accounts/auth.server";
import { handleAppError } from "~/utils/errors.server";
import { checkInput, fieldErrorsOf, formValues } from "~/utils/forms";
import { breadcrumbs } from "~/components/breadcrumbs";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [{ title: data ? pageTitle(matches, "title.reviewOf", { product: data.product.name }) : pageTitle(matches, "title.review") }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: qualityStyles }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireCustomer(request);
  try {
    return await reviewFormFor(user, params.productSlug ?? "");
  } catch (error) {
    throw handleAppError(error);
  }
}

type Result = ActionResult<{
  values: Record<string, string>;
  /** A support rating ≤ 2: offer the complaint route before sending. */
  complaintFirst: boolean;
}>;

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireCustomer(request);
  const form = await request.formData();
  const values = formValues(form);
  const result = (r: Partial<Result>, status = 200) => data<Result>({ ok: status < 400, formError: "", fieldErrors: {}, values, complaintFirst: false, ...r }, { status });
  const parsed = checkInput(reviewSchema, reviewInputFromEntries(form.entries()));
  if (!parsed.success) return result({ fieldErrors: fieldErrorsOf(parsed.error.issues) }, 400);
  if (shouldOfferComplaintFirst(parsed.data.supportRating) && form.get("confirmed") !== "yes") return result({ ok: false, complaintFirst: true });
  try {
    await submitReview(user, params.productSlug ?? "", parsed.data);
    return result({});
  } catch (error) {
    const failure = handleAppError(error, values);
    return result({ formError: failure.data.formError, fieldErrors: failure.data.fieldErrors }, failure.init?.status ?? 400);
  }
}

/** Breadcrumbs above the heading (the shell draws them). */
export const handle = breadcrumbs<typeof loader>((d, { t }) => [{ to: "/portal/reviews", label: t("nav.myReviews") }, { label: d.product.name }]);

export default function WriteReview() {
  const { product, eligible, review } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, say } = useI18n();
  const v = result && !result.ok ? result.values : null;
  const errors = result && !result.ok ? result.fieldErrors : {};
  const metricErrors = Object.entries(errors).filter(([k]) => k.startsWith("metrics")).flatMap(([, e]) => e ?? []);
  const filled = v
    ? Array.from({ length: 10 }, (_, i) => ({ label: v[`metrics.${i}.label`] ?? "", before: v[`metrics.${i}.before`] ?? "", after: v[`metrics.${i}.after`] ?? "" })).filter(
        (r) => r.label || r.before || r.after,
      )
    : (review?.metrics ?? []);
  const rows = metricRowsForForm(filled);
  const text = (name: "before" | "why" | "after" | "support") => v?.[name] ?? review?.[name] ?? "";
  return (
    <>
      <p>
        <Link to="/portal/reviews">← {t("reviews.title")}</Link>
      </p>
      <h1>{t("reviews.formTitle", { product: product.name })}</h1>
      {!eligible ? (
        <p className="card">{t("reviews.notEligible", { product: product.name })}</p>
      ) : (
        <>
          {result?.ok ? <Notice>{t("reviews.saved")}</Notice> : null}
          <FormError message={result && !result.ok ? result.formError : null} />
          {review ? (
            <p className="card">
              {t("reviews.yourReview")}: <strong>{t(`reviews.status.${review.status}` as MessageKey)}</strong>
              {review.status === "rejected" && review.rejectionReason ? <> — {t("reviews.rejectedBecause", { reason: review.rejectionReason })}</> : null}
              <br />
              <span className="muted">{t("reviews.editNote")}</span>
            </p>
          ) : null}
          <Form method="post" noValidate className="card">
            {result?.complaintFirst ? (
              <section className="alert alert-warn" aria-labelledby="complaint-first-title">
                <h2 id="complaint-first-title" style={{ marginTop: 0 }}>
                  {t("reviews.complaintFirstTitle")}
                </h2>
                <p>{t("reviews.complaintFirstBody")}</p>
                <p className="inline-form">
                  <Link className="button" to="/portal/complaints/new">
                    {t("reviews.complaintFirst")}
                  </Link>
                  <button type="submit" name="confirmed" value="yes" className="secondary">
                    {t("reviews.submitAnyway")}
                  </button>
                </p>
              </section>
            ) : null}
            <TextAreaField label={t("reviews.before")} name="before" hint={t("reviews.beforeHint")} required rows={4} defaultValue={text("before")} errors={errors.before} />
            <TextAreaField label={t("reviews.why")} name="why" hint={t("reviews.whyHint")} required rows={4} defaultValue={text("why")} errors={errors.why} />
            <TextAreaField label={t("reviews.after")} name="after" hint={t("reviews.afterHint")} required rows={4} defaultValue={text("after")} errors={errors.after} />
            <fieldset aria-describedby="metrics-hint">
              <legend>{t("reviews.metrics")}</legend>
              <p className="hint" id="metrics-hint">
                {t("reviews.metricsHint")}
              </p>
              <table className="compact metrics-table">
                <thead>
                  <tr>
                    <th scope="col">{t("reviews.metricLabel")}</th>
                    <th scope="col">{t("reviews.metricBefore")}</th>
                    <th scope="col">{t("reviews.metricAfter")}</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((row, i) => (
                    <tr key={i}>
                      <td>
                        <input name={`metrics.${i}.label`} defaultValue={row.label} aria-label={`${t("reviews.metricLabel")} — ${t("reviews.metricRow", { n: i + 1 })}`} />
                      </td>
                      <td>
                        <input name={`metrics.${i}.before`} defaultValue={row.before} aria-label={`${t("reviews.metricBefore")} — ${t("reviews.metricRow", { n: i + 1 })}`} />
                      </td>
                      <td>
                        <input name={`metrics.${i}.after`} defaultValue={row.after} aria-label={`${t("reviews.metricAfter")} — ${t("reviews.metricRow", { n: i + 1 })}`} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {metricErrors.length ? (
                <p className="field-error" role="alert">
                  {[...new Set(metricErrors.map(say))].join(" ")}
                </p>
              ) : null}
            </fieldset>
            <TextAreaField label={t("reviews.support")} name="support" hint={t("reviews.supportHint")} rows={3} defaultValue={text("support")} errors={errors.support} />
            <RatingField name="productRating" legend={t("reviews.productRating")} defaultValue={v?.productRating ?? review?.productRating} errors={errors.productRating} />
            <RatingField name="supportRating" legend={t("reviews.supportRating")} defaultValue={v?.supportRating ?? review?.supportRating} errors={errors.supportRating} />
            <div className="field">
              <label style={{ fontWeight: "normal" }}>
                <input
                  type="checkbox"
                  name="showOrganisation"
                  defaultChecked={v ? v.showOrganisation === "on" : (review?.showOrganisation ?? false)}
                />{" "}
                {t("reviews.showOrganisation")}
              </label>
            </div>
            <button type="submit">{t("reviews.submit")}</button>
          </Form>
        </>
      )}
    </>
  );
}
