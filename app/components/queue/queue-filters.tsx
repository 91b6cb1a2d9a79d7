import { Form, Link } from "@remix-run/react";
import { SelectField, TextField } from "~/components/forms";
import { useI18n } from "~/components/i18n";
import { OrganisationFilter } from "~/components/tickets/organisation-filter";
import type { MessageKey } from "~/locales/en";
import { PRIORITY_VALUES, queueStatuses } from "~/modules/tickets/queue-filters";
import { COLUMNS } from "~/modules/tickets/queue-view";
import { COLUMN_LABEL, type QueuePageData } from "./queue-data";

/** The filters of the queue (a GET form: the address is the view). */
export function QueueFilters({ loaded }: { loaded: QueuePageData }) {
  const { filters, choices, staff, tagList } = loaded;
  const { t } = useI18n();
  const base = new URLSearchParams(loaded.params);
  return (
    <Form method="get" className="toolbar" aria-label={t("queue.filters")}>
      <input type="hidden" name="queue" value={filters.queue} />
      {base.get("sort") ? <input type="hidden" name="sort" value={base.get("sort")!} /> : null}
      {base.get("cols") ? <input type="hidden" name="cols" value={base.get("cols")!} /> : null}
      <SelectField label={t("ticket.product")} name="product" defaultValue={filters.productId ?? ""}>
        <option value="">{t("queue.any")}</option>
        {choices.products.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
      </SelectField>
      <SelectField label={t("ticket.priority")} name="priority" defaultValue={filters.priority ?? ""}>
        <option value="">{t("queue.any")}</option>
        {PRIORITY_VALUES.map((p) => (
          <option key={p} value={p}>
            {t(`ticket.priority.${p}` as MessageKey)}
          </option>
        ))}
      </SelectField>
      <SelectField label={t("common.status")} name="status" defaultValue={filters.status ?? ""}>
        <option value="">{t("queue.any")}</option>
        {queueStatuses(filters.queue).map((s) => (
          <option key={s} value={s}>
            {t(`ticket.status.${s}` as MessageKey)}
          </option>
        ))}
      </SelectField>
      <OrganisationFilter
        key={choices.organisation?.id ?? loaded.organisationText?.text ?? ""}
        label={t("common.organisation")}
        name={loaded.organisationText?.text ?? choices.organisation?.name ?? ""}
        id={choices.organisation?.id ?? null}
        errors={
          loaded.organisationText
            ? [t(loaded.organisationText.problem === "none" ? "queue.organisationNone" : "queue.organisationMany", { text: loaded.organisationText.text })]
            : undefined
        }
      />
      <SelectField label={t("ticket.assignee")} name="assignee" defaultValue={filters.assigneeId ?? ""}>
        <option value="">{t("queue.any")}</option>
        <option value="none">{t("queue.nobody")}</option>
        {staff.map((s) => (
          <option key={s.id} value={s.id}>
            {s.name}
          </option>
        ))}
      </SelectField>
      <SelectField label={t("tags.filter")} name="tag" defaultValue={filters.tag ?? ""}>
        <option value="">{t("tags.any")}</option>
        {filters.tag && !tagList.some((c) => c.name === filters.tag) ? <option value={filters.tag}>{filters.tag}</option> : null}
        {tagList.map((c) => (
          <option key={c.name} value={c.name}>
            {c.label}
          </option>
        ))}
      </SelectField>
      <TextField label={t("queue.search")} name="q" type="search" defaultValue={filters.q ?? ""} />
      <button type="submit">{t("common.filter")}</button>
      <Link to="?reset=1">{t("queue.reset")}</Link>
    </Form>
  );
}

/** Which columns the table shows (kept in the address, like the filters). */
export function ColumnChooser({ loaded }: { loaded: QueuePageData }) {
  const { t } = useI18n();
  const base = new URLSearchParams(loaded.params);
  return (
    <details className="column-chooser">
      <summary>{t("queue.columns")}</summary>
      <Form method="get">
        {[...base.entries()]
          .filter(([key]) => key !== "cols")
          .map(([key, value]) => (
            <input key={key} type="hidden" name={key} value={value} />
          ))}
        <fieldset>
          <legend>{t("queue.columns")}</legend>
          {COLUMNS.map((column) => (
            <label key={column} className="checkbox">
              <input type="checkbox" name="cols" value={column} defaultChecked={loaded.columns.includes(column)} /> {t(COLUMN_LABEL[column])}
            </label>
          ))}
        </fieldset>
        <button type="submit">{t("queue.columnsApply")}</button>
      </Form>
    </details>
  );
}
