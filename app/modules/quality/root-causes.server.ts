import { settings } from "#db/schema";
import { recordAudit } from "~/utils/audit.server";
import { db } from "~/utils/db.server";
import { AppError } from "~/utils/errors.server";
import { can, type Actor } from "../accounts/permissions";
import { applyRootCauseEdit } from "./root-causes";
import { loadRootCauses, ROOT_CAUSES_SETTING } from "./shared.server";

/** The editable list of root-cause categories (a setting; codes never change once used). */
export async function rootCauseCategories(actor: Actor) {
  if (!can(actor, "read:complaint:any")) throw AppError.forbidden();
  return loadRootCauses(db);
}

export async function saveRootCauseCategories(
  actor: Actor,
  edit: { rows: Array<{ code: string; en: string; ru: string; archived: boolean }>; added?: { en: string; ru: string } | null },
  now = new Date(),
) {
  if (!can(actor, "update:complaint:any")) throw AppError.forbidden();
  return db.transaction(async (tx) => {
    const current = await loadRootCauses(tx);
    const result = applyRootCauseEdit(current, edit);
    if (!result.ok) throw AppError.invalid(result.error);
    await tx
      .insert(settings)
      .values({ key: ROOT_CAUSES_SETTING, value: result.list, updatedAt: now })
      .onConflictDoUpdate({ target: settings.key, set: { value: result.list, updatedAt: now } });
    await recordAudit(tx, { actorId: actor.id, action: "quality.root_causes_updated", entityType: "setting", entityId: ROOT_CAUSES_SETTING, before: current, after: result.list });
    return result.list;
  });
}
