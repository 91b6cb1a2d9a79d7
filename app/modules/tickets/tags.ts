/**
 * Ticket tags (docs/decisions/175). Pure. A tag is stored by its normalised name: trimmed,
 * inner spaces collapsed to one "-", lower case, at most TAG_MAX_LENGTH characters of letters
 * (any script), digits, "-", "_" and ".". The same word typed in any case is one tag.
 */
export const TAG_MAX_LENGTH = 40;
export const TAGS_PER_TICKET = 20;

const TAG_PATTERN = /^[\p{L}\p{N}][\p{L}\p{N}_.-]*$/u;

export type TagProblem = "empty" | "too_long" | "characters";

export type NormalisedTag = { ok: true; tag: string } | { ok: false; problem: TagProblem; input: string };

export function normaliseTag(input: string): NormalisedTag {
  const tag = input.normalize("NFC").trim().replace(/\s+/g, "-").toLocaleLowerCase("en");
  if (!tag) return { ok: false, problem: "empty", input };
  if ([...tag].length > TAG_MAX_LENGTH) return { ok: false, problem: "too_long", input };
  if (!TAG_PATTERN.test(tag)) return { ok: false, problem: "characters", input };
  return { ok: true, tag };
}

/**
 * A comma-separated list (what staff type) to distinct normalised tags, in order; the first
 * invalid entry is reported. Empty entries (",,", a trailing comma) are ignored.
 */
export function parseTagList(input: string | readonly string[]): { ok: true; tags: string[] } | { ok: false; problem: TagProblem | "too_many"; input: string } {
  const parts = (typeof input === "string" ? input.split(",") : input).map((p) => p.trim()).filter((p) => p !== "");
  const tags: string[] = [];
  for (const part of parts) {
    const result = normaliseTag(part);
    if (!result.ok) return result;
    if (!tags.includes(result.tag)) tags.push(result.tag);
  }
  if (tags.length > TAGS_PER_TICKET) return { ok: false, problem: "too_many", input: String(TAGS_PER_TICKET) };
  return { ok: true, tags };
}

/** "#rrggbb" (any case) → lower case; anything else → null. */
export function normaliseColour(input: string | null | undefined): string | null {
  const value = (input ?? "").trim().toLowerCase();
  return /^#[0-9a-f]{6}$/.test(value) ? value : null;
}
