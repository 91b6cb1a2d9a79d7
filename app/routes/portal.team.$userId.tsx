import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useI18n } from "~/components/i18n";
import { getContact } from "~/modules/accounts/users.server";
import { requireCustomer } from "~/modules/accounts/auth.server";
import { AppError, notFound } from "~/utils/errors.server";
import { isUuid } from "~/utils/pagination";
import { breadcrumbs } from "~/components/breadcrumbs";

/** One contact person. A contact of another organisation is a 404, exactly like a missing one. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireCustomer(request);
  if (!isUuid(params.userId)) notFound();
  try {
    return { contact: await getContact(user, params.userId) };
  } catch (error) {
    if (error instanceof AppError) notFound();
    throw error;
  }
}

/** Breadcrumbs above the heading (the shell draws them). */
export const handle = breadcrumbs<typeof loader>((d, { t }) => [{ to: "/portal/team", label: t("nav.team") }, { label: d.contact.name }]);

export default function ContactPage() {
  const { contact } = useLoaderData<typeof loader>();
  const { t } = useI18n();
  return (
    <section className="card">
      <h1>{contact.name}</h1>
      <dl className="facts">
        <dt>{t("common.email")}</dt>
        <dd>{contact.email}</dd>
        <dt>{t("team.jobTitle")}</dt>
        <dd>{contact.jobTitle ?? "—"}</dd>
        <dt>{t("common.status")}</dt>
        <dd>{contact.deactivatedAt ? t("common.deactivated") : t("common.active")}</dd>
      </dl>
      <Link to="/portal/team">{t("common.back")}</Link>
    </section>
  );
}
