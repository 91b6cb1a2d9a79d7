import { getFormProps, parse, useForm, type SubmissionResult } from "@conform-to/react";
import { Form, useNavigation, type FetcherWithComponents, type FormProps } from "@remix-run/react";
import { useCallback, useEffect, useMemo, useState, type ButtonHTMLAttributes, type FormEvent, type ReactNode } from "react";
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

type FormParts = Omit<AppFormProps, "schema" | "result"> & { mine: FormResult };

/**
 * The one form of the app (ADR 059). It checks the fields in the browser with the action's own
 * schema through Conform (on blur, again on every keystroke once a field was wrong, and before
 * sending), shows the action's answer under the fields and its form error at the top, keeps what
 * was typed (its fields are never reset on a failure), and tells its submit button when it is
 * pending so a second click cannot send it twice. A form without a schema (buttons only) has
 * nothing to check in the browser and skips Conform: a page with a hundred row buttons stays light.
 */
export function AppForm({ schema, result, ...parts }: AppFormProps) {
  const mine = resultFor(result, parts.intent);
  return schema ? <CheckedForm schema={schema} mine={mine} {...parts} /> : <PlainForm mine={mine} {...parts} />;
}

function CheckedForm({ schema, mine, id, ...parts }: FormParts & { schema: z.ZodType }) {
  const lastResult = useMemo(() => toConform(mine), [mine]);
  const [form] = useForm<Record<string, unknown>, Record<string, unknown>, FormMessage[]>({
    id,
    lastResult,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData, submitter }) =>
      sendsUnchecked(submitter, formData) ? parse(formData, { resolve: (value) => ({ value }) }) : submissionOf(schema, formData),
  });
  const errors = form.allErrors;
  const errorsOf = useCallback((name: string) => errors[name], [errors]);
  return <FormShell {...parts} mine={mine} errorsOf={errorsOf} formProps={getFormProps(form)} />;
}

function PlainForm({ mine, ...parts }: FormParts) {
  const fieldErrors = mine?.fieldErrors;
  const errorsOf = useCallback((name: string) => fieldErrors?.[name], [fieldErrors]);
  return <FormShell {...parts} mine={mine} errorsOf={errorsOf} formProps={{ id: parts.id, noValidate: true }} />;
}

function FormShell({
  mine,
  intent,
  fetcher,
  formError = "top",
  children,
  errorsOf,
  formProps,
  ...rest
}: FormParts & {
  errorsOf: AppFormState["errorsOf"];
  formProps: { id?: string; noValidate?: boolean; onSubmit?: (event: FormEvent<HTMLFormElement>) => void };
}) {
  const navigation = useNavigation();
  // Pending means THIS form was sent and its answer is not in yet (another form of the page being
  // sent leaves this one's buttons alone).
  const [sent, setSent] = useState(false);
  useEffect(() => {
    if (navigation.state === "idle") setSent(false);
  }, [navigation.state]);
  const pending = fetcher ? fetcher.state !== "idle" : sent && navigation.state !== "idle";
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    formProps.onSubmit?.(event);
    if (!event.defaultPrevented && !fetcher) setSent(true);
  };
  const state = useMemo<AppFormState>(() => ({ errorsOf, pending }), [errorsOf, pending]);
  const FormComponent = fetcher ? fetcher.Form : Form;
  return (
    <AppFormContext.Provider value={state}>
      <FormComponent {...rest} {...formProps} onSubmit={onSubmit} aria-busy={pending || undefined}>
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
