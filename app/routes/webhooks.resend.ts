import type { ActionFunctionArgs } from "@remix-run/node";
import { receiveResendWebhook } from "~/modules/mail/channels.server";
import { AppError, statusOf } from "~/utils/errors.server";

/**
 * Resend's webhook for inbound email (`email.received`). The signature is checked over the raw
 * body; the message is then fetched through Resend's receiving API and received once (a
 * redelivery answers 200 `duplicate`). A failure to fetch answers 503 so Resend retries.
 */
export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") return new Response("Method not allowed", { status: 405 });
  const payload = await request.text();
  const header = (name: string) => request.headers.get(`webhook-${name}`) ?? request.headers.get(`svix-${name}`);
  try {
    const result = await receiveResendWebhook(payload, { id: header("id"), timestamp: header("timestamp"), signature: header("signature") });
    return Response.json({ received: true, outcome: result.outcome });
  } catch (error) {
    if (error instanceof AppError) return Response.json({ error: error.code }, { status: statusOf(error) });
    console.error("[mail] Resend inbound: could not receive a message", error);
    return Response.json({ error: "temporary_failure" }, { status: 503 });
  }
}

export function loader() {
  return new Response("Method not allowed", { status: 405, headers: { Allow: "POST" } });
}

export const allowedMethods = ["POST"] as const;
