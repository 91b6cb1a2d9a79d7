import type { AreaSettings } from "~/modules/settings/definitions";
import { getSettings } from "~/modules/settings/settings.server";
import { db, type Executor } from "~/utils/db.server";

/** The seller's details printed on invoices: the `seller` area of the admin settings. */
export type SellerDetails = AreaSettings<"seller">;

export async function getSellerDetails(executor: Executor = db): Promise<SellerDetails> {
  return (await getSettings(executor)).seller;
}
