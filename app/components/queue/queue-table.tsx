import { Link } from "@remix-run/react";
import { useRef, type ChangeEvent, type MouseEvent } from "react";
import { useI18n } from "~/components/i18n";
import { TagChips } from "~/components/macros/macros-ui";
import { PriorityBadge, SlaCountdown, StatusBadge, useNow } from "~/components/tickets/ticket-ui";
import type { MessageKey } from "~/locales/en";
import { COLUMN_SORT, COLUMNS, sortToParam, type Column } from "~/modules/tickets/queue-view";
import { COLUMN_LABEL, type QueuePageData } from "./queue-data";

/** The page of tickets: sortable columns, the chosen columns, and (for bulk changes) a box per row. */
export function QueueTable({ loaded }: { loaded: QueuePageData }) {
  const { filters, sort, columns, rows, calendars, rowTags } = loaded;
  const { t, dateTime } = useI18n();
  const now = useNow(loaded.now, 15_000);
  const lastClicked = useRef<number | null>(null);
  const tableRef = useRef<HTMLTableElement>(null);
  const shown = (column: Column) => columns.includes(column);
  const sortLink = (column: Column | "number") => {
    const params = new URLSearchParams(loaded.params);
    const key = COLUMN_SORT[column];
    const dir = sort.key === key && sort.dir === "asc" ? "desc" : "asc";
    const value = sortToParam({ key, dir });
    if (value) params.set("sort", value);
    else params.delete("sort");
    return `?${params}`;
  };
  const ariaSort = (column: Column | "number") => (sort.key === COLUMN_SORT[column] ? (sort.dir === "asc" ? "ascending" : "descending") : undefined);
  /** Shift-click ticks or clears every row between the last clicked box and this one. */
  const onRowBox = (index: number) => (event: MouseEvent<HTMLInputElement>) => {
    const boxes = Array.from(tableRef.current?.querySelectorAll<HTMLInputElement>("input[data-row-box]") ?? []);
    if (event.shiftKey && lastClicked.current !== null) {
      const [from, to] = [Math.min(lastClicked.current, index), Math.max(lastClicked.current, index)];
      for (const box of boxes.slice(from, to + 1)) box.checked = event.currentTarget.checked;
    }
    lastClicked.current = index;
  };
  const onPageBox = (event: ChangeEvent<HTMLInputElement>) => {
    for (const box of tableRef.current?.querySelectorAll<HTMLInputElement>("input[data-row-box]") ?? []) box.checked = event.currentTarget.checked;
  };

  if (rows.length === 0) return <p className="card">{t("queue.empty")}</p>;
  return (
    <div className="table-wrap">
      <table ref={tableRef}>
        <caption className="sr-only">{t(`queue.name.${filters.queue}` as MessageKey)}</caption>
        <thead>
          <tr>
            {loaded.mayBulk ? (
              <th scope="col">
                <input type="checkbox" aria-label={t("bulk.selectPage")} onChange={onPageBox} />
              </th>
            ) : null}
            {(["number", ...COLUMNS.filter(shown)] as Array<Column | "number">).map((column) => (
              <th key={column} scope="col" aria-sort={ariaSort(column)}>
                <Link to={sortLink(column)} title={t("queue.sortBy", { column: t(COLUMN_LABEL[column]) })}>
                  {t(COLUMN_LABEL[column])}
                  {sort.key === COLUMN_SORT[column] ? <span aria-hidden="true">{sort.dir === "asc" ? " ▲" : " ▼"}</span> : null}
                </Link>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, index) => (
            <tr key={row.id} data-kbd-row="">
              {loaded.mayBulk ? (
                <td>
                  <input
                    type="checkbox"
                    name="ticket"
                    value={row.number}
                    form="bulk-form"
                    data-row-box=""
                    aria-label={t("bulk.selectRow", { number: row.number })}
                    onClick={onRowBox(index)}
                  />
                </td>
              ) : null}
              <td>
                <Link to={`/desk/tickets/${row.number}`}>#{row.number}</Link>
              </td>
              {shown("subject") ? (
                <td>
                  <Link to={`/desk/tickets/${row.number}`}>{row.subject}</Link> <TagChips tags={rowTags[row.id]} />
                  {row.siteDown ? (
                    <>
                      {" "}
                      <span className="badge danger">{t("ticket.siteDownShort")}</span>
                    </>
                  ) : null}
                </td>
              ) : null}
              {shown("organisation") ? <td>{row.organisationName}</td> : null}
              {shown("product") ? <td>{row.productName ?? "—"}</td> : null}
              {shown("priority") ? (
                <td>
                  <PriorityBadge priority={row.priority} />
                </td>
              ) : null}
              {shown("status") ? (
                <td>
                  <StatusBadge status={row.status} />
                </td>
              ) : null}
              {shown("assignee") ? <td>{row.assigneeName ?? <span className="muted">{t("queue.nobody")}</span>}</td> : null}
              {shown("due") ? (
                <td>
                  <SlaCountdown dueAt={row.slaDueAt} warnAt={row.slaWarnAt} state={row.slaState} now={now} calendar={calendars[row.calendarId]} />
                </td>
              ) : null}
              {shown("created") ? <td>{dateTime(row.createdAt)}</td> : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** First page and next page (keyset: there is no "page 7"). */
export function QueuePager({ loaded }: { loaded: QueuePageData }) {
  const { t } = useI18n();
  const base = new URLSearchParams(loaded.params);
  const next = () => {
    const params = new URLSearchParams(base);
    params.set("after", loaded.next!);
    return params;
  };
  return (
    <nav className="pager" aria-label={t("common.pagination")}>
      {loaded.paged ? <Link to={`?${base}`}>{t("common.first")}</Link> : null}
      {loaded.next ? <Link to={`?${next()}`}>{t("common.next")}</Link> : null}
    </nav>
  );
}
