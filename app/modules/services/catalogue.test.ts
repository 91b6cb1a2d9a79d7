import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { allocateTime, type TicketType, type TimeEntryInput } from "../time-tracking/allowance";
import { estimateMinor, reclassifySchema, serviceItemFormSchema, serviceRequestFormSchema } from "./catalogue";

describe("service catalogue forms", () => {
  it("reads the price in major units and answers with message keys", () => {
    const ok = serviceItemFormSchema.safeParse({ nameEn: " Training ", nameRu: "Обучение", unit: "hour", currency: "rub", price: "3 500,50", active: "on" });
    expect(ok.success && ok.data).toMatchObject({ nameEn: "Training", currency: "RUB", priceMinor: 350_050, active: true, descriptionEn: "" });
    const bad = serviceItemFormSchema.safeParse({ nameEn: "", nameRu: "x", unit: "day", currency: "RU", price: "0" });
    expect(bad.success).toBe(false);
    const codes = bad.error!.issues.map((i) => `${i.path.join(".")}:${i.message}`).sort();
    expect(codes).toEqual(["currency:services.error.currency", "nameEn:services.error.name", "price:services.error.price", "unit:services.error.unit"]);
  });

  it("accepts whole quantities from 1 to 1000 and a reason of at least 3 characters", () => {
    const licenceId = "6f1c1f59-3f4a-4d1e-9a55-8f3f0e6f2a11";
    expect(serviceRequestFormSchema.safeParse({ licenceId, quantity: "3", description: "Migrate the 2025 orders" }).success).toBe(true);
    for (const quantity of ["0", "1.5", "1001", "abc"]) {
      expect(serviceRequestFormSchema.safeParse({ licenceId, quantity, description: "Migrate the 2025 orders" }).success).toBe(false);
    }
    expect(reclassifySchema.safeParse({ type: "billing", reason: "because" }).success).toBe(false);
    expect(reclassifySchema.safeParse({ type: "bug_report", reason: " x " }).success).toBe(false);
  });

  it("estimates quantity × unit price exactly, and says when the money column cannot hold it", () => {
    expect(estimateMinor(3, 350_050)).toBe(1_050_150);
    expect(() => estimateMinor(0, 100)).toThrow(RangeError);
    expect(estimateMinor(1000, 2_147_483)).toBe(2_147_483_000);
    expect(estimateMinor(1000, 2_147_484)).toBeNull();
  });
});

/**
 * Reclassification re-runs the one allocation function over the history with the ticket's new
 * type. These properties pin down what that means for the ticket and for the rest.
 */
describe("re-splitting a ticket's time under another type", () => {
  const START = Date.UTC(2026, 2, 2, 7); // Monday 10:00 in Moscow
  const entryArb = fc.record({
    onTicket: fc.boolean(),
    otherType: fc.constantFrom<TicketType>("question", "paid_service", "bug_report"),
    hoursAfter: fc.integer({ min: 0, max: 24 * 20 }),
    minutes: fc.integer({ min: 0, max: 90 }),
  });
  const caseArb = fc.record({
    entries: fc.array(entryArb, { minLength: 1, maxLength: 25 }),
    credits: fc.array(fc.record({ hoursAfter: fc.integer({ min: -24, max: 24 * 20 }), minutes: fc.integer({ min: 1, max: 120 }) }), { maxLength: 3 }),
    freeMinutesPerDay: fc.integer({ min: 0, max: 30 }),
    freeDaysPerWeek: fc.option(fc.integer({ min: 1, max: 7 }), { nil: null }),
  });
  type Case = typeof caseArb extends fc.Arbitrary<infer C> ? C : never;
  const TYPES: readonly TicketType[] = ["question", "paid_service", "bug_report"];

  function allocate(c: Case, ticketType: TicketType) {
    const entries: TimeEntryInput[] = c.entries.map((e, i) => ({
      id: `e${String(i).padStart(2, "0")}`,
      startedAt: new Date(START + e.hoursAfter * 3_600_000),
      minutes: e.minutes,
      ticketType: e.onTicket ? ticketType : e.otherType,
    }));
    return allocateTime({
      entries,
      contract: { freeMinutesPerDay: c.freeMinutesPerDay, freeDaysPerWeek: c.freeDaysPerWeek },
      prepaidCredits: c.credits.map((k) => ({ at: new Date(START + k.hoursAfter * 3_600_000), minutes: k.minutes })),
      timeZone: "Europe/Moscow",
    });
  }

  it("keeps every minute, follows the new type's rules, and a round trip restores the split", () => {
    fc.assert(
      fc.property(caseArb, fc.constantFrom(...TYPES), fc.constantFrom(...TYPES), (c, from, to) => {
        const before = allocate(c, from);
        const after = allocate(c, to);
        c.entries.forEach((e, i) => {
          const a = after.allocations.get(`e${String(i).padStart(2, "0")}`)!;
          expect(a.free + a.prepaid + a.billable + a.notCharged).toBe(e.minutes);
          if (!e.onTicket) return;
          if (to === "bug_report") expect(a.notCharged).toBe(e.minutes);
          if (to === "paid_service") expect(a.free).toBe(0);
          if (to !== "bug_report") expect(a.notCharged).toBe(0);
        });
        expect(allocate(c, from).allocations).toEqual(before.allocations);
      }),
      { numRuns: 100 },
    );
  });

  it("never makes another ticket's time more billable when this ticket becomes a bug report", () => {
    fc.assert(
      fc.property(caseArb, fc.constantFrom<TicketType>("question", "paid_service"), (c, from) => {
        const before = allocate(c, from);
        const after = allocate(c, "bug_report");
        c.entries.forEach((e, i) => {
          if (e.onTicket) return;
          const id = `e${String(i).padStart(2, "0")}`;
          expect(after.allocations.get(id)!.billable).toBeLessThanOrEqual(before.allocations.get(id)!.billable);
        });
        expect(after.prepaidBalance).toBeGreaterThanOrEqual(before.prepaidBalance);
      }),
      { numRuns: 100 },
    );
  });
});
