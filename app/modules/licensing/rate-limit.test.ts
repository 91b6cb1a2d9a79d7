import { describe, expect, it } from "vitest";
import { FixedWindowLimiter } from "./rate-limit";

describe("FixedWindowLimiter", () => {
  it("allows the limit per window and per client, then says when to retry", () => {
    const limiter = new FixedWindowLimiter(3, 60_000);
    const t0 = 1_800_000_000_000; // a multiple of 60 000: the start of a window
    expect(limiter.hit("a", t0)).toEqual({ allowed: true, remaining: 2 });
    expect(limiter.hit("a", t0 + 1)).toEqual({ allowed: true, remaining: 1 });
    expect(limiter.hit("a", t0 + 2)).toEqual({ allowed: true, remaining: 0 });
    expect(limiter.hit("a", t0 + 15_000)).toEqual({ allowed: false, retryAfterSeconds: 45 });
    expect(limiter.hit("b", t0 + 15_000)).toEqual({ allowed: true, remaining: 2 });
    expect(limiter.hit("a", t0 + 60_000)).toEqual({ allowed: true, remaining: 2 });
  });

  it("never answers Retry-After 0", () => {
    const limiter = new FixedWindowLimiter(1, 60_000);
    const t0 = 1_800_000_000_000;
    limiter.hit("a", t0);
    expect(limiter.hit("a", t0 + 59_999)).toEqual({ allowed: false, retryAfterSeconds: 1 });
  });
});
