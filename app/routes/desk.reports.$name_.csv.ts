import type { LoaderFunctionArgs } from "@remix-run/node";
import { reportCsvDownload } from "~/modules/reports/downloads.server";
import { requirePermission } from "~/modules/accounts/auth.server";
import { handleAppError } from "~/utils/errors.server";

/** GET /desk/reports/<report>/csv?<filters>&table=<table> — one table of a report as CSV. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:report:any");
  try {
    return await reportCsvDownload(user, params.name ?? "", new URL(request.url).searchParams);
  } catch (error) {
    throw handleAppError(error);
  }
}
