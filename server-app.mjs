// The Express application around the Remix handler: browser security headers (helmet, with a
// per-request CSP nonce), the client address, static files and the Remix handler itself.
// Kept apart from server-process.mjs so tests can build it around a stand-in handler.
import { randomBytes } from "node:crypto";
import express from "express";
import helmet from "helmet";
import proxyaddr from "proxy-addr";

/** Headers a route may set for itself (the outbox frame, file downloads): its value replaces ours. */
const ROUTE_OWNED = new Set(["content-security-policy", "x-frame-options"]);

const UNSAFE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** @param {import("express").Request} req */
function isForeignOrigin(req) {
  const origin = req.get("origin");
  if (origin === undefined) return false;
  const host = (req.get("x-forwarded-host") ?? "").split(",")[0].trim() || req.get("host");
  if (origin === "null") return true;
  try {
    return new URL(origin).host !== host;
  } catch {
    return true;
  }
}

export const PERMISSIONS_POLICY =
  "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()";

/**
 * @param {{ handler: import("express").RequestHandler, trustedProxies?: string[], production?: boolean, before?: import("express").RequestHandler[] }} options
 *   `before`: middleware run after the security headers and before static files and Remix
 *   (health and readiness answers, the start-up and shutdown gate).
 */
export function createServerApp({ handler, trustedProxies = [], production = false, before = [] }) {
  const app = express();
  app.disable("x-powered-by");
  // X-Forwarded-For is read only when the socket peer is one of these (an empty list trusts nobody).
  app.set("trust proxy", proxyaddr.compile(trustedProxies));

  app.use((req, res, next) => {
    res.locals.cspNonce = randomBytes(16).toString("base64");
    const append = res.append.bind(res);
    res.append = (field, value) => (ROUTE_OWNED.has(String(field).toLowerCase()) ? res.set(field, value) : append(field, value));
    next();
  });
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          // Remix's inline scripts carry the nonce; everything else comes from our own origin.
          scriptSrc: ["'self'", (_req, res) => `'nonce-${res.locals.cspNonce}'`],
          // Style attributes are used by a few components; scripts stay strict.
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", "data:"],
          fontSrc: ["'self'"],
          connectSrc: ["'self'"],
          frameSrc: ["'self'"],
          objectSrc: ["'none'"],
          baseUri: ["'self'"],
          frameAncestors: ["'none'"],
          ...(production ? { upgradeInsecureRequests: [] } : {}),
        },
      },
      frameguard: { action: "deny" },
      referrerPolicy: { policy: "same-origin" },
      strictTransportSecurity: production ? { maxAge: 31536000, includeSubDomains: true } : false,
      crossOriginEmbedderPolicy: false,
    }),
  );
  app.use((_req, res, next) => {
    res.setHeader("Permissions-Policy", PERMISSIONS_POLICY);
    next();
  });

  for (const middleware of before) app.use(middleware);

  app.use("/assets", express.static("build/client/assets", { immutable: true, maxAge: "1y" }));
  app.use(express.static("public", { maxAge: "1h" }));
  app.all(
    "*",
    (req, res, next) => {
      // PostgreSQL text cannot hold NUL: such an address is malformed, not a server error.
      if (/%00/i.test(req.originalUrl)) {
        res.status(400).type("text/plain").send("Bad request: the address is not valid.");
        return;
      }
      // OPTIONS never reaches a route (Remix's router refuses it without saying what is allowed).
      if (req.method === "OPTIONS") {
        res.status(204).set("Allow", "OPTIONS, GET, HEAD, POST").end();
        return;
      }
      // A cross-site post (its Origin is not this host) is refused here: Remix would abort the
      // action with an error, which answers 500. Same rule as Remix's: the Origin's host must be
      // the request's (forwarded) host.
      if (UNSAFE_METHODS.has(req.method) && isForeignOrigin(req)) {
        if (req.path.startsWith("/api/")) res.status(403).json({ error: "forbidden", message: "Cross-site requests are not accepted." });
        else res.status(403).type("text/plain").send("Forbidden: forms can only be sent from this site.");
        return;
      }
      // The one source of the client address for throttling, sessions and audit: the socket
      // peer, or the X-Forwarded-For entry added by a trusted proxy (see "trust proxy" above).
      req.headers["x-keydesk-client-ip"] = req.ip ?? req.socket.remoteAddress ?? "unknown";
      next();
    },
    handler,
  );
  return app;
}
