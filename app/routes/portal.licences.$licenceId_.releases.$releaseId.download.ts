import type { LoaderFunctionArgs } from "@remix-run/node";
import { releaseForDownload } from "~/modules/licensing/licences.server";
import { requireCustomer } from "~/modules/accounts/auth.server";
import { handleAppError } from "~/utils/errors.server";
import { fileDownload, fileResponse } from "~/utils/files.server";

/** Downloads a release package; entitlement is checked here, on the server, every time. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireCustomer(request);
  try {
    const file = await releaseForDownload(user, params.licenceId ?? "", params.releaseId ?? "");
    return await fileDownload(user.locale, () =>
      fileResponse(file.storagePath, { fileName: file.fileName, contentType: "application/octet-stream", sha256: file.sha256, size: file.size }),
    );
  } catch (error) {
    throw handleAppError(error);
  }
}
