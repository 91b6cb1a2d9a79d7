import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { dueReminderKind, reminderWindow } from "./reminders";

const now = new Date("2026-05-01T06:00:00Z");
const DAYS = [30, 7] as const;
const inDays = (days: number) => new Date(now.getTime() + days * 86_400_000);

describe("dueReminderKind", () => {
  it.each([
    [45, null],
    [30.01, null],
    [30, "days_30"],
    [8, "days_30"],
    [7, "days_7"],
    [0.5, "days_7"],
    [0, "day_0"],
    [-1, "day_0"],
    [-2.9, "day_0"],
    [-3, null],
    [-40, null],
  ] as const)("%d days before the end → %s", (days, expected) => {
    expect(dueReminderKind(inDays(days), now, DAYS)).toBe(expected);
  });

  it("covers exactly the window used to query", () => {
    const { from, to } = reminderWindow(now, DAYS);
    expect(dueReminderKind(to, now, DAYS)).toBe("days_30");
    expect(dueReminderKind(from, now, DAYS)).toBeNull();
    expect(dueReminderKind(new Date(from.getTime() + 1), now, DAYS)).toBe("day_0");
  });
});

describe("dueReminderKind with other days set", () => {
  it("matches a day-by-day reference for any first > second", () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 365 }), fc.integer({ min: 1, max: 364 }), fc.integer({ min: -10 * 1440, max: 400 * 1440 }), (a, b, minutesLeft) => {
        fc.pre(a > b);
        const day = 1440;
        const reference = minutesLeft > a * day ? null : minutesLeft > b * day ? "days_30" : minutesLeft > 0 ? "days_7" : minutesLeft > -3 * day ? "day_0" : null;
        const end = new Date(now.getTime() + minutesLeft * 60_000);
        expect(dueReminderKind(end, now, [a, b])).toBe(reference);
        const { from, to } = reminderWindow(now, [a, b]);
        // Whatever is due lies in the window the job queries.
        if (reference !== null) expect(end > from && end <= to).toBe(true);
      }),
    );
  });
});
