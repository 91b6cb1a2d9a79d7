import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { backupFileName, backupsToKeep, isBackupDue, parseBackupFileName } from "./schedule";

/** Reference: group by bucket, take the N newest buckets, keep the newest time of each. */
function reference(times: Date[], keepDaily: number, keepWeekly: number): number[] {
  const newestOf = (bucket: (d: Date) => string, n: number) => {
    const groups = new Map<string, number>();
    for (const t of times) groups.set(bucket(t), Math.max(groups.get(bucket(t)) ?? -Infinity, t.getTime()));
    return [...groups.entries()].sort((a, b) => b[1] - a[1]).slice(0, n).map(([, t]) => t);
  };
  // ISO week by arithmetic: the Monday (UTC) on or before the day.
  const monday = (d: Date) => {
    const day = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
    return String(day - ((d.getUTCDay() + 6) % 7) * 86_400_000);
  };
  const kept = new Set([...newestOf((d) => d.toISOString().slice(0, 10), keepDaily), ...newestOf(monday, keepWeekly)]);
  return [...kept].sort((a, b) => b - a);
}

// Whole seconds (names carry seconds), spread over ~4 months so days and weeks repeat and vary.
const START = Date.UTC(2026, 0, 1);
const timesArb = fc.uniqueArray(fc.integer({ min: 0, max: 120 * 86_400 }), { maxLength: 60 }).map((s) => s.map((x) => new Date(START + x * 1000)));

describe("backupsToKeep", () => {
  it("matches the reference (newest per day for N days, newest per ISO week for M weeks)", () => {
    fc.assert(
      fc.property(timesArb, fc.integer({ min: 1, max: 10 }), fc.integer({ min: 0, max: 6 }), (times, keepDaily, keepWeekly) => {
        expect(backupsToKeep(times, { keepDaily, keepWeekly }).map((d) => d.getTime())).toEqual(reference(times, keepDaily, keepWeekly));
      }),
      { numRuns: 300 },
    );
  });

  it("always keeps the newest, keeps at most daily + weekly, and is stable when applied again", () => {
    fc.assert(
      fc.property(timesArb, fc.integer({ min: 1, max: 10 }), fc.integer({ min: 0, max: 6 }), (times, keepDaily, keepWeekly) => {
        const kept = backupsToKeep(times, { keepDaily, keepWeekly });
        if (times.length > 0) expect(kept[0]!.getTime()).toBe(Math.max(...times.map((t) => t.getTime())));
        expect(kept.length).toBeLessThanOrEqual(keepDaily + keepWeekly);
        expect(backupsToKeep(kept, { keepDaily, keepWeekly })).toEqual(kept);
      }),
    );
  });

  it("keeps 7 daily and 4 weekly out of 60 nightly backups", () => {
    const nightly = Array.from({ length: 60 }, (_, i) => new Date(Date.UTC(2026, 9, 1 + i, 2)));
    const kept = backupsToKeep(nightly, { keepDaily: 7, keepWeekly: 4 }).map((d) => d.toISOString().slice(0, 10));
    // 29 Nov 2026 is a Sunday: the last 7 days, then the Sundays ending the three weeks before.
    expect(kept).toEqual(["2026-11-29", "2026-11-28", "2026-11-27", "2026-11-26", "2026-11-25", "2026-11-24", "2026-11-23", "2026-11-22", "2026-11-15", "2026-11-08"]);
  });
});

describe("isBackupDue", () => {
  const daily = { intervalHours: 24, hourUtc: 2 };
  it("runs a daily backup in its hour, once", () => {
    expect(isBackupDue(new Date("2026-12-02T02:05:00Z"), null, daily)).toBe(true);
    expect(isBackupDue(new Date("2026-12-02T03:05:00Z"), null, daily)).toBe(false);
    expect(isBackupDue(new Date("2026-12-02T02:05:00Z"), new Date("2026-12-01T02:06:10Z"), daily)).toBe(true);
    expect(isBackupDue(new Date("2026-12-02T02:35:00Z"), new Date("2026-12-02T02:05:10Z"), daily)).toBe(false);
  });
  it("runs shorter intervals at any hour", () => {
    const every6 = { intervalHours: 6, hourUtc: 2 };
    expect(isBackupDue(new Date("2026-12-02T13:05:00Z"), new Date("2026-12-02T07:10:00Z"), every6)).toBe(true);
    expect(isBackupDue(new Date("2026-12-02T12:05:00Z"), new Date("2026-12-02T07:10:00Z"), every6)).toBe(false);
  });
});

describe("backup file names", () => {
  it("round-trip and reject other names", () => {
    const at = new Date("2026-12-02T03:04:05Z");
    expect(backupFileName(at)).toBe("keydesk-backup-20261202T030405Z.tar.gz");
    expect(parseBackupFileName(backupFileName(at))?.toISOString()).toBe(at.toISOString());
    expect(parseBackupFileName("keydesk-backup-20261302T030405Z.tar.gz")).toBeNull();
    expect(parseBackupFileName("../etc/passwd")).toBeNull();
    expect(parseBackupFileName("keydesk-backup-20261202T030405Z.tar.gz.partial")).toBeNull();
  });
});
