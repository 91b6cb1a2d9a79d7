// Keydesk's HTTP server: starts the application (database, migrations, demo data, jobs), then
// serves the Remix build. `npm start` builds first; `npm run serve` reuses an existing build.
import { createRequestHandler } from "@remix-run/express";
import { createServerApp } from "./server-app.mjs";

const build = await import("./build/server/index.js");
const { startApplication, stopApplication } = build.entry.module;

let started;
try {
  started = await startApplication();
} catch (error) {
  // A configuration error is a readable sentence; anything else needs its stack to be fixed.
  console.error(error instanceof Error && error.name === "ConfigurationError" ? error.message : error);
  process.exit(1);
}

const app = createServerApp({
  trustedProxies: started.trustedProxies,
  production: started.production,
  handler: createRequestHandler({ build, getLoadContext: (_req, res) => ({ cspNonce: res.locals.cspNonce }) }),
});

const server = app.listen(started.port, () => {
  console.log(`Keydesk is running at http://localhost:${started.port} (database: ${started.database})`);
});

async function shutdown(signal) {
  console.log(`${signal}: stopping`);
  server.close();
  await stopApplication().catch(() => {});
  process.exit(0);
}
process.on("SIGINT", () => shutdown("SIGINT"));
process.on("SIGTERM", () => shutdown("SIGTERM"));
