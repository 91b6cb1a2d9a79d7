import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { classifyCode, formatRecoveryCode, groupKey, recoveryCodesFrom, stepAt, stepUsable } from "./two-factor";

describe("classifyCode", () => {
  it.each([
    ["123456", { kind: "totp", code: "123456" }],
    [" 123 456 ", { kind: "totp", code: "123456" }],
    ["ABCDE-23456", { kind: "recovery", code: "abcde23456" }],
    ["12345", null],
    ["1234567", null],
    ["abc", null],
    ["", null],
  ])("%j → %j", (input, expected) => {
    expect(classifyCode(input)).toEqual(expected);
  });
});

describe("steps", () => {
  it("are 30-second periods and each may be used once, in order", () => {
    expect(stepAt(0)).toBe(0);
    expect(stepAt(29_999)).toBe(0);
    expect(stepAt(30_000)).toBe(1);
    expect(stepUsable(5, null)).toBe(true);
    expect(stepUsable(5, 5)).toBe(false);
    expect(stepUsable(4, 5)).toBe(false);
    expect(stepUsable(6, 5)).toBe(true);
  });
});

describe("recovery codes", () => {
  it("are ten distinct-looking codes from unambiguous letters, round-tripping through their printed form", () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 100, maxLength: 100 }), (bytes) => {
        const codes = recoveryCodesFrom(bytes);
        expect(codes).toHaveLength(10);
        for (const code of codes) {
          expect(code).toMatch(/^[a-hjkmnp-z2-9]{10}$/);
          expect(classifyCode(formatRecoveryCode(code))).toEqual({ kind: "recovery", code });
        }
      }),
    );
  });
  it("refuse too few random bytes", () => {
    expect(() => recoveryCodesFrom(new Uint8Array(99))).toThrow();
  });
  it("group the manual key by four", () => {
    expect(groupKey("ABCDEFGHIJ")).toBe("ABCD EFGH IJ");
  });
});
