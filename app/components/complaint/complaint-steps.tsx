import { Form } from "@remix-run/react";
import { SelectField } from "~/components/forms";
import { useI18n } from "~/components/i18n";
import { DeadlineBadge } from "~/components/quality/complaint-badges";
import type { FieldErrors } from "~/utils/messages";
import type { ComplaintData } from "./types";

/** The complaint's deadlines, and the next steps (acknowledge, investigate, close). */
export function DeadlinesPanel({ d, busy }: { d: ComplaintData; busy: boolean }) {
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
          {d.allowed.includes("acknowledge") ? <StepButton intent="acknowledge" label={t("workspace.acknowledge")} busy={busy} /> : null}
          {d.allowed.includes("startInvestigation") ? <StepButton intent="startInvestigation" label={t("workspace.startInvestigation")} busy={busy} /> : null}
          {d.allowed.includes("close") ? <StepButton intent="close" label={t("workspace.close")} busy={busy} secondary /> : null}
        </div>
      ) : null}
    </section>
  );
}

function StepButton({ intent, label, busy, secondary }: { intent: string; label: string; busy: boolean; secondary?: boolean }) {
  return (
    <Form method="post" className="inline">
      <input type="hidden" name="intent" value={intent} />
      <button type="submit" className={secondary ? "secondary" : undefined} disabled={busy}>
        {label}
      </button>
    </Form>
  );
}

/** Who in the quality team owns the complaint. */
export function OwnerPanel({ d, busy, errors }: { d: ComplaintData; busy: boolean; errors: FieldErrors }) {
  const { t } = useI18n();
  return (
    <section className="card" aria-labelledby="owner-title">
      <h2 id="owner-title">{t("workspace.owner")}</h2>
      <Form method="post" className="inline-form">
        <input type="hidden" name="intent" value="assign" />
        <SelectField label={t("workspace.owner")} name="assigneeId" defaultValue={d.assignee?.id ?? ""} errors={errors.assigneeId}>
          <option value="">{t("workspace.unassigned")}</option>
          {d.staff.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </SelectField>
        <button type="submit" className="secondary" disabled={busy}>
          {t("workspace.assign")}
        </button>
      </Form>
    </section>
  );
}
