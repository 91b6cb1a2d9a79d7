import { describe, expect, it } from "vitest";
import { DEFAULT_CALENDAR } from "./business-hours";
import {
  clockCycles,
  clockEvents,
  computeClocks,
  type ClockKind,
  type ClockOptions,
  type ClockState,
  type TicketFact,
  type TicketStatus,
} from "./clocks";
import { PRIORITY_PLAN_TARGETS, STANDARD_PLAN_TARGETS, type Priority, type SlaTargets } from "./targets";

// Calendar: Moscow, Mon–Fri 10:00–18:00. Times are "Day HH:MM" in the week of Monday
// 2026-05-11; "next Mon" is 2026-05-18. Standard plan: first response 240, next 480.
const DAYS: Record<string, string> = {
  Mon: "2026-05-11", Tue: "2026-05-12", Wed: "2026-05-13", Thu: "2026-05-14",
  Fri: "2026-05-15", Sat: "2026-05-16", Sun: "2026-05-17", "next Mon": "2026-05-18",
};
function at(dayAndTime: string): Date {
  const [, day, time] = /^(.+) (\d\d:\d\d)$/.exec(dayAndTime)!;
  return new Date(`${DAYS[day]}T${time}+03:00`);
}

const created = (time: string): TicketFact => ({ type: "created", at: at(time) });
const customer = (time: string): TicketFact => ({ type: "customer_message", at: at(time) });
const reply = (time: string): TicketFact => ({ type: "staff_public_reply", at: at(time) });
const status = (time: string, from: TicketStatus, to: TicketStatus): TicketFact => ({
  type: "status_changed", at: at(time), from, to,
});
const retarget = (time: string, priority: Priority, targets: SlaTargets): TicketFact => ({
  type: "retargeted", at: at(time), priority, targets,
});

const WITH_RESOLUTION: SlaTargets = {
  ...STANDARD_PLAN_TARGETS,
  normal: { firstResponse: 240, nextResponse: 480, resolution: 960 },
};

function options(now: string, targets: SlaTargets = STANDARD_PLAN_TARGETS, priority: Priority = "normal"): ClockOptions {
  return { priority, targets, calendar: DEFAULT_CALENDAR, now: at(now) };
}

function clock(facts: TicketFact[], opts: ClockOptions, kind: ClockKind): ClockState | undefined {
  return computeClocks(facts, opts).find((state) => state.kind === kind);
}

