import { normaliseLicenceKey } from "../licensing/licence-key";

/**
 * What a desk search box entry most likely is. A ticket number jumps straight to the ticket;
 * the rest are searched side by side (a licence key, an organisation by name or tax ID, a
 * contact by email or phone, and the full text of tickets).
 */
export type DeskQuery =
  | { kind: "empty" }
  | { kind: "ticket_number"; number: number }
  | { kind: "text"; text: string; keyFragment: string | null; digits: string | null; email: string | null };

const MAX_TICKET_NUMBER = 2_147_483_647;

export function classifyDeskQuery(raw: string): DeskQuery {
  const text = raw.replace(/\s+/g, " ").trim().slice(0, 200);
  if (!text) return { kind: "empty" };
  const number = /^#\s*(\d{1,9})$/.exec(text) ?? /^(\d{1,7})$/.exec(text);
  if (number && Number(number[1]) <= MAX_TICKET_NUMBER) return { kind: "ticket_number", number: Number(number[1]) };
  const normalisedKey = normaliseLicenceKey(text);
  // Keys mix letters and digits; a fragment of five or more such characters may be part of one.
  const keyFragment = /^[0-9A-Z]{5,}$/.test(normalisedKey) && /\d/.test(normalisedKey) && /[A-Z]/.test(normalisedKey) ? normalisedKey : null;
  const digitsOnly = text.replace(/[\s()+\-.]/g, "");
  const digits = /^\d{5,15}$/.test(digitsOnly) ? digitsOnly : null;
  const email = text.includes("@") || /^[\w.+-]+\.[a-z]{2,}$/i.test(text) ? text.toLowerCase() : null;
  return { kind: "text", text, keyFragment, digits, email };
}

/** Marks that ts_headline puts around matched words; the page turns them into <mark>. */
export const HIGHLIGHT_START = "\u2983";
export const HIGHLIGHT_END = "\u2984";

export type SnippetPart = { text: string; match: boolean };

/** Splits a highlighted snippet into plain and matched parts (rendered as text, never as HTML). */
export function snippetParts(snippet: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  let rest = snippet;
  while (rest.length > 0) {
    const start = rest.indexOf(HIGHLIGHT_START);
    if (start === -1) {
      parts.push({ text: rest, match: false });
      break;
    }
    if (start > 0) parts.push({ text: rest.slice(0, start), match: false });
    const end = rest.indexOf(HIGHLIGHT_END, start + 1);
    if (end === -1) {
      parts.push({ text: rest.slice(start + 1), match: true });
      break;
    }
    parts.push({ text: rest.slice(start + 1, end), match: true });
    rest = rest.slice(end + 1);
  }
  return parts.filter((p) => p.text.length > 0);
}

/** The snippet as plain text (the public API sends text, not markup). */
export function plainSnippet(snippet: string): string {
  return snippet.replaceAll(HIGHLIGHT_START, "").replaceAll(HIGHLIGHT_END, "");
}
