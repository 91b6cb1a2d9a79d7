import { data, redirect, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useRevalidator } from "@remix-run/react";
import { useEffect } from "react";
import { SelectField, TextField } from "~/components/forms";
import { useI18n } from "~/components/i18n";
import { PriorityBadge, SlaCountdown, StatusBadge, useNow } from "~/components/tickets/ticket-ui";
import ticketStyles from "../components/tickets/tickets.css?url";
import type { MessageKey } from "~/locales/en";
import { calendarsByIds } from "~/modules/sla/plans.server";
import { staffChoices } from "~/modules/tickets/desk.server";
import {
  decodeQueueCursor,
  encodeQueueCursor,
  hasFilterParams,
  parseQueueFilters,
  PRIORITY_VALUES,
  QUEUES,
  queueFiltersToParams,
  queueStatuses,
} from "~/modules/tickets/queue-filters";
import { forgetQueueParams, rememberedQueueParams, rememberQueueParams } from "~/modules/tickets/queue-preferences.server";
import { queueCounts } from "~/modules/tickets/queue-counts.server";
import { listQueue, queueFilterChoices } from "~/modules/tickets/queue.server";
import { tagChoices, tagsForTickets } from "~/modules/tickets/tags.server";
import { TagChips } from "~/components/macros/macros-ui";
import { requirePermission } from "~/utils/auth.server";

export const meta: MetaFunction = () => [{ title: "Queues · Keydesk" }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: ticketStyles }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:ticket:any");
  const url = new URL(request.url);
  if (url.searchParams.has("reset")) {
    throw redirect("/desk/tickets?queue=open", { headers: { "Set-Cookie": await forgetQueueParams() } });
  }
  // A visit without filters returns to the engineer's last ones (ADR 021).
  if (!hasFilterParams(url.searchParams)) {
    throw redirect(`/desk/tickets?${(await rememberedQueueParams(request, user.id)) ?? "queue=open"}`);
  }
  const filters = parseQueueFilters(url.searchParams);
  const now = new Date();
  const [page, counts, choices, staff] = await Promise.all([
    listQueue(user, filters, { after: decodeQueueCursor(url.searchParams.get("after")), now }),
    queueCounts(user, now),
    queueFilterChoices(user),
    staffChoices(user),
  ]);
  const calendars = await calendarsByIds(page.rows.map((r) => r.calendarId));
  const [rowTags, tagList] = await Promise.all([tagsForTickets(user, page.rows.map((r) => r.id), user.locale), tagChoices(user, user.locale)]);
  const remembered = queueFiltersToParams(filters);
  remembered.set("queue", filters.queue);
  return data(
    {
      filters,
      rows: page.rows,
      rowTags,
      tagList,
      next: page.next ? encodeQueueCursor(page.next) : null,
      counts,
      choices,
      staff,
      calendars,
      now: now.toISOString(),
      paged: url.searchParams.has("after"),
    },
    { headers: { "Set-Cookie": await rememberQueueParams(user.id, remembered.toString()) } },
  );
}

const REFRESH_MS = 45_000;

export default function Queues() {
  const loaded = useLoaderData<typeof loader>();
  const { filters, rows, next, counts, choices, staff, calendars, rowTags, tagList } = loaded;
  const { t } = useI18n();
  const now = useNow(loaded.now, 15_000);
  const revalidator = useRevalidator();

  useEffect(() => {
    const timer = window.setInterval(() => {
      if (document.visibilityState === "visible" && revalidator.state === "idle") revalidator.revalidate();
    }, REFRESH_MS);
    return () => window.clearInterval(timer);
  }, [revalidator]);

  const base = queueFiltersToParams(filters);
  base.set("queue", filters.queue);
  const queueLink = (queue: string) => {
    const params = new URLSearchParams(base);
    params.set("queue", queue);
    if (params.get("status") && !queueStatuses(queue as never).includes(params.get("status") as never)) params.delete("status");
    return `?${params}`;
  };

  return (
    <>
      <h1>{t("queue.title")}</h1>
      <nav aria-label={t("queue.queues")}>
        <ul className="queue-tabs">
          {QUEUES.map((queue) => (
            <li key={queue}>
              <Link to={queueLink(queue)} aria-current={filters.queue === queue ? "page" : undefined}>
                {t(`queue.name.${queue}` as MessageKey)}
                {queue !== "all" ? <span className="count">{counts[queue]}</span> : null}
              </Link>
            </li>
          ))}
        </ul>
      </nav>

      <Form method="get" className="toolbar" aria-label={t("queue.filters")}>
        <input type="hidden" name="queue" value={filters.queue} />
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
        <SelectField label={t("common.organisation")} name="organisation" defaultValue={filters.organisationId ?? ""}>
          <option value="">{t("queue.any")}</option>
          {choices.organisations.map((o) => (
            <option key={o.id} value={o.id}>
              {o.name}
            </option>
          ))}
        </SelectField>
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

      {rows.length === 0 ? (
        <p className="card">{t("queue.empty")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="sr-only">{t(`queue.name.${filters.queue}` as MessageKey)}</caption>
            <thead>
              <tr>
                <th scope="col">{t("ticket.number")}</th>
                <th scope="col">{t("ticket.subject")}</th>
                <th scope="col">{t("common.organisation")}</th>
                <th scope="col">{t("ticket.product")}</th>
                <th scope="col">{t("ticket.priority")}</th>
                <th scope="col">{t("common.status")}</th>
                <th scope="col">{t("ticket.assignee")}</th>
                <th scope="col">{t("sla.due")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.id} data-kbd-row="">
                  <td>
                    <Link to={`/desk/tickets/${row.number}`}>#{row.number}</Link>
                  </td>
                  <td>
                    <Link to={`/desk/tickets/${row.number}`}>{row.subject}</Link> <TagChips tags={rowTags[row.id]} />
                    {row.siteDown ? (
                      <>
                        {" "}
                        <span className="badge danger">{t("ticket.siteDownShort")}</span>
                      </>
                    ) : null}
                  </td>
                  <td>{row.organisationName}</td>
                  <td>{row.productName ?? "—"}</td>
                  <td>
                    <PriorityBadge priority={row.priority} />
                  </td>
                  <td>
                    <StatusBadge status={row.status} />
                  </td>
                  <td>{row.assigneeName ?? <span className="muted">{t("queue.nobody")}</span>}</td>
                  <td>
                    <SlaCountdown dueAt={row.slaDueAt} warnAt={row.slaWarnAt} state={row.slaState} now={now} calendar={calendars[row.calendarId]} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav className="pager" aria-label={t("common.pagination")}>
        {loaded.paged ? <Link to={`?${base}`}>{t("common.first")}</Link> : null}
        {next ? (
          <Link
            to={`?${(() => {
              const params = new URLSearchParams(base);
              params.set("after", next);
              return params;
            })()}`}
          >
            {t("common.next")}
          </Link>
        ) : null}
      </nav>
    </>
  );
}
