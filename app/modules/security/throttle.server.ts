import { and, inArray, lt, or, isNull, sql } from "drizzle-orm";
import { throttleBuckets } from "#db/schema";
import { db, type Executor } from "~/utils/db.server";
import { AppError } from "~/utils/errors.server";
import { msg, type UserMessage } from "~/utils/messages";
import { delayAfter, quotaDecision, retryAfterSeconds, type QuotaDecision, type ThrottlePolicy } from "./throttle";

/**
 * Throttle counters in the database, so that every app instance on the same database shares
 * them (ADR 082). One atomic upsert per counted event; the rules are the pure ones in
 * throttle.ts.
 */

/** Seconds until all the keys let a request through (0: go ahead). */
export async function throttleWait(keys: string[], now: Date, executor: Executor = db): Promise<number> {
  if (keys.length === 0) return 0;
  const rows = await executor
    .select({ blockedUntil: throttleBuckets.blockedUntil })
    .from(throttleBuckets)
    .where(inArray(throttleBuckets.key, keys));
  return retryAfterSeconds(rows, now);
}

/** Throws a 429 AppError with Retry-After when any key is held back. */
export async function assertNotThrottled(keys: string[], now: Date, executor: Executor = db): Promise<void> {
  const wait = await throttleWait(keys, now, executor);
  if (wait > 0) throw throttledError(wait);
}

export function throttledError(seconds: number): AppError {
  return new AppError("rate_limited", waitMessage(seconds), undefined, seconds);
}

function waitMessage(seconds: number): UserMessage {
  return seconds < 120 ? msg("security.error.tooManySeconds", { seconds }) : msg("security.error.tooManyMinutes", { minutes: Math.ceil(seconds / 60) });
}

/** Counts one hit on a key (the window restarts when it has passed) and returns the new count. */
async function countHit(key: string, windowSeconds: number, now: Date, executor: Executor) {
  const cutoff = new Date(now.getTime() - windowSeconds * 1000);
  const expired = sql`${throttleBuckets.windowStartedAt} <= ${cutoff.toISOString()}::timestamptz`;
  const [row] = await executor
    .insert(throttleBuckets)
    .values({ key, hits: 1, windowStartedAt: now, blockedUntil: null, updatedAt: now })
    .onConflictDoUpdate({
      target: throttleBuckets.key,
      set: {
        hits: sql`case when ${expired} then 1 else ${throttleBuckets.hits} + 1 end`,
        windowStartedAt: sql`case when ${expired} then excluded.window_started_at else ${throttleBuckets.windowStartedAt} end`,
        updatedAt: now,
      },
    })
    .returning({ hits: throttleBuckets.hits, windowStartedAt: throttleBuckets.windowStartedAt });
  return row!;
}

/** Records a failure on a key; past the free allowance the key is held back for a growing delay. */
export async function registerFailure(key: string, policy: ThrottlePolicy, now: Date, executor: Executor = db): Promise<number> {
  const { hits } = await countHit(key, policy.windowSeconds, now, executor);
  const delay = delayAfter(hits, policy);
  if (delay > 0) {
    const until = new Date(now.getTime() + delay * 1000).toISOString();
    await executor
      .update(throttleBuckets)
      .set({ blockedUntil: sql`greatest(coalesce(${throttleBuckets.blockedUntil}, ${until}::timestamptz), ${until}::timestamptz)` })
      .where(sql`${throttleBuckets.key} = ${key}`);
  }
  return hits;
}

/** A plain quota: at most `limit` hits per window for the key. */
export async function takeQuota(key: string, limit: number, windowSeconds: number, now: Date, executor: Executor = db): Promise<QuotaDecision> {
  const state = await countHit(key, windowSeconds, now, executor);
  return quotaDecision(state, limit, windowSeconds, now);
}

export async function clearThrottle(keys: string[], executor: Executor = db): Promise<void> {
  if (keys.length > 0) await executor.delete(throttleBuckets).where(inArray(throttleBuckets.key, keys));
}

/** Forgets counters nobody has touched for a day (hourly job). */
export async function sweepThrottleBuckets(now = new Date(), executor: Executor = db): Promise<void> {
  const dayAgo = new Date(now.getTime() - 24 * 3600_000);
  await executor
    .delete(throttleBuckets)
    .where(and(lt(throttleBuckets.updatedAt, dayAgo), or(isNull(throttleBuckets.blockedUntil), lt(throttleBuckets.blockedUntil, now))));
}
