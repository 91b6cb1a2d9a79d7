import type { LoaderFunctionArgs } from "@remix-run/node";
import { kbViewer } from "~/modules/knowledge/articles.server";
import { articleImageResponse } from "~/modules/knowledge/images.server";
import { getUser } from "~/modules/accounts/auth.server";
import { handleAppError } from "~/utils/errors.server";
import { fileDownload } from "~/utils/files.server";

/** An image of an article body (shown inline; the address is what articles link to). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await getUser(request);
  try {
    return await fileDownload(user?.locale ?? "en", () => articleImageResponse(kbViewer(user), params.imageId ?? ""));
  } catch (error) {
    throw handleAppError(error);
  }
}
