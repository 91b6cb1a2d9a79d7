import { z } from "zod";

/**
 * Prepaid-hours packages a customer can buy. The price is hours × the contract's
 * hourly rate at the time of the order (the order snapshots it), so a package
 * never costs more or less than the same time billed by the minute.
 */
export const PREPAID_PACKAGE_HOURS = [5, 10, 20] as const;
export type PrepaidPackageHours = (typeof PREPAID_PACKAGE_HOURS)[number];

export type PrepaidPackage = { hours: PrepaidPackageHours; minutes: number; amountMinor: number; currency: string };

export function prepaidPackages(rate: { hourlyRateMinor: number; currency: string }): PrepaidPackage[] {
  return PREPAID_PACKAGE_HOURS.map((hours) => prepaidPackage(hours, rate));
}

export function prepaidPackage(hours: PrepaidPackageHours, rate: { hourlyRateMinor: number; currency: string }): PrepaidPackage {
  if (!Number.isSafeInteger(rate.hourlyRateMinor) || rate.hourlyRateMinor < 0) {
    throw new RangeError(`hourlyRateMinor must be a non-negative whole number, got ${rate.hourlyRateMinor}`);
  }
  const amountMinor = hours * rate.hourlyRateMinor;
  if (!Number.isSafeInteger(amountMinor)) throw new RangeError("Package price is too large to compute exactly");
  return { hours, minutes: hours * 60, amountMinor, currency: rate.currency };
}

export const buyPrepaidHoursSchema = z.object({
  hours: z.preprocess(
    (value) => (typeof value === "string" && /^\d+$/.test(value.trim()) ? Number(value) : value),
    z.union(PREPAID_PACKAGE_HOURS.map((h) => z.literal(h)) as [z.ZodLiteral<5>, z.ZodLiteral<10>, z.ZodLiteral<20>], {
      error: "buy.choose",
    }),
  ),
  method: z.enum(["card", "invoice"], { error: "licensing.error.paymentMethod" }).default("invoice"),
});

export type BuyPrepaidHours = z.infer<typeof buyPrepaidHoursSchema>;

/** Minutes a paid prepaid-hours order adds to the balance. */
export function orderPrepaidMinutes(order: { kind: string; hours: number | null }): number {
  if (order.kind !== "prepaid_hours") throw new RangeError(`Order kind "${order.kind}" carries no prepaid hours`);
  if (order.hours === null || !Number.isSafeInteger(order.hours) || order.hours <= 0) {
    throw new RangeError(`A prepaid-hours order needs a positive whole number of hours, got ${order.hours}`);
  }
  return order.hours * 60;
}
