import { AppForm, SubmitButton } from "~/components/app-form";
import type { ReactNode } from "react";
import { SelectField, TextField } from "~/components/forms";
import { useI18n } from "~/components/i18n";
import { remedySchema } from "~/modules/quality/remedies";
import type { ComplaintData, ComplaintResult } from "./types";

/** The remedies applied, and (while the complaint is acknowledged or investigated) the forms that apply new ones. */
export function RemediesPanel({ d, result, open }: { d: ComplaintData; result: ComplaintResult; open: boolean }) {
  const { t, dateTime, date } = useI18n();
  const choices = d.choices;
  return (
    <section className="card" aria-labelledby="remedies-title">
      <h2 id="remedies-title">{t("workspace.remedies")}</h2>
      {d.remedies.length === 0 ? (
        <p className="muted">{t("workspace.noRemedies")}</p>
      ) : (
        <ul className="plain-list">
          {d.remedies.map((r) => (
            <li key={r.id}>
              <strong>{r.text}</strong>
              {r.type === "extend_support" && typeof r.effect?.supportUntil === "string" ? (
                <> — {t("workspace.supportUntil", { date: date(r.effect.supportUntil) })}</>
              ) : null}
              <br />
              <span className="muted">{t("workspace.appliedBy", { name: r.appliedByName ?? "—", date: dateTime(r.appliedAt) })}</span>
            </li>
          ))}
        </ul>
      )}
      {!d.canApplyRemedy || !choices ? null : !open ? (
        <p className="muted">{t("workspace.remediesClosed")}</p>
      ) : (
        <>
          <p className="hint">{t("workspace.remediesHint")}</p>
          <h3>{t("workspace.extendSupport")}</h3>
          {choices.licences.length === 0 ? (
            <p className="muted">{t("workspace.noLicences")}</p>
          ) : (
            <RemedyForm result={result} type="extend_support">
              <SelectField label={t("workspace.licence")} name="licenceId" defaultValue={choices.preselectedLicenceId ?? undefined}>
                {choices.licences.map((l) => (
                  <option key={l.id} value={l.id}>
                    {l.label} ({t("workspace.supportUntil", { date: date(l.supportUntil) })})
                  </option>
                ))}
              </SelectField>
              <TextField label={t("workspace.days")} name="days" type="number" min={1} max={3650} defaultValue="30" required />
            </RemedyForm>
          )}
          <h3>{t("workspace.creditPrepaid")}</h3>
          <RemedyForm result={result} type="credit_prepaid">
            <input type="hidden" name="organisationId" value={choices.organisationId} />
            <TextField label={t("workspace.minutes")} name="minutes" type="number" min={1} defaultValue="60" required />
          </RemedyForm>
          <h3>{t("workspace.cancelBillable")}</h3>
          {choices.timeEntries.length === 0 ? (
            <p className="muted">{t("workspace.noBillable")}</p>
          ) : (
            <RemedyForm result={result} type="cancel_billable">
              <SelectField label={t("workspace.timeEntry")} name="timeEntryId">
                {choices.timeEntries.map((e) => (
                  <option key={e.id} value={e.id}>
                    #{e.ticketNumber} · {dateTime(e.startedAt)} · {e.billableMinutes} / {e.minutes} min {e.note ? `· ${e.note.slice(0, 40)}` : ""}
                  </option>
                ))}
              </SelectField>
            </RemedyForm>
          )}
          <h3>{t("workspace.reassign")}</h3>
          <RemedyForm result={result} type="reassign_ticket">
            <SelectField label={t("workspace.ticket")} name="ticketId">
              {choices.tickets.map((tk) => (
                <option key={tk.id} value={tk.id}>
                  #{tk.number}
                </option>
              ))}
            </SelectField>
            <SelectField label={t("workspace.assignee")} name="assigneeId">
              {choices.engineers.map((e) => (
                <option key={e.id} value={e.id}>
                  {e.name}
                </option>
              ))}
            </SelectField>
          </RemedyForm>
        </>
      )}
    </section>
  );
}

/**
 * One remedy: its own fields, the hidden type, and the shared "Apply" button. A refused remedy is
 * said under its fields by the form of its type (its error, at the top of the page).
 */
function RemedyForm({ type, result, children }: { type: string; result: ComplaintResult; children: ReactNode }) {
  const { t } = useI18n();
  return (
    <AppForm method="post" schema={remedySchema} result={result?.values?.type === type ? result : null} intent="remedy" formError="none">
      <input type="hidden" name="type" value={type} />
      {children}
      <SubmitButton className="secondary">{t("workspace.apply")}</SubmitButton>
    </AppForm>
  );
}
