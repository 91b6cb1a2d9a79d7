import { z } from "zod";

/**
 * A whole number that may arrive as form text. Unlike `z.coerce.number()`,
 * an empty field stays missing instead of becoming 0 (which would silently
 * pass a ">= 0" rule), and "1e3" / "0x10" are rejected rather than reinterpreted.
 */
export function wholeNumberField(min: number, max: number = Number.MAX_SAFE_INTEGER) {
  return z.preprocess(
    parseWholeNumberText,
    z.number({ error: "time.field.wholeNumber" }).int("time.field.wholeNumber").min(min).max(max),
  );
}

function parseWholeNumberText(value: unknown): unknown {
  if (typeof value !== "string") return value;
  const trimmed = value.trim();
  if (trimmed === "") return undefined;
  return /^-?\d+$/.test(trimmed) ? Number(trimmed) : trimmed;
}