describe("computeClocks: first response", () => {
  it.each<[string, TicketFact[], ClockOptions, Partial<ClockState>]>([
    [
      "runs from creation inside hours",
      [created("Mon 10:00")],
      options("Mon 11:00"),
      {
        status: "running", startedAt: at("Mon 10:00"), targetMinutes: 240, dueAt: at("Mon 14:00"),
        warnAt: at("Mon 13:00"), elapsedBusinessMinutes: 60, remainingBusinessMinutes: 180, breached: false,
      },
    ],
    [
      "created on Saturday starts on Monday's opening",
      [created("Sat 12:00")],
      options("Sun 20:00"),
      { status: "running", startedAt: at("next Mon 10:00"), dueAt: at("next Mon 14:00"), elapsedBusinessMinutes: 0 },
    ],
    [
      "created Friday afternoon counts Friday and Monday",
      [created("Fri 17:00")],
      options("next Mon 12:00"),
      { status: "running", startedAt: at("Fri 17:00"), dueAt: at("next Mon 13:00"), elapsedBusinessMinutes: 180 },
    ],
    [
      "fulfilled by the first public reply",
      [created("Mon 10:00"), reply("Mon 12:00")],
      options("Tue 10:00"),
      {
        status: "fulfilled", fulfilledAt: at("Mon 12:00"), elapsedBusinessMinutes: 120,
        remainingBusinessMinutes: 120, breached: false, dueAt: at("Mon 14:00"),
      },
    ],
    [
      "fulfilled late is fulfilled and breached",
      [created("Mon 10:00"), reply("Mon 15:00")],
      options("Tue 10:00"),
      { status: "fulfilled", breached: true, remainingBusinessMinutes: -60 },
    ],
    [
      "a reply exactly at the target is met",
      [created("Mon 10:00"), reply("Mon 14:00")],
      options("Tue 10:00"),
      { status: "fulfilled", breached: false, elapsedBusinessMinutes: 240, remainingBusinessMinutes: 0 },
    ],
    [
      "still open exactly at the target is not breached",
      [created("Mon 10:00")],
      options("Mon 14:00"),
      { status: "running", breached: false, remainingBusinessMinutes: 0 },
    ],
    [
      "one minute past the target is breached",
      [created("Mon 10:00")],
      options("Mon 14:01"),
      { status: "breached", breached: true, remainingBusinessMinutes: -1 },
    ],
    [
      "due on Friday's close, answered on Saturday: no business minute overdue",
      [created("Fri 14:00"), reply("Sat 12:00")],
      options("Sat 13:00"),
      { status: "fulfilled", dueAt: at("Fri 18:00"), breached: false, remainingBusinessMinutes: 0 },
    ],
    [
      "due on Friday's close, unanswered at Monday's opening minute: breached",
      [created("Fri 14:00")],
      options("next Mon 10:01"),
      { status: "breached", dueAt: at("Fri 18:00"), remainingBusinessMinutes: -1 },
    ],
    [
      "is never paused by pending",
      [created("Mon 10:00"), status("Mon 10:30", "new", "pending")],
      options("Mon 15:00"),
      { status: "breached", elapsedBusinessMinutes: 300 },
    ],
    [
      "solving without a reply ends it",
      [created("Mon 10:00"), status("Mon 11:00", "new", "solved")],
      options("Tue 10:00"),
      { status: "fulfilled", fulfilledAt: at("Mon 11:00"), elapsedBusinessMinutes: 60 },
    ],
    [
      "facts after now are ignored",
      [created("Mon 10:00"), reply("Mon 12:00")],
      options("Mon 11:00"),
      { status: "running", fulfilledAt: null, elapsedBusinessMinutes: 60 },
    ],
    [
      "facts are taken in time order",
      [reply("Mon 12:00"), created("Mon 10:00")],
      options("Tue 10:00"),
      { status: "fulfilled", fulfilledAt: at("Mon 12:00") },
    ],
    [
      "not started before creation",
      [],
      options("Mon 11:00"),
      { status: "not_started", startedAt: null, dueAt: null, targetMinutes: 240, remainingBusinessMinutes: 240 },
    ],
  ])("%s", (_name, facts, opts, expected) => {
    expect(clock(facts, opts, "first_response")).toMatchObject(expected);
  });
});

