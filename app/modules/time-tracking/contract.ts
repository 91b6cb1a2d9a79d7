import { z } from "zod";
import { wholeNumberField } from "./form-fields";

/**
 * An organisation's support contract as edited by staff.
 * `freeDaysPerWeek` empty/"unlimited"/null means the allowance applies every day.
 * Money is in minor units (kopecks, cents) so amounts stay integers.
 */
export const contractSchema = z.object({
  freeMinutesPerDay: wholeNumberField(0, 24 * 60).default(15),
  freeDaysPerWeek: z.preprocess(unlimitedToNull, wholeNumberField(1, 7).nullable()).default(null),
  hourlyRateMinor: wholeNumberField(0),
  currency: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{3}$/, "time.field.currency"),
});

export type Contract = z.infer<typeof contractSchema>;

function unlimitedToNull(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  if (typeof value === "string" && ["", "unlimited"].includes(value.trim().toLowerCase())) return null;
  return value;
}
