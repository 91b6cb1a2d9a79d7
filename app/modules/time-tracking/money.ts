/**
 * Price of billable minutes at an hourly rate, in minor units (kopecks, cents),
 * rounded half-up to a whole minor unit.
 *
 * Apply it to a period's TOTAL billable minutes, not per entry: rounding each
 * entry and summing would drift from the rate the customer agreed to.
 * Integer arithmetic only, so no float rounding surprises (e.g. 1 min at 150).
 */
export function billableAmountMinor(minutes: number, hourlyRateMinor: number): number {
  assertNonNegativeInteger(minutes, "minutes");
  assertNonNegativeInteger(hourlyRateMinor, "hourlyRateMinor");
  const minorTimesMinutes = minutes * hourlyRateMinor;
  if (!Number.isSafeInteger(minorTimesMinutes)) throw new RangeError("Amount is too large to compute exactly");
  return Math.floor((minorTimesMinutes + 30) / 60);
}

function assertNonNegativeInteger(value: number, what: string): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${what} must be a non-negative whole number, got ${value}`);
  }
}
