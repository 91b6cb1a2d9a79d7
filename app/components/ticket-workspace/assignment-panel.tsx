import { AppForm, SubmitButton } from "~/components/app-form";
import { SelectField } from "~/components/forms";
import { useI18n } from "~/components/i18n";
import { assignSchema } from "~/modules/tickets/schemas";
import type { Workspace, WorkspaceResult } from "./types";

/** Who has the ticket: claim it, release it, or (leads) give it to someone. Its forms' own errors are said under the ticket's heading. */
export function AssignmentPanel({ view, result }: { view: Workspace; result: WorkspaceResult }) {
  const { assignee, staff, permissions, me } = view;
  const { t } = useI18n();
  const closed = view.ticket.status === "closed";
  return (
    <section className="card">
      <h2>{t("desk.assignment")}</h2>
      <p>
        {assignee ? (
          <>
            {t("ticket.assignee")}: <strong>{assignee.name}</strong>
          </>
        ) : (
          <span className="muted">{t("desk.unassigned")}</span>
        )}
      </p>
      {permissions.update && !assignee && !closed ? (
        <AppForm method="post" intent="claim" formError="none">
          <SubmitButton data-kbd="assign-me">{t("desk.claim")}</SubmitButton>
        </AppForm>
      ) : null}
      {permissions.update && assignee?.id === me.id && !permissions.assign ? (
        <AppForm method="post" schema={assignSchema} result={result} intent="assign" formError="none">
          <input type="hidden" name="assigneeId" value="" />
          <SubmitButton className="secondary">{t("desk.release")}</SubmitButton>
        </AppForm>
      ) : null}
      {permissions.assign ? (
        <AppForm method="post" className="toolbar" style={{ marginTop: 8 }} schema={assignSchema} result={result} intent="assign" formError="none">
          <SelectField label={t("desk.assignTo")} name="assigneeId" defaultValue={assignee?.id ?? ""}>
            <option value="">{t("desk.unassigned")}</option>
            {staff.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </SelectField>
          <SubmitButton className="secondary">{t("desk.assign")}</SubmitButton>
        </AppForm>
      ) : null}
    </section>
  );
}
