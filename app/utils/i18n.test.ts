import { describe, expect, it } from "vitest";
import { en } from "~/locales/en";
import { ru } from "~/locales/ru";
import { formatDate, formatDateTime, formatDuration, formatRelative, localeFromAcceptLanguage, pageTitle, translate } from "./i18n";

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

describe("formatDuration", () => {
  it.each<[number, "en" | "ru", string]>([
    [0, "en", "0 min"],
    [45, "en", "45 min"],
    [60, "en", "1 h"],
    [72, "en", "1 h 12 min"],
    [1500, "en", "25 h"],
    [59.6, "en", "1 h"],
    [0.4, "en", "0 min"],
    [-0.4, "en", "0 min"],
    [-72, "en", "overdue by 1 h 12 min"],
    [-5, "en", "overdue by 5 min"],
    [72, "ru", "1 ч 12 мин"],
    [45, "ru", "45 мин"],
    [120, "ru", "2 ч"],
    [-72, "ru", "просрочено на 1 ч 12 мин"],
  ])("%s in %s → %s", (minutes, locale, expected) => {
    expect(formatDuration(minutes, locale)).toBe(expected);
  });
});

describe("pageTitle", () => {
  it("titles a page in the root loader's language, English when it has none", () => {
    expect(pageTitle([{ id: "root", data: { locale: "ru" } }, { id: "routes/x" }], "backups.title")).toBe("Резервные копии · Keydesk");
    expect(pageTitle([{ id: "root", data: { locale: "en" } }], "services.reclassify.title", { number: 1005 })).toBe("Change the type of #1005 · Keydesk");
    expect(pageTitle([], "backups.title")).toBe("Backups · Keydesk");
  });
});

describe("formatRelative", () => {
  const now = new Date("2027-10-03T12:00:00Z");
  const at = (minutes: number) => new Date(now.getTime() + minutes * 60_000);
  it.each([
    [130, "en", "in 2 h 10 min"],
    [-15, "en", "15 min ago"],
    [0.4, "en", "just now"],
    [-3 * 1440, "en", "3 days ago"],
    [-1 * 1440 - 60 * 30, "en", "2 days ago"],
    [2 * 1440 + 600, "en", "in 2 days"],
    [130, "ru", "через 2 ч 10 мин"],
    [-3 * 1440, "ru", "3 дня назад"],
    [-5 * 1440, "ru", "5 дней назад"],
    [-21 * 1440, "ru", "21 день назад"],
    [3 * 1440, "ru", "через 3 дня"],
  ] as const)("%s min in %s → %s", (minutes, locale, expected) => {
    expect(formatRelative(at(minutes), now, locale)).toBe(expected);
  });

  it("shows a dash for no or a broken date", () => {
    expect(formatRelative(null, now, "en")).toBe("—");
    expect(formatRelative("not a date", now, "en")).toBe("—");
  });
});

describe("one date style per language", () => {
  it("reads the same day the same way everywhere", () => {
    expect(formatDate("2027-10-03T09:00:00Z", "en", "Europe/Moscow")).toBe("3 Oct 2027");
    expect(formatDate("2027-10-03T09:00:00Z", "ru", "Europe/Moscow")).toBe("3 окт. 2027 г.");
  });
});
