import { describe, expect, it } from "vitest";
import { dueReminderKind, reminderWindow } from "./reminders";

const now = new Date("2026-05-01T06:00:00Z");
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
    expect(dueReminderKind(inDays(days), now)).toBe(expected);
  });

  it("covers exactly the window used to query", () => {
    const { from, to } = reminderWindow(now);
    expect(dueReminderKind(to, now)).toBe("days_30");
    expect(dueReminderKind(from, now)).toBeNull();
    expect(dueReminderKind(new Date(from.getTime() + 1), now)).toBe("day_0");
  });
});
