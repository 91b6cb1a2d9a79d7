import { describe, expect, it } from "vitest";
import { normaliseColour, normaliseTag, parseTagList, TAG_MAX_LENGTH } from "./tags";

describe("normaliseTag", () => {
  it.each([
    ["  Billing ", "billing"],
    ["Needs Review", "needs-review"],
    ["ВОЗВРАТ", "возврат"],
    ["v2.1_hotfix", "v2.1_hotfix"],
  ])("%s → %s", (input, tag) => {
    expect(normaliseTag(input)).toEqual({ ok: true, tag });
  });

  it.each([
    ["   ", "empty"],
    ["x".repeat(TAG_MAX_LENGTH + 1), "too_long"],
    ["-leading", "characters"],
    ["a<b>", "characters"],
    ["semi;colon", "characters"],
  ])("%s is refused (%s)", (input, problem) => {
    expect(normaliseTag(input)).toMatchObject({ ok: false, problem });
  });

  it("accepts exactly the maximum length", () => {
    expect(normaliseTag("x".repeat(TAG_MAX_LENGTH))).toMatchObject({ ok: true });
  });
});

describe("parseTagList", () => {
  it("splits, normalises and removes duplicates", () => {
    expect(parseTagList("Billing, billing ,, Refund")).toEqual({ ok: true, tags: ["billing", "refund"] });
    expect(parseTagList(["A", "a"])).toEqual({ ok: true, tags: ["a"] });
  });
  it("reports the first bad tag and too many tags", () => {
    expect(parseTagList("ok, b@d")).toMatchObject({ ok: false, problem: "characters", input: "b@d" });
    expect(parseTagList(Array.from({ length: 21 }, (_, i) => `t${i}`))).toMatchObject({ ok: false, problem: "too_many" });
  });
});

it("normalises colours", () => {
  expect(normaliseColour("#A0B1C2")).toBe("#a0b1c2");
  expect(normaliseColour("red")).toBeNull();
  expect(normaliseColour("")).toBeNull();
});
