import { Form } from "@remix-run/react";
import { TextAreaField, FieldErrorText } from "~/components/forms";
import { useI18n } from "~/components/i18n";
import type { MessageKey } from "~/locales/en";
import { COMPLAINT_OUTCOMES } from "~/modules/quality/complaint-state";
import type { FieldErrors } from "~/utils/messages";

/** The answer to the customer (or, for a complaint raised by staff, the decision): an outcome and the text. */
export function AnswerForm({ raisedByStaff, busy, errors, values }: { raisedByStaff: boolean; busy: boolean; errors: FieldErrors; values: Record<string, string> }) {
  const { t } = useI18n();
  return (
    <section className="card" aria-labelledby="answer-title">
      <h2 id="answer-title">{raisedByStaff ? t("workspace.answerStaff") : t("workspace.answerTitle")}</h2>
      <Form method="post" noValidate>
        <input type="hidden" name="intent" value="answer" />
        <fieldset aria-invalid={errors.outcome ? true : undefined}>
          <legend>{t("complaints.outcome")}</legend>
          {COMPLAINT_OUTCOMES.map((o) => (
            <label key={o} style={{ display: "block", fontWeight: "normal" }}>
              <input type="radio" name="outcome" value={o} defaultChecked={values.outcome === o} /> {t(`complaint.outcome.${o}` as MessageKey)}
            </label>
          ))}
          <FieldErrorText errors={errors.outcome} />
        </fieldset>
        <TextAreaField label={t("workspace.answerText")} name="text" hint={t("workspace.answerHint")} rows={8} required defaultValue={values.text} errors={errors.text} />
        <button type="submit" disabled={busy}>
          {t("workspace.sendAnswer")}
        </button>
      </Form>
    </section>
  );
}
