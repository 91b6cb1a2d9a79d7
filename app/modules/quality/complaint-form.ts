import { z } from "zod";
import type { QualityLocale } from "./locale";

export const MAX_TICKETS_PER_COMPLAINT = 20;
export const MIN_COMPLAINT_DESCRIPTION = 30;
export const MAX_COMPLAINT_DESCRIPTION = 10_000;

/**
 * Customer complaint form. `ticketIds` may arrive as one string (a single
 * checked box) or many (FormData.getAll); duplicates are dropped before the
 * 1..20 limit is checked. Ids are opaque strings here — the route must check
 * each belongs to the customer's organisation.
 */
export const complaintFormSchema = z.object({
  ticketIds: z.preprocess(
    uniqueTrimmedList,
    z
      .array(z.string().min(1).max(64))
      .min(1, "complaint.error.chooseAtLeastOne")
      .max(MAX_TICKETS_PER_COMPLAINT, "complaint.error.tooManyRequests"),
  ),
  // A missing description asks for the facts too (as one that is too short).
  description: z.preprocess(
    (value) => value ?? "",
    z
      .string()
      .trim()
      .min(MIN_COMPLAINT_DESCRIPTION, "complaint.error.describeFacts")
      .max(MAX_COMPLAINT_DESCRIPTION),
  ),
});

export type ComplaintForm = z.infer<typeof complaintFormSchema>;

function uniqueTrimmedList(value: unknown): unknown {
  if (value === undefined || value === null) return [];
  const list = Array.isArray(value) ? value : [value];
  if (!list.every((item) => typeof item === "string")) return value;
  return [
    ...new Set(list.map((item) => item.trim()).filter((item) => item !== "")),
  ];
}

/** Root-cause categories staff pick when closing the loop; organisations may extend the list. */
export const DEFAULT_ROOT_CAUSE_CATEGORIES = [
  "slow_response",
  "wrong_answer",
  "rudeness",
  "not_resolved",
  "billing",
  "other",
] as const;
export type DefaultRootCauseCategory =
  (typeof DEFAULT_ROOT_CAUSE_CATEGORIES)[number];
export const rootCauseCategorySchema = z.enum(DEFAULT_ROOT_CAUSE_CATEGORIES);

/**
 * "Complaint on requests #1042, #1043" — ticket numbers sorted and deduplicated
 * so the same set of tickets always yields the same subject (threading, search).
 */
export function complaintSubject(
  ticketNumbers: readonly number[],
  locale: QualityLocale = "en",
): string {
  const numbers = [...new Set(ticketNumbers)].sort((a, b) => a - b);
  if (numbers.length === 0)
    throw new RangeError("A complaint needs at least one ticket number");
  if (!numbers.every((n) => Number.isSafeInteger(n) && n > 0))
    throw new RangeError("Ticket numbers must be positive integers");
  const list = numbers.map((n) => `#${n}`).join(", ");
  // A list of numbers, not a count: singular only for exactly one ticket (no "21 → one" rule).
  const single = numbers.length === 1;
  return locale === "ru"
    ? `Жалоба по ${single ? "обращению" : "обращениям"} ${list}`
    : `Complaint on ${single ? "request" : "requests"} ${list}`;
}

const STORED_SUBJECT = /^(?:Complaint on requests?|Жалоба по обращени(?:ю|ям)) (#\d+(?:, #\d+)*)$/;

/**
 * A complaint's subject in the reader's language. The subject is stored as its author read it
 * (search and email threading keep it); it is only ever `complaintSubject(numbers, locale)`, so
 * the numbers it names give it back in any language. A subject of another shape is left as is.
 */
export function complaintSubjectIn(subject: string, locale: QualityLocale): string {
  const match = STORED_SUBJECT.exec(subject);
  if (!match) return subject;
  const numbers = match[1]!.split(", ").map((n) => Number(n.slice(1)));
  if (!numbers.every((n) => Number.isSafeInteger(n) && n > 0)) return subject;
  return complaintSubject(numbers, locale);
}
