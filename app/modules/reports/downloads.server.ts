import type { MessageKey } from "~/locales/en";
import type { Actor } from "~/modules/accounts/permissions";
import { REPORT_TABLES, reportPeriod, reportTable } from "~/modules/quality/report-tables";
import { qualityReport } from "~/modules/quality/reports.server";
import { csvDelimiter, csvResponse, toCsv } from "~/utils/csv";
import { AppError } from "~/utils/errors.server";
import { translate, type Locale } from "~/utils/i18n";
import { reportCsvResponse } from "./csv.server";
import { parseReportFilters } from "./filters";
import { isReportName, runReport } from "./reports.server";

type Reader = Actor & { locale: Locale; timeZone: string };

/** One table of any report as a CSV download, in the reader's language and delimiter. */
export async function reportCsvDownload(user: Reader, report: string, search: URLSearchParams, now = new Date()): Promise<Response> {
  if (report === "quality") {
    const name = REPORT_TABLES.find((n) => n === search.get("table"));
    if (!name) throw AppError.notFound();
    const period = reportPeriod(search.get("from"), search.get("to"), user.timeZone, now);
    const data = await qualityReport(user, period, user.timeZone);
    const table = reportTable(name, data, { locale: user.locale, text: (key) => translate(user.locale, key as MessageKey) });
    return csvResponse(toCsv(table.header, table.rows, { delimiter: csvDelimiter(user.locale) }), `quality-${name}-${period.fromDate}-${period.toDate}.csv`);
  }
  if (!isReportName(report)) throw AppError.notFound();
  const filters = parseReportFilters(search, user.timeZone, now);
  const { result } = await runReport(user, report, filters, now, (key) => translate(user.locale, key as MessageKey), user.locale);
  const table = search.has("table") ? result.tables.find((t) => t.name === search.get("table")) : result.tables[0];
  if (!table) throw AppError.notFound();
  return reportCsvResponse(report, table, filters, user.locale);
}
