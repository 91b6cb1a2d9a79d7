import type { LoaderFunctionArgs } from "@remix-run/node";
import { suggestOrganisations } from "~/modules/tickets/queue.server";
import { requirePermission } from "~/modules/accounts/auth.server";

/** The queue's organisation filter type-ahead: at most 20 organisations whose name contains `q`. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:ticket:any");
  const q = new URL(request.url).searchParams.get("q") ?? "";
  return { organisations: await suggestOrganisations(user, q) };
}
