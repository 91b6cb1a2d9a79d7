import { pageTitle } from "~/utils/i18n";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useI18n } from "~/components/i18n";
import { listCalendars } from "~/modules/sla/admin.server";
import { formatWindows, WEEKDAYS } from "~/modules/sla/calendar-form";
import type { MessageKey } from "~/locales/en";
import { requirePermission } from "~/modules/accounts/auth.server";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "title.businessCalendars") }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "manage:calendar:any");
  const calendars = await listCalendars(user);
  return {
    calendars: calendars.map((c) => ({
      id: c.id,
      name: c.name,
      timeZone: c.definition.timeZone,
      week: WEEKDAYS.map((d) => ({ day: d, windows: formatWindows(c.definition.weekly[d] ?? []) })),
      holidays: c.definition.holidays.length,
      extraDays: c.definition.extraWorkingDays.length,
      plans: c.plans,
    })),
  };
}

export default function Calendars() {
  const { calendars } = useLoaderData<typeof loader>();
  const { t } = useI18n();
  return (
    <>
      <div className="ticket-head">
        <h1>{t("calendars.title")}</h1>
        <Link className="button" to="/admin/calendars/new">
          {t("calendars.new")}
        </Link>
      </div>
      <p className="muted">{t("calendars.intro")}</p>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t("common.name")}</th>
              <th scope="col">{t("calendars.timeZone")}</th>
              <th scope="col">{t("calendars.week")}</th>
              <th scope="col">{t("calendars.holidays")}</th>
              <th scope="col">{t("calendars.extraDays")}</th>
              <th scope="col">{t("calendars.usedBy")}</th>
            </tr>
          </thead>
          <tbody>
            {calendars.map((c) => (
              <tr key={c.id}>
                <td>
                  <Link to={`/admin/calendars/${c.id}`}>{c.name}</Link>
                </td>
                <td>{c.timeZone}</td>
                <td>
                  {c.week
                    .filter((d) => d.windows)
                    .map((d) => `${t(`calendars.weekday.${d.day}` as MessageKey)} ${d.windows}`)
                    .join("; ")}
                </td>
                <td>{c.holidays}</td>
                <td>{c.extraDays}</td>
                <td>{t("calendars.plansCount", { count: c.plans })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
