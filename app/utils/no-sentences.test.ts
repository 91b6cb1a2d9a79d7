import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

/**
 * Use cases and schemas say catalogue keys, never sentences (ADR 009): a sentence in an AppError,
 * a zod message or a field error would reach a Russian reader in English.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

const PATTERNS: Array<[string, RegExp]> = [
  ["AppError with a sentence", /AppError(?:\.\w+)?\(\s*(?:"[a-z_]+",\s*)?[`"'][A-Z][a-z]/g],
  ["zod or issue message as a sentence", /\b(?:error|message|formError):\s*[`"'][A-Z][a-z]/g],
  ["zod check with a sentence", /\.(?:min|max|length|regex|refine|superRefine|email|url|int|positive|nonnegative|gte|lte|gt|lt|uuid|nonempty)\([^()]*(?:\([^()]*\)[^()]*)*,\s*[`"'][A-Z][a-z]/g],
  ["zod issues unpacked by hand (use fieldErrorsOf)", /\.push\(issue\.message\)/g],
  ["field error as a sentence", /\b\w+: \[\s*[`"'][A-Z][a-z][^`"']*\s[^`"']*[`"']\s*\]/g],
];

function sources(dir: string, into: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) sources(file, into);
    // Demo data is English by design; the JSON APIs answer machines with codes and English detail.
    else if (/\.(ts|tsx)$/.test(name) && !/\.test\.tsx?$/.test(name) && !/demo[^/]*\.server\.ts$/.test(name) && !/^api\.|^webhooks\.|api-response/.test(name)) into.push(file);
  }
  return into;
}

/** In routes only: an AppError's `message` is its key alone, without its parameters; a page shows `userMessage`. */
const ROUTE_PATTERNS: Array<[string, RegExp]> = [["an AppError's bare message shown to a user", /(?:\(|:\s*)error\.message\b/g]];

function offences(file: string): string[] {
  const text = readFileSync(file, "utf8");
  const found: string[] = [];
  const patterns = file.includes(`${path.sep}routes${path.sep}`) ? [...PATTERNS, ...ROUTE_PATTERNS] : PATTERNS;
  for (const [what, pattern] of patterns) {
    for (const match of text.matchAll(pattern)) {
      const line = text.slice(0, match.index).split("\n").length;
      found.push(`${what} at line ${line}: ${match[0].slice(0, 90)}`);
    }
  }
  return found;
}

describe("messages, not sentences", () => {
  const files = [...sources(path.join(root, "app/modules")), ...sources(path.join(root, "app/utils")), ...sources(path.join(root, "app/routes"))];

  it("no use case, schema or route puts an English sentence where a catalogue key belongs", () => {
    const found: Record<string, string[]> = {};
    for (const file of files) {
      const relative = path.relative(root, file).split(path.sep).join("/");
      const list = offences(file);
      if (list.length > 0) found[relative] = list;
    }
    expect(found).toEqual({});
  }, 60_000);
});
