import { getFormProps, parse, useForm, type SubmissionResult } from "@conform-to/react";
import { Form, useNavigation, type FetcherWithComponents, type FormProps } from "@remix-run/react";
import { useMemo, type ButtonHTMLAttributes, type ReactNode } from "react";
import { AppFormContext, useAppForm, type AppFormState } from "~/components/form-context";
import type { z } from "zod";
import { FormError } from "~/components/forms";
import { submissionOf } from "~/utils/forms";
import type { FieldErrors, FormMessage } from "~/utils/messages";

/** What an action answered, as far as a form needs it (an `ActionResult`, or nothing yet). */
export type FormResult = {
  ok?: boolean;
  intent?: string;
  formError?: FormMessage | null;
  fieldErrors?: FieldErrors;
  values?: Record<string, string>;
} | null | undefined;

/** The field Conform's own checks (on blur, on input) submit through a hidden `formNoValidate` button. */
const CONFORM_INTENT = "__intent__";

/**
 * A page's own button with `formNoValidate` (e.g. "check these articles first") sends the form
 * unchecked, as in plain HTML; Conform's field checks use such a button too and are still checked.
 */
function sendsUnchecked(submitter: HTMLInputElement | HTMLButtonElement | null | undefined, formData: FormData): boolean {
  return Boolean(submitter?.formNoValidate) && !formData.has(CONFORM_INTENT);
}

/** This form's part of an action's answer: a page with several forms tells them apart by `intent`. */
function resultFor(result: FormResult, intent: string | undefined): FormResult {
  if (!result) return null;
  if (intent !== undefined && result.intent !== undefined && result.intent !== intent) return null;
  return result;
}

function toConform(result: FormResult): SubmissionResult<FormMessage[]> | undefined {
  if (!result) return undefined;
  const error: Record<string, FormMessage[]> = {};
  for (const [name, messages] of Object.entries(result.fieldErrors ?? {})) {
    if (messages?.length) error[name] = [...messages];
  }
  return { status: result.ok ? "success" : "error", error };
}

type AppFormProps = Omit<FormProps, "onSubmit" | "noValidate"> & {
  /** The zod schema the action checks with: the browser checks the same one before sending. */
  schema?: z.ZodType;
  /** The action's answer (`useActionData`, `fetcher.data`). */
  result?: FormResult;
  /** Which of the page's forms this is; sent as the `intent` field. */
  intent?: string;
  /** Send through this fetcher instead of navigating. */
  fetcher?: FetcherWithComponents<unknown>;
  /** Where the form's own error is shown: above its fields (the default) or nowhere (the page shows it). */
  formError?: "top" | "none";
  children: ReactNode;
};

/**
 * The one form of the app (ADR 059). It checks the fields in the browser with the action's own
 * schema through Conform (on blur, again on every keystroke once a field was wrong, and before
 * sending), shows the action's answer under the fields and its form error at the top, keeps what
 * was typed (its fields are never reset on a failure), and tells its submit button when it is
 * pending so a second click cannot send it twice.
 */
export function AppForm({ schema, result, intent, fetcher, formError = "top", children, id, ...rest }: AppFormProps) {
  const mine = resultFor(result, intent);
  const lastResult = useMemo(() => toConform(mine), [mine]);
  const [form] = useForm<Record<string, unknown>, Record<string, unknown>, FormMessage[]>({
    id,
    lastResult,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: schema
      ? ({ formData, submitter }) => (sendsUnchecked(submitter, formData) ? parse(formData, { resolve: (value) => ({ value }) }) : submissionOf(schema, formData))
      : undefined,
  });
  const navigation = useNavigation();
  const pending = fetcher
    ? fetcher.state !== "idle"
    : navigation.state === "submitting" &&
      (intent === undefined || navigation.formData?.get("intent") === intent) &&
      (rest.action === undefined || navigation.formAction === rest.action);
  const errors = form.allErrors;
  const state = useMemo<AppFormState>(() => ({ errorsOf: (name) => errors[name], pending }), [errors, pending]);
  const FormComponent = fetcher ? fetcher.Form : Form;
  return (
    <AppFormContext.Provider value={state}>
      <FormComponent {...rest} {...getFormProps(form)} aria-busy={pending || undefined}>
        {intent !== undefined ? <input type="hidden" name="intent" value={intent} /> : null}
        {formError === "top" ? <FormError message={mine?.formError} /> : null}
        {children}
      </FormComponent>
    </AppFormContext.Provider>
  );
}

/** The submit button of an `AppForm`: disabled while its form is being sent. */
export function SubmitButton({ disabled, children, ...rest }: ButtonHTMLAttributes<HTMLButtonElement>) {
  const form = useAppForm();
  return (
    <button type="submit" disabled={disabled || form?.pending} {...rest}>
      {children}
    </button>
  );
}
