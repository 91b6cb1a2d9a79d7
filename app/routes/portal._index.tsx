import { pageTitle } from "~/utils/i18n";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useI18n } from "~/components/i18n";
import type { MessageKey } from "~/locales/en";
import { getOrganisation } from "~/modules/accounts/organisations.server";
import { formatMoney } from "~/modules/licensing/renewal-pricing";
import { customerDashboard } from "~/modules/reports/dashboards.server";
import { requireCustomer } from "~/modules/accounts/auth.server";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "title.portal") }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireCustomer(request);
  const [organisation, dashboard] = await Promise.all([getOrganisation(user, user.organisationId), customerDashboard(user)]);
  return { name: user.name, organisation: { id: organisation.id, name: organisation.name }, dashboard };
}

export default function PortalHome() {
  const { name, organisation, dashboard } = useLoaderData<typeof loader>();
  const { t, locale, date, dateTime } = useI18n();
  return (
    <>
      <h1>{t("portal.welcome", { name })}</h1>
      <div className="grid-2">
        <section className="card" aria-labelledby="home-licences">
          <h2 id="home-licences">{t("dash.licences")}</h2>
          {dashboard.licences.length === 0 ? (
            <p className="muted">—</p>
          ) : (
            <ul className="plain-list">
              {dashboard.licences.map((l) => (
                <li key={l.id}>
                  <Link to={`/portal/licences/${l.id}`}>{l.productName}</Link>
                  <br />
                  <span className={l.lapsed ? "badge danger" : "muted"}>
                    {l.free ? t("dash.free") : l.supportUntil ? t(l.lapsed ? "dash.supportEnded" : "dash.supportUntil", { date: date(l.supportUntil) }) : t("dash.noTerm")}
                  </span>
                  {l.renewal ? (
                    <>
                      {" "}
                      <Link className="button" to={`/portal/licences/${l.id}#renew-heading`}>
                        {t("dash.renewFor", { price: formatMoney(l.renewal.amountMinor, l.renewal.currency, locale) })}
                      </Link>
                    </>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
        </section>
        <section className="card" aria-labelledby="home-tickets">
          <h2 id="home-tickets">
            <Link to="/portal/tickets">{t("dash.openTickets")}</Link>
          </h2>
          {dashboard.openTickets.length === 0 ? (
            <p className="muted">{t("dash.openNone")}</p>
          ) : (
            <ul className="plain-list">
              {dashboard.openTickets.map((ticket) => (
                <li key={ticket.number}>
                  <Link to={`/portal/tickets/${ticket.number}`}>
                    #{ticket.number} {ticket.subject}
                  </Link>{" "}
                  — {t(`ticket.status.${ticket.status}` as MessageKey)}
                  {ticket.slaDueAt && !ticket.noResponseCommitment && ticket.status !== "pending" ? <>, {t("dash.promise", { time: dateTime(ticket.slaDueAt) })}</> : null}
                </li>
              ))}
            </ul>
          )}
        </section>
        <section className="card" aria-labelledby="home-minutes">
          <h2 id="home-minutes">
            <Link to="/portal/usage">{t("dash.minutes")}</Link>
          </h2>
          <p>{t("dash.freeLeft", { left: dashboard.counters.freeMinutesLeftToday, perDay: dashboard.counters.freeMinutesPerDay })}</p>
          <p>{t("dash.prepaid", { minutes: dashboard.counters.prepaidBalance })}</p>
        </section>
        <section className="card" aria-labelledby="home-surveys">
          <h2 id="home-surveys">{t("dash.surveys")}</h2>
          {dashboard.surveys.length === 0 ? (
            <p className="muted">{t("dash.surveysNone")}</p>
          ) : (
            <ul className="plain-list">
              {dashboard.surveys.map((s) => (
                <li key={s.number}>
                  <Link to={`/portal/csat/${s.number}`}>{t("dash.rate", { number: s.number })}</Link> — {s.subject}
                </li>
              ))}
            </ul>
          )}
        </section>
        <section className="card" aria-labelledby="home-releases">
          <h2 id="home-releases">{t("dash.releases")}</h2>
          {dashboard.releases.length === 0 ? (
            <p className="muted">{t("dash.releasesNone")}</p>
          ) : (
            <ul className="plain-list">
              {dashboard.releases.map((r) => (
                <li key={`${r.productName}-${r.version}`}>
                  <strong>
                    {r.productName} {r.version}
                  </strong>{" "}
                  <span className="muted">{date(r.publishedAt)}</span>
                  <br />
                  {r.notes}
                </li>
              ))}
            </ul>
          )}
        </section>
        <section className="card">
          <h2>{t("portal.organisation")}</h2>
          <p>{organisation.name}</p>
          <Link to="/portal/team">{t("nav.team")}</Link>
        </section>
      </div>
    </>
  );
}
