/**
 * Term-end arithmetic of bought plans, against a reference written with plain Date UTC fields
 * (not luxon): a purchase starts from the later of the payment and the current end, adds whole
 * calendar months and clamps to the last day of a shorter month.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { planTermAction, planTermEnd, planTermEndAfterRefund } from "./plan-term";

const DAY = 86_400_000;

function referenceAddMonths(date: Date, months: number): Date {
  const y = date.getUTCFullYear();
  const m = date.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return new Date(
    Date.UTC(y, m, Math.min(date.getUTCDate(), lastDay), date.getUTCHours(), date.getUTCMinutes(), date.getUTCSeconds(), date.getUTCMilliseconds()),
  );
}

const instant = fc.date({ min: new Date("2020-01-01T00:00:00Z"), max: new Date("2035-12-31T23:59:59Z"), noInvalidDate: true });
const months = fc.integer({ min: 1, max: 60 });

describe("planTermEnd", () => {
  it("adds the term to the later of the payment and the current end", () => {
    fc.assert(
      fc.property(fc.option(instant, { nil: null }), instant, months, (until, paidAt, term) => {
        const start = until && until > paidAt ? until : paidAt;
        expect(planTermEnd(until, paidAt, term).getTime()).toBe(referenceAddMonths(start, term).getTime());
      }),
    );
  });

  // Whole calendar months clamp to a shorter month's last day, so renewing on 30 March with a
  // term ending 31 March ends on 30 April either way: never earlier than a fresh term, not always later.
  it("never loses time: buying again before the end ends later than the current end and no earlier than a fresh term", () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 1, max: 400 }), months, (paidAt, daysLeft, term) => {
        const until = new Date(paidAt.getTime() + daysLeft * DAY);
        const extended = planTermEnd(until, paidAt, term);
        expect(extended.getTime()).toBeGreaterThan(until.getTime());
        expect(extended.getTime()).toBeGreaterThanOrEqual(planTermEnd(null, paidAt, term).getTime());
      }),
    );
  });

  it("examples: a year from 15 March; 31 January + 1 month; early renewal extends from the end", () => {
    expect(planTermEnd(null, new Date("2026-03-15T09:00:00Z"), 12).toISOString()).toBe("2027-03-15T09:00:00.000Z");
    expect(planTermEnd(null, new Date("2026-01-31T12:00:00Z"), 1).toISOString()).toBe("2026-02-28T12:00:00.000Z");
    expect(planTermEnd(new Date("2026-06-01T00:00:00Z"), new Date("2026-05-20T00:00:00Z"), 12).toISOString()).toBe("2027-06-01T00:00:00.000Z");
    // The clamp: a day left on 30 March and a fresh month from 30 March both end on 30 April.
    expect(planTermEnd(new Date("2029-03-31T00:00:00Z"), new Date("2029-03-30T00:00:00Z"), 1).toISOString()).toBe("2029-04-30T00:00:00.000Z");
    // A lapsed end does not count: the term starts at the payment.
    expect(planTermEnd(new Date("2026-01-01T00:00:00Z"), new Date("2026-05-20T00:00:00Z"), 12).toISOString()).toBe("2027-05-20T00:00:00.000Z");
  });
});

describe("planTermAction", () => {
  it("lapses at or after the end, reminds once per end inside the window, else nothing", () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: -100 * 24 * 60, max: 100 * 24 * 60 }), fc.integer({ min: 1, max: 60 }), fc.boolean(), (now, minutesLeft, days, reminded) => {
        const planUntil = new Date(now.getTime() + minutesLeft * 60_000);
        const action = planTermAction({ planUntil, reminderSentFor: reminded ? planUntil : null }, now, days);
        const expected = minutesLeft <= 0 ? "lapse" : minutesLeft <= days * 24 * 60 && !reminded ? "remind" : null;
        expect(action).toBe(expected);
      }),
    );
  });

  it("a reminder sent for an earlier end does not silence the reminder of a new end", () => {
    const now = new Date("2026-05-20T06:00:00Z");
    const planUntil = new Date("2026-05-30T00:00:00Z");
    expect(planTermAction({ planUntil, reminderSentFor: new Date("2025-05-30T00:00:00Z") }, now, 14)).toBe("remind");
  });
});

describe("planTermEndAfterRefund", () => {
  it("takes the refunded term back off the end: a renewal refunded returns the previous end; a first term refunded ends now", () => {
    // Bought on 15 March 2026, renewed early: ends 15 March 2028. Refunding the renewal → 15 March 2027.
    expect(planTermEndAfterRefund(new Date("2028-03-15T09:00:00Z"), 12, new Date("2026-06-01T00:00:00Z"))?.toISOString()).toBe("2027-03-15T09:00:00.000Z");
    expect(planTermEndAfterRefund(new Date("2027-03-15T09:00:00Z"), 12, new Date("2026-06-01T00:00:00Z"))).toBeNull();
  });

  it("undoes planTermEnd whenever the day of the month exists in every month passed (days 1–28)", () => {
    fc.assert(
      fc.property(instant, months, fc.integer({ min: 1, max: 28 }), fc.integer({ min: 1, max: 300 }), (start, term, day, daysBefore) => {
        const until = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), day, start.getUTCHours(), start.getUTCMinutes()));
        const paidAt = new Date(until.getTime() - daysBefore * DAY);
        const extended = planTermEnd(until, paidAt, term);
        expect(planTermEndAfterRefund(extended, term, paidAt)?.getTime()).toBe(until.getTime());
      }),
    );
  });
});
