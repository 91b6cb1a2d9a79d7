import type { z } from "zod";
import { en, type MessageKey } from "~/locales/en";
import { translate, type Locale } from "~/utils/i18n";

export type MessageParams = Record<string, string | number>;

/** A catalogue key with its parameters: what a use case or a form says, before it is put in words. */
export type MessageRef = { key: MessageKey; params?: MessageParams };

/**
 * Something the user is told: a catalogue key, or a key with parameters. The words are chosen at
 * the edge, in the reader's language (`renderMessage`, `useI18n().say`), never by the use case.
 * A plain string that is not a key is shown as it is (text the user typed, a provider's reply).
 */
export type UserMessage = MessageKey | MessageRef;

/** What a form shows: a message of the catalogue, or (rarely) text that is already in words. */
export type FormMessage = UserMessage | string;

/** Field name → what is wrong with it. */
export type FieldErrors = Record<string, ReadonlyArray<FormMessage> | undefined>;

/**
 * What every form action answers, one shape for the whole app: whether it worked, which of the
 * page's forms it was (`intent`), what to say about the whole form and under each field, and what
 * the user typed (kept on any failure). A page adds its own fields through `Extra`.
 */
export type ActionResult<Extra extends object = object> = {
  ok: boolean;
  intent?: string;
  formError: FormMessage;
  fieldErrors: FieldErrors;
  values?: Record<string, string>;
} & Extra;

export function isMessageKey(value: unknown): value is MessageKey {
  return typeof value === "string" && Object.prototype.hasOwnProperty.call(en, value);
}

export function msg(key: MessageKey, params?: MessageParams): MessageRef {
  return params ? { key, params } : { key };
}

/** The words of a message in one language. */
export function renderMessage(locale: Locale, message: UserMessage | string | null | undefined): string {
  if (message == null || message === "") return "";
  if (typeof message === "string") return isMessageKey(message) ? translate(locale, message) : message;
  return translate(locale, message.key, message.params);
}

/** The key of a message, for logs and tests. */
export function messageKeyOf(message: UserMessage | string): string {
  return typeof message === "string" ? message : message.key;
}

type Issue = z.core.$ZodIssue | z.core.$ZodRawIssue;

/** The parameters an ICU message can use from a zod issue (`{minimum}`, `{maximum}`, `{format}` …). */
function issueParams(issue: Issue): MessageParams {
  const params: MessageParams = {};
  const record = issue as unknown as Record<string, unknown>;
  for (const name of ["minimum", "maximum", "expected", "format", "origin", "divisor"]) {
    const value = record[name];
    if (typeof value === "number") params[name] = value;
    else if (typeof value === "bigint") params[name] = Number(value);
    else if (typeof value === "string") params[name] = value;
    else if (value instanceof Date) params[name] = value.toISOString();
  }
  // A custom issue names what it is about in its own params (`ctx.addIssue({ code: "custom", message: key, params })`).
  if (record.params && typeof record.params === "object") {
    for (const [name, value] of Object.entries(record.params as Record<string, unknown>)) {
      if (typeof value === "string" || typeof value === "number") params[name] = value;
    }
  }
  return params;
}

/**
 * The catalogue key for a zod issue that its schema gave no message of its own: the generic
 * validation messages (`validation.tooShort`, `validation.required` …), so a Russian reader never
 * meets zod's English defaults.
 */
export function genericIssueKey(issue: Issue): MessageKey {
  const record = issue as unknown as Record<string, unknown>;
  switch (issue.code) {
    case "invalid_type":
      return record.input === undefined || record.input === null || record.input === "" ? "validation.required" : "validation.invalid";
    case "too_small":
      if (record.origin === "string") return Number(record.minimum) <= 1 ? "validation.required" : "validation.tooShort";
      if (record.origin === "array" || record.origin === "set") return "validation.tooFew";
      return record.origin === "date" ? "validation.dateTooEarly" : "validation.tooSmall";
    case "too_big":
      if (record.origin === "string") return "validation.tooLong";
      if (record.origin === "array" || record.origin === "set") return "validation.tooMany";
      return record.origin === "date" ? "validation.dateTooLate" : "validation.tooBig";
    case "invalid_format":
      return record.format === "email" ? "validation.email" : record.format === "url" ? "validation.url" : "validation.format";
    case "not_multiple_of":
      return "validation.multipleOf";
    case "invalid_value":
      return "validation.choose";
    default:
      return "validation.invalid";
  }
}

/** What the parse-time error map answers for an issue its schema gave no message: "use the generic one". */
export const GENERIC_ISSUE = "\u0000generic";

/**
 * A zod issue as a message: its schema's own message when that is a catalogue key (with the
 * issue's numbers as parameters), the generic message for its kind when the schema gave none
 * (parse with `{ error: () => GENERIC_ISSUE }`), else the schema's own text.
 */
export function issueMessage(issue: z.core.$ZodIssue): UserMessage | string {
  const params = issueParams(issue);
  if (isMessageKey(issue.message)) return Object.keys(params).length > 0 ? { key: issue.message, params } : issue.message;
  if (issue.message === GENERIC_ISSUE) return { key: genericIssueKey(issue), params };
  return issue.message;
}
