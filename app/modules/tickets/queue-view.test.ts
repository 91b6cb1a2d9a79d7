import { describe, expect, it } from "vitest";
import { columnsToParam, decodeSortCursor, DEFAULT_COLUMNS, encodeSortCursor, parseColumns, parseSort, sortToParam } from "./queue-view";

const ID = "0b7c6a3e-1f2d-4c5b-8a9e-123456789abc";

describe("queue view parameters", () => {
  it("reads a sort with its direction and falls back to SLA due ascending", () => {
    expect(parseSort("-created")).toEqual({ key: "created", dir: "desc" });
    expect(parseSort("organisation")).toEqual({ key: "organisation", dir: "asc" });
    expect(parseSort("-nonsense")).toEqual({ key: "due", dir: "asc" });
    expect(parseSort(null)).toEqual({ key: "due", dir: "asc" });
    expect(sortToParam({ key: "due", dir: "asc" })).toBeNull();
    expect(sortToParam(parseSort("-priority"))).toBe("-priority");
  });

  it("keeps known columns in the table's order and leaves the default out of the URL", () => {
    expect(parseColumns("status,subject,bogus")).toEqual(["subject", "status"]);
    expect(parseColumns(null)).toEqual([...DEFAULT_COLUMNS]);
    expect(columnsToParam(DEFAULT_COLUMNS)).toBeNull();
    expect(columnsToParam(["subject", "created"])).toBe("subject,created");
  });

  it("round-trips cursors with a value, an empty text or no value, and refuses garbage", () => {
    for (const cursor of [{ value: "2026-03-02 07:00:00.123456+00", id: ID }, { value: "", id: ID }, { value: null, id: ID }]) {
      expect(decodeSortCursor(encodeSortCursor(cursor))).toEqual(cursor);
    }
    expect(decodeSortCursor("not a cursor")).toBeNull();
    expect(decodeSortCursor(encodeSortCursor({ value: "x", id: "not-an-id" }))).toBeNull();
  });
});
