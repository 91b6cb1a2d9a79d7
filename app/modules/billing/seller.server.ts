import { eq } from "drizzle-orm";
import { z } from "zod";
import { settings } from "#db/schema";
import { db, type Executor } from "~/utils/db.server";

/**
 * The seller's details printed on invoices: the `settings` row `seller` (admin-editable JSON),
 * field by field over these defaults, so a partial setting still prints a complete invoice.
 */
export const sellerSchema = z.object({
  name: z.string(),
  address: z.string(),
  taxId: z.string(),
  kpp: z.string(),
  email: z.string(),
  bankName: z.string(),
  bankAccount: z.string(),
  bankCode: z.string(),
  correspondentAccount: z.string(),
  paymentTermsDays: z.number().int().min(1).max(365),
});
export type SellerDetails = z.infer<typeof sellerSchema>;

export const DEFAULT_SELLER: SellerDetails = {
  name: "Keydesk Software LLC",
  address: "1 Tverskaya St, Moscow 125009, Russia",
  taxId: "7700000009",
  kpp: "770001001",
  email: "billing@keydesk.localhost",
  bankName: "Example Bank",
  bankAccount: "40702810000000000000",
  bankCode: "044525000",
  correspondentAccount: "30101810400000000225",
  paymentTermsDays: 10,
};

export async function getSellerDetails(executor: Executor = db): Promise<SellerDetails> {
  const [row] = await executor.select({ value: settings.value }).from(settings).where(eq(settings.key, "seller")).limit(1);
  const stored = sellerSchema.partial().safeParse(row?.value ?? {});
  return { ...DEFAULT_SELLER, ...(stored.success ? stored.data : {}) };
}
