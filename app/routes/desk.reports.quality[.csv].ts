import type { LoaderFunctionArgs } from "@remix-run/node";
import { REPORT_TABLES, reportPeriod, reportTable, type ReportTableName } from "~/modules/quality/report-tables";
import { qualityReport } from "~/modules/quality/reports.server";
import type { MessageKey } from "~/locales/en";
import { requirePermission } from "~/utils/auth.server";
import { csvResponse, toCsv } from "~/utils/csv";
import { handleAppError } from "~/utils/errors.server";
import { translate } from "~/utils/i18n";

/** GET /desk/reports/quality.csv?table=csat-criterion&from=2026-01-01&to=2026-04-01 — one report table as CSV. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:report:any");
  const url = new URL(request.url);
  const name = REPORT_TABLES.find((n) => n === url.searchParams.get("table"));
  if (!name) throw new Response("Not found", { status: 404 });
  const period = reportPeriod(url.searchParams.get("from"), url.searchParams.get("to"), user.timeZone, new Date());
  try {
    const report = await qualityReport(user, period, user.timeZone);
    const table = reportTable(name as ReportTableName, report, { locale: user.locale, text: (key) => translate(user.locale, key as MessageKey) });
    return csvResponse(toCsv(table.header, table.rows), `quality-${name}-${period.fromDate}-${period.toDate}.csv`);
  } catch (error) {
    throw handleAppError(error);
  }
}
