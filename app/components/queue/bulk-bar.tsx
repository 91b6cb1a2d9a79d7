import { AppForm, SubmitButton } from "~/components/app-form";
import { SelectField } from "~/components/forms";
import { useI18n } from "~/components/i18n";
import type { MessageKey } from "~/locales/en";
import { PRIORITY_VALUES } from "~/modules/tickets/queue-filters";
import type { QueuePageData } from "./queue-data";

const BULK_STATUSES = ["open", "pending", "on_hold", "solved"] as const;

/** The bulk bar: one change for the ticked tickets (or all the view matches), reviewed before it is applied. */
export function BulkBar({ loaded }: { loaded: QueuePageData }) {
  const { staff, tagList, matching } = loaded;
  const { t } = useI18n();
  // What it answers (the preview, or why not) is said by the page, above the queue.
  return (
    <AppForm method="post" id="bulk-form" className="toolbar bulk-bar" aria-label={t("bulk.actions")} intent="bulk-preview">
      <input type="hidden" name="view" value={loaded.params} />
      <SelectField label={t("bulk.action")} name="change" defaultValue="">
        <option value="">—</option>
        <optgroup label={t("bulk.op.assign")}>
          <option value="assign:me">{t("bulk.assignMe")}</option>
          <option value="assign:none">{t("bulk.unassign")}</option>
          {loaded.mayAssignOthers
            ? staff.map((s) => (
                <option key={s.id} value={`assign:${s.id}`}>
                  {s.name}
                </option>
              ))
            : null}
        </optgroup>
        <optgroup label={t("bulk.op.status")}>
          {BULK_STATUSES.map((s) => (
            <option key={s} value={`status:${s}`}>
              {t(`ticket.status.${s}` as MessageKey)}
            </option>
          ))}
        </optgroup>
        <optgroup label={t("bulk.op.priority")}>
          {PRIORITY_VALUES.map((p) => (
            <option key={p} value={`priority:${p}`}>
              {t(`ticket.priority.${p}` as MessageKey)}
            </option>
          ))}
        </optgroup>
        {tagList.length > 0 ? (
          <optgroup label={t("bulk.op.tag")}>
            {tagList.map((c) => (
              <option key={c.name} value={`tag:${c.name}`}>
                {c.label}
              </option>
            ))}
          </optgroup>
        ) : null}
        {loaded.bulkMacros.length > 0 ? (
          <optgroup label={t("bulk.op.macro")}>
            {loaded.bulkMacros.map((m) => (
              <option key={m.id} value={`macro:${m.id}`}>
                {m.title}
              </option>
            ))}
          </optgroup>
        ) : null}
      </SelectField>
      {matching ? (
        matching.tooMany ? (
          <p className="muted">{t("bulk.tooManyMatching", { max: loaded.bulkMax })}</p>
        ) : (
          <label className="checkbox">
            <input type="checkbox" name="scope" value="all" /> {t("bulk.selectAllMatching", { count: matching.count })}
          </label>
        )
      ) : null}
      <SubmitButton>{t("bulk.review")}</SubmitButton>
    </AppForm>
  );
}
