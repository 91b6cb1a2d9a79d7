import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { COUNT_BUCKET_MS, countBucketStart, queueCountsFrom } from "./queue-counts";

describe("counter hours", () => {
  it("start on a whole UTC hour at or before the instant, less than an hour before it", () => {
    fc.assert(
      fc.property(fc.integer({ min: -2e12, max: 4e12 }), (ms) => {
        const start = countBucketStart(new Date(ms)).getTime();
        expect(start % COUNT_BUCKET_MS === 0 || Object.is(start % COUNT_BUCKET_MS, -0)).toBe(true);
        expect(start <= ms && ms - start < COUNT_BUCKET_MS).toBe(true);
      }),
    );
  });

  it("match SQL's date_bin('1 hour', t, epoch) on examples", () => {
    expect(countBucketStart(new Date("2026-12-02T21:59:59.999Z")).toISOString()).toBe("2026-12-02T21:00:00.000Z");
    expect(countBucketStart(new Date("2026-12-02T22:00:00.000Z")).toISOString()).toBe("2026-12-02T22:00:00.000Z");
    expect(countBucketStart(new Date("1969-12-31T23:30:00.000Z")).toISOString()).toBe("1969-12-31T23:00:00.000Z");
  });
});

describe("queue counts from counter sums", () => {
  it("count breaching as warned by now minus due by now, and breached as due by now", () => {
    const counts = queueCountsFrom({
      active: 10,
      unassigned: 4,
      mine: 3,
      pending: 2,
      onHold: 1,
      dueBefore: 2,
      dueInHour: 1,
      warnedBefore: 5,
      warnedInHour: 2,
      dueOfWarnedBefore: 2,
      dueOfWarnedInHour: 1,
    });
    expect(counts).toEqual({ open: 10, unassigned: 4, mine: 3, pending: 2, on_hold: 1, breaching: 4, breached: 3 });
  });
});
