import { pageTitle } from "~/utils/i18n";
import { data, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import type { ActionResult } from "~/utils/messages";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { AppForm, SubmitButton } from "~/components/app-form";
import { useAppForm } from "~/components/form-context";
import { Notice, TextAreaField } from "~/components/forms";
import { useI18n } from "~/components/i18n";
import { RatingField } from "~/components/quality/rating-field";
import qualityStyles from "../components/quality/quality.css?url";
import type { MessageKey } from "~/locales/en";
import { shouldOfferComplaintFirst } from "~/modules/reviews/review";
import { METRIC_ERROR_NAMES, metricRowsForForm, reviewFormSchema } from "~/modules/reviews/review-form";
import { reviewFormFor, submitReview } from "~/modules/reviews/reviews.server";
import { requireCustomer } from "~/modules/accounts/auth.server";
import { handleAppError } from "~/utils/errors.server";
import { parseForm } from "~/utils/forms";
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
  const parsed = parseForm(reviewFormSchema, form);
  const values = parsed.values;
  const result = (r: Partial<Result>, status = 200) => data<Result>({ ok: status < 400, formError: "", fieldErrors: {}, values, complaintFirst: false, ...r }, { status });
  if (!parsed.ok) return result({ fieldErrors: parsed.fieldErrors }, 400);
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

/** The metric rows' errors, together under the table (the rows are numbered after blank ones are dropped). */
function MetricErrors() {
  const { say } = useI18n();
  const form = useAppForm();
  const messages = [...new Set(METRIC_ERROR_NAMES.flatMap((name) => form?.errorsOf(name) ?? []).map(say))];
  if (messages.length === 0) return null;
  return (
    <p className="field-error" role="alert">
      {messages.join(" ")}
    </p>
  );
}

export default function WriteReview() {
  const { product, eligible, review } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useI18n();
  const v = result && !result.ok ? result.values : null;
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
          {review ? (
            <p className="card">
              {t("reviews.yourReview")}: <strong>{t(`reviews.status.${review.status}` as MessageKey)}</strong>
              {review.status === "rejected" && review.rejectionReason ? <> — {t("reviews.rejectedBecause", { reason: review.rejectionReason })}</> : null}
              <br />
              <span className="muted">{t("reviews.editNote")}</span>
            </p>
          ) : null}
          <AppForm method="post" className="card" schema={reviewFormSchema} result={result}>
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
                  <SubmitButton name="confirmed" value="yes" className="secondary">
                    {t("reviews.submitAnyway")}
                  </SubmitButton>
                </p>
              </section>
            ) : null}
            <TextAreaField label={t("reviews.before")} name="before" hint={t("reviews.beforeHint")} required rows={4} defaultValue={text("before")} />
            <TextAreaField label={t("reviews.why")} name="why" hint={t("reviews.whyHint")} required rows={4} defaultValue={text("why")} />
            <TextAreaField label={t("reviews.after")} name="after" hint={t("reviews.afterHint")} required rows={4} defaultValue={text("after")} />
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
              <MetricErrors />
            </fieldset>
            <TextAreaField label={t("reviews.support")} name="support" hint={t("reviews.supportHint")} rows={3} defaultValue={text("support")} />
            <RatingField name="productRating" legend={t("reviews.productRating")} defaultValue={v?.productRating ?? review?.productRating} />
            <RatingField name="supportRating" legend={t("reviews.supportRating")} defaultValue={v?.supportRating ?? review?.supportRating} />
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
            <SubmitButton>{t("reviews.submit")}</SubmitButton>
          </AppForm>
        </>
      )}
    </>
  );
}
