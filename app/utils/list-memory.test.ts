import { describe, expect, it } from "vitest";
import { filtersToRemember, hasNoQuery, listMemoryStep, rememberedListPath } from "~/utils/list-memory";

const url = (s: string) => new URL(s, "http://localhost");

describe("lists that remember their filters", () => {
  it("knows which paths are remembered lists", () => {
    expect(rememberedListPath("/desk/licences")).toBe("/desk/licences");
    expect(rememberedListPath("/desk/licences/")).toBe("/desk/licences");
    expect(rememberedListPath("/desk/licences/abc")).toBeNull();
    expect(rememberedListPath("/desk/tickets")).toBeNull(); // the queue keeps its own (kd_queue)
    expect(rememberedListPath("/toString")).toBeNull();
  });

  it("keeps only the list's own non-empty filters, never a cursor or a notice", () => {
    expect(filtersToRemember("/desk/orders", new URLSearchParams("status=paid&q=&after=abc&saved=1&q=ACME"))).toBe("q=ACME&status=paid");
    expect(filtersToRemember("/desk/orders", new URLSearchParams("after=abc"))).toBe("");
    expect(filtersToRemember("/desk/orders", new URLSearchParams(`q=${"x".repeat(700)}`))).toBe("");
  });

  it("treats Remix's own parameters as no query", () => {
    expect(hasNoQuery(new URLSearchParams(""))).toBe(true);
    expect(hasNoQuery(new URLSearchParams("index&_routes=root"))).toBe(true);
    expect(hasNoQuery(new URLSearchParams("q="))).toBe(false);
  });

  it.each([
    ["/desk/licences", {}, { kind: "none" }],
    ["/desk/licences", { "/desk/licences": "q=romashka" }, { kind: "redirect", to: "/desk/licences?q=romashka" }],
    ["/desk/licences?q=romashka", {}, { kind: "store", memory: { "/desk/licences": "q=romashka" } }],
    ["/desk/licences?q=romashka", { "/desk/licences": "q=romashka" }, { kind: "none" }],
    ["/desk/licences?q=", { "/desk/licences": "q=romashka", "/desk/orders": "status=paid" }, { kind: "store", memory: { "/desk/orders": "status=paid" } }],
    ["/desk/licences?reset=1", { "/desk/licences": "q=romashka", "/desk/orders": "status=paid" }, { kind: "redirect", to: "/desk/licences", memory: { "/desk/orders": "status=paid" } }],
    ["/desk/licences/123", { "/desk/licences": "q=romashka" }, { kind: "none" }],
    ["/desk/licences?after=abc", { "/desk/licences": "q=romashka" }, { kind: "none" }],
    ["/admin/users?saved=1", { "/admin/users": "role=admin" }, { kind: "none" }],
  ] as const)("%s with %j", (address, memory, expected) => {
    expect(listMemoryStep(url(address), { ...memory })).toEqual(expected);
  });
});
