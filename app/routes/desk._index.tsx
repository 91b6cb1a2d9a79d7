import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useI18n } from "~/components/i18n";
import type { MessageKey } from "~/locales/en";
import { can } from "~/modules/accounts/permissions";
import { queueCounts } from "~/modules/tickets/queue-counts.server";
import { ReportChartView } from "~/components/reports/chart";
import reportStyles from "../components/reports/reports.css?url";
import { formatDuration, pageTitle } from "~/utils/i18n";
import { deskDashboard } from "~/modules/reports/dashboards.server";
import { requireStaff } from "~/modules/accounts/auth.server";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "title.desk") }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: reportStyles }];

const QUEUE_LINKS = ["unassigned", "mine", "open", "breaching", "breached", "pending", "on_hold"] as const;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireStaff(request);
  const staffWithQueues = can(user, "read:ticket:any");
  const [counts, dashboard] = staffWithQueues ? await Promise.all([queueCounts(user), deskDashboard(user, user.timeZone)]) : [null, null];
  return { name: user.name, role: user.role, counts, dashboard };
}

export default function DeskHome() {
  const { name, role, counts, dashboard } = useLoaderData<typeof loader>();
  const { t, locale, dateTime } = useI18n();
  return (
    <>
      <h1>{t("desk.welcome", { name })}</h1>
      <p className="muted">{t(`role.${role}` as MessageKey)}</p>
      {counts ? (
        <section className="card">
          <h2 style={{ marginTop: 0 }}>
            <Link to="/desk/tickets">{t("queue.title")}</Link>
          </h2>
          <ul className="grid-2" style={{ listStyle: "none", padding: 0, margin: 0 }}>
            {QUEUE_LINKS.map((queue) => (
              <li key={queue}>
                <Link to={`/desk/tickets?queue=${queue}`}>
                  {t(`queue.name.${queue}` as MessageKey)}: <strong>{counts[queue]}</strong>
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {dashboard ? (
        <>
          <ul className="stat-cards" aria-label={t(`dash.scope.${dashboard.scope}`)}>
            <li>
              {t("dash.slaToday")}
              <strong>{dashboard.sla.compliance === null ? "—" : `${dashboard.sla.compliance} %`}</strong>
              <span className="muted">{dashboard.sla.settled ? t("dash.slaTodayOf", { met: dashboard.sla.met, settled: dashboard.sla.settled }) : t("dash.slaTodayNone")}</span>
            </li>
            <li>
              {t("dash.timeToday")}
              <strong>{formatDuration(dashboard.minutesToday, locale)}</strong>
            </li>
          </ul>
          <section className="card" aria-labelledby="breaching-title">
            <h2 id="breaching-title" style={{ marginTop: 0 }}>
              {t("dash.breaching")}
            </h2>
            {dashboard.breaching.length === 0 ? (
              <p className="muted">{t("dash.breachingNone")}</p>
            ) : (
              <ul>
                {dashboard.breaching.map((b) => (
                  <li key={b.number}>
                    <Link to={`/desk/tickets/${b.number}`}>
                      #{b.number} {b.subject}
                    </Link>{" "}
                    — {t("dash.due", { time: dateTime(b.slaDueAt) })}
                  </li>
                ))}
              </ul>
            )}
          </section>
          {dashboard.team ? (
            <section className="card" aria-labelledby="team-title">
              <h2 id="team-title" style={{ marginTop: 0 }}>
                <Link to="/desk/reports/backlog">{t("dash.team")}</Link>
              </h2>
              <ul className="stat-cards">
                {dashboard.team.ages.map((a) => (
                  <li key={a.bucket}>
                    {t(`reports.age.${a.bucket}` as MessageKey)}
                    <strong>{a.n}</strong>
                  </li>
                ))}
              </ul>
              <ReportChartView
                title={t("reports.chartOf", { title: t("dash.teamChart") })}
                chart={{ title: "dash.teamChart", kind: "columns", unit: "count", labels: dashboard.team.labels, series: [{ label: t("reports.created"), values: dashboard.team.created }, { label: t("reports.solved"), values: dashboard.team.solved }] }}
              />
              <table className="report-table">
                <caption>{t("dash.teamChart")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("reports.periodStart")}</th>
                    <th scope="col">{t("reports.created")}</th>
                    <th scope="col">{t("reports.solved")}</th>
                  </tr>
                </thead>
                <tbody>
                  {dashboard.team.labels.map((day, i) => (
                    <tr key={day}>
                      <th scope="row">{day}</th>
                      <td className="num">{dashboard.team!.created[i]}</td>
                      <td className="num">{dashboard.team!.solved[i]}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          ) : null}
        </>
      ) : null}
      <div className="grid-2">
        <section className="card">
          <h2>{t("nav.organisations")}</h2>
          <Link to="/desk/organisations">{t("orgs.title")}</Link>
        </section>
      </div>
    </>
  );
}
