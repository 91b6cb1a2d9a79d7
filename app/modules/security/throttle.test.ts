import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { afterFailure, delayAfter, POLICIES, quotaDecision, retryAfterSeconds, type BucketState, type ThrottlePolicy } from "./throttle";

const policyArb = fc.record({
  free: fc.integer({ min: 0, max: 50 }),
  baseDelaySeconds: fc.integer({ min: 1, max: 60 }),
  maxDelaySeconds: fc.integer({ min: 1, max: 3600 }),
  windowSeconds: fc.integer({ min: 1, max: 7200 }),
});

/** The simplest statement of the rule: free failures cost nothing, then 1, 2, 4 … × base, capped. */
function referenceDelay(hits: number, p: ThrottlePolicy): number {
  let delay = 0;
  for (let i = p.free + 1; i <= hits; i++) delay = delay === 0 ? p.baseDelaySeconds : Math.min(delay * 2, p.maxDelaySeconds);
  return Math.min(delay, p.maxDelaySeconds);
}

describe("delayAfter", () => {
  it("matches the reference: nothing within the allowance, then doubling up to the cap", () => {
    fc.assert(
      fc.property(policyArb, fc.integer({ min: 0, max: 200 }), (p, hits) => {
        expect(delayAfter(hits, p)).toBe(referenceDelay(hits, p));
      }),
    );
  });

  it("never decreases with more failures and never exceeds the cap (so nothing locks for good)", () => {
    fc.assert(
      fc.property(policyArb, fc.integer({ min: 0, max: 10_000 }), (p, hits) => {
        expect(delayAfter(hits + 1, p)).toBeGreaterThanOrEqual(delayAfter(hits, p));
        expect(delayAfter(hits, p)).toBeLessThanOrEqual(p.maxDelaySeconds);
      }),
    );
  });

  it("keeps the per-account limit a slow-down: at most 30 seconds however many failures", () => {
    expect(delayAfter(1_000_000, POLICIES.signInAccount)).toBe(30);
    expect(delayAfter(POLICIES.signInAccountAddress.free, POLICIES.signInAccountAddress)).toBe(0);
    expect(delayAfter(POLICIES.signInAccountAddress.free + 1, POLICIES.signInAccountAddress)).toBe(2);
  });
});

describe("afterFailure", () => {
  const T0 = new Date("2026-12-02T10:00:00Z");
  const policy: ThrottlePolicy = { free: 2, baseDelaySeconds: 10, maxDelaySeconds: 60, windowSeconds: 600 };
  const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

  it("counts failures in the window and holds the key back past the allowance", () => {
    let state: BucketState | null = null;
    state = afterFailure(state, policy, at(0));
    state = afterFailure(state, policy, at(1));
    expect(state).toEqual({ hits: 2, windowStartedAt: T0, blockedUntil: null });
    state = afterFailure(state, policy, at(2));
    expect(state.blockedUntil).toEqual(at(12));
    expect(retryAfterSeconds([state], at(2))).toBe(10);
    expect(retryAfterSeconds([state], at(12))).toBe(0);
  });

  it("starts a new window once the old one has passed", () => {
    const old: BucketState = { hits: 40, windowStartedAt: T0, blockedUntil: at(60) };
    const next = afterFailure(old, policy, at(700));
    expect(next).toEqual({ hits: 1, windowStartedAt: at(700), blockedUntil: null });
  });

  it("never shortens a hold that is still running", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 1, max: 3600 }), (hits, remaining) => {
        const prev: BucketState = { hits, windowStartedAt: T0, blockedUntil: at(remaining + 1) };
        const next = afterFailure(prev, policy, at(1));
        expect(next.blockedUntil!.getTime()).toBeGreaterThanOrEqual(prev.blockedUntil!.getTime());
      }),
    );
  });
});

describe("quotaDecision", () => {
  const T0 = new Date("2026-12-02T10:00:00Z");
  it("allows up to the limit, then says when the window ends", () => {
    expect(quotaDecision({ hits: 60, windowStartedAt: T0 }, 60, 60, new Date(T0.getTime() + 5_000))).toEqual({ allowed: true, remaining: 0 });
    expect(quotaDecision({ hits: 61, windowStartedAt: T0 }, 60, 60, new Date(T0.getTime() + 5_000))).toEqual({ allowed: false, retryAfterSeconds: 55 });
    expect(quotaDecision({ hits: 2, windowStartedAt: T0 }, 1, 300, new Date(T0.getTime() + 299_900))).toEqual({ allowed: false, retryAfterSeconds: 1 });
  });
});
