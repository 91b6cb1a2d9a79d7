import { getSettings, saveSettingsArea } from "~/modules/settings/settings.server";
import type { Executor } from "~/utils/db.server";
import type { SecuritySettings } from "./policy";

/** The `security` area of the admin settings (through the one cached accessor). */
export async function getSecuritySettings(executor?: Executor): Promise<SecuritySettings> {
  return (await getSettings(executor)).security;
}

/** Writes the security settings (demo seed, tests); the admin page saves through `updateSettingsArea`. */
export async function saveSecuritySettings(patch: Partial<SecuritySettings>, executor?: Executor): Promise<SecuritySettings> {
  return saveSettingsArea("security", patch, executor);
}
