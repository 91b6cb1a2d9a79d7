import { describe, expect, it } from "vitest";
import { decodeCursor, decodeTimeCursor, encodeCursor, isUuid } from "./pagination";

describe("cursors", () => {
  it("round-trips text and dates", () => {
    const at = new Date("2026-11-24T10:00:00.000Z");
    const id = "3f2b8c1e-1111-4222-8333-944445555666";
    expect(decodeTimeCursor(encodeCursor([at, id]))).toEqual({ at, id });
    expect(decodeCursor(encodeCursor(["Acme, Inc.", id]), 2)).toEqual(["Acme, Inc.", id]);
  });

  it.each([[null], [""], ["%%%"], [encodeCursor(["only-one"])], [encodeCursor(["not a date", "x"])]])(
    "treats %s as the first page",
    (value) => {
      expect(decodeTimeCursor(value)).toBeNull();
    },
  );

  it("recognises uuids only", () => {
    expect(isUuid("3f2b8c1e-1111-4222-8333-944445555666")).toBe(true);
    expect(isUuid("1; drop table users")).toBe(false);
  });
});
