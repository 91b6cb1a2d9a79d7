import type { LoaderFunctionArgs } from "@remix-run/node";
import { outcomeCsv } from "~/modules/imports/imports.server";
import { requirePermission } from "~/modules/accounts/auth.server";
import { csvResponse } from "~/utils/csv";
import { handleAppError } from "~/utils/errors.server";
import { resolveLocale } from "~/utils/locale.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "import:data:any");
  const locale = await resolveLocale(request, user);
  try {
    const { csv, fileName } = await outcomeCsv(user, params.runId ?? "", locale);
    return csvResponse(csv, fileName);
  } catch (error) {
    return handleAppError(error);
  }
}
