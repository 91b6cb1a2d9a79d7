import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseImportDate, parseLanguage, parseMoneyMinor, parseTimeZone } from "./values";

describe("parseImportDate", () => {
  it.each([
    ["31.01.2027", "2027-01-31"],
    ["1.2.2026", "2026-02-01"],
    ["15/03/2025", "2025-03-15"],
    ["2025-03-15", "2025-03-15"],
    ["2025-03-15T10:00:00Z", "2025-03-15"],
    ["46023", "2026-01-01"],
    ["45000.75", "2023-03-15"],
    ["01.02.26", "2026-02-01"],
  ])("%s → %s", (raw, iso) => expect(parseImportDate(raw)).toEqual({ ok: true, value: iso }));

  it.each([["31.02.2026"], ["2026-13-01"], ["tomorrow"], ["0"], [""]])("%s is not a date", (raw) => expect(parseImportDate(raw).ok).toBe(false));

  it("dd.mm.yyyy and Excel serials agree with a plain day count", () => {
    fc.assert(
      fc.property(fc.integer({ min: 400, max: 80_000 }), (serial) => {
        const expected = new Date(Date.UTC(1899, 11, 30) + serial * 86_400_000).toISOString().slice(0, 10);
        const [y, m, d] = expected.split("-");
        const fromSerial = parseImportDate(String(serial));
        const fromDotted = parseImportDate(`${d}.${m}.${y}`);
        return fromSerial.ok && fromSerial.value === expected && fromDotted.ok && fromDotted.value === expected;
      }),
    );
  });
});

describe("other values", () => {
  it("reads money in the ways people write it", () => {
    expect(parseMoneyMinor("12 000,50")).toEqual({ ok: true, value: 1_200_050 });
    expect(parseMoneyMinor("12,000.50")).toEqual({ ok: true, value: 1_200_050 });
    expect(parseMoneyMinor("24000")).toEqual({ ok: true, value: 2_400_000 });
    expect(parseMoneyMinor("1 200 ₽")).toEqual({ ok: true, value: 120_000 });
    expect(parseMoneyMinor("free").ok).toBe(false);
  });
  it("reads languages and time zones", () => {
    expect(parseLanguage("Русский")).toEqual({ ok: true, value: "ru" });
    expect(parseLanguage("en-GB")).toEqual({ ok: true, value: "en" });
    expect(parseLanguage("klingon").ok).toBe(false);
    expect(parseTimeZone("MSK")).toEqual({ ok: true, value: "Europe/Moscow" });
    expect(parseTimeZone("Asia/Almaty")).toEqual({ ok: true, value: "Asia/Almaty" });
    expect(parseTimeZone("UTC+5")).toEqual({ ok: true, value: "Etc/GMT-5" });
    expect(parseTimeZone("Mars/Olympus").ok).toBe(false);
  });
});
