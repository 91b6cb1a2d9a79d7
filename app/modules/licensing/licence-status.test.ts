import { describe, expect, it } from "vitest";
import {
  activationMovesLeft,
  canActivate,
  deriveLicenceStatus,
  hasSupportEnded,
  nextMoveAvailableAt,
  type ActivationDecision,
  type ActivationInput,
  type LicenceStatus,
  type LicenceStatusInput,
} from "./licence-status";

const at = (iso: string) => new Date(iso);
const NOW = at("2025-06-01T12:00:00Z");
const daysBefore = (days: number, from = NOW) => new Date(from.getTime() - days * 86_400_000);

const paidActive: LicenceStatusInput = {
  revokedAt: null,
  suspendedAt: null,
  sourceModified: false,
  firstActivatedAt: at("2025-01-01T00:00:00Z"),
  supportUntil: at("2026-01-01T00:00:00Z"),
  free: false,
};

describe("deriveLicenceStatus", () => {
  it.each<[string, Partial<LicenceStatusInput>, LicenceStatus]>([
    ["paid, activated, term running", {}, { status: "active", supportUntil: at("2026-01-01T00:00:00Z") }],
    [
      "term ended yesterday",
      { supportUntil: at("2025-05-31T12:00:00Z") },
      { status: "expired", supportEndedOn: at("2025-05-31T12:00:00Z") },
    ],
    ["term ends exactly now", { supportUntil: NOW }, { status: "expired", supportEndedOn: NOW }],
    [
      "term ends a millisecond from now",
      { supportUntil: at("2025-06-01T12:00:00.001Z") },
      { status: "active", supportUntil: at("2025-06-01T12:00:00.001Z") },
    ],
    ["never activated", { firstActivatedAt: null, supportUntil: null }, { status: "not_activated" }],
    [
      "activated with no term left ends on activation",
      { supportUntil: null },
      { status: "expired", supportEndedOn: at("2025-01-01T00:00:00Z") },
    ],
    ["free, activated", { free: true, supportUntil: null }, { status: "active", supportUntil: null }],
    ["free, not activated", { free: true, firstActivatedAt: null, supportUntil: null }, { status: "not_activated" }],
    ["source modified", { sourceModified: true }, { status: "source_modified" }],
    [
      "source modified beats expired",
      { sourceModified: true, supportUntil: at("2025-02-01T00:00:00Z") },
      { status: "source_modified" },
    ],
    ["source modified beats not activated", { sourceModified: true, firstActivatedAt: null }, { status: "source_modified" }],
    [
      "suspended beats source modified",
      { suspendedAt: at("2025-05-01T00:00:00Z"), sourceModified: true },
      { status: "suspended", suspendedAt: at("2025-05-01T00:00:00Z") },
    ],
    [
      "revoked beats everything",
      { revokedAt: at("2025-05-02T00:00:00Z"), suspendedAt: at("2025-05-01T00:00:00Z"), sourceModified: true },
      { status: "revoked", revokedAt: at("2025-05-02T00:00:00Z") },
    ],
    [
      "revoked free licence",
      { free: true, revokedAt: at("2025-05-02T00:00:00Z") },
      { status: "revoked", revokedAt: at("2025-05-02T00:00:00Z") },
    ],
  ])("%s", (_label, overrides, expected) => {
    expect(deriveLicenceStatus({ ...paidActive, ...overrides }, NOW)).toEqual(expected);
  });
});

describe("hasSupportEnded", () => {
  it.each([
    ["2025-06-01T11:59:59.999Z", true],
    ["2025-06-01T12:00:00.000Z", true],
    ["2025-06-01T12:00:00.001Z", false],
  ])("support until %s → ended %s", (until, ended) => {
    expect(hasSupportEnded(at(until), NOW)).toBe(ended);
  });
});

