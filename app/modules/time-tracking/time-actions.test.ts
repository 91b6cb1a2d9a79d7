import { describe, expect, it } from "vitest";
import { isTimeIntent, timeActionSchemas } from "./time-actions";

const ID = "0b5c4f9e-6d1c-4a1e-9d0e-1f2a3b4c5d6e";

describe("time action schemas", () => {
  it("parses a manual entry for a ticket", () => {
    expect(timeActionSchemas.add.parse({ ticketId: ID, date: "2026-03-10", startTime: "", minutes: "14", note: " call " })).toEqual({
      ticketId: ID,
      date: "2026-03-10",
      minutes: 14,
      note: "call",
    });
  });

  it("treats an empty ticket on stop as 'whatever runs'", () => {
    expect(timeActionSchemas.stop.parse({ ticketId: "" })).toEqual({});
    expect(timeActionSchemas.stop.safeParse({ ticketId: "nope" }).success).toBe(false);
  });

  it("needs a reason to mark time not charged", () => {
    expect(timeActionSchemas["not-charged"].safeParse({ entryId: ID, reason: "  " }).success).toBe(false);
    expect(timeActionSchemas["not-charged"].parse({ entryId: ID, reason: "Our bug" })).toEqual({ entryId: ID, reason: "Our bug" });
  });

  it.each([["0"], ["1441"], ["1.5"], [""]])("refuses %s minutes", (minutes) => {
    expect(timeActionSchemas.edit.safeParse({ entryId: ID, date: "2026-03-10", minutes }).success).toBe(false);
  });

  it("knows its intents", () => {
    expect(isTimeIntent("start")).toBe(true);
    expect(isTimeIntent("explode")).toBe(false);
  });
});
