import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useI18n } from "~/components/i18n";
import { getOrganisation } from "~/modules/accounts/organisations.server";
import { listContacts } from "~/modules/accounts/users.server";
import { getOrganisationPlan } from "~/modules/sla/plan-term.server";
import { requirePermission } from "~/utils/auth.server";
import { handleAppError, notFound } from "~/utils/errors.server";
import { isUuid } from "~/utils/pagination";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:organisation:any");
  if (!isUuid(params.orgId)) notFound();
  try {
    const organisation = await getOrganisation(user, params.orgId);
    return { organisation, contacts: await listContacts(user, organisation.id), plan: await getOrganisationPlan(user, organisation.id) };
  } catch (error) {
    throw handleAppError(error);
  }
}

export default function OrganisationPage() {
  const { organisation, contacts, plan } = useLoaderData<typeof loader>();
  const { t, date } = useI18n();
  return (
    <>
      <p>
        <Link to="/desk/organisations">← {t("orgs.title")}</Link>
      </p>
      <h1>{organisation.name}</h1>
      <p>
        <Link to={`/desk/organisations/${organisation.id}/contract`}>{t("contract.link")}</Link>
      </p>
      <section className="card">
        <dl className="facts">
          <dt>{t("orgs.taxId")}</dt>
          <dd>{organisation.taxId ?? "—"}</dd>
          <dt>{t("common.email")}</dt>
          <dd>{organisation.email ?? "—"}</dd>
          <dt>{t("orgs.phone")}</dt>
          <dd>{organisation.phone ?? "—"}</dd>
          <dt>{t("plans.plan")}</dt>
          <dd>{plan.planUntil ? t("planShop.planUntil", { plan: plan.planName, date: date(plan.planUntil) }) : plan.planName}</dd>
        </dl>
      </section>
      <h2>{t("orgs.contacts")}</h2>
      {contacts.length === 0 ? (
        <p className="card">{t("common.empty")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("common.name")}</th>
                <th scope="col">{t("common.email")}</th>
                <th scope="col">{t("team.jobTitle")}</th>
                <th scope="col">{t("common.status")}</th>
              </tr>
            </thead>
            <tbody>
              {contacts.map((c) => (
                <tr key={c.id}>
                  <td>
                    {c.name} {c.isPrimaryContact ? <span className="badge ok">{t("team.primary")}</span> : null}
                  </td>
                  <td>
                    {c.email} {c.bouncing ? <span className="badge warn">{t("mail.bouncing.badge")}</span> : null}
                  </td>
                  <td>{c.jobTitle ?? "—"}</td>
                  <td>{c.deactivatedAt ? t("common.deactivated") : c.invitationPending ? t("common.invited") : t("common.active")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
