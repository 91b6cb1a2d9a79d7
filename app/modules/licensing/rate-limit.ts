/**
 * A fixed-window request counter per client, in memory. It is per app instance: behind a load
 * balancer with N instances a client gets up to N × limit (documented in the README). Old
 * windows are swept as the map is touched, so memory stays bounded by the active clients.
 */
export type RateDecision = { allowed: true; remaining: number } | { allowed: false; retryAfterSeconds: number };

export class FixedWindowLimiter {
  private windows = new Map<string, { start: number; count: number }>();
  private lastSweep = 0;

  constructor(
    readonly limit: number,
    readonly windowMs = 60_000,
  ) {}

  hit(client: string, now: number): RateDecision {
    this.sweep(now);
    const current = this.windows.get(client);
    const windowStart = now - (now % this.windowMs);
    if (!current || current.start !== windowStart) {
      this.windows.set(client, { start: windowStart, count: 1 });
      return { allowed: true, remaining: this.limit - 1 };
    }
    if (current.count >= this.limit) {
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((windowStart + this.windowMs - now) / 1000)) };
    }
    current.count += 1;
    return { allowed: true, remaining: this.limit - current.count };
  }

  private sweep(now: number): void {
    if (now - this.lastSweep < this.windowMs) return;
    this.lastSweep = now;
    const windowStart = now - (now % this.windowMs);
    for (const [client, window] of this.windows) if (window.start !== windowStart) this.windows.delete(client);
  }
}