describe("computeClocks: next response", () => {
  const answered = [created("Mon 10:00"), reply("Mon 11:00")];

  it.each<[string, TicketFact[], ClockOptions, Partial<ClockState>]>([
    ["not started while nobody is waiting", answered, options("Mon 12:00"), { status: "not_started", targetMinutes: 480 }],
    [
      "a customer message before the first reply is covered by the first response",
      [created("Mon 10:00"), customer("Mon 10:30")],
      options("Mon 11:00"),
      { status: "not_started" },
    ],
    [
      "a customer reply starts it",
      [...answered, customer("Mon 12:00")],
      options("Mon 13:00"),
      { status: "running", startedAt: at("Mon 12:00"), dueAt: at("Tue 12:00"), elapsedBusinessMinutes: 60 },
    ],
    [
      "further customer messages do not restart it",
      [...answered, customer("Mon 12:00"), customer("Mon 12:30")],
      options("Mon 13:00"),
      { startedAt: at("Mon 12:00"), elapsedBusinessMinutes: 60 },
    ],
    [
      "a customer reply in the evening starts at the next opening",
      [...answered, customer("Mon 20:00")],
      options("Mon 21:00"),
      { status: "running", startedAt: at("Tue 10:00"), elapsedBusinessMinutes: 0, dueAt: at("Tue 18:00") },
    ],
    [
      "the next public reply fulfils it",
      [...answered, customer("Mon 12:00"), reply("Tue 10:00")],
      options("Tue 12:00"),
      { status: "fulfilled", fulfilledAt: at("Tue 10:00"), elapsedBusinessMinutes: 360, breached: false },
    ],
    [
      "a new customer turn starts a new cycle",
      [...answered, customer("Mon 12:00"), reply("Tue 10:00"), customer("Wed 10:00")],
      options("Wed 11:00"),
      { status: "running", startedAt: at("Wed 10:00"), elapsedBusinessMinutes: 60 },
    ],
    [
      "paused while pending, due pushed by the pause",
      [...answered, customer("Mon 12:00"), status("Mon 13:00", "open", "pending"), status("Tue 10:00", "pending", "open")],
      options("Tue 11:00"),
      { status: "running", elapsedBusinessMinutes: 120, dueAt: at("Tue 17:00"), warnAt: at("Tue 15:00") },
    ],
    [
      "paused: due is projected as if resumed now",
      [...answered, customer("Mon 12:00"), status("Mon 13:00", "open", "pending")],
      options("Mon 15:00"),
      { status: "paused", elapsedBusinessMinutes: 60, remainingBusinessMinutes: 420, dueAt: at("Tue 14:00") },
    ],
    [
      "on hold does not pause",
      [...answered, customer("Mon 12:00"), status("Mon 13:00", "open", "on_hold")],
      options("Mon 15:00"),
      { status: "running", elapsedBusinessMinutes: 180 },
    ],
    [
      "a customer message while pending starts it paused",
      [...answered, status("Mon 11:00", "open", "pending"), customer("Mon 12:00")],
      options("Mon 15:00"),
      { status: "paused", startedAt: at("Mon 12:00"), elapsedBusinessMinutes: 0 },
    ],
    [
      "breached after 480 business minutes",
      [...answered, customer("Mon 12:00")],
      options("Tue 12:01"),
      { status: "breached", breached: true, dueAt: at("Tue 12:00"), remainingBusinessMinutes: -1 },
    ],
    [
      "solving the ticket ends it",
      [...answered, customer("Mon 12:00"), status("Mon 13:00", "open", "solved")],
      options("Wed 10:00"),
      { status: "fulfilled", fulfilledAt: at("Mon 13:00"), breached: false },
    ],
    [
      "a message on a solved ticket waits for the reopen, then counts from the message",
      [...answered, status("Mon 12:00", "open", "solved"), customer("Mon 13:00"), status("Mon 14:00", "solved", "open")],
      options("Mon 15:00"),
      { status: "running", startedAt: at("Mon 13:00"), elapsedBusinessMinutes: 120 },
    ],
    [
      "a message on a solved ticket that stays solved starts nothing",
      [...answered, status("Mon 12:00", "open", "solved"), customer("Mon 13:00")],
      options("Wed 15:00"),
      { status: "not_started" },
    ],
  ])("%s", (_name, facts, opts, expected) => {
    expect(clock(facts, opts, "next_response")).toMatchObject(expected);
  });
});

describe("computeClocks: resolution", () => {
  it.each<[string, TicketFact[], ClockOptions, Partial<ClockState> | undefined]>([
    ["absent when the plan has no resolution target", [created("Mon 10:00")], options("Mon 11:00"), undefined],
    [
      "runs from creation",
      [created("Mon 10:00")],
      options("Tue 11:00", WITH_RESOLUTION),
      { status: "running", targetMinutes: 960, elapsedBusinessMinutes: 540, dueAt: at("Tue 18:00") },
    ],
    [
      "paused while pending",
      [created("Mon 10:00"), status("Mon 11:00", "new", "pending"), status("Mon 15:00", "pending", "open")],
      options("Mon 16:00", WITH_RESOLUTION),
      { status: "running", elapsedBusinessMinutes: 120 },
    ],
    [
      "fulfilled when solved",
      [created("Mon 10:00"), status("Mon 12:00", "new", "solved")],
      options("Tue 12:00", WITH_RESOLUTION),
      { status: "fulfilled", fulfilledAt: at("Mon 12:00"), elapsedBusinessMinutes: 120 },
    ],
    [
      "closing keeps it fulfilled",
      [created("Mon 10:00"), status("Mon 12:00", "new", "solved"), status("Tue 12:00", "solved", "closed")],
      options("Wed 12:00", WITH_RESOLUTION),
      { status: "fulfilled", fulfilledAt: at("Mon 12:00") },
    ],
    [
      "a reopen resumes it with the time already used",
      [created("Mon 10:00"), status("Mon 12:00", "new", "solved"), status("Tue 10:00", "solved", "open")],
      options("Tue 11:00", WITH_RESOLUTION),
      { status: "running", fulfilledAt: null, elapsedBusinessMinutes: 180 },
    ],
    [
      "solved again after a reopen",
      [
        created("Mon 10:00"), status("Mon 12:00", "new", "solved"),
        status("Tue 10:00", "solved", "open"), status("Tue 12:00", "open", "solved"),
      ],
      options("Wed 11:00", WITH_RESOLUTION),
      { status: "fulfilled", fulfilledAt: at("Tue 12:00"), elapsedBusinessMinutes: 240 },
    ],
    [
      "breached after 960 business minutes",
      [created("Mon 10:00")],
      options("Wed 10:30", WITH_RESOLUTION),
      { status: "breached", remainingBusinessMinutes: -30 },
    ],
    [
      "appears from creation when a retarget adds a resolution target",
      [created("Mon 10:00"), retarget("Tue 10:00", "normal", WITH_RESOLUTION)],
      options("Tue 11:00"),
      { status: "running", targetMinutes: 960, startedAt: at("Mon 10:00"), elapsedBusinessMinutes: 540 },
    ],
  ])("%s", (_name, facts, opts, expected) => {
    const state = clock(facts, opts, "resolution");
    if (expected === undefined) expect(state).toBeUndefined();
    else expect(state).toMatchObject(expected);
  });
});

