import { Form } from "@remix-run/react";
import { SelectField, TextField } from "~/components/forms";
import { useI18n } from "~/components/i18n";
import type { MessageKey } from "~/locales/en";
import { PRIORITY_VALUES } from "~/modules/tickets/queue-filters";
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
      <Form method="post" className="toolbar">
        <input type="hidden" name="intent" value="priority" />
        <SelectField label={t("ticket.priority")} name="priority" defaultValue={ticket.priority}>
          {PRIORITY_VALUES.map((p) => (
            <option key={p} value={p}>
              {t(`ticket.priority.${p}` as MessageKey)}
            </option>
          ))}
        </SelectField>
        <button type="submit" className="secondary">
          {t("desk.setPriority")}
        </button>
      </Form>
      <p className="hint">{t("desk.priorityHint")}</p>
      {ticket.siteDown ? (
        <Form method="post">
          <input type="hidden" name="intent" value="clear-site-down" />
          <TextField
            label={t("siteDown.clearReason")}
            name="reason"
            required
            minLength={3}
            maxLength={1000}
            defaultValue={siteDownFailed ? (result.values.reason ?? "") : ""}
            errors={siteDownFailed && result.fieldErrors.reason ? [t("siteDown.reasonRequired")] : undefined}
          />
          <button type="submit" className="secondary">
            {t("siteDown.clear")}
          </button>
        </Form>
      ) : null}
      {staffStatuses.length > 0 ? (
        <Form method="post" className="toolbar">
          <input type="hidden" name="intent" value="status" />
          <SelectField label={t("common.status")} name="status" defaultValue={staffStatuses[0]}>
            {staffStatuses.map((s: TicketStatus) => (
              <option key={s} value={s}>
                {t(`ticket.status.${s}` as MessageKey)}
              </option>
            ))}
          </SelectField>
          <button type="submit" className="secondary">
            {t("desk.setStatusButton")}
          </button>
        </Form>
      ) : null}
    </section>
  );
}
