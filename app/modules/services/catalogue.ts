/** The paid services catalogue: form schemas, the estimate and the reclassification input. Pure. */
import { z } from "zod";
import { parseMajorAmount } from "../billing/money";

export const SERVICE_UNITS = ["hour", "fixed"] as const;
export type ServiceUnit = (typeof SERVICE_UNITS)[number];

/** Largest quantity a customer can ask an estimate for (hours or pieces). */
export const MAX_SERVICE_QUANTITY = 1000;

const checkbox = z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean());
const text = (max: number, empty: string) =>
  z
    .string({ error: empty })
    .trim()
    .min(1, { error: empty })
    .max(max, { error: "services.error.tooLong" });
const longText = (max: number) => z.string().trim().max(max, { error: "services.error.tooLong" }).default("");

/**
 * The admin's item form. Error messages are message keys (`services.error.*`) the page
 * translates; the price is typed in major units and stored in minor units.
 */
export const serviceItemFormSchema = z
  .object({
    nameEn: text(200, "services.error.name"),
    nameRu: text(200, "services.error.name"),
    descriptionEn: longText(5000),
    descriptionRu: longText(5000),
    unit: z.enum(SERVICE_UNITS, { error: "services.error.unit" }),
    currency: z
      .string({ error: "services.error.currency" })
      .trim()
      .toUpperCase()
      .regex(/^[A-Z]{3}$/, { error: "services.error.currency" }),
    // Checked here too (not only in the transform) so the error shows beside the others.
    price: z
      .string({ error: "services.error.price" })
      .trim()
      .regex(/^\d[\d\s\u00a0\u202f']*(?:[.,]\d{0,3})?$/, { error: "services.error.price" })
      .regex(/[1-9]/, { error: "services.error.price" }),
    active: checkbox,
  })
  .transform((value, ctx) => {
    const priceMinor = parseMajorAmount(value.price, value.currency);
    if (priceMinor === null || priceMinor === 0) {
      ctx.addIssue({ code: "custom", path: ["price"], message: "services.error.price" });
      return z.NEVER;
    }
    const { price: _price, ...rest } = value;
    return { ...rest, priceMinor };
  });
export type ServiceItemInput = z.infer<typeof serviceItemFormSchema>;

/** The customer's request form: which licence, how many hours / pieces, and what is wanted. */
export const serviceRequestFormSchema = z.object({
  licenceId: z.uuid({ error: "services.error.licence" }),
  quantity: z.coerce
    .number({ error: "services.error.quantity" })
    .int({ error: "services.error.quantity" })
    .min(1, { error: "services.error.quantity" })
    .max(MAX_SERVICE_QUANTITY, { error: "services.error.quantity" }),
  description: z
    .string({ error: "services.error.description" })
    .trim()
    .min(10, { error: "services.error.description" })
    .max(20_000, { error: "services.error.tooLong" }),
});
export type ServiceRequestInput = z.infer<typeof serviceRequestFormSchema>;

/** The largest amount the integer money columns hold. */
const MAX_AMOUNT_MINOR = 2_147_483_647;

/**
 * The estimate shown to the customer: quantity × unit price, in minor units, or null when it
 * would not fit the money columns (a huge price times many units: the form says so).
 */
export function estimateMinor(quantity: number, unitPriceMinor: number): number | null {
  if (!Number.isSafeInteger(quantity) || quantity < 1) throw new RangeError(`quantity must be a positive whole number, got ${quantity}`);
  if (!Number.isSafeInteger(unitPriceMinor) || unitPriceMinor < 0) throw new RangeError(`unitPriceMinor must be a non-negative whole number, got ${unitPriceMinor}`);
  const total = quantity * unitPriceMinor;
  return total > MAX_AMOUNT_MINOR ? null : total;
}

/** The item's name and description in the reader's language. */
export function localisedItem<T extends { nameEn: string; nameRu: string; descriptionEn?: string; descriptionRu?: string }>(
  item: T,
  locale: "en" | "ru",
): { name: string; description: string } {
  return locale === "ru"
    ? { name: item.nameRu, description: item.descriptionRu ?? "" }
    : { name: item.nameEn, description: item.descriptionEn ?? "" };
}

/** The types staff can move a ticket between (SPEC §5: the three that decide how time is charged). */
export const RECLASSIFY_TYPES = ["question", "paid_service", "bug_report"] as const;
export type ReclassifyType = (typeof RECLASSIFY_TYPES)[number];

export const reclassifySchema = z.object({
  type: z.enum(RECLASSIFY_TYPES, { error: "services.error.type" }),
  reason: z
    .string({ error: "services.error.reason" })
    .trim()
    .min(3, { error: "services.error.reason" })
    .max(2000, { error: "services.error.tooLong" }),
});
export type ReclassifyInput = z.infer<typeof reclassifySchema>;
