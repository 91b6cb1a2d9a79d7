import { AppForm, SubmitButton } from "~/components/app-form";
import { TextAreaField, FieldErrorText } from "~/components/forms";
import { useI18n } from "~/components/i18n";
import { rootCauseLabel } from "~/modules/quality/root-causes";
import type { ComplaintData, ComplaintResult } from "./types";

/** Root causes and corrective actions: a form while the complaint is open, else what was found. */
export function FindingsPanel({ d, result }: { d: ComplaintData; result: ComplaintResult }) {
  const { t, locale } = useI18n();
  return (
    <section className="card" aria-labelledby="findings-title">
      <h2 id="findings-title">{t("workspace.findings")}</h2>
      {d.canUpdate && d.complaint.status !== "closed" ? (
        <AppForm method="post" result={result} intent="findings" formError="none">
          <fieldset>
            <legend>{t("workspace.rootCauses")}</legend>
            {d.rootCauses
              .filter((c) => !c.archived || d.complaint.rootCauses.includes(c.code))
              .map((c) => (
                <label key={c.code} style={{ display: "block", fontWeight: "normal" }}>
                  <input type="checkbox" name="rootCauses" value={c.code} defaultChecked={d.complaint.rootCauses.includes(c.code)} /> {c[locale]}
                </label>
              ))}
            <FieldErrorText name="rootCauses" />
          </fieldset>
          <TextAreaField
            label={t("workspace.correctiveActions")}
            name="correctiveActions"
            hint={t("workspace.correctiveHint")}
            rows={4}
            defaultValue={d.complaint.correctiveActions}
          />
          <SubmitButton className="secondary">{t("workspace.saveFindings")}</SubmitButton>
        </AppForm>
      ) : (
        <>
          <p>
            {t("workspace.rootCauses")}:{" "}
            {d.complaint.rootCauses.length ? d.complaint.rootCauses.map((c) => rootCauseLabel(d.rootCauses, c, locale)).join(", ") : t("rootCauses.none")}
          </p>
          {d.complaint.correctiveActions ? <p className="pre-wrap">{d.complaint.correctiveActions}</p> : null}
        </>
      )}
    </section>
  );
}
