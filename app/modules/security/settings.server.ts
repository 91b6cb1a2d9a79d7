import { eq } from "drizzle-orm";
import { settings } from "#db/schema";
import { can, type Actor } from "~/modules/accounts/permissions";
import { recordAudit } from "~/utils/audit.server";
import { db, type Executor } from "~/utils/db.server";
import { AppError } from "~/utils/errors.server";
import { DEFAULT_SECURITY_SETTINGS, securitySettingsSchema, type SecuritySettings } from "./policy";

export const SECURITY_SETTINGS_KEY = "security";

/**
 * The `security` settings row, field by field over the defaults. Every signed-in request needs
 * it (idle timeouts), so each instance keeps it for a few seconds; a change reaches every
 * instance within that time.
 */
const CACHE_MS = 10_000;
let cached: { value: SecuritySettings; at: number } | null = null;

async function readSecuritySettings(executor: Executor): Promise<SecuritySettings> {
  const [row] = await executor.select({ value: settings.value }).from(settings).where(eq(settings.key, SECURITY_SETTINGS_KEY)).limit(1);
  const stored = securitySettingsSchema.partial().safeParse(row?.value ?? {});
  return { ...DEFAULT_SECURITY_SETTINGS, ...(stored.success ? stored.data : {}) };
}

/** Inside a transaction (an executor other than `db`) the row is always read afresh. */
export async function getSecuritySettings(executor: Executor = db): Promise<SecuritySettings> {
  if (executor !== db) return readSecuritySettings(executor);
  const nowMs = Date.now();
  if (cached && nowMs - cached.at < CACHE_MS) return cached.value;
  const value = await readSecuritySettings(executor);
  cached = { value, at: nowMs };
  return value;
}

/** Writes the setting (demo seed, admin page, tests) and drops this instance's cached copy. */
export async function saveSecuritySettings(patch: Partial<SecuritySettings>, executor: Executor = db): Promise<SecuritySettings> {
  const current = await readSecuritySettings(executor);
  const value = securitySettingsSchema.parse({ ...current, ...patch });
  await executor
    .insert(settings)
    .values({ key: SECURITY_SETTINGS_KEY, value, updatedAt: new Date() })
    .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: new Date() } });
  cached = null;
  return value;
}

export function forgetCachedSecuritySettings(): void {
  cached = null;
}

/** The admin changes the security settings (audited). Saving clears the demo-data note. */
export async function updateSecuritySettings(
  actor: Actor,
  input: Pick<SecuritySettings, "requireTwoFactorForStaff" | "staffIdleHours" | "customerIdleDays" | "absoluteLifetimeDays">,
): Promise<SecuritySettings> {
  if (!can(actor, "manage:settings:any")) throw AppError.forbidden();
  return db.transaction(async (tx) => {
    const before = await getSecuritySettings(tx);
    const after = await saveSecuritySettings({ ...input, turnedOffByDemoData: false }, tx);
    await recordAudit(tx, { actorId: actor.id, action: "settings.security_updated", entityType: "settings", entityId: SECURITY_SETTINGS_KEY, before, after });
    return after;
  });
}
