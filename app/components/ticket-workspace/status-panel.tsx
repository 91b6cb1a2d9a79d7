import { AppForm, SubmitButton } from "~/components/app-form";
import { SelectField, TextField } from "~/components/forms";
import { useI18n } from "~/components/i18n";
import type { MessageKey } from "~/locales/en";
import { PRIORITY_VALUES } from "~/modules/tickets/queue-filters";
import { clearSiteDownSchema, prioritySchema, statusSchema } from "~/modules/tickets/schemas";
import type { TicketStatus } from "~/modules/tickets/status";
import type { Workspace, WorkspaceResult } from "./types";

/** Priority, clearing "site down" (with a reason), and the next status. */
export function StatusPanel({ view, result }: { view: Workspace; result: WorkspaceResult }) {
  const { ticket, staffStatuses } = view;
  const { t } = useI18n();
  const siteDownFailed = result && !result.ok && result.intent === "clear-site-down";
  return (
    <section className="card">
      <h2>{t("desk.statusAndPriority")}</h2>
      {/* These forms' own errors are said under the ticket's heading. */}
      <AppForm method="post" className="toolbar" schema={prioritySchema} result={result} intent="priority" formError="none">
        <SelectField label={t("ticket.priority")} name="priority" defaultValue={ticket.priority}>
          {PRIORITY_VALUES.map((p) => (
            <option key={p} value={p}>
              {t(`ticket.priority.${p}` as MessageKey)}
            </option>
          ))}
        </SelectField>
        <SubmitButton className="secondary">{t("desk.setPriority")}</SubmitButton>
      </AppForm>
      <p className="hint">{t("desk.priorityHint")}</p>
      {ticket.siteDown ? (
        <AppForm method="post" schema={clearSiteDownSchema} result={result} intent="clear-site-down" formError="none">
          <TextField
            label={t("siteDown.clearReason")}
            name="reason"
            required
            minLength={3}
            maxLength={1000}
            defaultValue={siteDownFailed ? (result.values.reason ?? "") : ""}
          />
          <SubmitButton className="secondary">{t("siteDown.clear")}</SubmitButton>
        </AppForm>
      ) : null}
      {staffStatuses.length > 0 ? (
        <AppForm method="post" className="toolbar" schema={statusSchema} result={result} intent="status" formError="none">
          <SelectField label={t("common.status")} name="status" defaultValue={staffStatuses[0]}>
            {staffStatuses.map((s: TicketStatus) => (
              <option key={s} value={s}>
                {t(`ticket.status.${s}` as MessageKey)}
              </option>
            ))}
          </SelectField>
          <SubmitButton className="secondary">{t("desk.setStatusButton")}</SubmitButton>
        </AppForm>
      ) : null}
    </section>
  );
}
