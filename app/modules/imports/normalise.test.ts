import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { collapseSpaces, innCheckDigits, isValidInn, normaliseEmail, normaliseInn, normaliseKpp, normaliseName, normalisePhone } from "./normalise";

describe("normalisePhone", () => {
  it.each([
    ["8 (495) 123-45-67", "RU", "+74951234567"],
    ["+7 912 345-67-89", "RU", "+79123456789"],
    ["8-912-345-67-89 доб. 12", "RU", "+79123456789;ext=12"],
    ["495 1234567", "RU", "+74951234567"],
    ["79123456789", "RU", "+79123456789"],
    ["8 (727) 258-12-34", "KZ", "+77272581234"],
    ["+7 701 123 4567", "RU", "+77011234567"],
    ["8 017 123-45-67", "BY", "+375171234567"],
    ["+375 29 123-45-67", "RU", "+375291234567"],
    ["030 901820", "DE", "+4930901820"],
    ["+49 89 1234567 ext. 5", "RU", "+49891234567;ext=5"],
    ["(202) 555-0143", "US", "+12025550143"],
    ["00 1 212 555 0199", "RU", "+12125550199"],
  ])("%s in %s → %s", (raw, country, expected) => {
    const result = normalisePhone(raw, country);
    expect(result.ok && result.value.formatted).toBe(expected);
  });

  it.each([["123"], ["тел. уточнить"], ["8 (000) 000-00-00"], [""], ["(202) 555-0143"]])("%s cannot be a Russian number", (raw) => {
    expect(normalisePhone(raw, "RU").ok).toBe(false);
  });

  it("is idempotent: a normalised number normalises to itself, in any default country", () => {
    const numbers = fc.tuple(fc.constantFrom("912", "495", "812", "383"), fc.integer({ min: 2_000_000, max: 9_999_999 }), fc.option(fc.integer({ min: 1, max: 9999 }), { nil: null }));
    fc.assert(
      fc.property(numbers, fc.constantFrom("RU", "KZ", "DE", "US"), ([code, local, ext], country) => {
        const first = normalisePhone(`8 (${code}) ${local}${ext ? ` доб. ${ext}` : ""}`, "RU");
        if (!first.ok) return true;
        const again = normalisePhone(first.value.formatted, country);
        return again.ok && again.value.formatted === first.value.formatted;
      }),
    );
  });
});

describe("INN", () => {
  it.each([
    ["7707083893", true],
    ["7707083894", false],
    ["500100732259", true],
    ["500100732258", false],
    ["123", false],
  ])("%s valid: %s", (inn, valid) => expect(isValidInn(inn)).toBe(valid));

  // Reference: the checksum written out plainly from the tax service's definition.
  const reference10 = (d: number[]) => ((2 * d[0]! + 4 * d[1]! + 10 * d[2]! + 3 * d[3]! + 5 * d[4]! + 9 * d[5]! + 4 * d[6]! + 6 * d[7]! + 8 * d[8]!) % 11) % 10;

  it("a generated company INN round-trips, and validation agrees with the plain formula on any altered INN", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 9, maxLength: 9 }), fc.integer({ min: 0, max: 9 }), fc.integer({ min: 1, max: 9 }), (body, position, delta) => {
        const inn = body.join("") + innCheckDigits(body.join(""));
        expect(inn.at(-1)).toBe(String(reference10(body)));
        const result = normaliseInn(` ${inn.slice(0, 4)} ${inn.slice(4)} `);
        expect(result.ok && result.value.inn).toBe(inn);
        const digits = [...inn].map(Number);
        digits[position] = (digits[position]! + delta) % 10;
        expect(isValidInn(digits.join(""))).toBe(reference10(digits.slice(0, 9)) === digits[9]);
      }),
    );
  });

  it("a generated individual's INN (12 digits) round-trips", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 10, maxLength: 10 }), (body) => {
        const inn = body.join("") + innCheckDigits(body.join(""));
        const result = normaliseInn(inn);
        return result.ok && result.value.inn === inn && result.value.kind === "individual";
      }),
    );
  });

  it("puts back a leading zero a spreadsheet dropped, and names the failure otherwise", () => {
    const inn = `0${"27406211"}` + innCheckDigits(`0${"27406211"}`);
    const result = normaliseInn(inn.slice(1));
    expect(result.ok && result.value).toEqual({ inn, kind: "company", leadingZeroRestored: true });
    expect(normaliseInn("7707083894")).toEqual({ ok: false, reason: "inn_checksum" });
    expect(normaliseInn("77070838")).toEqual({ ok: false, reason: "inn_format" });
    expect(normaliseInn("ИНН")).toEqual({ ok: false, reason: "inn_format" });
  });

  it("KPP has 9 characters, the middle two may be letters", () => {
    expect(normaliseKpp("7701 01 001")).toEqual({ ok: true, value: "770101001" });
    expect(normaliseKpp("7701AB001")).toEqual({ ok: true, value: "7701AB001" });
    expect(normaliseKpp("77010100")).toEqual({ ok: true, value: "077010100" });
    expect(normaliseKpp("12")).toEqual({ ok: false, reason: "kpp_format" });
  });
});

describe("emails and names", () => {
  it("trims and lower-cases emails; refuses what is not one", () => {
    expect(normaliseEmail("  Info@Sever-Veter.RU ")).toEqual({ ok: true, value: "info@sever-veter.ru" });
    expect(normaliseEmail("mailto:<A@B.ru>")).toEqual({ ok: true, value: "a@b.ru" });
    expect(normaliseEmail("a@b").ok).toBe(false);
    expect(normaliseEmail("a b@c.ru").ok).toBe(false);
  });

  it("collapses spaces and unifies quotes in names", () => {
    expect(normaliseName("  ООО   «Ромашка» ")).toBe('ООО "Ромашка"');
    expect(normaliseName("ООО “Ромашка”")).toBe('ООО "Ромашка"');
    expect(normaliseName('ООО ""Ромашка""')).toBe('ООО "Ромашка"');
  });

  it("a run of quotes of any kind becomes one plain quote, in one pass", () => {
    for (const raw of ['“"', '""""', '«"»', 'ООО ""Ромашка""', 'ООО «»Ромашка“”']) {
      expect(normaliseName(normaliseName(raw))).toBe(normaliseName(raw));
    }
    expect(normaliseName('ООО ""Ромашка""')).toBe('ООО "Ромашка"');
    expect(normaliseName("“\"")).toBe('"');
  });

  it("name and email normalisers are idempotent", () => {
    // Strings rich in quotes and spaces, where a second pass could still find work.
    const tricky = fc.string({ unit: fc.constantFrom('"', "«", "»", "„", "“", "”", "″", "＂", " ", "\u00a0", "\u200b", "a", "я") });
    for (const strings of [fc.string(), tricky]) {
      fc.assert(fc.property(strings, (s) => normaliseName(normaliseName(s)) === normaliseName(s) && collapseSpaces(collapseSpaces(s)) === collapseSpaces(s)));
    }
    fc.assert(
      fc.property(fc.emailAddress(), (email) => {
        const once = normaliseEmail(email);
        return !once.ok || JSON.stringify(normaliseEmail(once.value)) === JSON.stringify(once);
      }),
    );
  });
});
