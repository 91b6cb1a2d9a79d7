import type { LoaderFunctionArgs } from "@remix-run/node";
import { getEmail } from "~/modules/accounts/outbox.server";
import { requirePermission } from "~/modules/accounts/auth.server";
import { handleAppError, notFound } from "~/utils/errors.server";
import { isUuid } from "~/utils/pagination";

/** The rendered email body for the outbox frame; a strict CSP keeps its content inert. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:email:any");
  if (!isUuid(params.emailId)) notFound();
  try {
    const email = await getEmail(user, params.emailId);
    if (email.withheld) notFound();
    return new Response(email.html, {
      headers: {
        "Content-Type": "text/html; charset=utf-8",
        "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; img-src data: https:",
        "X-Frame-Options": "SAMEORIGIN",
      },
    });
  } catch (error) {
    throw handleAppError(error);
  }
}
