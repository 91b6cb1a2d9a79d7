import { z } from "zod";
import { parse } from "@conform-to/react";
import { GENERIC_ISSUE, issueMessage, type UserMessage } from "~/utils/messages";

/** The hidden field that carries a form's idempotency key (see idempotency.server.ts). */
export const IDEMPOTENCY_FIELD = "idempotencyKey";

export type ParsedForm<T> =
  | { ok: true; data: T; values: Record<string, string> }
  | { ok: false; fieldErrors: Record<string, Array<UserMessage | string>>; values: Record<string, string> };

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * What PostgreSQL text and UTF-8 can hold: NUL characters are dropped (a pasted one should not
 * fail the save) and lone surrogates become U+FFFD.
 */
export function cleanText(value: string): string {
  return value.replace(LONE_SURROGATE, "\uFFFD").replaceAll("\u0000", "");
}

function withoutNul<T>(value: T): T {
  return (typeof value === "string" ? cleanText(value) : value) as T;
}

/** Everything the user typed, minus secrets, so a failed submission can be shown again. */
export function formValues(formData: FormData, omit: string[] = []): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of formData.entries()) {
    if (typeof value === "string" && !omit.includes(key) && !/password/i.test(key)) values[key] = withoutNul(value);
  }
  return values;
}

/**
 * Validates a form with its zod schema; the field errors are keyed by field name and are catalogue
 * messages: the schema's own key (`z.string().min(20, "review.error.storyTooShort")`, with the
 * issue's `{minimum}`/`{maximum}` as parameters) or, where it gives none, the generic
 * `validation.*` message for the kind of issue — never zod's English defaults.
 */
export function parseForm<S extends z.ZodType>(schema: S, formData: FormData, omit: string[] = []): ParsedForm<z.infer<S>> {
  const raw: Record<string, unknown> = {};
  for (const key of new Set(formData.keys())) {
    const all = formData.getAll(key).map(withoutNul);
    raw[key] = all.length > 1 ? all : all[0];
  }
  const values = formValues(formData, omit);
  const result = checkInput(schema, raw);
  if (result.success) return { ok: true, data: result.data, values };
  return { ok: false, fieldErrors: fieldErrorsOf(result.error.issues), values };
}

/**
 * Checks input that is not a form (a JSON body, entries already gathered) with a schema the
 * same way `parseForm` does: issues its schema gave no message become the generic messages.
 */
export function checkInput<S extends z.ZodType>(schema: S, input: unknown) {
  return schema.safeParse(input, { error: () => GENERIC_ISSUE });
}

/** The one way a failed check becomes field errors: catalogue messages under their field's name ("_form" for the whole). */
export function fieldErrorsOf(
  issues: readonly z.core.$ZodIssue[],
  fieldOf: (issue: z.core.$ZodIssue) => string = (issue) => (issue.path.length > 0 ? issue.path.join(".") : "_form"),
): Record<string, Array<UserMessage | string>> {
  const fieldErrors: Record<string, Array<UserMessage | string>> = {};
  for (const issue of issues) (fieldErrors[fieldOf(issue)] ??= []).push(issueMessage(issue));
  return fieldErrors;
}

/** Optional text input: an empty field means "not given". */
export const optionalText = (max: number) =>
  z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), z.string().trim().max(max).optional());

export const emailField = z
  .string({ error: "validation.emailRequired" })
  .trim()
  .toLowerCase()
  .pipe(z.email({ error: "validation.email" }).max(254));

/**
 * A form's check as Conform's submission, for the browser: the very `parseForm` the action runs
 * (same schema, same field names, same catalogue messages), so a form never refuses in the browser
 * what its action would accept, nor the other way round.
 */
export function submissionOf<S extends z.ZodType>(schema: S, formData: FormData) {
  const parsed = parseForm(schema, formData);
  return parse<Record<string, unknown>, Array<UserMessage | string>>(formData, {
    resolve: () => (parsed.ok ? { value: parsed.data as Record<string, unknown> } : { error: parsed.fieldErrors }),
  });
}
