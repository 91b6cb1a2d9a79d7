import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderHtmlStream } from "~/utils/html-stream.server";

// The server process (server.mjs) reaches its start-up code through this module so that the
// database, jobs and routes share one bundle and one database connection.
export { startApplication, startWorker, stopApplication } from "~/utils/startup.server";
export { checkHealth } from "~/utils/health.server";
export { getEnv as configuration } from "~/utils/env.server";

const ABORT_DELAY = 5_000;

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  _loadContext: AppLoadContext,
) {
  // Renders through React's Web Streams renderer: see html-stream.server.ts for why.
  const body = await renderHtmlStream(<RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} />, {
    waitForAll: isbot(request.headers.get("user-agent") || ""),
    abortAfterMs: ABORT_DELAY,
    onError(error, afterShell) {
      responseStatusCode = 500;
      if (afterShell) console.error(error);
    },
  });
  responseHeaders.set("Content-Type", "text/html");
  responseHeaders.set("X-Content-Type-Options", "nosniff");
  responseHeaders.set("Referrer-Policy", "same-origin");
  responseHeaders.set("X-Frame-Options", "DENY");
  return new Response(body, { headers: responseHeaders, status: responseStatusCode });
}
