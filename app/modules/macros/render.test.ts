import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { firstName, pickMacroBody, placeholderValue, PLACEHOLDERS, renderMacroBody, renderTemplate, unknownPlaceholders, type MacroContext } from "./render";

const FULL: MacroContext = {
  locale: "en",
  timeZone: "Europe/Moscow",
  customer: { name: "Anna Petrova" },
  ticket: { number: 1042, subject: "Export fails" },
  organisation: { name: "Acme LLC" },
  licence: { key: "KD-7F3QK-M2X9D-TP4VH-8RWNC-Q", supportUntil: new Date("2027-03-31T22:30:00Z") },
  renewal: { amountMinor: 600_000, currency: "RUB" },
  agent: { name: "Boris Engineer" },
};

describe("renderTemplate", () => {
  it.each([
    ["{{customer.first_name}}", "Anna"],
    ["{{customer.name}}", "Anna Petrova"],
    ["{{ticket.number}}", "1042"],
    ["{{ticket.subject}}", "Export fails"],
    ["{{organisation.name}}", "Acme LLC"],
    ["{{licence.key}}", "KD-7F3QK-M2X9D-TP4VH-8RWNC-Q"],
    // 22:30 UTC on 31 March is 1 April in Moscow: the customer's zone decides the day.
    ["{{licence.support_until}}", "April 1, 2027"],
    ["{{agent.name}}", "Boris Engineer"],
    ["{{ ticket.number }}", "1042"],
  ])("%s → %s", (template, expected) => {
    expect(renderTemplate(template, FULL)).toBe(expected);
  });

  it("formats the price and the date in Russian for a Russian customer", () => {
    const ru = { ...FULL, locale: "ru" as const };
    expect(renderTemplate("{{licence.support_until}}", ru)).toBe("1 апреля 2027 г.");
    expect(renderTemplate("{{renewal.price}}", ru)).toMatch(/^6\s000,00\s₽$/u);
    expect(renderTemplate("{{renewal.price}}", FULL)).toMatch(/^RUB\s6,000\.00$/u);
  });

  it("renders missing data as an empty string", () => {
    const empty: MacroContext = { locale: "ru" };
    for (const name of PLACEHOLDERS) expect(renderTemplate(`[{{${name}}}]`, empty)).toBe("[]");
    expect(renderTemplate("{{licence.support_until}}", { locale: "en", licence: { supportUntil: null } })).toBe("");
  });

  it("falls back to UTC for an unknown time zone and to empty for an unknown currency", () => {
    expect(renderTemplate("{{licence.support_until}}", { ...FULL, timeZone: "Mars/Olympus" })).toBe("March 31, 2027");
    expect(renderTemplate("{{renewal.price}}", { ...FULL, renewal: { amountMinor: 1, currency: "??" } })).toBe("");
  });

  it("leaves unknown placeholders as written", () => {
    expect(renderTemplate("Hi {{customer.nickname}}, {{customer.first_name}}", FULL)).toBe("Hi {{customer.nickname}}, Anna");
  });

  it("property: text without {{ renders unchanged", () => {
    fc.assert(
      fc.property(
        fc.string().filter((s) => !s.includes("{{")),
        (text) => renderTemplate(text, FULL) === text && renderTemplate(text, { locale: "ru" }) === text,
      ),
    );
  });

  const text = fc.string().map((s) => s.replace(/[{}]/g, ""));
  const contexts = fc.record({
    locale: fc.constantFrom("en" as const, "ru" as const),
    timeZone: fc.option(fc.constantFrom("UTC", "Europe/Moscow", "Asia/Tokyo", "Not/AZone", ""), { nil: undefined }),
    customer: fc.option(fc.record({ name: fc.option(text, { nil: null }) }), { nil: null }),
    ticket: fc.option(fc.record({ number: fc.option(fc.nat(), { nil: null }), subject: fc.option(text, { nil: null }) }), { nil: undefined }),
    licence: fc.option(fc.record({ key: fc.option(text, { nil: null }), supportUntil: fc.option(fc.date({ noInvalidDate: false }), { nil: null }) }), { nil: null }),
    renewal: fc.option(fc.record({ amountMinor: fc.oneof(fc.integer(), fc.constant(Number.MAX_VALUE)), currency: fc.constantFrom("RUB", "EUR", "JPY", "bad") }), { nil: null }),
  });

  it("property: every known placeholder is replaced and rendering never throws", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PLACEHOLDERS), { minLength: 1, maxLength: 6 }), contexts, (names, context) => {
        const out = renderTemplate(names.map((n) => `<{{${n}}}>`).join(" "), context);
        // Values come from data without braces: no placeholder may be left, and each is a string.
        expect(out).not.toContain("{{");
        expect(out).toBe(names.map((n) => `<${placeholderValue(n, context)}>`).join(" "));
        for (const n of names) expect(typeof placeholderValue(n, context)).toBe("string");
      }),
    );
  });
});

describe("unknownPlaceholders", () => {
  it.each([
    ["Hello {{customer.first_name}}", []],
    ["{{customer.nickname}} and {{ Ticket.Number }} and {{customer.nickname}}", ["customer.nickname", "Ticket.Number"]],
    ["{{}}", [""]],
    ["a { b } {{ not closed", []],
  ])("%s", (text, expected) => {
    expect(unknownPlaceholders(text)).toEqual(expected);
  });
});

describe("languages", () => {
  it("uses the customer's language, else the other one", () => {
    expect(pickMacroBody({ en: "Hello", ru: "Привет" }, "ru")).toBe("Привет");
    expect(pickMacroBody({ en: "Hello", ru: "  " }, "ru")).toBe("Hello");
    expect(pickMacroBody({ en: "", ru: "Привет" }, "en")).toBe("Привет");
    expect(renderMacroBody({ en: "Hi {{customer.first_name}}", ru: "Здравствуйте, {{customer.first_name}}" }, { ...FULL, locale: "ru" })).toBe("Здравствуйте, Anna");
  });

  it("takes the first word of a name", () => {
    expect(firstName("  Anna   Maria ")).toBe("Anna");
    expect(firstName(null)).toBe("");
  });
});
