import type { Locale } from "~/utils/i18n";

/**
 * The one CSV writer of the app (RFC 4180 quoting, CRLF line ends).
 *
 * - Text cells that a spreadsheet would run as a formula (starting with = + - @, or tab / CR,
 *   which some programs strip before evaluating) get a leading single quote: cell text often
 *   comes from customers and must never execute in the accountant's spreadsheet. Numbers are
 *   ours and are written as they are.
 * - The delimiter follows the reader's language: Excel on Russian Windows splits CSV on `;`
 *   (its list separator, because `,` is the decimal separator there), so Russian readers get
 *   `;` and everyone else `,` (docs/decisions/002-one-csv-writer.md).
 * - `csvResponse` prepends a UTF-8 BOM so Excel opens Cyrillic text correctly.
 */
export type CsvCell = string | number | null | undefined;
export type CsvDelimiter = "," | ";" | "\t";

export function csvDelimiter(locale: Locale): CsvDelimiter {
  return locale === "ru" ? ";" : ",";
}

const FORMULA_TRIGGER = /^[=+\-@\t\r]/;

export function csvCell(value: CsvCell, delimiter: CsvDelimiter = ","): string {
  if (value === null || value === undefined) return "";
  const text = typeof value === "number" ? String(value) : FORMULA_TRIGGER.test(value) ? `'${value}` : value;
  const needsQuoting = text.includes('"') || text.includes("\r") || text.includes("\n") || text.includes(delimiter);
  return needsQuoting ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv(
  header: readonly string[],
  rows: Iterable<readonly CsvCell[]>,
  options: { delimiter?: CsvDelimiter } = {},
): string {
  const delimiter = options.delimiter ?? ",";
  const lines = [header.map((cell) => csvCell(cell, delimiter)).join(delimiter)];
  for (const row of rows) lines.push(row.map((cell) => csvCell(cell, delimiter)).join(delimiter));
  return lines.join("\r\n") + "\r\n";
}

const BOM = "\uFEFF";

/** A CSV download: UTF-8 with a BOM, never cached by shared caches. */
export function csvResponse(csv: string, filename: string): Response {
  const safeName = filename.replace(/[^\w.-]+/g, "_");
  return new Response(csv.startsWith(BOM) ? csv : BOM + csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${safeName}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
