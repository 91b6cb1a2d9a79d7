import type { ActionFunctionArgs } from "@remix-run/node";
import { authorisePipe, MAX_INBOUND_BYTES } from "~/modules/mail/channels.server";
import { acceptInboundEmail } from "~/modules/mail/queue.server";
import { AppError, statusOf } from "~/utils/errors.server";
import { renderMessage } from "~/utils/messages";

/**
 * POST /api/v1/mail/inbound — the MTA pipe: one raw RFC 822 message (`Content-Type:
 * message/rfc822`) with `Authorization: Bearer $MAIL_INBOUND_TOKEN`. The message is stored and
 * queued: 202 `queued` (a background job files it within seconds), 200 `duplicate` for a
 * message already received or queued; 4xx is a permanent refusal (no header section, too
 * large, wrong token); 503 asks the MTA to retry later (`npm run mail:pipe` turns it into exit 75).
 */
export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") return Response.json({ error: "method_not_allowed" }, { status: 405, headers: { Allow: "POST" } });
  try {
    authorisePipe(request.headers.get("Authorization"));
    const type = (request.headers.get("Content-Type") ?? "").split(";")[0]!.trim().toLowerCase();
    if (type !== "message/rfc822") return Response.json({ error: "unsupported_media_type", message: "Send one message as message/rfc822." }, { status: 415 });
    if (Number(request.headers.get("Content-Length") ?? 0) > MAX_INBOUND_BYTES) return Response.json({ error: "too_large" }, { status: 413 });
    const raw = new Uint8Array(await request.arrayBuffer());
    if (raw.length > MAX_INBOUND_BYTES) return Response.json({ error: "too_large" }, { status: 413 });
    const result = await acceptInboundEmail(raw, "pipe");
    if (result.outcome === "duplicate") return Response.json(result);
    return Response.json(result, { status: 202 });
  } catch (error) {
    if (error instanceof AppError) {
      // The MTA's log reads English detail, not a catalogue key.
      return Response.json({ error: error.code, message: renderMessage("en", error.userMessage) }, { status: statusOf(error) });
    }
    console.error("[mail] pipe: could not accept a message", error);
    return Response.json({ error: "temporary_failure", message: "Try again later." }, { status: 503, headers: { "Retry-After": "60" } });
  }
}

export function loader() {
  return Response.json({ error: "method_not_allowed", message: "POST one message as message/rfc822." }, { status: 405, headers: { Allow: "POST" } });
}

export const allowedMethods = ["POST"] as const;
