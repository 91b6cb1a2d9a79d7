import { Link } from "@remix-run/react";
import { AppForm, SubmitButton } from "~/components/app-form";
import { useI18n } from "~/components/i18n";
import type { MessageKey } from "~/locales/en";
import type { BulkPreview } from "~/modules/tickets/queue-forms";
import type { QueuePageData } from "./queue-data";

/** "status:pending" → "Pending"; "assign:me" → the engineer's name; a tag's label, a macro's title. */
export function useChangeLabel(loaded: QueuePageData): (change: string) => string {
  const { t } = useI18n();
  const staffName = (id: string) => (id === "me" ? loaded.me.name : id === "none" ? "" : (loaded.staff.find((s) => s.id === id)?.name ?? id));
  return (change: string) => {
    const [op, value = ""] = change.split(":");
    if (op === "status") return t(`ticket.status.${value}` as MessageKey);
    if (op === "priority") return t(`ticket.priority.${value}` as MessageKey);
    if (op === "tag") return loaded.tagList.find((c) => c.name === value)?.label ?? value;
    if (op === "macro") return (loaded.bulkMacros ?? []).find((m) => m.id === value)?.title ?? "";
    return staffName(value);
  };
}

/** The bulk change waiting for confirmation: what it does to how many tickets, then apply or cancel. */
export function BulkConfirm({ preview, params, changeLabel }: { preview: BulkPreview; params: string; changeLabel: (change: string) => string }) {
  const { t } = useI18n();
  const confirmText = () => {
    const [op, value] = preview.change.split(":");
    if (preview.changing === 0) return t("bulk.confirm.nothing");
    if (op === "assign" && value === "none") return t("bulk.confirm.unassign", { count: preview.changing });
    return t(`bulk.confirm.${op}` as MessageKey, { count: preview.changing, value: changeLabel(preview.change) });
  };
  return (
    <AppForm method="post" className="card bulk-confirm" aria-label={t("bulk.actions")} intent="bulk-apply">
      <input type="hidden" name="change" value={preview.change} />
      <input type="hidden" name="view" value={preview.view} />
      <input type="hidden" name="scope" value={preview.scope} />
      {preview.scope === "page" ? preview.numbers.map((n) => <input key={n} type="hidden" name="ticket" value={n} />) : null}
      <p role="status">
        <strong>{confirmText()}</strong>
        {preview.selected > preview.changing ? <> {t("bulk.confirm.skipped", { count: preview.selected - preview.changing })}</> : null}
      </p>
      {preview.background ? <p className="hint">{t("bulk.confirm.background", { max: preview.background })}</p> : null}
      <SubmitButton>{t("bulk.apply")}</SubmitButton> <Link to={`?${new URLSearchParams(params)}`}>{t("bulk.cancel")}</Link>
    </AppForm>
  );
}
