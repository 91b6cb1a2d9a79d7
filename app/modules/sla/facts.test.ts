import { describe, expect, it } from "vitest";
import type { ClockState } from "./clocks";
import { factsFromEvents, summariseClocks } from "./facts";
import { PRIORITY_PLAN_TARGETS, STANDARD_PLAN_TARGETS } from "./targets";

const at = (iso: string) => new Date(iso);

describe("factsFromEvents", () => {
  it("takes priority and targets from the created event and maps the facts", () => {
    const input = factsFromEvents(
      [
        { type: "created", at: at("2026-03-02T07:00:00Z"), data: { priority: "high", targets: PRIORITY_PLAN_TARGETS } },
        { type: "assigned", at: at("2026-03-02T07:01:00Z"), data: {} },
        { type: "staff_public_reply", at: at("2026-03-02T07:10:00Z"), data: {} },
        { type: "status_changed", at: at("2026-03-02T07:10:00Z"), data: { from: "new", to: "pending" } },
        { type: "customer_message", at: at("2026-03-02T08:00:00Z"), data: {} },
        { type: "retargeted", at: at("2026-03-02T09:00:00Z"), data: { priority: "urgent", targets: PRIORITY_PLAN_TARGETS } },
        { type: "access_details_revealed", at: at("2026-03-02T09:30:00Z"), data: {} },
      ],
      { priority: "normal", targets: STANDARD_PLAN_TARGETS },
    );
    expect(input.priority).toBe("high");
    expect(input.targets).toEqual(PRIORITY_PLAN_TARGETS);
    expect(input.facts.map((f) => f.type)).toEqual(["created", "staff_public_reply", "status_changed", "customer_message", "retargeted"]);
  });

  it("falls back to the ticket's priority and plan when the created event has none", () => {
    const input = factsFromEvents([{ type: "created", at: at("2026-03-02T07:00:00Z"), data: {} }], { priority: "low", targets: STANDARD_PLAN_TARGETS });
    expect(input).toMatchObject({ priority: "low", targets: STANDARD_PLAN_TARGETS });
  });
});

describe("summariseClocks", () => {
  const now = at("2026-03-02T10:00:00Z");
  const clock = (over: Partial<ClockState>): ClockState => ({
    kind: "first_response",
    status: "running",
    startedAt: at("2026-03-02T07:00:00Z"),
    targetMinutes: 240,
    dueAt: at("2026-03-02T11:00:00Z"),
    warnAt: at("2026-03-02T10:00:00Z"),
    elapsedBusinessMinutes: 180,
    remainingBusinessMinutes: 60,
    breached: false,
    fulfilledAt: null,
    ...over,
  });

  it("takes the earliest due clock and the next alert moment", () => {
    const summary = summariseClocks(
      [clock({ warnAt: at("2026-03-02T10:30:00Z") }), clock({ kind: "resolution", dueAt: at("2026-03-03T11:00:00Z"), warnAt: at("2026-03-03T09:00:00Z") })],
      now,
    );
    expect(summary).toEqual({
      dueAt: at("2026-03-02T11:00:00Z"),
      warnAt: at("2026-03-02T10:30:00Z"),
      alertAt: at("2026-03-02T10:30:00Z"),
      state: "ok",
      leadingClock: "first_response",
    });
  });

  it("is in warning past 75 % and breached past 100 %, with no alert left once both passed", () => {
    expect(summariseClocks([clock({ warnAt: at("2026-03-02T09:00:00Z") })], now)).toMatchObject({ state: "warning", alertAt: at("2026-03-02T11:00:00Z") });
    expect(
      summariseClocks([clock({ status: "breached", breached: true, dueAt: at("2026-03-02T09:30:00Z"), warnAt: at("2026-03-02T08:30:00Z") })], now),
    ).toMatchObject({ state: "breached", alertAt: null, dueAt: at("2026-03-02T09:30:00Z") });
  });

  it("has no due time while every clock is paused or done", () => {
    expect(summariseClocks([clock({ status: "paused" }), clock({ kind: "first_response", status: "fulfilled" })], now)).toEqual({
      dueAt: null,
      warnAt: null,
      alertAt: null,
      state: "paused",
      leadingClock: null,
    });
    expect(summariseClocks([clock({ status: "fulfilled" })], now).state).toBe("none");
    expect(summariseClocks([clock({ status: "fulfilled" })], now, "pending").state).toBe("paused");
    expect(summariseClocks([clock({ status: "fulfilled" })], now, "open").state).toBe("none");
  });
});
