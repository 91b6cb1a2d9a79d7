import { toCsv, type CsvCell } from "~/utils/csv";

/**
 * Customer time statement as CSV (RFC 4180: comma-separated, CRLF line ends,
 * fields quoted when they contain a comma, quote, CR or LF; quotes doubled).
 *
 * Text cells that a spreadsheet would run as a formula (starting with
 * = + - @, or tab / CR which some apps strip before evaluating) get a leading
 * single quote: notes and subjects come from customers and must not execute
 * in the accountant's Excel. Numeric cells are ours and are written as is.
 */
export type StatementRow = {
  /** ISO date (calendar zone) on which the entry started. */
  date: string;
  ticketNumber: number;
  ticketSubject: string;
  engineer: string;
  note: string;
  free: number;
  prepaid: number;
  billable: number;
  notCharged: number;
};


export const STATEMENT_CSV_HEADER: readonly string[] = [
  "Date",
  "Ticket",
  "Subject",
  "Engineer",
  "Note",
  "Free minutes",
  "Prepaid minutes",
  "Billable minutes",
  "Not charged minutes",
];

export function statementCsv(rows: readonly StatementRow[]): string {
  return toCsv(STATEMENT_CSV_HEADER, rows.map(statementCells));
}

function statementCells(row: StatementRow): CsvCell[] {
  return [
    row.date,
    `#${row.ticketNumber}`,
    row.ticketSubject,
    row.engineer,
    row.note,
    row.free,
    row.prepaid,
    row.billable,
    row.notCharged,
  ];
}
