/**
 * Throttling without lock-out (pure: no clock, no database). A counter ("bucket") per key
 * counts failures in a window; past a free allowance each further failure holds the key back
 * for a delay that doubles up to a cap. Nothing here ever refuses for good: the longest wait
 * is the policy's cap, and the per-account policy has a short cap so that an attacker can
 * slow an account's owner down a little but never lock them out.
 */
export type ThrottlePolicy = {
  /** Failures in the window before any delay applies. */
  free: number;
  /** The first delay; each further failure doubles it. */
  baseDelaySeconds: number;
  /** The longest delay. */
  maxDelaySeconds: number;
  /** Failures older than this are forgotten (the window restarts at the next failure). */
  windowSeconds: number;
};

export type BucketState = { hits: number; windowStartedAt: Date; blockedUntil: Date | null };

/** Seconds to hold a key back after its `hits`-th failure in the window. */
export function delayAfter(hits: number, policy: ThrottlePolicy): number {
  if (hits <= policy.free) return 0;
  const doublings = Math.min(hits - policy.free - 1, 40);
  return Math.min(policy.maxDelaySeconds, policy.baseDelaySeconds * 2 ** doublings);
}

export function windowExpired(state: BucketState, windowSeconds: number, now: Date): boolean {
  return state.windowStartedAt.getTime() <= now.getTime() - windowSeconds * 1000;
}

/** The bucket after one more failure (the reference the SQL upsert implements). */
export function afterFailure(prev: BucketState | null, policy: ThrottlePolicy, now: Date): BucketState {
  const fresh = !prev || windowExpired(prev, policy.windowSeconds, now);
  const hits = fresh ? 1 : prev.hits + 1;
  const windowStartedAt = fresh ? now : prev.windowStartedAt;
  const delay = delayAfter(hits, policy);
  const candidate = delay > 0 ? new Date(now.getTime() + delay * 1000) : null;
  const previousBlock = prev?.blockedUntil && prev.blockedUntil > now ? prev.blockedUntil : null;
  const blockedUntil = candidate && previousBlock ? (candidate > previousBlock ? candidate : previousBlock) : (candidate ?? previousBlock);
  return { hits, windowStartedAt, blockedUntil };
}

/** Whole seconds until every one of the buckets lets a request through (0: go ahead). */
export function retryAfterSeconds(buckets: Array<Pick<BucketState, "blockedUntil"> | null | undefined>, now: Date): number {
  let latest = 0;
  for (const bucket of buckets) {
    if (bucket?.blockedUntil) latest = Math.max(latest, bucket.blockedUntil.getTime() - now.getTime());
  }
  return latest > 0 ? Math.ceil(latest / 1000) : 0;
}

/** A plain request quota (the licence API, reset emails): at most `limit` hits per window. */
export type QuotaDecision = { allowed: true; remaining: number } | { allowed: false; retryAfterSeconds: number };

export function quotaDecision(state: Pick<BucketState, "hits" | "windowStartedAt">, limit: number, windowSeconds: number, now: Date): QuotaDecision {
  if (state.hits <= limit) return { allowed: true, remaining: limit - state.hits };
  const end = state.windowStartedAt.getTime() + windowSeconds * 1000;
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((end - now.getTime()) / 1000)) };
}

/**
 * The policies. Keys combine a purpose with the account (lower-cased email or user id) and/or
 * the client address:
 * - account+address: the guessing of one account from one place — strict, up to 15 minutes;
 * - address: one place trying many accounts — generous (offices share an address), up to 15 minutes;
 * - account: many places trying one account — only slows (cap 30 s) and is skipped for a
 *   browser that signed in to that account before (a known device), so the owner gets in.
 */
export const POLICIES = {
  signInAccountAddress: { free: 5, baseDelaySeconds: 2, maxDelaySeconds: 900, windowSeconds: 3600 },
  signInAddress: { free: 50, baseDelaySeconds: 1, maxDelaySeconds: 900, windowSeconds: 3600 },
  signInAccount: { free: 20, baseDelaySeconds: 1, maxDelaySeconds: 30, windowSeconds: 3600 },
  secondFactorUser: { free: 5, baseDelaySeconds: 2, maxDelaySeconds: 300, windowSeconds: 900 },
  secondFactorAddress: { free: 30, baseDelaySeconds: 1, maxDelaySeconds: 900, windowSeconds: 3600 },
  resetAddress: { free: 10, baseDelaySeconds: 2, maxDelaySeconds: 300, windowSeconds: 3600 },
  invitationAddress: { free: 10, baseDelaySeconds: 2, maxDelaySeconds: 900, windowSeconds: 3600 },
} as const satisfies Record<string, ThrottlePolicy>;

/** One reset email per address per 5 minutes. */
export const RESET_EMAIL_WINDOW_SECONDS = 300;

export const throttleKey = {
  signInAccountAddress: (email: string, address: string) => `signin:acct-ip:${email.toLowerCase()}|${address}`,
  signInAddress: (address: string) => `signin:ip:${address}`,
  signInAccount: (email: string) => `signin:acct:${email.toLowerCase()}`,
  secondFactorUser: (userId: string) => `2fa:user:${userId}`,
  secondFactorAddress: (address: string) => `2fa:ip:${address}`,
  resetAddress: (address: string) => `reset:ip:${address}`,
  resetEmail: (email: string) => `reset:email:${email.toLowerCase()}`,
  invitationAddress: (address: string) => `invite:ip:${address}`,
  licenceApi: (address: string) => `api:ip:${address}`,
};
