import { getSettings } from "~/modules/settings/settings.server";
import { db, type Executor } from "~/utils/db.server";
import { priceLine, type VatSetting } from "./vat";

export type BillingSettings = { vat: VatSetting; reminderDays: number[] };

/**
 * The `billing` area of the admin settings: the seller's VAT mode and rate, and the days after
 * issue on which unpaid invoices are reminded (earliest first).
 */
export async function getBillingSettings(executor: Executor = db): Promise<BillingSettings> {
  const { billing } = await getSettings(executor);
  return {
    vat: { mode: billing.vatMode, rateBasisPoints: billing.vatRateBasisPoints },
    reminderDays: [...billing.reminderDays].sort((a, b) => a - b),
  };
}

/** What an order snapshots about VAT for a price stated as `statedMinor` under today's setting. */
export async function vatForNewOrder(executor: Executor, statedMinor: number): Promise<{ amountMinor: number; vatMinor: number; vatMode: VatSetting["mode"]; vatRateBasisPoints: number }> {
  const { vat } = await getBillingSettings(executor);
  const priced = priceLine({ quantity: 1, unitPriceMinor: statedMinor }, vat);
  return { amountMinor: priced.totalMinor, vatMinor: priced.vatMinor, vatMode: vat.mode, vatRateBasisPoints: vat.mode === "none" ? 0 : vat.rateBasisPoints };
}
