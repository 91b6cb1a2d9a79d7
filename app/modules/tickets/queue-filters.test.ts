import { describe, expect, it } from "vitest";
import {
  decodeQueueCursor,
  encodeQueueCursor,
  hasFilterParams,
  parseQueueFilters,
  queueFiltersToParams,
  queueStatuses,
  ticketNumberFromSearch,
} from "./queue-filters";

const ID = "0b6a8e5e-3f7c-4f0e-9a3c-1b2c3d4e5f60";
const params = (query: string) => new URLSearchParams(query);

describe("parseQueueFilters", () => {
  it("defaults to all open tickets", () => {
    expect(parseQueueFilters(params(""))).toEqual({ queue: "open" });
  });

  it("reads every filter", () => {
    expect(
      parseQueueFilters(params(`queue=mine&product=${ID}&organisation=${ID}&assignee=none&priority=urgent&status=pending&q=%231042`)),
    ).toEqual({ queue: "mine", productId: ID, organisationId: ID, assigneeId: "none", priority: "urgent", status: "pending", q: "#1042" });
  });

  it("drops what it cannot read instead of failing", () => {
    expect(parseQueueFilters(params("queue=everything&product=1;drop&assignee=bob&priority=asap&status=lost&q=%20%20"))).toEqual({ queue: "open" });
  });

  it("limits the search text", () => {
    expect(parseQueueFilters(params(`q=${"x".repeat(500)}`)).q).toHaveLength(100);
  });

  it("round-trips through URL parameters, leaving the default queue out", () => {
    const filters = parseQueueFilters(params(`queue=breaching&priority=high&assignee=${ID}`));
    expect(parseQueueFilters(queueFiltersToParams(filters))).toEqual(filters);
    expect(queueFiltersToParams({ queue: "open" }).toString()).toBe("");
  });

  it("tells whether the URL says anything about filters", () => {
    expect(hasFilterParams(params(""))).toBe(false);
    expect(hasFilterParams(params("after=abc"))).toBe(false);
    expect(hasFilterParams(params("queue=open"))).toBe(true);
  });
});

describe("ticketNumberFromSearch", () => {
  it.each([
    ["#1042", 1042],
    ["1042", 1042],
    ["# 7", 7],
    ["checkout 500", null],
    ["", null],
  ])("%s → %s", (q, n) => expect(ticketNumberFromSearch(q)).toBe(n));
});

describe("queue cursor", () => {
  it("round-trips a due time and a ticket without one", () => {
    const withDue = { dueAt: new Date("2026-03-02T10:30:00.000Z"), id: ID };
    expect(decodeQueueCursor(encodeQueueCursor(withDue))).toEqual(withDue);
    expect(decodeQueueCursor(encodeQueueCursor({ dueAt: null, id: ID }))).toEqual({ dueAt: null, id: ID });
  });

  it("treats garbage as the first page", () => {
    for (const value of [null, "", "x|y", `nope|${ID}`, `-|${ID}|extra`, "2026-01-01T00:00:00Z|not-a-uuid"]) {
      expect(decodeQueueCursor(value)).toBeNull();
    }
  });
});

describe("queueStatuses", () => {
  it("maps queues to statuses", () => {
    expect(queueStatuses("pending")).toEqual(["pending"]);
    expect(queueStatuses("mine")).toEqual(["new", "open", "pending", "on_hold"]);
    expect(queueStatuses("all")).toContain("closed");
  });
});

describe("tag filter", () => {
  it("normalises ?tag= and drops an invalid one", async () => {
    const { parseQueueFilters, queueFiltersToParams } = await import("./queue-filters");
    const filters = parseQueueFilters(new URLSearchParams("tag=%20Needs%20Review%20"));
    expect(filters.tag).toBe("needs-review");
    expect(queueFiltersToParams(filters).get("tag")).toBe("needs-review");
    expect(parseQueueFilters(new URLSearchParams("tag=<b>")).tag).toBeUndefined();
  });
});
