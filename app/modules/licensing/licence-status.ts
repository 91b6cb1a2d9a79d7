import { isDevelopmentHost } from "./host";

/**
 * What customers see about a licence, and whether it may be activated on a host.
 *
 * Status precedence: revoked > suspended > source_modified > not_activated >
 * active / expired. A staff flag always wins over the term, because it is the
 * thing the customer has to act on.
 */

export type LicenceStatusInput = {
  revokedAt: Date | null;
  suspendedAt: Date | null;
  sourceModified: boolean;
  firstActivatedAt: Date | null;
  /** From `deriveSupportTerm`; ignored for free products. */
  supportUntil: Date | null;
  free: boolean;
};

export type LicenceStatus =
  | { status: "revoked"; revokedAt: Date }
  | { status: "suspended"; suspendedAt: Date }
  | { status: "source_modified" }
  | { status: "not_activated" }
  /** `supportUntil` is `null` for free products: they have no support term. */
  | { status: "active"; supportUntil: Date | null }
  | { status: "expired"; supportEndedOn: Date };

export type LicenceStatusName = LicenceStatus["status"];

/** A rolling window, not a calendar year: no New Year's Eve loophole of 3 + 3 moves. */
export const ACTIVATION_MOVE_WINDOW_DAYS = 365;
const DAY_MS = 86_400_000;
const MOVE_WINDOW_MS = ACTIVATION_MOVE_WINDOW_DAYS * DAY_MS;

export function deriveLicenceStatus(licence: LicenceStatusInput, now: Date): LicenceStatus {
  if (licence.revokedAt) return { status: "revoked", revokedAt: licence.revokedAt };
  if (licence.suspendedAt) return { status: "suspended", suspendedAt: licence.suspendedAt };
  if (licence.sourceModified) return { status: "source_modified" };
  if (licence.firstActivatedAt === null) return { status: "not_activated" };
  if (licence.free) return { status: "active", supportUntil: null };
  // An activated paid licence with no term left ended on its activation day.
  const supportUntil = licence.supportUntil ?? licence.firstActivatedAt;
  return hasSupportEnded(supportUntil, now)
    ? { status: "expired", supportEndedOn: supportUntil }
    : { status: "active", supportUntil };
}

/** Support ends at `supportUntil` exclusive: at that instant it has ended. */
export function hasSupportEnded(supportUntil: Date, now: Date): boolean {
  return supportUntil.getTime() <= now.getTime();
}

/**
 * Moves count while they are less than 365 days old: a move made exactly 365
 * days ago has already freed its slot. Moves dated in the future are ignored.
 */
export function activationMovesLeft(moves: readonly Date[], now: Date, limit: number): number {
  assertMoveLimit(limit);
  return Math.max(0, limit - movesInWindow(moves, now).length);
}

/** When the next move becomes possible, or `null` if one is possible now. */
export function nextMoveAvailableAt(moves: readonly Date[], now: Date, limit: number): Date | null {
  assertMoveLimit(limit);
  const recent = movesInWindow(moves, now);
  if (recent.length < limit) return null;
  const slotFreeingMove = recent[recent.length - limit];
  return new Date(slotFreeingMove.getTime() + MOVE_WINDOW_MS);
}

export type ActivationInput = {
  /** Output of `normaliseHost`. */
  host: string;
  /** The licence's current production host, if bound. */
  productionHost: string | null;
  firstActivatedAt: Date | null;
  /** Times of earlier moves between production hosts. */
  moves: readonly Date[];
  revokedAt: Date | null;
  suspendedAt: Date | null;
};

export type ActivationDecision =
  | { allowed: true; kind: "development" }
  | { allowed: true; kind: "same_host" }
  /** The caller records `firstActivatedAt = now`: this starts the support term. */
  | { allowed: true; kind: "first_activation" }
  /** The caller records a move at `now` and rebinds the licence to `host`. */
  | { allowed: true; kind: "move"; movesLeftAfter: number }
  | { allowed: false; reason: "revoked" | "suspended" }
  | { allowed: false; reason: "move_limit_reached"; nextMoveAvailableAt: Date };

/**
 * A licence has at most one production host at a time. Development hosts are
 * unlimited, free and never start the term. Once a licence has ever been
 * activated, binding any *different* production host is a move — even after the
 * old host was released — otherwise release-and-rebind would bypass the limit.
 */
export function canActivate(input: ActivationInput, now: Date, limit: number): ActivationDecision {
  if (input.revokedAt) return { allowed: false, reason: "revoked" };
  if (input.suspendedAt) return { allowed: false, reason: "suspended" };
  if (isDevelopmentHost(input.host)) return { allowed: true, kind: "development" };
  if (input.productionHost === input.host) return { allowed: true, kind: "same_host" };
  if (input.firstActivatedAt === null && input.productionHost === null) {
    return { allowed: true, kind: "first_activation" };
  }
  const movesLeft = activationMovesLeft(input.moves, now, limit);
  if (movesLeft === 0) {
    return {
      allowed: false,
      reason: "move_limit_reached",
      // Not null: no moves left means at least `limit` recent moves.
      nextMoveAvailableAt: nextMoveAvailableAt(input.moves, now, limit) as Date,
    };
  }
  return { allowed: true, kind: "move", movesLeftAfter: movesLeft - 1 };
}

function movesInWindow(moves: readonly Date[], now: Date): Date[] {
  const windowStart = now.getTime() - MOVE_WINDOW_MS;
  return moves
    .filter((move) => move.getTime() > windowStart && move.getTime() <= now.getTime())
    .sort((a, b) => a.getTime() - b.getTime());
}

function assertMoveLimit(limit: number): void {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError("The move limit must be a whole number ≥ 1");
}
