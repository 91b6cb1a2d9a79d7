import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { IntlMessageFormat } from "intl-messageformat";
import { TYPE, parse, type MessageFormatElement } from "@formatjs/icu-messageformat-parser";
import { describe, expect, it } from "vitest";
import { en } from "./en";
import { ru } from "./ru";

const catalogues = { en, ru } as Record<"en" | "ru", Record<string, string>>;
const keys = Object.keys(en);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

function argumentsOf(elements: MessageFormatElement[], into = new Set<string>()): Set<string> {
  for (const element of elements) {
    if (element.type === TYPE.argument || element.type === TYPE.number || element.type === TYPE.date || element.type === TYPE.time) {
      into.add(element.value);
    } else if (element.type === TYPE.plural || element.type === TYPE.select) {
      into.add(element.value);
      for (const option of Object.values(element.options)) argumentsOf(option.value, into);
    } else if (element.type === TYPE.tag) argumentsOf(element.children, into);
  }
  return into;
}

function pluralsOf(elements: MessageFormatElement[], into: Array<{ value: string; options: string[] }> = []) {
  for (const element of elements) {
    if (element.type === TYPE.plural) {
      into.push({ value: element.value, options: Object.keys(element.options) });
      for (const option of Object.values(element.options)) pluralsOf(option.value, into);
    } else if (element.type === TYPE.select) for (const option of Object.values(element.options)) pluralsOf(option.value, into);
  }
  return into;
}

describe("the message catalogue", () => {
  it("has the same keys in English and Russian", () => {
    expect(Object.keys(ru).sort()).toEqual([...keys].sort());
  });

  it.each(["en", "ru"] as const)("parses every %s message as ICU, with the same arguments as English", (locale) => {
    for (const key of keys) {
      const message = catalogues[locale][key]!;
      expect(() => new IntlMessageFormat(message, locale), `${locale} ${key}`).not.toThrow();
      expect([...argumentsOf(parse(message))].sort(), `${locale} ${key}`).toEqual([...argumentsOf(parse(en[key as keyof typeof en]))].sort());
    }
  });

  it("gives every Russian plural the one, few and many forms, and every English one one and other", () => {
    for (const key of keys) {
      for (const plural of pluralsOf(parse(ru[key as keyof typeof ru]))) {
        expect(plural.options, `ru ${key}`).toEqual(expect.arrayContaining(["one", "few", "many", "other"]));
      }
      for (const plural of pluralsOf(parse(en[key as keyof typeof en]))) {
        expect(plural.options, `en ${key}`).toEqual(expect.arrayContaining(["one", "other"]));
      }
    }
  });

  it("renders every plural message for 0, 1, 2, 5, 11, 21, 22, 25 in both languages", () => {
    for (const key of keys) {
      for (const locale of ["en", "ru"] as const) {
        const message = catalogues[locale][key]!;
        const ast = parse(message);
        const plurals = pluralsOf(ast);
        if (plurals.length === 0) continue;
        for (const n of [0, 1, 2, 5, 11, 21, 22, 25]) {
          const params: Record<string, string | number> = {};
          for (const name of argumentsOf(ast)) params[name] = "X";
          for (const plural of plurals) params[plural.value] = n;
          const text = String(new IntlMessageFormat(message, locale).format(params));
          expect(text, `${locale} ${key} n=${n}`).not.toMatch(/[{}]/);
        }
      }
    }
  });

  it("picks the Russian form by the last digits", () => {
    const format = (n: number) => new IntlMessageFormat(ru["buy.package"], "ru").format({ hours: n });
    expect([0, 1, 2, 5, 11, 21, 22, 25].map(format)).toEqual([
      "0 часов", "1 час", "2 часа", "5 часов", "11 часов", "21 час", "22 часа", "25 часов",
    ]);
    const days = (n: number) => new IntlMessageFormat(ru["lic.ledger.days"], "ru").format({ days: n });
    expect([1, 3, 12, 101, 111].map(days)).toEqual(["1 день", "3 дня", "12 дней", "101 день", "111 дней"]);
  });

  it("has no key that no source file uses", () => {
    const sources: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const file = path.join(dir, name);
        if (statSync(file).isDirectory()) walk(file);
        else if (/\.(ts|tsx)$/.test(name) && !file.includes(`${path.sep}locales${path.sep}`)) sources.push(readFileSync(file, "utf8"));
      }
    };
    walk(path.join(root, "app"));
    walk(path.join(root, "emails"));
    const text = sources.join("\n");
    // Keys built at run time: `prefix.${value}` (template) or "prefix." + value.
    const dynamicPrefixes = [...text.matchAll(/[`"']([a-zA-Z][\w-]*(?:\.[\w-]*)+)(?:\$\{|["']\s*\+)/g)].map((m) => m[1]!);
    const unused = keys.filter((key) => !text.includes(`"${key}"`) && !text.includes(`'${key}'`) && !text.includes(`\`${key}\``) && !dynamicPrefixes.some((prefix) => key.startsWith(prefix)));
    expect(unused).toEqual([]);
  }, 60_000);
});
