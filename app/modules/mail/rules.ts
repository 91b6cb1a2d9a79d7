/**
 * Pure rules of email as a channel: message identifiers and threading, recognising automated
 * mail (loops, auto-replies, bounces), cutting quoted history off a reply, and finding licence
 * keys in a message. No I/O here; the use cases in `inbound.server.ts` apply these.
 */

/** `<abc@host>` → `abc@host` (trimmed, brackets removed); empty for nothing usable. */
export function normaliseMessageId(value: string | null | undefined): string {
  if (!value) return "";
  const match = /<([^<>\s]+)>/.exec(value);
  const id = match ? match[1]! : value.trim();
  return id === "" || /[\s<>]/.test(id) ? "" : id;
}

/** Every message id in In-Reply-To and References, In-Reply-To first, then References newest first. */
export function threadMessageIds(inReplyTo: string | null | undefined, references: string | string[] | null | undefined): string[] {
  const refs = Array.isArray(references) ? references.join(" ") : (references ?? "");
  const fromReply = [...(inReplyTo ?? "").matchAll(/<[^<>\s]+>/g)].map((m) => m[0]);
  if (fromReply.length === 0 && inReplyTo) fromReply.push(inReplyTo);
  const fromRefs = [...refs.matchAll(/<[^<>\s]+>/g)].map((m) => m[0]).reverse();
  return [...new Set([...fromReply, ...fromRefs].map(normaliseMessageId).filter(Boolean))];
}

/** The domain our Message-IDs use, from the sender address (`Keydesk <support@example.com>`). */
export function mailDomain(emailFrom: string): string {
  const address = extractAddress(emailFrom);
  const at = address.lastIndexOf("@");
  return at > 0 ? address.slice(at + 1) : "keydesk.localhost";
}