describe("computeClocks: retargeting", () => {
  it.each<[string, TicketFact[], ClockOptions, Partial<ClockState>]>([
    [
      "a tighter target applies from the original start and can breach at once",
      [created("Mon 10:00"), retarget("Mon 11:00", "urgent", PRIORITY_PLAN_TARGETS)],
      options("Mon 11:30"),
      { status: "breached", targetMinutes: 30, dueAt: at("Mon 10:30"), remainingBusinessMinutes: -60 },
    ],
    [
      "a looser target gives the time back",
      [created("Mon 10:00"), retarget("Mon 10:30", "normal", STANDARD_PLAN_TARGETS)],
      options("Mon 11:30", PRIORITY_PLAN_TARGETS),
      { status: "running", targetMinutes: 240, remainingBusinessMinutes: 150 },
    ],
    [
      "a priority change within the plan",
      [created("Mon 10:00"), retarget("Mon 10:20", "urgent", PRIORITY_PLAN_TARGETS)],
      options("Mon 10:25", PRIORITY_PLAN_TARGETS),
      { status: "running", targetMinutes: 30, dueAt: at("Mon 10:30") },
    ],
    [
      "a fulfilled clock keeps the target it was fulfilled under",
      [created("Mon 10:00"), reply("Mon 10:50"), retarget("Mon 11:00", "urgent", PRIORITY_PLAN_TARGETS)],
      options("Mon 12:00", PRIORITY_PLAN_TARGETS),
      { status: "fulfilled", targetMinutes: 60, breached: false },
    ],
    [
      "a retarget after now is not applied yet",
      [created("Mon 10:00"), retarget("Mon 11:00", "urgent", PRIORITY_PLAN_TARGETS)],
      options("Mon 10:45"),
      { status: "running", targetMinutes: 240 },
    ],
  ])("%s", (_name, facts, opts, expected) => {
    expect(clock(facts, opts, "first_response")).toMatchObject(expected);
  });
});

describe("computeClocks: shape", () => {
  it("lists the clocks in a fixed order, resolution only with a target", () => {
    const kinds = (targets: SlaTargets) =>
      computeClocks([created("Mon 10:00")], options("Mon 11:00", targets)).map((state) => state.kind);
    expect(kinds(STANDARD_PLAN_TARGETS)).toEqual(["first_response", "next_response"]);
    expect(kinds(WITH_RESOLUTION)).toEqual(["first_response", "next_response", "resolution"]);
  });
});

