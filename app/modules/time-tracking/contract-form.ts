import { z } from "zod";
import { formatMajorAmount, parseMajorAmount } from "../billing/money";
import { wholeNumberField } from "./form-fields";

/**
 * The admin's contract form. Each field either follows the organisation's plan ("followPlan")
 * or overrides it; a blank field keeps the current override. The hourly rate is typed in
 * major units ("3000" or "3 000,50") in the contract's currency and stored in minor units.
 * Free days per week: 1–7, or blank for every day.
 */
export const CONTRACT_FIELDS = ["freeMinutesPerDay", "freeDaysPerWeek", "hourlyRateMinor", "currency"] as const;
export type ContractField = (typeof CONTRACT_FIELDS)[number];

const blankToUndefined = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);
const blankToNull = (value: unknown) => (value === undefined || (typeof value === "string" && value.trim() === "") ? null : value);

export function contractFormSchema(fallbackCurrency: string) {
  return z
    .object({
      freeMinutesPerDay: z.preprocess(blankToUndefined, wholeNumberField(0, 24 * 60).optional()),
      freeDaysPerWeek: z.preprocess(blankToNull, wholeNumberField(1, 7).nullable()),
      currency: z.preprocess(
        blankToUndefined,
        z
          .string()
          .trim()
          .toUpperCase()
          .regex(/^[A-Z]{3}$/, "time.field.currency")
          .optional(),
      ),
      hourlyRate: z.preprocess(blankToUndefined, z.string().trim().max(30).optional()),
      followPlan: z.preprocess(
        (value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]),
        z.array(z.enum(CONTRACT_FIELDS)),
      ),
    })
    .transform((value, ctx) => {
      let hourlyRateMinor: number | undefined;
      if (value.hourlyRate !== undefined && !value.followPlan.includes("hourlyRateMinor")) {
        const currency = value.followPlan.includes("currency") ? fallbackCurrency : (value.currency ?? fallbackCurrency);
        const parsed = parseMajorAmount(value.hourlyRate, currency);
        if (parsed === null) {
          ctx.addIssue({ code: "custom", path: ["hourlyRate"], message: "time.field.amount" });
          return z.NEVER;
        }
        hourlyRateMinor = parsed;
      }
      return {
        freeMinutesPerDay: value.freeMinutesPerDay,
        freeDaysPerWeek: value.freeDaysPerWeek,
        hourlyRateMinor,
        currency: value.currency,
        followPlan: value.followPlan,
      };
    });
}

export type ContractFormInput = z.output<ReturnType<typeof contractFormSchema>>;

export function rateForForm(hourlyRateMinor: number, currency: string): string {
  return formatMajorAmount(hourlyRateMinor, currency);
}

export const prepaidAdjustmentSchema = z.object({
  minutes: wholeNumberField(1, 1_000_000),
  note: z.string().trim().min(1, "time.field.creditReason").max(500),
});
