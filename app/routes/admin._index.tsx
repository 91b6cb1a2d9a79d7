import { pageTitle } from "~/utils/i18n";
import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { useI18n } from "~/components/i18n";
import { requirePermission } from "~/modules/accounts/auth.server";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "title.administration") }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "manage:settings:any");
  return null;
}

export default function AdminHome() {
  const { t } = useI18n();
  return (
    <>
      <h1>{t("admin.title")}</h1>
      <div className="grid-2">
        <section className="card">
          <h2>{t("settings.title")}</h2>
          <Link to="/admin/settings">{t("nav.settings")}</Link>
        </section>
        <section className="card">
          <h2>{t("backups.title")}</h2>
          <Link to="/admin/backups">{t("nav.backups")}</Link>
        </section>
        <section className="card">
          <h2>{t("users.title")}</h2>
          <Link to="/admin/users">{t("users.invite")}</Link>
        </section>
        <section className="card">
          <h2>{t("audit.title")}</h2>
          <Link to="/admin/audit">{t("nav.audit")}</Link>
        </section>
        <section className="card">
          <h2>{t("outbox.title")}</h2>
          <Link to="/desk/outbox">{t("nav.outbox")}</Link>
        </section>
        <section className="card">
          <h2>{t("mail.title")}</h2>
          <Link to="/admin/mail">{t("nav.mail")}</Link>
        </section>
        <section className="card">
          <h2>{t("orgs.title")}</h2>
          <Link to="/desk/organisations">{t("nav.organisations")}</Link>
        </section>
      </div>
    </>
  );
}
