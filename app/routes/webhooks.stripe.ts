import type { ActionFunctionArgs } from "@remix-run/node";
import { handleStripeEvent, verifyStripeEvent } from "~/modules/billing/stripe.server";
import { AppError, statusOf } from "~/utils/errors.server";
import { renderMessage } from "~/utils/messages";

/**
 * Stripe's webhook. The signature is checked over the raw body exactly as received; only then is
 * the event applied (idempotently: a redelivery answers 200 and changes nothing).
 */
export async function action({ request }: ActionFunctionArgs) {
  const payload = await request.text();
  try {
    const event = verifyStripeEvent(payload, request.headers.get("stripe-signature"));
    const outcome = await handleStripeEvent(event);
    return Response.json({ received: true, outcome });
  } catch (error) {
    // A bad signature or a signed but malformed event: 400, nothing applied. Stripe's dashboard
    // shows the answer to whoever set the endpoint up: in English, like the rest of its log.
    if (error instanceof AppError) return Response.json({ error: renderMessage("en", error.userMessage) }, { status: statusOf(error) });
    throw error;
  }
}

export function loader() {
  return new Response("Method not allowed", { status: 405, headers: { Allow: "POST" } });
}

export const allowedMethods = ["POST"] as const;
