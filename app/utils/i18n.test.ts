import { describe, expect, it } from "vitest";
import { en } from "~/locales/en";
import { ru } from "~/locales/ru";
import { formatDateTime, localeFromAcceptLanguage, translate } from "./i18n";

describe("translate", () => {
  it("fills placeholders in both languages", () => {
    expect(translate("en", "portal.welcome", { name: "Ann" })).toBe("Welcome, Ann");
    expect(translate("ru", "portal.welcome", { name: "Анна" })).toBe("Здравствуйте, Анна");
  });

  it("has a Russian text for every English key, and no empty texts", () => {
    expect(Object.keys(ru).sort()).toEqual(Object.keys(en).sort());
    for (const value of [...Object.values(en), ...Object.values(ru)]) expect(value.trim()).not.toBe("");
  });
});

describe("localeFromAcceptLanguage", () => {
  it.each([
    [null, "en"],
    ["ru-RU,ru;q=0.9,en;q=0.8", "ru"],
    ["de-DE,en;q=0.5,ru;q=0.9", "ru"],
    ["fr", "en"],
  ])("%s → %s", (header, expected) => {
    expect(localeFromAcceptLanguage(header)).toBe(expected);
  });
});

describe("formatDateTime", () => {
  it("shows the instant in the user's time zone", () => {
    const instant = new Date("2026-03-02T07:30:00Z");
    expect(formatDateTime(instant, "en", "Europe/Moscow")).toContain("10:30");
    expect(formatDateTime(instant, "en", "America/New_York")).toContain("02:30");
    expect(formatDateTime(null, "en", "UTC")).toBe("—");
  });
});
