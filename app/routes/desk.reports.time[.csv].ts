import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { reportCsvHref } from "~/modules/reports/csv-links";

/** The old CSV address (kept for bookmarks): the report's CSV lives at /desk/reports/time/csv. */
export async function loader({ request }: LoaderFunctionArgs) {
  return redirect(reportCsvHref("time", new URL(request.url).searchParams), 301);
}
