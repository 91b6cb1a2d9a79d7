import { inArray } from "drizzle-orm";
import { settings } from "#db/schema";
import { can, type Actor } from "~/modules/accounts/permissions";
import { recordAudit } from "~/utils/audit.server";
import { db, type Executor } from "~/utils/db.server";
import { AppError } from "~/utils/errors.server";
import { readArea, SETTING_AREAS, validateArea, type AreaSettings, type SettingArea, type SettingError, type Settings } from "./definitions";

/**
 * The one accessor for every admin setting. Pages, jobs and use cases call `getSettings()`;
 * each instance keeps the whole set for a few seconds (every signed-in request needs the
 * session timeouts), so a change made on one instance reaches the others within that time and
 * the instance that saved it at once. Inside a transaction (an executor other than `db`) the
 * rows are read afresh, so a use case sees the value its own transaction wrote.
 */
const CACHE_MS = 5_000;
let cached: { value: Settings; at: number } | null = null;

async function readSettings(executor: Executor): Promise<Settings> {
  const rows = await executor.select({ key: settings.key, value: settings.value }).from(settings).where(inArray(settings.key, SETTING_AREAS));
  const stored = new Map(rows.map((row) => [row.key, row.value]));
  return Object.fromEntries(SETTING_AREAS.map((area) => [area, readArea(area, stored.get(area))])) as unknown as Settings;
}

export async function getSettings(executor: Executor = db): Promise<Settings> {
  if (executor !== db) return readSettings(executor);
  const nowMs = Date.now();
  if (cached && nowMs - cached.at < CACHE_MS) return cached.value;
  const value = await readSettings(executor);
  cached = { value, at: nowMs };
  return value;
}

export function forgetCachedSettings(): void {
  cached = null;
}

/**
 * Writes part of an area (demo seed, tests, the admin page through `updateSettingsArea`):
 * the stored row is the area as read over the defaults, with the patch on top.
 */
export async function saveSettingsArea<A extends SettingArea>(area: A, patch: Partial<AreaSettings<A>>, executor: Executor = db): Promise<AreaSettings<A>> {
  return writeArea(area, (await readSettings(executor))[area], patch, executor);
}

async function writeArea<A extends SettingArea>(area: A, current: AreaSettings<A>, patch: Partial<AreaSettings<A>>, executor: Executor): Promise<AreaSettings<A>> {
  const value = readArea(area, { ...current, ...patch });
  const now = new Date();
  await executor
    .insert(settings)
    .values({ key: area, value, updatedAt: now })
    .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: now } });
  forgetCachedSettings();
  return value;
}

export type UpdateSettingsResult<A extends SettingArea> = { ok: true; value: AreaSettings<A> } | { ok: false; errors: Record<string, SettingError> };

/**
 * The admin saves one area of the settings page: validated field by field (all errors at
 * once, as codes the page translates), written in one transaction with the old and new values
 * in the audit log. Only the changed fields are audited; saving unchanged values writes no
 * audit line. Takes effect from now on: what was already computed keeps its values (a paid
 * support term, an order's renewal price).
 */
export async function updateSettingsArea<A extends SettingArea>(actor: Actor, area: A, raw: Record<string, string | undefined>): Promise<UpdateSettingsResult<A>> {
  if (!can(actor, "manage:settings:any")) throw AppError.forbidden();
  const checked = validateArea(area, raw);
  if (!checked.ok) return checked;
  const value = await db.transaction(async (tx) => {
    const current = (await readSettings(tx))[area];
    const before = current as Record<string, unknown>;
    // Saving the security settings is the admin's own decision: the demo-data note goes.
    const patch = area === "security" ? { ...checked.value, turnedOffByDemoData: false } : checked.value;
    const after = (await writeArea(area, current, patch as Partial<AreaSettings<A>>, tx)) as Record<string, unknown>;
    const changed = Object.keys(after).filter((field) => JSON.stringify(before[field]) !== JSON.stringify(after[field]));
    if (changed.length > 0) {
      await recordAudit(tx, {
        actorId: actor.id,
        action: "settings.updated",
        entityType: "settings",
        entityId: area,
        before: Object.fromEntries(changed.map((field) => [field, before[field]])),
        after: Object.fromEntries(changed.map((field) => [field, after[field]])),
      });
    }
    return after as AreaSettings<A>;
  });
  forgetCachedSettings();
  return { ok: true, value };
}
