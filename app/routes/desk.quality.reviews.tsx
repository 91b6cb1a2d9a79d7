import { pageTitle } from "~/utils/i18n";
import { data, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import type { FieldErrors } from "~/utils/messages";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { AppForm, SubmitButton } from "~/components/app-form";
import { z } from "zod";
import { FormError, Notice, TextAreaField } from "~/components/forms";
import { useI18n } from "~/components/i18n";
import { FilterTabs } from "~/components/quality/filter-tabs";
import { ReviewSections } from "~/components/quality/published-reviews";
import { Stars } from "~/components/quality/rating-field";
import qualityStyles from "../components/quality/quality.css?url";
import type { MessageKey } from "~/locales/en";
import { moderationQueue, publishReview, rejectReview } from "~/modules/reviews/reviews.server";
import { requirePermission } from "~/modules/accounts/auth.server";
import { handleAppError } from "~/utils/errors.server";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "title.reviewModeration") }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: qualityStyles }];

const STATUSES = ["pending", "published", "rejected"] as const;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "moderate:review:any");
  const param = new URL(request.url).searchParams.get("status");
  const status = STATUSES.find((s) => s === param) ?? "pending";
  return { ...(await moderationQueue(user, status)), status };
}

const actionSchema = z.object({ intent: z.enum(["publish", "reject"]), reviewId: z.string(), reason: z.string().default("") });

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "moderate:review:any");
  const parsed = actionSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) throw new Response("Bad request", { status: 400 });
  const { intent, reviewId, reason } = parsed.data;
  try {
    if (intent === "publish") await publishReview(user, reviewId);
    else await rejectReview(user, reviewId, reason);
    return { ok: true as const, intent, reviewId, formError: "", fieldErrors: {} as FieldErrors };
  } catch (error) {
    const failure = handleAppError(error);
    return data({ ok: false as const, intent, reviewId, formError: failure.data.formError, fieldErrors: failure.data.fieldErrors }, failure.init ?? undefined);
  }
}

export default function ReviewModeration() {
  const { reviews, counts, status } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, dateTime } = useI18n();
  return (
    <>
      <p>
        <Link to="/desk/quality">← {t("quality.title")}</Link>
      </p>
      <h1>{t("moderation.title")}</h1>
      {result?.ok ? <Notice>{result.intent === "publish" ? t("moderation.published") : t("moderation.rejected")}</Notice> : null}
      <FilterTabs
        label={t("moderation.title")}
        param="status"
        current={status}
        tabs={STATUSES.map((s) => ({ value: s, label: t(`reviews.status.${s}` as MessageKey), count: counts[s] ?? 0 }))}
      />
      {reviews.length === 0 ? (
        <p className="card">{t("moderation.empty")}</p>
      ) : (
        reviews.map((r) => (
          <article key={r.id} className="card" aria-labelledby={`review-${r.id}`}>
            <h2 id={`review-${r.id}`} style={{ marginTop: 0, fontSize: "1.1rem" }}>
              {r.productName} — {r.organisationName}
            </h2>
            <p className="muted">
              {t("moderation.submitted", { date: dateTime(r.submittedAt), name: r.authorName, organisation: r.organisationName })} ·{" "}
              {r.showOrganisation ? t("moderation.showsOrganisation") : t("moderation.hidesOrganisation")}
            </p>
            <p>
              {t("reviews.productScore")}: <Stars value={r.productRating} label={t("reviews.stars", { value: r.productRating })} /> · {t("reviews.supportScore")}:{" "}
              <Stars value={r.supportRating} label={t("reviews.stars", { value: r.supportRating })} />
            </p>
            <ReviewSections review={r} />
            {r.status === "rejected" && r.rejectionReason ? <p className="alert alert-warn">{t("reviews.rejectedBecause", { reason: r.rejectionReason })}</p> : null}
            {/* One review's refusal, above both of its forms. */}
            {result && !result.ok && result.reviewId === r.id ? <FormError message={result.formError} /> : null}
            {r.status === "pending" ? (
              <div className="inline-form">
                <AppForm method="post" schema={actionSchema} intent="publish" formError="none">
                  <input type="hidden" name="reviewId" value={r.id} />
                  <SubmitButton>
                    {t("moderation.publish")}
                    <span className="sr-only"> — {r.productName}, {r.organisationName}</span>
                  </SubmitButton>
                </AppForm>
                <AppForm method="post" className="inline-form" schema={actionSchema} result={result?.reviewId === r.id ? result : null} intent="reject" formError="none">
                  <input type="hidden" name="reviewId" value={r.id} />
                  <TextAreaField label={t("moderation.reason")} name="reason" rows={2} />
                  <SubmitButton className="danger">{t("moderation.reject")}</SubmitButton>
                </AppForm>
              </div>
            ) : null}
          </article>
        ))
      )}
    </>
  );
}
