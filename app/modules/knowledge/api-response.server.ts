import { clientAddress } from "~/modules/accounts/auth.server";
import { checkKbApiRateLimit, KB_API_CACHE_SECONDS } from "./public-api.server";

/**
 * One shape for both knowledge-base API routes: the per-address limit first (429 with
 * Retry-After, as the Licence API answers), then JSON that clients and proxies may cache for a
 * minute, readable from any origin (modules call it from their admin panels).
 */
export async function kbApiResponse(request: Request, compute: () => Promise<unknown>): Promise<Response> {
  const headers = { "Content-Type": "application/json; charset=utf-8", "Access-Control-Allow-Origin": "*" };
  const limit = await checkKbApiRateLimit(clientAddress(request));
  if (limit && !limit.allowed) {
    return new Response(JSON.stringify({ error: "rate_limited", message: `Too many requests. Retry in ${limit.retryAfterSeconds} s.` }), {
      status: 429,
      headers: { ...headers, "Retry-After": String(limit.retryAfterSeconds), "Cache-Control": "no-store" },
    });
  }
  const body = await compute();
  return new Response(JSON.stringify(body), { status: 200, headers: { ...headers, "Cache-Control": `public, max-age=${KB_API_CACHE_SECONDS}` } });
}
