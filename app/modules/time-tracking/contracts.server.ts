import { contracts } from "#db/schema";
import { can, type Actor } from "~/modules/accounts/permissions";
import { recordAudit } from "~/utils/audit.server";
import { db } from "~/utils/db.server";
import { AppError } from "~/utils/errors.server";
import { lockOrganisationTime, recomputeOrganisationAllocation } from "./allocation.server";
import { loadTimeContext, type TimeContext } from "./context.server";
import type { Contract as ContractInput } from "./contract";

/** Staff read an organisation's contract (the effective values and where each comes from). */
export async function getContract(actor: Actor, organisationId: string): Promise<TimeContext> {
  if (!can(actor, "read:organisation:any")) throw AppError.notFound();
  return loadTimeContext(db, organisationId);
}

/**
 * Admin sets the contract. A field left to follow the plan is stored as null; the allowance
 * of every existing entry is recomputed at once, so counters and statements follow.
 */
export async function setContract(
  actor: Actor,
  organisationId: string,
  input: Partial<ContractInput> & { followPlan?: Array<"freeMinutesPerDay" | "freeDaysPerWeek" | "hourlyRateMinor" | "currency"> },
  now = new Date(),
): Promise<TimeContext> {
  if (!can(actor, "manage:organisation:any")) throw AppError.forbidden();
  return db.transaction(async (tx) => {
    await lockOrganisationTime(tx, organisationId);
    const before = await loadTimeContext(tx, organisationId);
    const follow = new Set(input.followPlan ?? []);
    const values = {
      freeMinutesPerDay: follow.has("freeMinutesPerDay") ? null : (input.freeMinutesPerDay ?? before.overrides.freeMinutesPerDay),
      freeDaysPerWeek: follow.has("freeDaysPerWeek")
        ? null
        : input.freeDaysPerWeek !== undefined
          ? input.freeDaysPerWeek
          : before.overrides.freeDaysPerWeek,
      freeDaysPerWeekSet: follow.has("freeDaysPerWeek") ? false : input.freeDaysPerWeek !== undefined || before.overrides.freeDaysPerWeekSet,
      hourlyRateMinor: follow.has("hourlyRateMinor") ? null : (input.hourlyRateMinor ?? before.overrides.hourlyRateMinor),
      currency: follow.has("currency") ? null : (input.currency ?? before.overrides.currency),
      updatedAt: now,
      updatedBy: actor.id,
    };
    await tx
      .insert(contracts)
      .values({ organisationId, ...values })
      .onConflictDoUpdate({ target: contracts.organisationId, set: values });
    await recomputeOrganisationAllocation(tx, organisationId);
    const after = await loadTimeContext(tx, organisationId);
    await recordAudit(tx, {
      actorId: actor.id,
      action: "contract.updated",
      entityType: "organisation",
      entityId: organisationId,
      before: before.overrides,
      after: after.overrides,
    });
    return after;
  });
}
