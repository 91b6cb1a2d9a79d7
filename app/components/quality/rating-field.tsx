import { useId } from "react";
import { useAppForm } from "~/components/form-context";
import { useI18n } from "~/components/i18n";
import type { FormMessage } from "~/utils/messages";

/**
 * A 1–5 rating as a group of radio buttons: one fieldset, one legend, each option labelled
 * with its number (screen readers announce "3, radio button, 3 of 5" inside the legend).
 */
export function RatingField({
  name,
  legend,
  hint,
  defaultValue,
  errors: given,
}: {
  name: string;
  legend: string;
  hint?: string;
  defaultValue?: number | string | null;
  errors?: ReadonlyArray<FormMessage>;
}) {
  const id = useId();
  // Inside an AppForm the form knows the errors (its browser check, or the action's answer).
  const form = useAppForm();
  const errors = form ? form.errorsOf(name) : given;
  const { say } = useI18n();
  const describedBy = [hint ? `${id}-hint` : null, errors?.length ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <fieldset className="rating-field" aria-describedby={describedBy} aria-invalid={errors?.length ? true : undefined}>
      <legend>{legend}</legend>
      <div className="rating-options">
        {[1, 2, 3, 4, 5].map((value) => (
          <label key={value} className="rating-option">
            <input type="radio" name={name} value={value} defaultChecked={String(defaultValue ?? "") === String(value)} required />
            <span>{value}</span>
          </label>
        ))}
      </div>
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
    </fieldset>
  );
}

/** "★★★★☆" with the number for everyone and a text for screen readers. */
export function Stars({ value, label }: { value: number; label: string }) {
  const rounded = Math.round(value);
  return (
    <span className="stars" role="img" aria-label={label} style={{ color: "#8a5a00", letterSpacing: 1 }}>
      <span aria-hidden="true">
        {"★".repeat(rounded)}
        <span className="stars-off" style={{ color: "#767676" }}>{"★".repeat(Math.max(0, 5 - rounded))}</span>
      </span>
    </span>
  );
}