describe("activationMovesLeft / nextMoveAvailableAt", () => {
  it.each<[string, Date[], number, Date | null]>([
    ["no moves", [], 3, null],
    ["one recent move", [daysBefore(10)], 2, null],
    ["two recent moves", [daysBefore(10), daysBefore(100)], 1, null],
    ["three recent moves", [daysBefore(10), daysBefore(100), daysBefore(200)], 0, daysBefore(200 - 365)],
    ["four recent moves (staff override)", [daysBefore(1), daysBefore(10), daysBefore(100), daysBefore(200)], 0, daysBefore(100 - 365)],
    ["a move 364 days ago still counts", [daysBefore(364), daysBefore(1), daysBefore(2)], 0, daysBefore(364 - 365)],
    ["a move exactly 365 days ago no longer counts", [daysBefore(365), daysBefore(1), daysBefore(2)], 1, null],
    ["old moves do not count", [daysBefore(400), daysBefore(500), daysBefore(600)], 3, null],
    ["future-dated moves are ignored", [at("2025-07-01T00:00:00Z")], 3, null],
    ["order of input does not matter", [daysBefore(200), daysBefore(10), daysBefore(100)], 0, daysBefore(200 - 365)],
    ["across New Year: window is rolling", [at("2024-12-30T00:00:00Z"), at("2024-12-31T00:00:00Z"), at("2025-01-01T00:00:00Z")], 0, at("2025-12-30T00:00:00Z")],
  ])("%s", (_label, moves, left, nextAt) => {
    expect(activationMovesLeft(moves, NOW, 3)).toBe(left);
    expect(nextMoveAvailableAt(moves, NOW, 3)).toEqual(nextAt);
  });

  it("frees the slot at the instant nextMoveAvailableAt reports", () => {
    const moves = [daysBefore(10), daysBefore(100), daysBefore(200)];
    const freedAt = nextMoveAvailableAt(moves, NOW, 3) as Date;
    expect(activationMovesLeft(moves, new Date(freedAt.getTime() - 1), 3)).toBe(0);
    expect(activationMovesLeft(moves, freedAt, 3)).toBe(1);
  });

  it.each([[1, 0], [5, 2]])("honours a custom limit of %i", (limit, left) => {
    expect(activationMovesLeft([daysBefore(1), daysBefore(2), daysBefore(3)], NOW, limit)).toBe(left);
  });

  it.each([[0], [-1], [2.5]])("rejects a limit of %d", (limit) => {
    expect(() => activationMovesLeft([], NOW, limit)).toThrow(RangeError);
    expect(() => nextMoveAvailableAt([], NOW, limit)).toThrow(RangeError);
  });
});

describe("canActivate", () => {
  const bound: ActivationInput = {
    host: "shop.example.com",
    productionHost: "shop.example.com",
    firstActivatedAt: at("2025-01-01T00:00:00Z"),
    moves: [],
    revokedAt: null,
    suspendedAt: null,
  };
  const threeMoves = [daysBefore(10), daysBefore(100), daysBefore(200)];

  it.each<[string, Partial<ActivationInput>, ActivationDecision]>([
    [
      "first production host on a fresh licence",
      { productionHost: null, firstActivatedAt: null, host: "shop.example.com" },
      { allowed: true, kind: "first_activation" },
    ],
    ["the same production host again", {}, { allowed: true, kind: "same_host" }],
    ["a development host on a fresh licence", { productionHost: null, firstActivatedAt: null, host: "localhost" }, { allowed: true, kind: "development" }],
    ["a development host alongside production", { host: "dev.shop.example.com" }, { allowed: true, kind: "development" }],
    ["a development host with no moves left", { host: "shop.test", moves: threeMoves }, { allowed: true, kind: "development" }],
    ["a new production host is a move", { host: "new-shop.com" }, { allowed: true, kind: "move", movesLeftAfter: 2 }],
    ["the last move", { host: "new-shop.com", moves: threeMoves.slice(1) }, { allowed: true, kind: "move", movesLeftAfter: 0 }],
    [
      "no moves left",
      { host: "new-shop.com", moves: threeMoves },
      { allowed: false, reason: "move_limit_reached", nextMoveAvailableAt: daysBefore(200 - 365) },
    ],
    [
      "rebinding after the host was released is still a move",
      { host: "new-shop.com", productionHost: null },
      { allowed: true, kind: "move", movesLeftAfter: 2 },
    ],
    [
      "same host with no moves left is fine",
      { moves: threeMoves },
      { allowed: true, kind: "same_host" },
    ],
    ["revoked", { revokedAt: at("2025-05-01T00:00:00Z") }, { allowed: false, reason: "revoked" }],
    ["revoked, even on a development host", { revokedAt: at("2025-05-01T00:00:00Z"), host: "localhost" }, { allowed: false, reason: "revoked" }],
    ["suspended", { suspendedAt: at("2025-05-01T00:00:00Z"), host: "new-shop.com" }, { allowed: false, reason: "suspended" }],
  ])("%s", (_label, overrides, expected) => {
    expect(canActivate({ ...bound, ...overrides }, NOW, 3)).toEqual(expected);
  });
});
