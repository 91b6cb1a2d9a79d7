import { describe, expect, it } from "vitest";
import {
  canTransition,
  isActive,
  nextStatuses,
  statusAfterCustomerMessage,
  statusAfterStaffMessage,
  TICKET_STATUSES,
  type StatusActor,
  type TicketStatus,
} from "./status";

describe("canTransition", () => {
  // Every allowed move, per actor; everything not listed must be refused.
  const allowed: Array<[StatusActor, TicketStatus, TicketStatus]> = [
    ["staff", "new", "open"],
    ["staff", "new", "pending"],
    ["staff", "new", "on_hold"],
    ["staff", "new", "solved"],
    ["staff", "open", "pending"],
    ["staff", "open", "on_hold"],
    ["staff", "open", "solved"],
    ["staff", "pending", "open"],
    ["staff", "pending", "on_hold"],
    ["staff", "pending", "solved"],
    ["staff", "on_hold", "open"],
    ["staff", "on_hold", "pending"],
    ["staff", "on_hold", "solved"],
    ["staff", "solved", "open"],
    ["customer", "new", "solved"],
    ["customer", "open", "solved"],
    ["customer", "pending", "solved"],
    ["customer", "on_hold", "solved"],
    ["customer", "solved", "open"],
    ["customer", "solved", "closed"],
    ["system", "solved", "closed"],
  ];
  const key = (a: StatusActor, f: TicketStatus, t: TicketStatus) => `${a}:${f}->${t}`;
  const allowedSet = new Set(allowed.map(([a, f, t]) => key(a, f, t)));

  for (const actor of ["staff", "customer", "system"] as const) {
    for (const from of TICKET_STATUSES) {
      for (const to of TICKET_STATUSES) {
        const expected = allowedSet.has(key(actor, from, to));
        it(`${actor}: ${from} → ${to} is ${expected ? "allowed" : "refused"}`, () => {
          expect(canTransition(from, to, actor)).toBe(expected);
        });
      }
    }
  }

  it("never lets anyone set 'new' or leave 'closed'", () => {
    for (const actor of ["staff", "customer", "system"] as const) {
      for (const status of TICKET_STATUSES) {
        expect(canTransition(status, "new", actor)).toBe(false);
        expect(canTransition("closed", status, actor)).toBe(false);
      }
    }
  });

  it("staff cannot close directly: closing is the customer's confirmation or the timer", () => {
    for (const from of TICKET_STATUSES) expect(canTransition(from, "closed", "staff")).toBe(false);
  });

  it("lists the choices for select boxes", () => {
    expect(nextStatuses("solved", "customer")).toEqual(["open", "closed"]);
    expect(nextStatuses("closed", "staff")).toEqual([]);
  });
});

describe("statusAfterCustomerMessage", () => {
  it.each([
    ["new", "new"],
    ["open", "open"],
    ["pending", "open"],
    ["on_hold", "on_hold"],
    ["solved", "open"],
    ["closed", null],
  ] as Array<[TicketStatus, TicketStatus | null]>)("%s → %s", (from, to) => {
    expect(statusAfterCustomerMessage(from)).toBe(to);
  });
});

describe("statusAfterStaffMessage", () => {
  it("a public reply opens a new ticket; a note does not", () => {
    expect(statusAfterStaffMessage("new", { visibility: "public" })).toBe("open");
    expect(statusAfterStaffMessage("new", { visibility: "internal" })).toBe("new");
  });

  it("keeps other statuses unless one is requested", () => {
    expect(statusAfterStaffMessage("pending", { visibility: "public" })).toBe("pending");
    expect(statusAfterStaffMessage("open", { visibility: "public", requested: "pending" })).toBe("pending");
    expect(statusAfterStaffMessage("new", { visibility: "public", requested: "solved" })).toBe("solved");
  });

  it("refuses a requested move that is not allowed", () => {
    expect(statusAfterStaffMessage("closed", { visibility: "internal", requested: "open" })).toBeNull();
    expect(statusAfterStaffMessage("open", { visibility: "public", requested: "new" })).toBeNull();
  });

  it("treats requesting the current status as no change", () => {
    expect(statusAfterStaffMessage("pending", { visibility: "public", requested: "pending" })).toBe("pending");
  });
});

describe("isActive", () => {
  it("is true for the statuses worked in queues", () => {
    expect(TICKET_STATUSES.filter(isActive)).toEqual(["new", "open", "pending", "on_hold"]);
  });
});
