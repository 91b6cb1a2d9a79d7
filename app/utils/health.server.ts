import { currentDatabase, migrationStatus } from "./db.server";

export type Health = { ok: boolean; body: Record<string, unknown> };

/** Is the database reachable, and are the migrations current? (`/healthz` and `/readyz`.) */
export async function checkHealth(): Promise<Health> {
  try {
    const handle = currentDatabase();
    await handle.query("select 1");
    const { expected, applied } = await migrationStatus(handle);
    const current = applied >= expected;
    return {
      ok: current,
      body: { status: current ? "ok" : "degraded", database: { reachable: true, driver: handle.kind }, migrations: { current, expected, applied } },
    };
  } catch {
    return { ok: false, body: { status: "down", database: { reachable: false }, migrations: { current: false } } };
  }
}
