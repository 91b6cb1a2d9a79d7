import type { LoaderFunctionArgs } from "@remix-run/node";
import { monthlyStatementCsv } from "~/modules/time-tracking/usage.server";
import { requireCustomer } from "~/modules/accounts/auth.server";
import { csvResponse } from "~/utils/csv";
import { handleAppError } from "~/utils/errors.server";

/** GET /portal/usage/2026-03/statement.csv — the month's statement, UTF-8 with a BOM for Excel. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireCustomer(request);
  try {
    const csv = await monthlyStatementCsv(user, user.organisationId, params.month ?? "");
    return csvResponse(csv.body, csv.filename);
  } catch (error) {
    throw handleAppError(error);
  }
}
