import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useI18n } from "~/components/i18n";
import { getEmail } from "~/modules/accounts/outbox.server";
import { requirePermission } from "~/modules/accounts/auth.server";
import { handleAppError, notFound } from "~/utils/errors.server";
import { isUuid } from "~/utils/pagination";
import { breadcrumbs } from "~/components/breadcrumbs";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:email:any");
  if (!isUuid(params.emailId)) notFound();
  try {
    const { html: _html, ...email } = await getEmail(user, params.emailId);
    return { email };
  } catch (error) {
    throw handleAppError(error);
  }
}

/** Breadcrumbs above the heading (the shell draws them). */
export const handle = breadcrumbs<typeof loader>((d, { t }) => [{ to: "/desk/outbox", label: t("nav.outbox") }, { label: d.email.subject }]);

export default function OutboxEmail() {
  const { email } = useLoaderData<typeof loader>();
  const { t, dateTime } = useI18n();
  return (
    <>
      <p>
        <Link to="/desk/outbox">← {t("outbox.title")}</Link>
      </p>
      <h1>{email.subject}</h1>
      <section className="card">
        <dl className="facts">
          <dt>{t("outbox.to")}</dt>
          <dd>{email.toAddress}</dd>
          <dt>{t("common.created")}</dt>
          <dd>{dateTime(email.createdAt)}</dd>
          <dt>{t("common.status")}</dt>
          <dd>{email.status}</dd>
          <dt>{t("outbox.template")}</dt>
          <dd>{email.template}</dd>
          {email.lastError ? (
            <>
              <dt>{t("outbox.lastError")}</dt>
              <dd>{email.lastError}</dd>
            </>
          ) : null}
        </dl>
      </section>
      {email.withheld ? (
        <p className="card">{t("outbox.withheld")}</p>
      ) : (
        <>
          {/* The email's own HTML is shown in a sandboxed frame: no scripts, no access to this page. */}
          <iframe title={email.subject} className="email-frame" sandbox="" src={`/desk/outbox/${email.id}/html`} />
          <details className="card">
            <summary>{t("common.text")}</summary>
            <pre className="json">{email.text}</pre>
          </details>
        </>
      )}
    </>
  );
}
