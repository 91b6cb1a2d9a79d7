import { pageTitle } from "~/utils/i18n";
import { redirect, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { TextField } from "~/components/forms";
import { useI18n } from "~/components/i18n";
import { BarChart } from "~/components/quality/bar-chart";
import qualityStyles from "../components/quality/quality.css?url";
import reportStyles from "../components/reports/reports.css?url";
import type { MessageKey } from "~/locales/en";
import { reportPeriod, reportTable, type ReportTable, type ReportTableName } from "~/modules/quality/report-tables";
import { reportCsvHref } from "~/modules/reports/csv-links";
import { ReportNav } from "~/components/reports/report-view";
import { qualityReport } from "~/modules/quality/reports.server";
import { requirePermission } from "~/modules/accounts/auth.server";
import { handleAppError } from "~/utils/errors.server";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "title.qualityReport") }];
export const links: LinksFunction = () => [
  { rel: "stylesheet", href: qualityStyles },
  { rel: "stylesheet", href: reportStyles },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:report:any");
  const url = new URL(request.url);
  // Earlier CSV addresses (…/quality?format=csv&table=…) move to the CSV route.
  if (url.searchParams.get("format") === "csv") throw redirect(reportCsvHref("quality", url.searchParams), 301);
  const period = reportPeriod(url.searchParams.get("from"), url.searchParams.get("to"), user.timeZone, new Date());
  try {
    const report = await qualityReport(user, period, user.timeZone);
    return { report, period: { from: period.fromDate, to: period.toDate } };
  } catch (error) {
    throw handleAppError(error);
  }
}

function DataTable({ table, caption, csvHref }: { table: ReportTable; caption: string; csvHref: string }) {
  const { t } = useI18n();
  return (
    <>
      <div className="table-wrap">
        <table>
          <caption className="sr-only">{caption}</caption>
          <thead>
            <tr>
              {table.header.map((h) => (
                <th key={h} scope="col">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.length === 0 ? (
              <tr>
                <td colSpan={table.header.length} className="muted">
                  {t("qreport.none")}
                </td>
              </tr>
            ) : (
              table.rows.map((row, i) => (
                <tr key={i}>
                  {row.map((cell, j) => (
                    <td key={j}>{cell ?? "—"}</td>
                  ))}
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
      <p>
        <a href={csvHref} download>
          {t("qreport.csv")}
          <span className="sr-only"> — {caption}</span>
        </a>
      </p>
    </>
  );
}

export default function QualityReportPage() {
  const { report, period } = useLoaderData<typeof loader>();
  const { t, locale } = useI18n();
  const labels = { locale, text: (key: string) => t(key as MessageKey) };
  const table = (name: ReportTableName) => reportTable(name, report, labels);
  const csvHref = (name: ReportTableName) => reportCsvHref("quality", { from: period.from, to: period.to }, name);
  const section = (name: ReportTableName, titleKey: MessageKey) => (
    <>
      <h3>{t(titleKey)}</h3>
      <DataTable table={table(name)} caption={t(titleKey)} csvHref={csvHref(name)} />
    </>
  );
  const causeTable = table("complaints-cause");
  return (
    <>
      <ReportNav current="quality" />
      <h1>{t("qreport.title")}</h1>
      <Form method="get" className="toolbar">
        <TextField label={t("qreport.from")} name="from" type="date" defaultValue={period.from} />
        <TextField label={t("qreport.to")} name="to" type="date" defaultValue={period.to} />
        <button type="submit">{t("qreport.show")}</button>
      </Form>

      <section className="report-section" aria-labelledby="csat-title">
        <h2 id="csat-title">{t("qreport.csat")}</h2>
        <p className="muted">{t("qreport.responses", { count: report.csat.responses })}</p>
        {report.csat.responses > 0 ? (
          <div className="chart-block">
            <BarChart
              title={t("qreport.chart", { title: t("qreport.byCriterion") })}
              max={5}
              bars={report.csat.byCriterion.map((line) => ({ label: t(`csat.${line.criterion}` as MessageKey), value: line.average ?? 0, display: line.average?.toFixed(2) ?? "—" }))}
            />
          </div>
        ) : null}
        {section("csat-criterion", "qreport.byCriterion")}
        {section("csat-engineer", "qreport.byEngineer")}
        {section("csat-month", "qreport.byMonth")}
      </section>

      <section className="report-section" aria-labelledby="complaints-title">
        <h2 id="complaints-title">{t("qreport.complaints")}</h2>
        <p className="muted">{t("qreport.complaintsReceived", { count: report.complaints.received, staff: report.complaints.raisedByStaff })}</p>
        {causeTable.rows.length > 0 ? (
          <div className="chart-block">
            <BarChart title={t("qreport.chart", { title: t("qreport.byCause") })} bars={causeTable.rows.map((row) => ({ label: String(row[0]), value: Number(row[1]) }))} />
          </div>
        ) : null}
        {section("complaints-cause", "qreport.byCause")}
        {section("complaints-outcome", "qreport.byOutcome")}
        {section("complaints-time", "qreport.timeToAnswer")}
      </section>

      <section className="report-section" aria-labelledby="reviews-title">
        <h2 id="reviews-title">{t("qreport.reviews")}</h2>
        {section("reviews-product", "qreport.byProduct")}
        {report.reviews.byRating.some((r) => r.product > 0) ? (
          <div className="chart-block">
            <BarChart
              title={t("qreport.chart", { title: t("qreport.byRating") })}
              bars={report.reviews.byRating.map((r) => ({ label: `${r.rating} ★`, value: r.product }))}
            />
          </div>
        ) : null}
        {section("reviews-rating", "qreport.byRating")}
      </section>
    </>
  );
}
