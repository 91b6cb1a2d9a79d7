import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import Stripe from "stripe";
import { action as stripeWebhook } from "~/routes/webhooks.stripe";

export const WEBHOOK_SECRET = "whsec_test_keydesk_secret";

export type RecordedStripeRequest = { method: string; path: string; headers: IncomingHttpHeaders; body: URLSearchParams };

/**
 * A local stand-in for api.stripe.com that the real Stripe client talks to (through
 * STRIPE_API_BASE). It answers Checkout Session creation, honouring idempotency keys the way
 * Stripe does (same key → same response), and records every request.
 */
export async function startFakeStripe(): Promise<{ url: string; requests: RecordedStripeRequest[]; close: () => Promise<void>; failNext: (count: number) => void }> {
  const requests: RecordedStripeRequest[] = [];
  const byIdempotencyKey = new Map<string, unknown>();
  let sessions = 0;
  let refunds = 0;
  /** The next N requests answer 503 with Stripe-Should-Retry, as Stripe does on a transient fault. */
  let failing = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
      const path = (req.url ?? "").split("?")[0]!;
      requests.push({ method: req.method ?? "", path, headers: req.headers, body });
      const key = req.headers["idempotency-key"];
      const reply = (status: number, json: unknown) => {
        res.writeHead(status, { "Content-Type": "application/json", "Request-Id": `req_${requests.length}` });
        res.end(JSON.stringify(json));
      };
      if (failing > 0) {
        failing--;
        res.writeHead(503, { "Content-Type": "application/json", "Stripe-Should-Retry": "true", "Request-Id": `req_${requests.length}` });
        res.end(JSON.stringify({ error: { type: "api_error", message: "Temporary failure" } }));
        return;
      }
      if (req.method === "POST" && path === "/v1/refunds") {
        if (typeof key === "string" && byIdempotencyKey.has(key)) return reply(200, byIdempotencyKey.get(key));
        refunds++;
        const refund = {
          id: `re_test_${refunds}_${Math.random().toString(36).slice(2, 8)}`,
          object: "refund",
          amount: Number(body.get("amount")),
          payment_intent: body.get("payment_intent"),
          status: "succeeded",
          metadata: { order_id: body.get("metadata[order_id]") },
        };
        if (typeof key === "string") byIdempotencyKey.set(key, refund);
        return reply(200, refund);
      }
      if (req.method === "POST" && path === "/v1/checkout/sessions") {
        if (typeof key === "string" && byIdempotencyKey.has(key)) return reply(200, byIdempotencyKey.get(key));
        sessions++;
        const id = `cs_test_${sessions}_${Math.random().toString(36).slice(2, 8)}`;
        const session = {
          id,
          object: "checkout.session",
          url: `https://checkout.stripe.test/pay/${id}`,
          amount_total: Number(body.get("line_items[0][price_data][unit_amount]")),
          currency: body.get("line_items[0][price_data][currency]"),
          metadata: { order_id: body.get("metadata[order_id]"), order_number: body.get("metadata[order_number]") },
          client_reference_id: body.get("client_reference_id"),
          payment_status: "unpaid",
          status: "open",
        };
        if (typeof key === "string") byIdempotencyKey.set(key, session);
        return reply(200, session);
      }
      reply(404, { error: { type: "invalid_request_error", message: `No fake for ${req.method} ${path}` } });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
    failNext: (count: number) => {
      failing = count;
    },
  };
}

let eventCounter = 0;

export function stripeEvent(type: string, object: Record<string, unknown>, id = `evt_test_${Date.now()}_${++eventCounter}`) {
  return { id, object: "event", api_version: "2025-01-01", created: Math.floor(Date.now() / 1000), livemode: false, pending_webhooks: 1, request: null, type, data: { object } };
}

/** Signs the payload as Stripe would and posts it to the webhook route's action. */
export async function deliverWebhook(event: unknown, options: { secret?: string; tamper?: boolean } = {}): Promise<Response> {
  const payload = JSON.stringify(event);
  const signature = Stripe.webhooks.generateTestHeaderString({ payload, secret: options.secret ?? WEBHOOK_SECRET });
  const body = options.tamper ? payload.replace(/"livemode":false/, '"livemode":true') : payload;
  const request = new Request("http://keydesk.test/webhooks/stripe", { method: "POST", body, headers: { "Stripe-Signature": signature, "Content-Type": "application/json" } });
  const result = await stripeWebhook({ request, params: {}, context: {} });
  return result as Response;
}

export function checkoutCompleted(orderId: string, options: { sessionId?: string; paymentIntent?: string; amountTotal?: number | null; paymentStatus?: "paid" | "unpaid" } = {}) {
  return {
    id: options.sessionId ?? `cs_test_${orderId.slice(0, 8)}`,
    object: "checkout.session",
    metadata: { order_id: orderId },
    client_reference_id: orderId,
    payment_intent: options.paymentIntent ?? `pi_test_${orderId.slice(0, 8)}`,
    payment_status: options.paymentStatus ?? "paid",
    amount_total: options.amountTotal ?? null,
    status: "complete",
  };
}
