import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { NonceProvider } from "~/components/nonce";
import { renderHtmlStream } from "~/utils/html-stream.server";

// The server process (server.mjs) reaches its start-up code through this module so that the
// database, jobs and routes share one bundle and one database connection.
export { startApplication, startWorker, stopApplication } from "~/startup.server";
export { checkHealth } from "~/utils/health.server";
export { getEnv as configuration } from "~/utils/env.server";
export { guardBuild } from "~/utils/route-guard.server";

const ABORT_DELAY = 5_000;

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  // Made per request in server.mjs (the CSP nonce); callers without one render without a nonce.
  const nonce = typeof loadContext?.cspNonce === "string" ? loadContext.cspNonce : "";
  // Renders through React's Web Streams renderer: see html-stream.server.ts for why.
  const body = await renderHtmlStream(
    <NonceProvider value={nonce}>
      <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce || undefined} />
    </NonceProvider>,
    {
      waitForAll: isbot(request.headers.get("user-agent") || ""),
      abortAfterMs: ABORT_DELAY,
      nonce: nonce || undefined,
      onError(error, afterShell) {
        responseStatusCode = 500;
        if (afterShell) console.error(error);
      },
    },
  );
  responseHeaders.set("Content-Type", "text/html");
  // Content-Security-Policy, X-Frame-Options, Referrer-Policy, nosniff, HSTS and
  // Permissions-Policy come from helmet (server-app.mjs) for every response.
  return new Response(body, { headers: responseHeaders, status: responseStatusCode });
}