/** The bare, lower-cased address in `Name <a@b>` or `a@b`; empty when there is none. */
export function extractAddress(value: string): string {
  const bracketed = /<([^<>\s]+@[^<>\s]+)>/.exec(value);
  const found = bracketed ? bracketed[1]! : (/[^\s<>"',;:]+@[^\s<>"',;:]+/.exec(value)?.[0] ?? "");
  return found.toLowerCase();
}

/** The stable thread root every email about a ticket refers to. */
export function ticketThreadId(ticketId: string, domain: string): string {
  return `ticket-${ticketId}@${domain}`;
}

const TICKET_THREAD = /^ticket-([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})@(.+)$/i;

/** The ticket a References/In-Reply-To chain names through our thread root, if any. */
export function ticketIdFromThread(ids: string[], domain: string): string | null {
  for (const id of ids) {
    const match = TICKET_THREAD.exec(id);
    if (match && match[2]!.toLowerCase() === domain.toLowerCase()) return match[1]!.toLowerCase();
  }
  return null;
}

/** `Re: [#1042] Checkout fails` → 1042. The tag outgoing ticket emails carry in the subject. */
export function ticketNumberFromSubject(subject: string): number | null {
  const match = /\[#\s?(\d{1,9})\]/.exec(subject);
  return match ? Number(match[1]) : null;
}

/** `Re: Fwd: AW: [#12] Subject` → `Subject`, for the subject of a new ticket. */
export function cleanSubject(subject: string): string {
  let s = subject.replace(/\s+/g, " ").trim();
  for (;;) {
    const next = s.replace(/^(re|fw|fwd|aw|wg|sv|vs|ответ|отв|пересл)\s*(\[\d+\])?\s*:\s*/i, "").replace(/^\[#\s?\d+\]\s*/, "");
    if (next === s) break;
    s = next;
  }
  return s.slice(0, 200);
}

/**
 * "Site is down" by email (SPEC §3): the subject says it, in English or Russian — "Site is
 * down", "Website down", "[site down]", "Сайт не работает", "сайт лежит", "Сайт упал",
 * "сайт недоступен". Only the subject counts: a body may mention an outage in passing.
 */
const SITE_DOWN = [/(^|[^a-z])(web)?site\s+(is\s+)?down([^a-z]|$)/i, /(^|[^а-яё])сайт\s+(не\s+работает|лежит|упал|недоступен)/i];

export function saysSiteDown(subject: string): boolean {
  const text = subject.replace(/\s+/g, " ");
  return SITE_DOWN.some((pattern) => pattern.test(text));
}

export type MailHeaders = {
  /** Header name (lower case) → value(s), as received. */
  get(name: string): string | undefined;
};

export type AutomationVerdict =
  | { kind: "human" }
  | { kind: "automated"; reason: "auto_submitted" | "precedence" | "list" | "autoreply_header" | "system_sender" | "own_address" | "own_message" }
  | { kind: "bounce" };

const SYSTEM_SENDERS = /^(mailer-daemon|postmaster|no-?reply|do-?not-?reply|bounces?|auto-?reply)([+@.-]|$)/i;

/**
 * Is this message from a machine? Auto-replies, lists and our own mail never open a ticket or
 * get an auto-reply; delivery reports (DSNs) are bounces.
 */
export function classifyAutomation(input: {
  headers: MailHeaders;
  from: string;
  contentType: string;
  /** Our own addresses (sender, support address): mail from them is a loop. */
  ownAddresses: string[];
  /** The message's own id is one we generated. */
  ownMessageId: boolean;
}): AutomationVerdict {
  const header = (name: string) => (input.headers.get(name) ?? "").trim().toLowerCase();
  const from = extractAddress(input.from);
  const contentType = input.contentType.toLowerCase();
  if (/multipart\/report/.test(contentType) && /report-type\s*=\s*"?delivery-status/.test(contentType)) return { kind: "bounce" };
  if (/^(mailer-daemon|postmaster)@/i.test(from) && /delivery|undeliver|failure|returned|недоставлен/i.test(header("subject"))) return { kind: "bounce" };
  if (input.ownMessageId) return { kind: "automated", reason: "own_message" };
  if (from && input.ownAddresses.some((own) => own.toLowerCase() === from)) return { kind: "automated", reason: "own_address" };
  const autoSubmitted = header("auto-submitted");
  if (autoSubmitted && !/^no\b/.test(autoSubmitted)) return { kind: "automated", reason: "auto_submitted" };
  if (/^(bulk|junk|list|auto_reply)\b/.test(header("precedence"))) return { kind: "automated", reason: "precedence" };
  if (header("list-id") || header("list-unsubscribe")) return { kind: "automated", reason: "list" };
  if (header("x-autoreply") || header("x-autorespond") || header("x-auto-response-suppress").includes("all") || header("x-autogenerated")) {
    return { kind: "automated", reason: "autoreply_header" };
  }
  if (!from || SYSTEM_SENDERS.test(from)) return { kind: "automated", reason: "system_sender" };
  return { kind: "human" };
}

/** Lines that start the quoted history below a reply (English and Russian clients). */
const QUOTE_HEADERS: RegExp[] = [
  /^\s*on\b.{0,200}\bwrote:\s*$/i,
  /^\s*on\b.{0,200}$/i, // "On Mon, 1 Dec 2026 at 10:00, Anna" — the "wrote:" on the next line
  /^.{0,200}(?:^|\s)(написал|написала|написал\(а\)|пишет):\s*$/i,
  /^\s*-{2,}\s*(original message|исходное сообщение)\s*-{2,}\s*$/i,
  /^\s*_{20,}\s*$/,
  /^\s*(from|от):\s.+$/i,
];

/** A forwarded message is content, not history: nothing below this line is cut. */
const FORWARD_MARKER = /^\s*-{2,}\s*(forwarded message|пересылаемое сообщение|начало переадресованного сообщения)\s*-{0,}\s*$|^\s*begin forwarded message:\s*$/i;

const SIGNATURE_MARKERS: RegExp[] = [/^-- ?$/, /^(sent from my|отправлено с|отправлено из)\b/i, /^get outlook for\b/i];

/**
 * The new text of a reply: everything above the quoted history, without the signature and
 * trailing `>` quotes. Returns `quoted: true` when something was cut (staff keep the original).
 */
export function stripQuotedReply(text: string): { reply: string; quoted: boolean } {
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  let cut = lines.length;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (FORWARD_MARKER.test(line)) break;
    if (SIGNATURE_MARKERS.some((re) => re.test(line))) {
      cut = i;
      break;
    }
    const next = lines[i + 1] ?? "";
    const isHeader = QUOTE_HEADERS.some((re, index) => {
      if (!re.test(line)) return false;
      // "On …" without "wrote:" only counts when the next line ends with "wrote:".
      if (index === 1) return /wrote:\s*$/i.test(next) && !/wrote:\s*$/i.test(line);
      // "From: …" only when a quoted header block follows (Sent/Date/To/Subject).
      if (index === 5) return /^\s*(sent|date|to|subject|отправлено|дата|кому|тема):/i.test(next);
      return true;
    });
    if (isHeader) {
      cut = i;
      break;
    }
    if (/^\s*>/.test(line)) {
      // A block of quotes with nothing but quotes and blank lines after it is history.
      const rest = lines.slice(i);
      if (rest.every((l) => /^\s*>/.test(l) || l.trim() === "")) {
        cut = i;
        break;
      }
    }
  }
  const reply = lines.slice(0, cut).join("\n").replace(/\s+$/, "").replace(/^\s*\n/, "");
  return { reply: reply.trim() === "" ? text.trim() : reply, quoted: cut < lines.length && reply.trim() !== "" };
}

const KEY_CANDIDATE = /\bKD(?:[-\s]?[0-9A-Z]{5}){4}[-\s]?[0-9A-Z]\b/gi;

/** Licence-key-shaped strings in a text (checked against the organisation's keys by the caller). */
export function licenceKeyCandidates(text: string): string[] {
  return [...new Set([...text.matchAll(KEY_CANDIDATE)].map((m) => m[0]))];
}

/**
 * Auto-replies per sender per hour (`perHour`: the `email.autoRepliesPerSenderPerHour` setting,
 * 5 by default): the rule that keeps two robots from talking forever.
 */
export function mayAutoReply(repliesInLastHour: number, verdict: AutomationVerdict, perHour: number): boolean {
  return verdict.kind === "human" && repliesInLastHour < perHour;
}

const SECRET_LINE = /^\s*[-*•]?\s*[^:=\n]{0,30}?(?<![\p{L}\p{N}])(password|passwd|pwd|pass|пароль|login|логин|username|user name|имя пользователя|ssh|ftp|sftp)(?![\p{L}\p{N}])[^:=\n]{0,30}[:=]\s*\S+/iu;
const PASSWORD_LABEL = /(password|passwd|pwd|pass|пароль)/i;

/**
 * Access details typed into an email ("password: …", "логин: …") never stay in the message as
 * plain text: when a line names a password, it and the login lines are lifted out (for the
 * vault) and replaced by `marker`. Without a password line nothing is touched.
 */
export function extractAccessLines(text: string, marker: string): { text: string; secrets: string[] } {
  const lines = text.split("\n");
  const candidates = lines.map((line) => SECRET_LINE.test(line));
  const hasPassword = lines.some((line, i) => candidates[i] && PASSWORD_LABEL.test(line.split(/[:=]/)[0]!));
  if (!hasPassword) return { text, secrets: [] };
  const secrets: string[] = [];
  const kept: string[] = [];
  let markerPlaced = false;
  lines.forEach((line, i) => {
    if (!candidates[i]) return void kept.push(line);
    secrets.push(line.trim());
    if (!markerPlaced) kept.push(marker);
    markerPlaced = true;
  });
  return { text: kept.join("\n"), secrets };
}

/** How much of a message the pipe reads at accept time to find its header section. */
export const HEADER_SCAN_BYTES = 256 * 1024;

/**
 * The quick look the MTA pipe takes before it queues a message: is there a header section at
 * all (an RFC 5322 field first, after an optional mbox `From ` line), and its Message-ID. A
 * message that passes may still be malformed deeper down; the background job records that.
 */
export function scanMessageHeaders(head: string): { ok: true; messageId: string } | { ok: false } {
  const end = head.search(/\r?\n\r?\n/);
  const block = end >= 0 ? head.slice(0, end) : head;
  const lines = block.split(/\r?\n/);
  if (lines[0]?.startsWith("From ")) lines.shift();
  const field = /^[\x21-\x39\x3b-\x7e]+:/;
  if (!lines[0] || !field.test(lines[0])) return { ok: false };
  let messageId = "";
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (!/^message-id:/i.test(line)) continue;
    let value = line.slice(line.indexOf(":") + 1);
    // Folded continuation lines start with white space.
    for (let j = i + 1; j < lines.length && /^[ \t]/.test(lines[j]!); j++) value += lines[j];
    messageId = normaliseMessageId(value);
    break;
  }
  return { ok: true, messageId };
}
