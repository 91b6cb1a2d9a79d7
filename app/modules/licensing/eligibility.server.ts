import { eq } from "drizzle-orm";
import { licences, products } from "#db/schema";
import { db, type Executor } from "~/utils/db.server";
import { AppError } from "~/utils/errors.server";
import { can, type Actor } from "../accounts/permissions";
import { checkSupportEligibility, type Eligibility, type TicketType } from "./eligibility";
import { getSettings } from "~/modules/settings/settings.server";

export type EligibilityLicenceSummary = {
  id: string;
  productId: string;
  productName: string;
  organisationId: string;
  productionHost: string | null;
  supportUntil: Date | null;
};

/**
 * May this licence open a ticket of this type now? Loads the licence state and asks the pure
 * gate (`checkSupportEligibility`). Customers only see their organisation's licences: any other
 * id is "not found", never "forbidden". Staff need `read:licence:any`.
 *
 * The tickets module calls this when a ticket is filed (pass its transaction as `executor` to
 * read inside it) and to show the answer before the customer writes.
 */
export async function getSupportEligibility(
  actor: Actor,
  licenceId: string,
  ticketType: TicketType,
  now: Date = new Date(),
  executor: Executor = db,
): Promise<{ licence: EligibilityLicenceSummary; eligibility: Eligibility }> {
  if (actor.role !== "customer" && !can(actor, "read:licence:any")) throw AppError.forbidden();
  if (!/^[0-9a-f-]{36}$/i.test(licenceId)) throw AppError.notFound();
  const [row] = await executor
    .select({ licence: licences, product: products })
    .from(licences)
    .innerJoin(products, eq(products.id, licences.productId))
    .where(eq(licences.id, licenceId))
    .limit(1);
  if (!row) throw AppError.notFound();
  if (actor.role === "customer" && row.licence.organisationId !== actor.organisationId) throw AppError.notFound();
  const { licence, product } = row;
  const eligibility = checkSupportEligibility(
    {
      revokedAt: licence.revokedAt,
      suspendedAt: licence.suspendedAt,
      sourceModified: licence.sourceModified,
      firstActivatedAt: licence.firstActivatedAt,
      supportUntil: licence.supportUntil,
      free: product.free,
      listPriceMinor: product.listPriceMinor,
      currency: product.currency,
      renewalPercent: (await getSettings(executor)).renewals.renewalPercent,
      requiredPlatform: product.requiredPlatform,
      platformLicenceExpiresAt: licence.platformLicenceExpiresAt,
    },
    ticketType,
    now,
  );
  return {
    licence: {
      id: licence.id,
      productId: product.id,
      productName: product.name,
      organisationId: licence.organisationId,
      productionHost: licence.productionHost,
      supportUntil: licence.supportUntil,
    },
    eligibility,
  };
}

/** The same use case under the name the tickets brief uses. */
export const getEligibility = getSupportEligibility;
