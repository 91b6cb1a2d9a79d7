import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { safeRedirect } from "./redirects";

const HOME = "/home";
const ORIGIN = "https://desk.example";

/** Where a browser on ORIGIN goes when told `Location: target`. */
const browserLandsOn = (target: string) => new URL(target, ORIGIN);

describe("safeRedirect", () => {
  it.each([
    "/\t/evil.example",
    "/\n/evil.example",
    "/\r\n/evil.example",
    "//evil.example",
    "///evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "/\\/evil.example",
    "/%2F/evil.example",
    "/%2f%2fevil.example",
    "/%5C/evil.example",
    "https://evil.example",
    "http:evil.example",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    " /desk",
    "\u0000/desk",
    "/desk\u0000",
    "data:text/html,<script>alert(1)</script>",
    "//evil.example@desk.example",
    "/\u0009\u0009/evil.example",
    "",
    "desk",
    "./desk",
    "?x=1",
    "#top",
    `/${"a".repeat(2001)}`,
  ])("refuses %j", (target) => {
    expect(safeRedirect(target, HOME)).toBe(HOME);
  });

  it.each([
    ["/desk", "/desk"],
    ["/desk/tickets?status=open&q=a%20b", "/desk/tickets?status=open&q=a%20b"],
    ["/portal/tickets/12#reply", "/portal/tickets/12#reply"],
    ["/products/модуль", "/products/%D0%BC%D0%BE%D0%B4%D1%83%D0%BB%D1%8C"],
    ["/desk/../admin", "/admin"],
  ])("keeps the same-site path %j", (target, expected) => {
    expect(safeRedirect(target, HOME)).toBe(expected);
  });

  it("refuses what is not a string", () => {
    for (const value of [null, undefined, 42, ["/desk"], { href: "/desk" }]) expect(safeRedirect(value, HOME)).toBe(HOME);
  });

  it("never sends a browser to another origin, whatever it is given", () => {
    const pieces = fc.constantFrom("/", "//", "\\", "\t", "\n", "\r", " ", "%2F", "%5C", "%09", ":", "@", "?", "#", ".", "..", "evil.example", "desk", "javascript:", "https:", "\u0000", "\u3002", "／");
    const target = fc.oneof(fc.array(pieces, { maxLength: 8 }).map((p) => p.join("")), fc.string({ maxLength: 40 }), fc.string({ unit: "binary", maxLength: 40 }).map((s) => `/${s}`));
    fc.assert(
      fc.property(target, (to) => {
        const result = safeRedirect(to, HOME);
        if (result === HOME) return;
        expect(result.startsWith("/")).toBe(true);
        expect(result.startsWith("//")).toBe(false);
        expect(browserLandsOn(result).origin).toBe(ORIGIN);
        // Whatever a browser does with the original string, it stays here too when we accept it.
        expect(browserLandsOn(to).origin).toBe(ORIGIN);
      }),
      { numRuns: 5000 },
    );
  });
});
