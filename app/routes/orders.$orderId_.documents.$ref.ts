import type { LoaderFunctionArgs } from "@remix-run/node";
import { downloadDocument } from "~/modules/billing/documents.server";
import { getUser } from "~/modules/accounts/auth.server";
import { handleAppError } from "~/utils/errors.server";

/**
 * A billing document's PDF, exactly as issued. `invoice` names the order's invoice, issued (and
 * numbered) on its first download. Who may read it: see `mayReadOrderDocuments`.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await getUser(request);
  try {
    const file = await downloadDocument(user, params.orderId ?? "", params.ref ?? "");
    return new Response(new Uint8Array(file.pdf), {
      headers: {
        "Content-Type": "application/pdf",
        "Content-Disposition": `attachment; filename="${file.filename}"`,
        "Content-Length": String(file.pdf.length),
        ETag: `"${file.sha256}"`,
        "Cache-Control": "private, no-cache",
        "X-Content-Type-Options": "nosniff",
      },
    });
  } catch (error) {
    throw handleAppError(error);
  }
}
