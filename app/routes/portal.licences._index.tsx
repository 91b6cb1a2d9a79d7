import { pageTitle } from "~/utils/i18n";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useI18n } from "~/components/i18n";
import { LicenceStatusBadge } from "~/components/licensing";
import { listOrganisationLicences } from "~/modules/licensing/licences.server";
import { requireCustomer } from "~/modules/accounts/auth.server";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "title.licences") }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireCustomer(request);
  return { licences: await listOrganisationLicences(user) };
}

export default function PortalLicences() {
  const { licences } = useLoaderData<typeof loader>();
  const { t } = useI18n();
  return (
    <>
      <h1>{t("lic.title")}</h1>
      {licences.length === 0 ? (
        <p className="card">
          {t("lic.none")} <Link to="/products">{t("shop.title")}</Link>
        </p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("lic.product")}</th>
                <th scope="col">{t("lic.key")}</th>
                <th scope="col">{t("lic.site")}</th>
                <th scope="col">{t("common.status")}</th>
              </tr>
            </thead>
            <tbody>
              {licences.map((l) => (
                <tr key={l.id}>
                  <td>
                    <Link to={`/portal/licences/${l.id}`}>{l.productName}</Link>
                  </td>
                  <td>
                    <code>{l.key}</code>
                  </td>
                  <td>{l.productionHost ?? "—"}</td>
                  <td>
                    <LicenceStatusBadge status={l.status} date={l.date} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p style={{ marginTop: 16 }}>
        <Link to="/products">{t("lic.buyAnother")}</Link>
      </p>
    </>
  );
}
