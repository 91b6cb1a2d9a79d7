import { redirect, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useI18n } from "~/components/i18n";
import { formatAmount, formatMinutes, formatMonth } from "~/components/time/format";
import type { MessageKey } from "~/locales/en";
import { isMonthKey, monthKeyOf } from "~/modules/time-tracking/periods";
import { getTimeReport } from "~/modules/time-tracking/reports.server";
import { reportCsvHref } from "~/modules/reports/csv-links";
import { ReportNav } from "~/components/reports/report-view";
import reportStyles from "../components/reports/reports.css?url";
import { requirePermission } from "~/utils/auth.server";
import { handleAppError } from "~/utils/errors.server";

export const meta: MetaFunction = () => [{ title: "Time report · Keydesk" }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: reportStyles }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:report:any");
  const url = new URL(request.url);
  // Earlier CSV addresses (…/time?format=csv&month=…) move to the CSV route.
  if (url.searchParams.get("format") === "csv") throw redirect(reportCsvHref("time", url.searchParams), 301);
  const requested = url.searchParams.get("month");
  const currentMonth = monthKeyOf(new Date(), user.timeZone);
  const month = isMonthKey(requested) ? requested : currentMonth;
  try {
    return { report: await getTimeReport(user, month), currentMonth };
  } catch (error) {
    throw handleAppError(error);
  }
}

type Totals = { free: number; prepaid: number; billable: number; notCharged: number; total: number };

function SplitCells({ row }: { row: Totals }) {
  const { t } = useI18n();
  return (
    <>
      <td>{formatMinutes(t, row.free)}</td>
      <td>{formatMinutes(t, row.prepaid)}</td>
      <td>{formatMinutes(t, row.billable)}</td>
      <td>{formatMinutes(t, row.notCharged)}</td>
      <td>
        <strong>{formatMinutes(t, row.total)}</strong>
      </td>
    </>
  );
}

function SplitHeaders({ first }: { first: string }) {
  const { t } = useI18n();
  return (
    <thead>
      <tr>
        <th scope="col">{first}</th>
        <th scope="col">{t("time.category.free")}</th>
        <th scope="col">{t("time.category.prepaid")}</th>
        <th scope="col">{t("time.category.billable")}</th>
        <th scope="col">{t("time.category.notCharged")}</th>
        <th scope="col">{t("report.time.total")}</th>
      </tr>
    </thead>
  );
}

export default function TimeReportPage() {
  // The CSV branch returns a Response, which the page never receives.
  const { report, currentMonth } = useLoaderData<typeof loader>() as unknown as Exclude<Awaited<ReturnType<typeof loader>>, Response>;
  const { t, locale } = useI18n();
  const empty = report.totals.total === 0;
  return (
    <>
      <ReportNav current="time" />
      <h1>{t("report.time.title")}</h1>
      <Form method="get" className="toolbar">
        <div className="field">
          <label htmlFor="report-month">{t("usage.month")}</label>
          <input id="report-month" name="month" type="month" defaultValue={report.month} max={currentMonth} />
        </div>
        <button type="submit" className="secondary">
          {t("usage.show")}
        </button>
        <a href={reportCsvHref("time", { month: report.month })} download>
          {t("report.time.csv")}
        </a>
      </Form>
      <h2>{formatMonth(report.month, locale)}</h2>
      {empty ? (
        <p className="card">{t("report.time.empty")}</p>
      ) : (
        <>
          <h3>{t("report.time.byEngineer")}</h3>
          <div className="table-wrap">
            <table>
              <SplitHeaders first={t("time.engineer")} />
              <tbody>
                {report.byEngineer.map((row) => (
                  <tr key={row.engineerId}>
                    <th scope="row">{row.engineerName}</th>
                    <SplitCells row={row} />
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <h3>{t("report.time.byOrganisation")}</h3>
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("common.organisation")}</th>
                  <th scope="col">{t("time.category.free")}</th>
                  <th scope="col">{t("time.category.prepaid")}</th>
                  <th scope="col">{t("time.category.billable")}</th>
                  <th scope="col">{t("time.category.notCharged")}</th>
                  <th scope="col">{t("report.time.total")}</th>
                  <th scope="col">{t("report.time.amount")}</th>
                </tr>
              </thead>
              <tbody>
                {report.byOrganisation.map((row) => (
                  <tr key={row.organisationId}>
                    <th scope="row">{row.organisationName}</th>
                    <SplitCells row={row} />
                    <td>{formatAmount(row.billableAmountMinor, row.currency, locale)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <h3>{t("report.time.byType")}</h3>
          <div className="table-wrap">
            <table>
              <SplitHeaders first={t("report.time.ticketType")} />
              <tbody>
                {report.byTicketType.map((row) => (
                  <tr key={row.ticketType}>
                    <th scope="row">{t(`time.type.${row.ticketType}` as MessageKey)}</th>
                    <SplitCells row={row} />
                  </tr>
                ))}
                <tr>
                  <th scope="row">{t("report.time.total")}</th>
                  <SplitCells row={report.totals} />
                </tr>
              </tbody>
            </table>
          </div>
        </>
      )}
    </>
  );
}
