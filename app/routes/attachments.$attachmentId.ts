import type { LoaderFunctionArgs } from "@remix-run/node";
import { attachmentDownload } from "~/modules/tickets/attachments.server";
import { requireUser } from "~/modules/accounts/auth.server";
import { handleAppError } from "~/utils/errors.server";
import { fileDownload } from "~/utils/files.server";

/** Ticket attachments for whoever may see the ticket (customers: their organisation, public messages only). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  try {
    return await fileDownload(user.locale, () => attachmentDownload(user, params.attachmentId ?? ""));
  } catch (error) {
    throw handleAppError(error);
  }
}
