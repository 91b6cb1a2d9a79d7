import { checkHealth } from "~/utils/health.server";

/**
 * Liveness with the database's state: 200 when the database is reachable and migrated, 503
 * otherwise. While the app is still starting, server-process.mjs answers 200 `starting` itself.
 */
export async function loader() {
  const health = await checkHealth();
  return Response.json(health.body, { status: health.ok ? 200 : 503, headers: { "Cache-Control": "no-store" } });
}
