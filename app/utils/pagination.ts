/**
 * Keyset cursors travel in the URL as one opaque string, so a list page is a plain link.
 * An unreadable cursor is treated as "first page", never as an error.
 */
export function encodeCursor(parts: Array<string | Date>): string {
  const raw = parts.map((p) => (p instanceof Date ? p.toISOString() : p)).join("\u001f");
  return Buffer.from(raw, "utf8").toString("base64url");
}

export function decodeCursor(value: string | null | undefined, arity: number): string[] | null {
  if (!value) return null;
  try {
    const parts = Buffer.from(value, "base64url").toString("utf8").split("\u001f");
    return parts.length === arity && parts.every((p) => p.length > 0) ? parts : null;
  } catch {
    return null;
  }
}

/** A (timestamp, id) cursor as used by newest-first lists. */
export function decodeTimeCursor(value: string | null | undefined): { at: Date; id: string } | null {
  const parts = decodeCursor(value, 2);
  if (!parts) return null;
  const at = new Date(parts[0]!);
  if (Number.isNaN(at.getTime()) || !/^[0-9a-f-]{36}$/i.test(parts[1]!)) return null;
  return { at, id: parts[1]! };
}

export function isUuid(value: string | null | undefined): value is string {
  return !!value && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}