describe("clockEvents", () => {
  const event = (clock: ClockKind, type: string, time: string) => ({ clock, type, at: at(time) });

  it.each<[string, TicketFact[], ClockOptions, ReturnType<typeof event>[]]>([
    [
      "reply, pause, resume, warn and breach",
      [
        created("Mon 10:00"), reply("Mon 11:00"), customer("Mon 12:00"),
        status("Mon 13:00", "open", "pending"), status("Tue 10:00", "pending", "open"),
      ],
      options("Wed 18:00"),
      [
        event("first_response", "start", "Mon 10:00"),
        event("first_response", "fulfil", "Mon 11:00"),
        event("next_response", "start", "Mon 12:00"),
        event("next_response", "pause", "Mon 13:00"),
        event("next_response", "resume", "Tue 10:00"),
        event("next_response", "warn", "Tue 15:00"),
        event("next_response", "breach", "Tue 17:00"),
      ],
    ],
    [
      "warn and breach only once their moment has passed",
      [created("Mon 10:00")],
      options("Mon 13:30"),
      [event("first_response", "start", "Mon 10:00"), event("first_response", "warn", "Mon 13:00")],
    ],
    [
      "no breach exactly at the target",
      [created("Mon 10:00")],
      options("Mon 14:00"),
      [event("first_response", "start", "Mon 10:00"), event("first_response", "warn", "Mon 13:00")],
    ],
    [
      "a late fulfilment keeps its warn and breach",
      [created("Mon 10:00"), reply("Mon 15:00")],
      options("Tue 10:00"),
      [
        event("first_response", "start", "Mon 10:00"),
        event("first_response", "warn", "Mon 13:00"),
        event("first_response", "breach", "Mon 14:00"),
        event("first_response", "fulfil", "Mon 15:00"),
      ],
    ],
    [
      "a retarget breach is reported at the retarget, not in the past",
      [created("Mon 10:00"), retarget("Mon 11:00", "urgent", PRIORITY_PLAN_TARGETS)],
      options("Mon 11:30"),
      [
        event("first_response", "start", "Mon 10:00"),
        event("first_response", "retarget", "Mon 11:00"),
        event("first_response", "warn", "Mon 11:00"),
        event("first_response", "breach", "Mon 11:00"),
      ],
    ],
    [
      "resolution with pending and a reopen",
      [
        created("Mon 10:00"), status("Mon 11:00", "new", "pending"), status("Mon 12:00", "pending", "solved"),
        status("Tue 10:00", "solved", "open"), status("Tue 11:00", "open", "solved"),
      ],
      options("Wed 10:00", WITH_RESOLUTION),
      [
        event("first_response", "start", "Mon 10:00"),
        event("resolution", "start", "Mon 10:00"),
        event("resolution", "pause", "Mon 11:00"),
        event("first_response", "fulfil", "Mon 12:00"),
        event("resolution", "fulfil", "Mon 12:00"),
        event("resolution", "resume", "Tue 10:00"),
        event("resolution", "fulfil", "Tue 11:00"),
      ],
    ],
    [
      "every next-response cycle keeps its history",
      [
        created("Mon 10:00"), reply("Mon 10:30"), customer("Mon 11:00"),
        reply("Mon 12:00"), customer("Tue 10:00"), reply("Wed 11:00"),
      ],
      options("Wed 12:00"),
      [
        event("first_response", "start", "Mon 10:00"),
        event("first_response", "fulfil", "Mon 10:30"),
        event("next_response", "start", "Mon 11:00"),
        event("next_response", "fulfil", "Mon 12:00"),
        event("next_response", "start", "Tue 10:00"),
        event("next_response", "warn", "Tue 16:00"),
        event("next_response", "breach", "Tue 18:00"),
        event("next_response", "fulfil", "Wed 11:00"),
      ],
    ],
    ["no facts, no events", [], options("Mon 10:00"), []],
  ])("%s", (_name, facts, opts, expected) => {
    expect(clockEvents(facts, opts)).toEqual(expected);
  });
});

describe("clockCycles", () => {
  it("lists every next_response turn with its business minutes, pauses excluded", () => {
    const facts = [
      created("Mon 10:00"),
      reply("Mon 11:00"),
      customer("Mon 12:00"),
      status("Mon 13:00", "open", "pending"),
      status("Tue 10:00", "pending", "open"),
      reply("Tue 11:00"),
      customer("Fri 17:00"),
    ];
    const cycles = clockCycles(facts, options("next Mon 17:30"));
    expect(cycles.map((c) => [c.clock, c.elapsedBusinessMinutes, c.fulfilledAt?.toISOString() ?? null, c.breached])).toEqual([
      ["first_response", 60, at("Mon 11:00").toISOString(), false],
      ["next_response", 120, at("Tue 11:00").toISOString(), false],
      // Fri 17:00–18:00 and next Mon 10:00–17:30: 510 > 480, breached next Mon 17:00.
      ["next_response", 510, null, true],
    ]);
    expect(cycles[2]!.breachedAt).toEqual(at("next Mon 17:00"));
    expect(cycles[2]!.cycleStartedAt).toEqual(at("Fri 17:00"));
  });

  it("a reply late by business time is fulfilled and breached, the breach at the due moment", () => {
    const [first] = clockCycles([created("Mon 10:00"), reply("Mon 15:00")], options("Tue 10:00"));
    expect(first).toMatchObject({ clock: "first_response", elapsedBusinessMinutes: 300, breached: true, breachedAt: at("Mon 14:00"), fulfilledAt: at("Mon 15:00") });
  });
});
