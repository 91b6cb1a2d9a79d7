/**
 * How a queue is shown: the sort (column and direction) and the visible columns, parsed from the
 * URL. Pure. SLA due time ascending stays the default sort (SPEC §3); anything unreadable falls
 * back to the default, so a link never fails. See ADR 170.
 */
import { decodeCursor, encodeCursor, isUuid } from "~/utils/pagination";

export const SORT_KEYS = ["due", "number", "subject", "organisation", "product", "priority", "status", "assignee", "created"] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export type SortDirection = "asc" | "desc";
export type QueueSort = { key: SortKey; dir: SortDirection };
export const DEFAULT_SORT: QueueSort = { key: "due", dir: "asc" };

/** Columns a queue can show; the ticket number is always shown (it is the row's link). */
export const COLUMNS = ["subject", "organisation", "product", "priority", "status", "assignee", "due", "created"] as const;
export type Column = (typeof COLUMNS)[number];
export const DEFAULT_COLUMNS: readonly Column[] = ["subject", "organisation", "product", "priority", "status", "assignee", "due"];

/** Which sort key a column header sorts by. */
export const COLUMN_SORT: Record<Column | "number", SortKey> = {
  number: "number",
  subject: "subject",
  organisation: "organisation",
  product: "product",
  priority: "priority",
  status: "status",
  assignee: "assignee",
  due: "due",
  created: "created",
};

/** "sort=-created" is created descending; "sort=due" ascending. */
export function parseSort(value: string | null): QueueSort {
  if (!value) return DEFAULT_SORT;
  const dir: SortDirection = value.startsWith("-") ? "desc" : "asc";
  const key = value.replace(/^-/, "");
  return (SORT_KEYS as readonly string[]).includes(key) ? { key: key as SortKey, dir } : DEFAULT_SORT;
}

export function sortToParam(sort: QueueSort): string | null {
  if (sort.key === DEFAULT_SORT.key && sort.dir === DEFAULT_SORT.dir) return null;
  return `${sort.dir === "desc" ? "-" : ""}${sort.key}`;
}

export function parseColumns(value: string | null): Column[] {
  if (!value) return [...DEFAULT_COLUMNS];
  const chosen = value.split(",").filter((c): c is Column => (COLUMNS as readonly string[]).includes(c));
  // Keep the table's own order whatever order the URL lists them in.
  return COLUMNS.filter((c) => chosen.includes(c));
}

export function columnsToParam(columns: readonly Column[]): string | null {
  const same = columns.length === DEFAULT_COLUMNS.length && columns.every((c) => DEFAULT_COLUMNS.includes(c));
  return same ? null : columns.join(",");
}

/**
 * A keyset cursor for any sort: the last row's sort value (null for "no value", which sorts
 * last in both directions) and its id. Opaque in the URL.
 */
export type SortCursor = { value: string | null; id: string };

export function encodeSortCursor(cursor: SortCursor): string {
  return encodeCursor([cursor.value === null ? "-" : `v${cursor.value}`, cursor.id]);
}

export function decodeSortCursor(value: string | null | undefined): SortCursor | null {
  const parts = decodeCursor(value, 2);
  if (!parts) return null;
  const [raw, id] = parts as [string, string];
  if (!isUuid(id)) return null;
  if (raw === "-") return { value: null, id: id.toLowerCase() };
  if (!raw.startsWith("v")) return null;
  return { value: raw.slice(1), id: id.toLowerCase() };
}
