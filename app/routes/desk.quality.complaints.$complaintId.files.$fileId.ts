import type { LoaderFunctionArgs } from "@remix-run/node";
import { complaintFileFor } from "~/modules/quality/complaints.server";
import { isInlineImage } from "~/modules/tickets/file-types";
import { requirePermission } from "~/modules/accounts/auth.server";
import { handleAppError } from "~/utils/errors.server";
import { fileDownload, fileResponse } from "~/utils/files.server";

/** A file attached to a complaint, for the quality team. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:complaint:any");
  try {
    const file = await complaintFileFor(user, params.complaintId ?? "", params.fileId ?? "");
    return await fileDownload(user.locale, () =>
      fileResponse(file.storagePath, { fileName: file.fileName, contentType: file.contentType, sha256: file.sha256, size: file.size, inline: isInlineImage(file.contentType) }),
    );
  } catch (error) {
    throw handleAppError(error);
  }
}
