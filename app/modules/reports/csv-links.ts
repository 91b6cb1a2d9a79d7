/**
 * The address of one report table's CSV: `/desk/reports/<report>/csv?<the page's filters>&table=<table>`.
 * A resource route of its own, because a page's loader cannot answer a document request with a file.
 */
export function reportCsvHref(report: string, search: URLSearchParams | Record<string, string>, table?: string): string {
  const params = new URLSearchParams(search);
  params.delete("format");
  if (table) params.set("table", table);
  const query = params.toString();
  return `/desk/reports/${encodeURIComponent(report)}/csv${query ? `?${query}` : ""}`;
}
