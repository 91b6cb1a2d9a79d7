import { pageTitle } from "~/utils/i18n";
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { useI18n } from "~/components/i18n";
import { REPORT_ORDER } from "~/components/reports/report-view";
import reportStyles from "../components/reports/reports.css?url";
import type { MessageKey } from "~/locales/en";
import { requirePermission } from "~/modules/accounts/auth.server";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "title.reports") }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: reportStyles }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "read:report:any");
  return null;
}

export default function ReportsIndex() {
  const { t } = useI18n();
  return (
    <>
      <h1>{t("reports.title")}</h1>
      <p className="muted">{t("reports.intro")}</p>
      <ul className="report-list">
        {REPORT_ORDER.map((name) => (
          <li key={name} className="card">
            <h2>
              <Link to={`/desk/reports/${name}`}>{t(`reports.name.${name}` as MessageKey)}</Link>
            </h2>
            <p>{t(`reports.about.${name}` as MessageKey)}</p>
          </li>
        ))}
      </ul>
      <p>
        <Link to="/desk/reports/quality">{t("nav.qualityReport")}</Link>
      </p>
      <p>
        <Link to="/desk/reports/tags">{t("tags.report.title")}</Link>
      </p>
    </>
  );
}
