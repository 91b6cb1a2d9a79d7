/**
 * A report is a set of named tables (and charts drawn from them). One definition feeds the
 * page and the CSV download at the same URL (`?format=csv&table=<name>`), so both always show
 * the same numbers. Pure.
 */
import { currencyMinorDigits } from "../licensing/renewal-pricing";

export type Cell =
  | null
  | string
  | number
  | { minutes: number | null }
  | { percent: number | null }
  | { money: number; currency: string }
  | { date: string }
  | { link: string; text: string };

export type ReportTable = {
  name: string;
  /** Message key of the table's title. */
  title: string;
  /** Message keys (or literal texts prefixed with "=") of the column headers. */
  columns: string[];
  rows: Cell[][];
  /** Rows may be reordered by a column (`?sort=<column>&dir=asc|desc`); the CSV follows the page. */
  sortable?: boolean;
};

export type ChartSeries = { label: string; values: Array<number | null> };
export type ReportChart = {
  /** Message key of the chart's title. */
  title: string;
  kind: "bars" | "lines" | "columns";
  /** x labels (bucket dates, names) */
  labels: string[];
  series: ChartSeries[];
  /** "percent" charts run 0–100. */
  unit?: "percent" | "minutes" | "count" | "money";
};

export type ReportResult = { tables: ReportTable[]; charts: ReportChart[]; notes?: Record<string, number | string> };

/** The value a CSV cell holds: numbers stay numbers (minutes, percentages, major currency units). */
export function csvValue(cell: Cell): string | number | null {
  if (cell === null || typeof cell === "string" || typeof cell === "number") return cell;
  if ("minutes" in cell) return cell.minutes === null ? null : Math.round(cell.minutes * 10) / 10;
  if ("percent" in cell) return cell.percent;
  if ("money" in cell) return cell.money / 10 ** currencyMinorDigits(cell.currency);
  if ("date" in cell) return cell.date;
  return cell.text;
}

/** What a cell sorts by: numbers by value, text alphabetically; empty cells always last. */
function sortKey(cell: Cell): number | string | null {
  if (cell === null || typeof cell === "string" || typeof cell === "number") return cell;
  if ("minutes" in cell) return cell.minutes;
  if ("percent" in cell) return cell.percent;
  if ("money" in cell) return cell.money;
  if ("date" in cell) return cell.date;
  return cell.text;
}

export type TableSort = { column: number; dir: "asc" | "desc" };

/** A sortable table's rows ordered by one column (stable: equal rows keep the report's order). */
export function sortTable(table: ReportTable, sort: TableSort | null, locale = "en"): ReportTable {
  if (!table.sortable || !sort || sort.column < 0 || sort.column >= table.columns.length) return table;
  const sign = sort.dir === "asc" ? 1 : -1;
  const rows = table.rows
    .map((row, index) => ({ row, index, key: sortKey(row[sort.column] ?? null) }))
    .sort((a, b) => {
      if (a.key === null || b.key === null) return a.key === b.key ? a.index - b.index : a.key === null ? 1 : -1;
      const order = typeof a.key === "number" && typeof b.key === "number" ? a.key - b.key : String(a.key).localeCompare(String(b.key), locale);
      return order === 0 ? a.index - b.index : sign * order;
    })
    .map((r) => r.row);
  return { ...table, rows };
}
