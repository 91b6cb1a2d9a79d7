import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { daysOverdue, reminderToSend, remindersDue } from "./reminders";

const DAY = 86_400_000;
const issued = new Date("2026-12-01T09:00:00Z");
const at = (days: number, ms = 0) => new Date(issued.getTime() + days * DAY + ms);

describe("unpaid-invoice reminders", () => {
  it("are due 3 and 10 days after issue", () => {
    expect(reminderToSend(issued, at(2, DAY - 1), [3, 10], 0)).toBeNull();
    expect(reminderToSend(issued, at(3), [3, 10], 0)).toBe(1);
    expect(reminderToSend(issued, at(5), [3, 10], 1)).toBeNull();
    expect(reminderToSend(issued, at(10), [3, 10], 1)).toBe(2);
    expect(reminderToSend(issued, at(40), [3, 10], 2)).toBeNull();
  });

  it("a missed day catches up with one reminder, the latest due", () => {
    expect(reminderToSend(issued, at(12), [3, 10], 0)).toBe(2);
  });

  it("never goes back and never exceeds the configured count (property)", () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: 60 }), { maxLength: 5 }), fc.integer({ min: 0, max: 100 * DAY }), fc.integer({ min: 0, max: 100 * DAY }), (days, a, b) => {
        const sorted = [...days].sort((x, y) => x - y);
        const [early, late] = a <= b ? [a, b] : [b, a];
        const first = remindersDue(issued, new Date(issued.getTime() + early), sorted);
        const second = remindersDue(issued, new Date(issued.getTime() + late), sorted);
        expect(second).toBeGreaterThanOrEqual(first);
        expect(second).toBeLessThanOrEqual(sorted.length);
        // what reminderToSend returns is always newer than what was sent
        const next = reminderToSend(issued, new Date(issued.getTime() + late), sorted, first);
        if (next !== null) expect(next).toBeGreaterThan(first);
      }),
    );
  });

  it("days overdue", () => {
    expect(daysOverdue(at(10), at(9))).toBe(0);
    expect(daysOverdue(at(10), at(11, 5))).toBe(1);
  });
});
