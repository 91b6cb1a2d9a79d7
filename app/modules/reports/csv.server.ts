import type { MessageKey } from "~/locales/en";
import { csvDelimiter, csvResponse, toCsv } from "~/utils/csv";
import { translate, type Locale } from "~/utils/i18n";
import type { ReportFilters } from "./filters";
import { csvValue, type ReportTable } from "./tables";

/**
 * One report table as a CSV download: headers in the reader's language, numbers as numbers
 * (minutes, percentages, major currency units), `;` for Russian readers (the shared writer).
 */
export function reportCsvResponse(report: string, table: ReportTable, filters: Pick<ReportFilters, "fromDate" | "toDate">, locale: Locale): Response {
  const header = table.columns.map((c) => (c.startsWith("=") ? c.slice(1) : translate(locale, c as MessageKey)));
  const csv = toCsv(header, table.rows.map((row) => row.map(csvValue)), { delimiter: csvDelimiter(locale) });
  return csvResponse(csv, `keydesk-${report}-${table.name}-${filters.fromDate}-${filters.toDate}.csv`);
}
