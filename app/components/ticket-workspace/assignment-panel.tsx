import { Form } from "@remix-run/react";
import { SelectField } from "~/components/forms";
import { useI18n } from "~/components/i18n";
import type { Workspace } from "./types";

/** Who has the ticket: claim it, release it, or (leads) give it to someone. */
export function AssignmentPanel({ view }: { view: Workspace }) {
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
        <Form method="post">
          <input type="hidden" name="intent" value="claim" />
          <button type="submit" data-kbd="assign-me">
            {t("desk.claim")}
          </button>
        </Form>
      ) : null}
      {permissions.update && assignee?.id === me.id && !permissions.assign ? (
        <Form method="post">
          <input type="hidden" name="intent" value="assign" />
          <input type="hidden" name="assigneeId" value="" />
          <button type="submit" className="secondary">
            {t("desk.release")}
          </button>
        </Form>
      ) : null}
      {permissions.assign ? (
        <Form method="post" className="toolbar" style={{ marginTop: 8 }}>
          <input type="hidden" name="intent" value="assign" />
          <SelectField label={t("desk.assignTo")} name="assigneeId" defaultValue={assignee?.id ?? ""}>
            <option value="">{t("desk.unassigned")}</option>
            {staff.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </SelectField>
          <button type="submit" className="secondary">
            {t("desk.assign")}
          </button>
        </Form>
      ) : null}
    </section>
  );
}
