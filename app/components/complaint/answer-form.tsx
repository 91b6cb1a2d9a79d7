import { AppForm, SubmitButton } from "~/components/app-form";
import { TextAreaField, FieldErrorText } from "~/components/forms";
import { useI18n } from "~/components/i18n";
import type { MessageKey } from "~/locales/en";
import { complaintAnswerSchema } from "~/modules/quality/complaint-actions";
import { COMPLAINT_OUTCOMES } from "~/modules/quality/complaint-state";
import type { ComplaintResult } from "./types";

/** The answer to the customer (or, for a complaint raised by staff, the decision): an outcome and the text. */
export function AnswerForm({ raisedByStaff, result }: { raisedByStaff: boolean; result: ComplaintResult }) {
  const { t } = useI18n();
  const values = result && !result.ok && result.intent === "answer" ? (result.values ?? {}) : {};
  return (
    <section className="card" aria-labelledby="answer-title">
      <h2 id="answer-title">{raisedByStaff ? t("workspace.answerStaff") : t("workspace.answerTitle")}</h2>
      {/* Its own error is said at the top of the page, with the other forms'. */}
      <AppForm method="post" schema={complaintAnswerSchema} result={result} intent="answer" formError="none">
        <fieldset aria-describedby="answer-outcome-error">
          <legend>{t("complaints.outcome")}</legend>
          {COMPLAINT_OUTCOMES.map((o) => (
            <label key={o} style={{ display: "block", fontWeight: "normal" }}>
              <input type="radio" name="outcome" value={o} defaultChecked={values.outcome === o} /> {t(`complaint.outcome.${o}` as MessageKey)}
            </label>
          ))}
          <FieldErrorText name="outcome" id="answer-outcome-error" />
        </fieldset>
        <TextAreaField label={t("workspace.answerText")} name="text" hint={t("workspace.answerHint")} rows={8} required defaultValue={values.text} />
        <SubmitButton>{t("workspace.sendAnswer")}</SubmitButton>
      </AppForm>
    </section>
  );
}
