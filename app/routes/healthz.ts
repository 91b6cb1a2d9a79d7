import { currentDatabase, migrationStatus } from "~/utils/db.server";

/** Liveness and readiness: is the database reachable, and are the migrations current? */
export async function loader() {
  try {
    const handle = currentDatabase();
    await handle.query("select 1");
    const { expected, applied } = await migrationStatus(handle);
    const current = applied >= expected;
    return Response.json(
      { status: current ? "ok" : "degraded", database: { reachable: true, driver: handle.kind }, migrations: { current, expected, applied } },
      { status: current ? 200 : 503, headers: { "Cache-Control": "no-store" } },
    );
  } catch {
    return Response.json(
      { status: "down", database: { reachable: false }, migrations: { current: false } },
      { status: 503, headers: { "Cache-Control": "no-store" } },
    );
  }
}
