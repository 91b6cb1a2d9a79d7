import Stripe from "stripe";
import { getEnv } from "~/utils/env.server";
import { AppError } from "~/utils/errors.server";

/**
 * The Stripe client, apart from the checkout and webhook use cases (stripe.server.ts) so that
 * refunds reach Stripe without importing the webhook handler, which records refunds.
 */

let cached: { signature: string; client: Stripe } | null = null;

/** The Stripe client for the current configuration; `STRIPE_API_BASE` points it elsewhere (tests). */
export function stripeClient(): Stripe {
  const env = getEnv();
  if (!env.STRIPE_SECRET_KEY) throw AppError.invalid("payment.error.cardNotConfigured");
  const signature = `${env.STRIPE_SECRET_KEY}|${env.STRIPE_API_BASE ?? ""}`;
  if (cached?.signature === signature) return cached.client;
  const options: ConstructorParameters<typeof Stripe>[1] = { maxNetworkRetries: 2, timeout: 20_000, telemetry: false };
  if (env.STRIPE_API_BASE) {
    const base = new URL(env.STRIPE_API_BASE);
    options.host = base.hostname;
    options.protocol = base.protocol === "http:" ? "http" : "https";
    options.port = base.port || (base.protocol === "http:" ? 80 : 443);
  }
  cached = { signature, client: new Stripe(env.STRIPE_SECRET_KEY, options) };
  return cached.client;
}
