import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useI18n } from "~/components/i18n";
import { getOrganisation } from "~/modules/accounts/organisations.server";
import { requireCustomer } from "~/utils/auth.server";

export const meta: MetaFunction = () => [{ title: "Portal · Keydesk" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireCustomer(request);
  const organisation = await getOrganisation(user, user.organisationId);
  return { name: user.name, organisation: { id: organisation.id, name: organisation.name } };
}

export default function PortalHome() {
  const { name, organisation } = useLoaderData<typeof loader>();
  const { t } = useI18n();
  return (
    <>
      <h1>{t("portal.welcome", { name })}</h1>
      <div className="grid-2">
        <section className="card">
          <h2>{t("portal.organisation")}</h2>
          <p>{organisation.name}</p>
          <Link to="/portal/team">{t("nav.team")}</Link>
        </section>
      </div>
    </>
  );
}
