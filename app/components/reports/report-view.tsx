import { Form, Link, useLocation } from "@remix-run/react";
import { SelectField, TextField } from "~/components/forms";
import { useI18n } from "~/components/i18n";
import type { MessageKey } from "~/locales/en";
import { formatMoney } from "~/modules/licensing/renewal-pricing";
import { PERIOD_PRESETS, type ReportFilters } from "~/modules/reports/filters";
import type { Cell, ReportTable } from "~/modules/reports/tables";
import { formatDuration } from "~/utils/i18n";
import { reportCsvHref } from "~/modules/reports/csv-links";

export const REPORT_ORDER = ["sla", "backlog", "engineers", "time", "complaints", "csat", "reviews", "licences-expiring", "renewals", "knowledge"] as const;

/** The list of reports above every report page. */
export function ReportNav({ current }: { current: string }) {
  const { t } = useI18n();
  return (
    <nav className="report-nav" aria-label={t("reports.title")}>
      <ul>
        <li>
          <Link to="/desk/reports">{t("reports.title")}</Link>
        </li>
        {REPORT_ORDER.map((name) => (
          <li key={name}>
            <Link to={`/desk/reports/${name}`} aria-current={name === current ? "page" : undefined}>
              {t(`reports.name.${name}` as MessageKey)}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

type Choices = { products: Array<{ id: string; name: string }>; engineers: Array<{ id: string; name: string }>; organisations: Array<{ id: string; name: string }> };
type FilterFields = ReadonlyArray<string>;
type SerializedFilters = Omit<ReportFilters, "from" | "to"> & { from: string | Date; to: string | Date };

/** The GET form of a report's filters: the URL carries them, so a report can be bookmarked. */
export function ReportFiltersForm({ filters, fields, choices }: { filters: SerializedFilters; fields: FilterFields; choices: Choices }) {
  const { t } = useI18n();
  const has = (f: string) => fields.includes(f);
  return (
    <Form method="get" className="report-filters" aria-label={t("reports.filters")}>
      {has("period") ? (
        <>
          <SelectField label={t("reports.period")} name="period" defaultValue={filters.preset}>
            {PERIOD_PRESETS.map((p) => (
              <option key={p} value={p}>
                {t(`reports.preset.${p}` as MessageKey)}
              </option>
            ))}
          </SelectField>
          <TextField label={t("reports.from")} name="from" type="date" defaultValue={filters.fromDate} />
          <TextField label={t("reports.to")} name="to" type="date" defaultValue={filters.toDate} />
          <SelectField label={t("reports.groupBy")} name="groupBy" defaultValue={filters.groupBy}>
            <option value="week">{t("reports.groupBy.week")}</option>
            <option value="month">{t("reports.groupBy.month")}</option>
          </SelectField>
        </>
      ) : null}
      {has("product") ? (
        <SelectField label={t("reports.product")} name="product" defaultValue={filters.productId ?? ""}>
          <option value="">{t("reports.anyProduct")}</option>
          {choices.products.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </SelectField>
      ) : null}
      {has("organisation") ? (
        <SelectField label={t("reports.organisation")} name="organisation" defaultValue={filters.organisationId ?? ""}>
          <option value="">{t("reports.anyOrganisation")}</option>
          {choices.organisations.map((o) => (
            <option key={o.id} value={o.id}>
              {o.name}
            </option>
          ))}
        </SelectField>
      ) : null}
      {has("engineer") ? (
        <SelectField label={t("reports.engineer")} name="engineer" defaultValue={filters.engineerId ?? ""}>
          <option value="">{t("reports.anyEngineer")}</option>
          {choices.engineers.map((e) => (
            <option key={e.id} value={e.id}>
              {e.name}
            </option>
          ))}
        </SelectField>
      ) : null}
      {filters.sort ? (
        <>
          <input type="hidden" name="sort" value={filters.sort.column} />
          <input type="hidden" name="dir" value={filters.sort.dir} />
        </>
      ) : null}
      <button type="submit">{t("reports.apply")}</button>
    </Form>
  );
}

/** A header is a message key, or literal text after "=" (tables reused from the quality report). */
export function useHeader() {
  const { t } = useI18n();
  return (column: string) => (column.startsWith("=") ? column.slice(1) : t(column as MessageKey));
}

function isNumeric(cell: Cell): boolean {
  return typeof cell === "number" || (cell !== null && typeof cell === "object" && ("minutes" in cell || "percent" in cell || "money" in cell));
}

export function CellText({ cell }: { cell: Cell }) {
  const { locale, date } = useI18n();
  if (cell === null) return <>—</>;
  if (typeof cell === "string") return <>{cell}</>;
  if (typeof cell === "number") return <>{cell.toLocaleString(locale === "ru" ? "ru-RU" : "en-GB")}</>;
  if ("minutes" in cell) return <>{cell.minutes === null ? "—" : formatDuration(cell.minutes, locale)}</>;
  if ("percent" in cell) return <>{cell.percent === null ? "—" : `${cell.percent.toLocaleString(locale === "ru" ? "ru-RU" : "en-GB")} %`}</>;
  if ("money" in cell) return <>{formatMoney(cell.money, cell.currency, locale)}</>;
  if ("date" in cell) return <>{date(cell.date)}</>;
  return <Link to={cell.link}>{cell.text}</Link>;
}

/**
 * A column header of a sortable table: a link (no JavaScript needed) that orders the rows by this
 * column — numbers largest first, text A to Z, then the other way on the next press.
 */
function SortableHeader({ label, column, numeric, search }: { label: string; column: number; numeric: boolean; search: string }) {
  const { t } = useI18n();
  const params = new URLSearchParams(search);
  const current = params.get("sort") === String(column) ? (params.get("dir") === "asc" ? "asc" : "desc") : null;
  const next = current ? (current === "asc" ? "desc" : "asc") : numeric ? "desc" : "asc";
  params.set("sort", String(column));
  params.set("dir", next);
  return (
    <th scope="col" aria-sort={current === "asc" ? "ascending" : current === "desc" ? "descending" : undefined}>
      <Link to={`?${params}`} preventScrollReset title={t(next === "asc" ? "reports.sortAsc" : "reports.sortDesc")}>
        {label}
        {current ? <span aria-hidden="true">{current === "asc" ? " ▲" : " ▼"}</span> : null}
      </Link>
    </th>
  );
}

/** One report table with its empty state and its CSV link (/desk/reports/<name>/csv with the page's filters). */
export function ReportTableView({ table, extraColumn }: { table: ReportTable; extraColumn?: { header: string; render: (rowIndex: number) => React.ReactNode } }) {
  const { t } = useI18n();
  const header = useHeader();
  const location = useLocation();
  const csvHref = reportCsvHref(location.pathname.split("/").pop() ?? "", new URLSearchParams(location.search), table.name);
  const title = t(table.title as MessageKey);
  return (
    <section className="report-section" aria-labelledby={`table-${table.name}`}>
      <h2 id={`table-${table.name}`}>{title}</h2>
      <div className="table-wrap">
        <table className="report-table">
          <caption className="sr-only">{title}</caption>
          <thead>
            <tr>
              {table.columns.map((c, j) =>
                table.sortable ? (
                  <SortableHeader key={c} label={header(c)} column={j} numeric={table.rows[0] ? isNumeric(table.rows[0][j] ?? null) : false} search={location.search} />
                ) : (
                  <th key={c} scope="col">
                    {header(c)}
                  </th>
                ),
              )}
              {extraColumn ? <th scope="col">{extraColumn.header}</th> : null}
            </tr>
          </thead>
          <tbody>
            {table.rows.length === 0 ? (
              <tr>
                <td colSpan={table.columns.length + (extraColumn ? 1 : 0)} className="muted">
                  {t("reports.none")}
                </td>
              </tr>
            ) : (
              table.rows.map((row, i) => (
                <tr key={i}>
                  {row.map((cell, j) =>
                    j === 0 ? (
                      <th key={j} scope="row">
                        <CellText cell={cell} />
                      </th>
                    ) : (
                      <td key={j} className={isNumeric(cell) ? "num" : undefined}>
                        <CellText cell={cell} />
                      </td>
                    ),
                  )}
                  {extraColumn ? <td>{extraColumn.render(i)}</td> : null}
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
      <p className="report-csv">
        <a href={csvHref} download>
          {t("reports.csv")}
          <span className="sr-only"> — {title}</span>
        </a>
      </p>
    </section>
  );
}
