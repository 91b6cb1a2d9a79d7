import { pageTitle } from "~/utils/i18n";
import { data, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import type { FieldErrors } from "~/utils/messages";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { AppForm, SubmitButton } from "~/components/app-form";
import { FormError, Notice, TextAreaField } from "~/components/forms";
import { useI18n } from "~/components/i18n";
import { RatingField } from "~/components/quality/rating-field";
import qualityStyles from "../components/quality/quality.css?url";
import type { MessageKey } from "~/locales/en";
import { CSAT_EDIT_WINDOW_MS, CSAT_RATING_KEYS, csatSchema } from "~/modules/quality/csat";
import { csatFormFor, submitCsat } from "~/modules/quality/csat.server";
import { requireCustomer } from "~/modules/accounts/auth.server";
import { handleAppError, notFound } from "~/utils/errors.server";
import { parseForm } from "~/utils/forms";
import { breadcrumbs } from "~/components/breadcrumbs";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "title.rateARequest") }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: qualityStyles }];

function ticketNumber(value: string | undefined): number {
  if (!value || !/^\d{1,9}$/.test(value)) notFound();
  return Number(value);
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireCustomer(request);
  try {
    return await csatFormFor(user, ticketNumber(params.number));
  } catch (error) {
    throw handleAppError(error);
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireCustomer(request);
  const parsed = parseForm(csatSchema, await request.formData());
  if (!parsed.ok) return data({ ok: false as const, formError: "", fieldErrors: parsed.fieldErrors, values: parsed.values, low: false, invited: false }, { status: 400 });
  try {
    const result = await submitCsat(user, ticketNumber(params.number), parsed.data);
    return { ok: true as const, formError: "", fieldErrors: {} as FieldErrors, values: parsed.values, low: result.low, invited: result.invited };
  } catch (error) {
    const failure = handleAppError(error, parsed.values);
    return data({ ok: false as const, formError: failure.data.formError, fieldErrors: failure.data.fieldErrors, values: parsed.values, low: false, invited: false }, failure.init ?? undefined);
  }
}

/** Breadcrumbs above the heading (the shell draws them). */
export const handle = breadcrumbs<typeof loader>((d, { t }) => [{ to: "/portal/tickets", label: t("nav.tickets") }, { to: `/portal/tickets/${d.ticket.number}`, label: `#${d.ticket.number}` }, { label: t("crumbs.rate") }]);

export default function RateTicket() {
  const { ticket, rateable, csat } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, dateTime } = useI18n();
  const values = result?.values;
  const low = result?.ok ? result.low : (csat?.low ?? false);
  const editUntil = csat ? new Date(new Date(csat.submittedAt).getTime() + CSAT_EDIT_WINDOW_MS) : null;
  return (
    <>
      <p>
        <Link to={`/portal/tickets/${ticket.number}`}>← {t("csat.backToTicket")}</Link>
      </p>
      <h1>{t("csat.title", { number: ticket.number })}</h1>
      <p className="muted">{ticket.subject}</p>
      {result?.ok ? <Notice>{t("csat.thanks")}</Notice> : null}
      {/* Shown above the form: a save refused because the rating was locked meanwhile comes back without the form. */}
      <FormError message={result && !result.ok ? result.formError : null} />
      {low && (result?.ok || csat) ? (
        <section className="alert alert-warn" aria-labelledby="low-title">
          <h2 id="low-title" style={{ marginTop: 0 }}>
            {t("csat.lowTitle")}
          </h2>
          <p>{t("csat.lowBody")}</p>
          <Link className="button" to={`/portal/complaints/new?ticket=${ticket.id}`}>
            {t("csat.fileComplaint")}
          </Link>
        </section>
      ) : null}
      {result?.ok && result.invited ? (
        <p className="card">
          {t("csat.reviewInvite")} <Link to="/portal/reviews">{t("csat.writeReview")}</Link>
        </p>
      ) : null}
      {!rateable ? (
        <p className="card">{t("csat.notSolved")}</p>
      ) : csat && !csat.canEdit ? (
        <div className="card">
          <p>{t("csat.locked", { date: dateTime(csat.submittedAt) })}</p>
          <ul>
            {CSAT_RATING_KEYS.map((k) => (
              <li key={k}>
                {t(`csat.${k}` as MessageKey)}: {csat.ratings[k]}/5
              </li>
            ))}
          </ul>
          {csat.comment ? <p className="pre-wrap">{csat.comment}</p> : null}
        </div>
      ) : (
        <AppForm method="post" className="card" schema={csatSchema} result={result} formError="none">
          <p className="muted">{t("csat.intro")}</p>
          {csat && editUntil ? <p>{t("csat.editUntil", { date: dateTime(editUntil) })}</p> : null}
          {CSAT_RATING_KEYS.map((key) => (
            <RatingField
              key={key}
              name={key}
              legend={t(`csat.${key}` as MessageKey)}
              hint={t("csat.scale")}
              defaultValue={values?.[key] ?? csat?.ratings[key]}
            />
          ))}
          <TextAreaField
            label={t("csat.comment")}
            name="comment"
            hint={t("csat.commentHint")}
            rows={4}
            defaultValue={values?.comment ?? csat?.comment}
          />
          <SubmitButton>{csat ? t("csat.update") : t("csat.submit")}</SubmitButton>
        </AppForm>
      )}
    </>
  );
}
