// Keydesk's HTTP server: starts the application (database, migrations, demo data, jobs), then
// serves the Remix build. `npm start` builds first; `npm run serve` reuses an existing build.
import { createRequestHandler } from "@remix-run/express";
import express from "express";

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

const app = express();
app.disable("x-powered-by");
app.set("trust proxy", process.env.TRUST_PROXY === "true" ? true : "loopback");
app.use("/assets", express.static("build/client/assets", { immutable: true, maxAge: "1y" }));
app.use(express.static("public", { maxAge: "1h" }));
app.all(
  "*",
  (req, res, next) => {
    // PostgreSQL text cannot hold NUL: such an address is malformed, not a server error.
    if (/%00/i.test(req.originalUrl)) {
      res.status(400).type("text/plain").send("Bad request");
      return;
    }
    // The one trusted source of the client address for rate limits and audit.
    req.headers["x-keydesk-client-ip"] = req.ip ?? "unknown";
    next();
  },
  createRequestHandler({ build }),
);

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
