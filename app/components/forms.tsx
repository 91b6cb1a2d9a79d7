import { useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from "react";
import { useAppForm } from "~/components/form-context";
import { useI18n } from "~/components/i18n";
import { IDEMPOTENCY_FIELD } from "~/utils/forms";
import type { FormMessage } from "~/utils/messages";

/** What a form shows under a field: catalogue messages, put in the reader's language here. */
export type FieldMessageList = ReadonlyArray<FormMessage> | undefined;

type FieldProps = { label: string; name: string; errors?: FieldMessageList; hint?: string };

/**
 * The errors shown under a field: inside an `AppForm`, the form's (its browser check of the schema,
 * or the action's answer, cleared as soon as the field is right); elsewhere, the ones given.
 */
function useFieldErrors(name: string, given?: FieldMessageList): FieldMessageList {
  const form = useAppForm();
  return form ? form.errorsOf(name) : given;
}

function describedBy(id: string, errors?: FieldMessageList, hint?: string) {
  return [hint ? `${id}-hint` : null, errors?.length ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
}

function FieldMessages({ id, errors, hint }: { id: string; errors?: FieldMessageList; hint?: string }) {
  const { say } = useI18n();
  return (
    <>
      {hint ? (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {errors?.length ? (
        <p className="field-error" id={`${id}-error`}>
          {errors.map(say).join(" ")}
        </p>
      ) : null}
    </>
  );
}

/** The errors of a field drawn by hand (a radio group, a checkbox), in the reader's language. */
export function FieldErrorText({ errors: given, id, name }: { errors?: FieldMessageList; id?: string; name?: string }) {
  const { say } = useI18n();
  const form = useAppForm();
  const errors = form && name ? form.errorsOf(name) : given;
  if (!errors?.length) return null;
  return (
    <p className="field-error" id={id}>
      {errors.map(say).join(" ")}
    </p>
  );
}

/** A labelled input with its hint and error, wired for screen readers. */
export function TextField({ label, name, errors: given, hint, ...rest }: FieldProps & InputHTMLAttributes<HTMLInputElement>) {
  const id = useId();
  const errors = useFieldErrors(name, given);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        name={name}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={describedBy(id, errors, hint)}
        {...rest}
      />
      <FieldMessages id={id} errors={errors} hint={hint} />
    </div>
  );
}

export function TextAreaField({ label, name, errors: given, hint, ...rest }: FieldProps & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const id = useId();
  const errors = useFieldErrors(name, given);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <textarea id={id} name={name} aria-invalid={errors?.length ? true : undefined} aria-describedby={describedBy(id, errors, hint)} {...rest} />
      <FieldMessages id={id} errors={errors} hint={hint} />
    </div>
  );
}

export function SelectField({
  label,
  name,
  errors: given,
  hint,
  children,
  ...rest
}: FieldProps & SelectHTMLAttributes<HTMLSelectElement> & { children: ReactNode }) {
  const id = useId();
  const errors = useFieldErrors(name, given);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} name={name} aria-invalid={errors?.length ? true : undefined} aria-describedby={describedBy(id, errors, hint)} {...rest}>
        {children}
      </select>
      <FieldMessages id={id} errors={errors} hint={hint} />
    </div>
  );
}

/** The key that makes a second submission of this form (double click, retry) answer with the first one's result. */
export function FormKeyField({ value }: { value: string }) {
  return <input type="hidden" name={IDEMPOTENCY_FIELD} value={value} />;
}

/** The form's own error (not a field's), in the reader's language. */
export function FormError({ message }: { message?: FormMessage | null }) {
  const { say } = useI18n();
  if (!message) return null;
  return (
    <div className="alert alert-error" role="alert">
      {say(message)}
    </div>
  );
}

export function Notice({ children }: { children: ReactNode }) {
  return (
    <div className="alert alert-success" role="status">
      {children}
    </div>
  );
}
