import type { LoaderFunctionArgs } from "@remix-run/node";
import { isMonthKey, monthKeyOf } from "~/modules/time-tracking/periods";
import { timeReportCsvFor } from "~/modules/time-tracking/reports.server";
import { requirePermission } from "~/utils/auth.server";
import { csvResponse } from "~/utils/csv";
import { handleAppError } from "~/utils/errors.server";

/** GET /desk/reports/time.csv?month=2026-03 — one row per engineer × organisation × ticket type. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:report:any");
  const requested = new URL(request.url).searchParams.get("month");
  const month = isMonthKey(requested) ? requested : monthKeyOf(new Date(), user.timeZone);
  try {
    const csv = await timeReportCsvFor(user, month);
    return csvResponse(csv.body, csv.filename);
  } catch (error) {
    throw handleAppError(error);
  }
}
