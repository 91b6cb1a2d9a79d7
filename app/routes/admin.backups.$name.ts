import { Readable } from "node:stream";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { openBackupForDownload } from "~/modules/backups/backups.server";
import { requirePermission } from "~/modules/accounts/auth.server";
import { handleAppError } from "~/utils/errors.server";

/** A backup archive, streamed to an admin (never read into memory). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "manage:backup:any");
  try {
    const { stream, size, name } = await openBackupForDownload(user, params.name ?? "");
    return new Response(Readable.toWeb(stream) as ReadableStream, {
      headers: {
        "Content-Type": "application/gzip",
        "Content-Length": String(size),
        "Content-Disposition": `attachment; filename="${name}"`,
        "X-Content-Type-Options": "nosniff",
        "Cache-Control": "private, no-store",
      },
    });
  } catch (error) {
    throw handleAppError(error);
  }
}
