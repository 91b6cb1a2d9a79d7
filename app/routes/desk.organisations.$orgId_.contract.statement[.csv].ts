import type { LoaderFunctionArgs } from "@remix-run/node";
import { monthlyStatementCsv } from "~/modules/time-tracking/usage.server";
import { requirePermission } from "~/modules/accounts/auth.server";
import { csvResponse } from "~/utils/csv";
import { handleAppError, notFound } from "~/utils/errors.server";
import { isUuid } from "~/utils/pagination";

/** GET /desk/organisations/:orgId/contract/statement.csv?month=2026-03 — the customer's statement, for staff. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:organisation:any");
  if (!isUuid(params.orgId)) notFound();
  try {
    const csv = await monthlyStatementCsv(user, params.orgId, new URL(request.url).searchParams.get("month") ?? "");
    return csvResponse(csv.body, csv.filename);
  } catch (error) {
    throw handleAppError(error);
  }
}
