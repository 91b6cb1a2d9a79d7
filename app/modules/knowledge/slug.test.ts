import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { slugify, SLUG_MAX_LENGTH, uniqueSlug } from "./slug";

describe("slugify", () => {
  it.each([
    ["Clearing the cache after an update", "clearing-the-cache-after-an-update"],
    ["Как очистить кэш после обновления", "kak-ochistit-kesh-posle-obnovleniia"],
    ["Перенос лицензии на другой хостинг", "perenos-litsenzii-na-drugoi-khosting"],
    ["1C Exchange: the exchange stops at 50 %", "1c-exchange-the-exchange-stops-at-50"],
    ["Щётка, ёж и объём", "shchetka-ezh-i-obem"],
    ["Café  déjà vu", "cafe-deja-vu"],
    ["!!!", "article"],
  ])("%s → %s", (title, slug) => {
    expect(slugify(title)).toBe(slug);
  });

  it("always gives a usable address: lower-case Latin letters, digits and single dashes, at most 80 characters", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (title) => {
        const slug = slugify(title);
        expect(slug).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
        expect(slug.length).toBeLessThanOrEqual(SLUG_MAX_LENGTH);
      }),
    );
  });

  it("numbers a taken slug", () => {
    const taken = new Set(["install", "install-2"]);
    expect(uniqueSlug("install", (s) => taken.has(s))).toBe("install-3");
    expect(uniqueSlug("fresh", (s) => taken.has(s))).toBe("fresh");
    const long = "a".repeat(SLUG_MAX_LENGTH);
    expect(uniqueSlug(long, (s) => s === long).length).toBeLessThanOrEqual(SLUG_MAX_LENGTH);
  });
});
