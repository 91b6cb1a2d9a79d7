import { describe, expect, it } from "vitest";
import {
  displayLicenceKey,
  formatLicenceKey,
  generateLicenceKey,
  normaliseLicenceKey,
  parseLicenceKey,
  type RandomBytes,
} from "./licence-key";

const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** mulberry32: a tiny seeded generator so key tests are deterministic. */
function seededRandomBytes(seed: number): RandomBytes {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) & 0xff;
  };
  return (length) => Uint8Array.from({ length }, next);
}

const fixedBytes =
  (fill: number): RandomBytes =>
  (length) =>
    new Uint8Array(length).fill(fill);

function canonicalBody(key: string): string {
  const parsed = parseLicenceKey(key);
  if (!parsed.ok) throw new Error(`generated key ${key} does not parse`);
  return parsed.canonical.slice(2);
}

const sampleKeys = (() => {
  const random = seededRandomBytes(20240229);
  return Array.from({ length: 300 }, () => generateLicenceKey(random));
})();

describe("generateLicenceKey", () => {
  it("produces the dashed KD format", () => {
    for (const key of sampleKeys) {
      expect(key).toMatch(/^KD-[0-9A-HJKMNP-TV-Z]{5}(-[0-9A-HJKMNP-TV-Z]{5}){3}-[0-9A-HJKMNP-TV-Z]$/);
    }
  });

  it("is deterministic for the same random source", () => {
    expect(generateLicenceKey(seededRandomBytes(7))).toBe(generateLicenceKey(seededRandomBytes(7)));
  });

  // Expected check characters were worked out independently (Python, GF(32) with x⁵+x²+1).
  it.each([
    [0x00, "KD-00000-00000-00000-00000-0"],
    [0xff, "KD-ZZZZZ-ZZZZZ-ZZZZZ-ZZZZZ-A"],
  ])("encodes all-%i bytes as %s", (fill, expected) => {
    expect(generateLicenceKey(fixedBytes(fill))).toBe(expected);
  });

  it("uses 100 random bits: flipping any one of the first 100 input bits changes the key", () => {
    const base = new Uint8Array(13);
    for (let bit = 0; bit < 100; bit++) {
      const flipped = new Uint8Array(base);
      flipped[bit >> 3] ^= 0x80 >> (bit & 7);
      expect(generateLicenceKey(() => flipped)).not.toBe(generateLicenceKey(() => base));
    }
  });

  it("asks for 13 bytes and refuses a short answer", () => {
    const requested: number[] = [];
    generateLicenceKey((length) => {
      requested.push(length);
      return new Uint8Array(length);
    });
    expect(requested).toEqual([13]);
    expect(() => generateLicenceKey(() => new Uint8Array(12))).toThrow(RangeError);
  });

  it("produces no duplicates in a sample", () => {
    expect(new Set(sampleKeys).size).toBe(sampleKeys.length);
  });
});

describe("normaliseLicenceKey", () => {
  it.each([
    ["kd-7f3qk-m2x9d-tp4vh-8rwnc-q", "KD7F3QKM2X9DTP4VH8RWNCQ"],
    [" KD 7F3QK_M2X9D\tTP4VH-8RWNC - Q ", "KD7F3QKM2X9DTP4VH8RWNCQ"],
    ["o0Oi1IlL", "00011111"],
    ["", ""],
  ])("%j → %j", (input, expected) => {
    expect(normaliseLicenceKey(input)).toBe(expected);
  });
});

describe("parseLicenceKey", () => {
  const key = sampleKeys[0];
  const canonical = `KD${canonicalBody(key)}`;

  it.each([
    ["the dashed form", key],
    ["lower case", key.toLowerCase()],
    ["no dashes", key.replace(/-/g, "")],
    ["spaces instead of dashes", key.replace(/-/g, " ")],
    ["without the KD prefix", key.slice(3)],
    ["surrounding whitespace", `  ${key}\n`],
  ])("accepts %s", (_label, input) => {
    expect(parseLicenceKey(input)).toEqual({ ok: true, canonical });
  });

  it("treats O/I/L as the digits they look like", () => {
    const zeroKey = generateLicenceKey(fixedBytes(0));
    expect(parseLicenceKey(zeroKey.replace(/0/g, "O"))).toEqual({ ok: true, canonical: normaliseLicenceKey(zeroKey) });
  });

  it.each([
    ["empty", ""],
    ["one character short", key.slice(0, -1)],
    ["one character too many", `${key}0`],
    ["a character outside the alphabet (U)", `${key.slice(0, -1)}U`],
    ["punctuation", `${key.slice(0, -1)}*`],
    ["a different prefix", `XX${key.slice(2)}`],
    ["a prefix with a short body", `KD${key.slice(3, -1)}`],
  ])("calls %s malformed", (_label, input) => {
    expect(parseLicenceKey(input)).toEqual({ ok: false, reason: "malformed" });
  });

  it("calls a wrong check character a typo", () => {
    const wrongCheck = key.slice(-1) === "0" ? "1" : "0";
    expect(parseLicenceKey(key.slice(0, -1) + wrongCheck)).toEqual({ ok: false, reason: "typo" });
  });

  it("catches every single-character substitution in every sample key", () => {
    let checked = 0;
    const missed: string[] = [];
    for (const sample of sampleKeys) {
      const body = canonicalBody(sample);
      for (let position = 0; position < body.length; position++) {
        for (const replacement of ALPHABET) {
          if (replacement === body[position]) continue;
          const mistyped = body.slice(0, position) + replacement + body.slice(position + 1);
          // One assertion at the end: ~200 000 expect() calls make the test slow on a busy machine.
          const result = parseLicenceKey(mistyped);
          if (result.ok || result.reason !== "typo") missed.push(mistyped);
          checked++;
        }
      }
    }
    expect(missed).toEqual([]);
    expect(checked).toBe(sampleKeys.length * 21 * 31);
  });

  it("catches every adjacent transposition of different characters, including with the check character", () => {
    let checked = 0;
    for (const sample of sampleKeys) {
      const body = canonicalBody(sample);
      for (let position = 0; position + 1 < body.length; position++) {
        if (body[position] === body[position + 1]) continue;
        const swapped =
          body.slice(0, position) + body[position + 1] + body[position] + body.slice(position + 2);
        expect(parseLicenceKey(swapped)).toEqual({ ok: false, reason: "typo" });
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(sampleKeys.length * 18);
  });
});

describe("formatLicenceKey", () => {
  it.each(sampleKeys.slice(0, 20).map((key) => [key]))("round-trips %s", (key) => {
    const parsed = parseLicenceKey(key);
    expect(parsed.ok && formatLicenceKey(parsed.canonical)).toBe(key);
  });

  it.each([["KD123"], ["not a key"]])("refuses %j", (input) => {
    expect(() => formatLicenceKey(input)).toThrow(RangeError);
  });
});

describe("displayLicenceKey", () => {
  it("shows a canonical key dashed and any other stored text as it is", () => {
    const key = sampleKeys[0]!;
    const parsed = parseLicenceKey(key);
    expect(parsed.ok && displayLicenceKey(parsed.canonical)).toBe(key);
    expect(displayLicenceKey("1C-IMPORTED-0042")).toBe("1C-IMPORTED-0042");
    expect(displayLicenceKey("")).toBe("");
  });
});
