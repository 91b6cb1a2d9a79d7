import type { ActionFunctionArgs } from "@remix-run/node";
import { handleStripeEvent, verifyStripeEvent } from "~/modules/billing/stripe.server";
import { AppError, statusOf } from "~/utils/errors.server";

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
    // A bad signature or a signed but malformed event: 400, nothing applied.
    if (error instanceof AppError) return Response.json({ error: error.message }, { status: statusOf(error) });
    throw error;
  }
}

export function loader() {
  return new Response("Method not allowed", { status: 405, headers: { Allow: "POST" } });
}

export const allowedMethods = ["POST"] as const;
