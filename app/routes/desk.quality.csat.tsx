import { pageTitle } from "~/utils/i18n";
import { data, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { AppForm, SubmitButton } from "~/components/app-form";
import { z } from "zod";
import { FormError, TextField } from "~/components/forms";
import { useI18n } from "~/components/i18n";
import { FilterTabs } from "~/components/quality/filter-tabs";
import { ComplaintStatusBadge } from "~/components/quality/complaint-badges";
import qualityStyles from "../components/quality/quality.css?url";
import type { MessageKey } from "~/locales/en";
import { can } from "~/modules/accounts/permissions";
import { escalateTicket } from "~/modules/quality/complaints.server";
import { CSAT_RATING_KEYS } from "~/modules/quality/csat";
import { closeCsatAlert, csatAlertQueue, ticketNumberOfCsat } from "~/modules/quality/csat.server";
import { requirePermission } from "~/modules/accounts/auth.server";
import { handleAppError } from "~/utils/errors.server";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "title.lowRatings") }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: qualityStyles }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:csat:any");
  const show = new URL(request.url).searchParams.get("show") === "all" ? "all" : "open";
  return { alerts: await csatAlertQueue(user, show), show, canAct: can(user, "update:complaint:any") };
}

const actionSchema = z.object({ intent: z.enum(["complaint", "close"]), csatId: z.string(), note: z.string().default("") });

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "update:complaint:any");
  const parsed = actionSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) throw new Response("Bad request", { status: 400 });
  const { intent, csatId, note } = parsed.data;
  try {
    if (intent === "complaint") {
      const number = await ticketNumberOfCsat(csatId);
      const created = await escalateTicket(user, number, note);
      return redirect(`/desk/quality/complaints/${created.complaintId}`);
    }
    await closeCsatAlert(user, csatId, note);
    return { ok: true as const, intent, csatId, formError: "" };
  } catch (error) {
    const failure = handleAppError(error);
    return data({ ok: false as const, intent, csatId, formError: failure.data.formError }, failure.init ?? undefined);
  }
}

export default function CsatAlerts() {
  const { alerts, show, canAct } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, dateTime } = useI18n();
  return (
    <>
      <p>
        <Link to="/desk/quality">← {t("quality.title")}</Link>
      </p>
      <h1>{t("csatAlerts.title")}</h1>
      <p className="muted">{t("csatAlerts.intro")}</p>
      <FilterTabs
        label={t("csatAlerts.title")}
        param="show"
        current={show}
        tabs={(["open", "all"] as const).map((s) => ({ value: s, label: t(`csatAlerts.show.${s}` as MessageKey) }))}
      />
      {alerts.length === 0 ? (
        <p className="card">{t("csatAlerts.empty")}</p>
      ) : (
        alerts.map((a) => (
          <article key={a.id} className="card" aria-labelledby={`alert-${a.id}`}>
            <h2 id={`alert-${a.id}`} style={{ marginTop: 0, fontSize: "1.1rem" }}>
              <a href={`/desk/tickets/${a.number}`}>
                #{a.number} {a.subject}
              </a>
            </h2>
            <p className="muted">
              {a.organisationName} · {a.authorName} · {dateTime(a.submittedAt)} · {t("workspace.engineer")}: {a.engineerName ?? "—"}
            </p>
            <ul className="history">
              {CSAT_RATING_KEYS.map((k) => (
                <li key={k}>
                  {t(`csat.${k}` as MessageKey)}: <strong className={a.ratings[k] <= 2 ? "badge danger" : undefined}>{a.ratings[k]}/5</strong>
                </li>
              ))}
            </ul>
            <p className="pre-wrap">{a.comment || t("csatAlerts.noComment")}</p>
            {a.complaints.map((c) => (
              <p key={c.id}>
                <Link to={`/desk/quality/complaints/${c.id}`}>{t("workspace.title")}</Link> <ComplaintStatusBadge status={c.status} />
              </p>
            ))}
            {a.closed ? <p className="muted">{t("csatAlerts.closed", { note: a.closed.note })}</p> : null}
            {/* One alert's refusal, above both of its forms. */}
            {result && !result.ok && result.csatId === a.id ? <FormError message={result.formError} /> : null}
            {canAct && a.complaints.length === 0 && !a.closed ? (
              <div className="inline-form">
                <AppForm method="post" schema={actionSchema} intent="complaint" formError="none">
                  <input type="hidden" name="csatId" value={a.id} />
                  <input type="hidden" name="note" value={t("csatAlerts.complaintNote", { number: a.number, comment: a.comment || t("csatAlerts.noComment") })} />
                  <SubmitButton>{t("csatAlerts.openComplaint")}</SubmitButton>
                </AppForm>
                <AppForm method="post" className="inline-form" schema={actionSchema} result={result?.csatId === a.id ? result : null} intent="close" formError="none">
                  <input type="hidden" name="csatId" value={a.id} />
                  <TextField label={t("csatAlerts.closeNote")} name="note" required />
                  <SubmitButton className="secondary">{t("csatAlerts.close")}</SubmitButton>
                </AppForm>
              </div>
            ) : null}
          </article>
        ))
      )}
    </>
  );
}
