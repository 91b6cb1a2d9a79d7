import { eq } from "drizzle-orm";
import { z } from "zod";
import { settings } from "#db/schema";
import { db, type Executor } from "~/utils/db.server";
import { DEFAULT_VAT, priceLine, vatSettingSchema, type VatSetting } from "./vat";

/**
 * Billing settings: the `settings` row `billing` (admin-editable JSON) over these defaults —
 * the seller's VAT mode and rate, and the days after issue on which unpaid invoices are reminded.
 */
export const billingSettingsSchema = z.object({
  vat: vatSettingSchema,
  reminderDays: z.array(z.number().int().min(1).max(365)).max(5),
});
export type BillingSettings = z.infer<typeof billingSettingsSchema>;

export const DEFAULT_BILLING_SETTINGS: BillingSettings = { vat: DEFAULT_VAT, reminderDays: [3, 10] };

export async function getBillingSettings(executor: Executor = db): Promise<BillingSettings> {
  const [row] = await executor.select({ value: settings.value }).from(settings).where(eq(settings.key, "billing")).limit(1);
  const stored = billingSettingsSchema.partial().safeParse(row?.value ?? {});
  const merged = { ...DEFAULT_BILLING_SETTINGS, ...(stored.success ? stored.data : {}) };
  return { ...merged, reminderDays: [...merged.reminderDays].sort((a, b) => a - b) };
}

/** What an order snapshots about VAT for a price stated as `statedMinor` under today's setting. */
export async function vatForNewOrder(executor: Executor, statedMinor: number): Promise<{ amountMinor: number; vatMinor: number; vatMode: VatSetting["mode"]; vatRateBasisPoints: number }> {
  const { vat } = await getBillingSettings(executor);
  const priced = priceLine({ quantity: 1, unitPriceMinor: statedMinor }, vat);
  return { amountMinor: priced.totalMinor, vatMinor: priced.vatMinor, vatMode: vat.mode, vatRateBasisPoints: vat.mode === "none" ? 0 : vat.rateBasisPoints };
}
