import { AppForm, SubmitButton } from "~/components/app-form";
import { SelectField } from "~/components/forms";
import { useI18n } from "~/components/i18n";
import { DeadlineBadge } from "~/components/quality/complaint-badges";
import { complaintAssignSchema } from "~/modules/quality/complaint-actions";
import type { ComplaintData, ComplaintResult } from "./types";

/** The complaint's deadlines, and the next steps (acknowledge, investigate, close). */
export function DeadlinesPanel({ d }: { d: ComplaintData }) {
  const { t } = useI18n();
  return (
    <section className="card" aria-labelledby="deadlines-title">
      <h2 id="deadlines-title">{t("workspace.deadlines")}</h2>
      <ul className="deadline-list">
        {d.deadlines.map((dl) => (
          <li key={dl.clock}>
            <DeadlineBadge clock={dl.clock} status={dl.status} at={dl.metAt ?? dl.dueAt} />
          </li>
        ))}
      </ul>
      {d.canUpdate && d.allowed.some((a) => a !== "answer") ? (
        <div className="inline-form" style={{ marginTop: 10 }}>
          {d.allowed.includes("acknowledge") ? <StepButton intent="acknowledge" label={t("workspace.acknowledge")} /> : null}
          {d.allowed.includes("startInvestigation") ? <StepButton intent="startInvestigation" label={t("workspace.startInvestigation")} /> : null}
          {d.allowed.includes("close") ? <StepButton intent="close" label={t("workspace.close")} secondary /> : null}
        </div>
      ) : null}
    </section>
  );
}

/** A step's button; what it answers is said at the top of the page. */
function StepButton({ intent, label, secondary }: { intent: string; label: string; secondary?: boolean }) {
  return (
    <AppForm method="post" className="inline" intent={intent} formError="none">
      <SubmitButton className={secondary ? "secondary" : undefined}>{label}</SubmitButton>
    </AppForm>
  );
}

/** Who in the quality team owns the complaint. */
export function OwnerPanel({ d, result }: { d: ComplaintData; result: ComplaintResult }) {
  const { t } = useI18n();
  return (
    <section className="card" aria-labelledby="owner-title">
      <h2 id="owner-title">{t("workspace.owner")}</h2>
      <AppForm method="post" className="inline-form" schema={complaintAssignSchema} result={result} intent="assign" formError="none">
        <SelectField label={t("workspace.owner")} name="assigneeId" defaultValue={d.assignee?.id ?? ""}>
          <option value="">{t("workspace.unassigned")}</option>
          {d.staff.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </SelectField>
        <SubmitButton className="secondary">{t("workspace.assign")}</SubmitButton>
      </AppForm>
    </section>
  );
}
