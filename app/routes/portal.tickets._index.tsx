import { pageTitle } from "~/utils/i18n";
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { RelativeTime } from "~/components/relative-time";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { SelectField, TextField } from "~/components/forms";
import { useI18n } from "~/components/i18n";
import { StatusBadge } from "~/components/tickets/ticket-ui";
import ticketStyles from "../components/tickets/tickets.css?url";
import type { MessageKey } from "~/locales/en";
import { listOrganisationTickets } from "~/modules/tickets/customer.server";
import { CUSTOMER_LIST_STATUSES, type CustomerListStatus } from "~/modules/tickets/schemas";
import { requireCustomer } from "~/modules/accounts/auth.server";
import { decodeTimeCursor, encodeCursor } from "~/utils/pagination";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "title.tickets") }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: ticketStyles }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireCustomer(request);
  const url = new URL(request.url);
  const statusParam = url.searchParams.get("status");
  const status: CustomerListStatus = CUSTOMER_LIST_STATUSES.includes(statusParam as CustomerListStatus) ? (statusParam as CustomerListStatus) : "active";
  const q = url.searchParams.get("q")?.trim().slice(0, 100) || undefined;
  const page = await listOrganisationTickets(user, { status, q, before: decodeTimeCursor(url.searchParams.get("before")) });
  return {
    tickets: page.tickets,
    next: page.next ? encodeCursor([page.next.at, page.next.id]) : null,
    status,
  };
}

export default function CustomerTickets() {
  const { tickets, next, status } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const { t } = useI18n();
  const q = params.get("q") ?? "";
  const keep = (extra: Record<string, string>) => `?${new URLSearchParams({ ...(q ? { q } : {}), status, ...extra })}`;
  return (
    <>
      <div className="ticket-head">
        <h1>{t("tickets.title")}</h1>
        <Link className="button" to="/portal/tickets/new">
          {t("tickets.new")}
        </Link>
      </div>
      <Form method="get" className="toolbar" role="search">
        <SelectField label={t("common.status")} name="status" defaultValue={status}>
          {CUSTOMER_LIST_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`tickets.filter.${s}` as MessageKey)}
            </option>
          ))}
        </SelectField>
        <TextField label={t("tickets.search")} name="q" type="search" defaultValue={q} />
        <button type="submit">{t("common.filter")}</button>
      </Form>
      {tickets.length === 0 ? (
        <p className="card">{t("tickets.empty")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("ticket.number")}</th>
                <th scope="col">{t("ticket.subject")}</th>
                <th scope="col">{t("common.status")}</th>
                <th scope="col">{t("ticket.product")}</th>
                <th scope="col">{t("ticket.requester")}</th>
                <th scope="col">{t("common.created")}</th>
              </tr>
            </thead>
            <tbody>
              {tickets.map((ticket) => (
                <tr key={ticket.id}>
                  <td>
                    <Link to={`/portal/tickets/${ticket.number}`}>#{ticket.number}</Link>
                  </td>
                  <td>
                    <Link to={`/portal/tickets/${ticket.number}`}>{ticket.subject}</Link>
                  </td>
                  <td>
                    <StatusBadge status={ticket.status} />
                  </td>
                  <td>{ticket.productName ?? t(`ticket.type.${ticket.type}` as MessageKey)}</td>
                  <td>{ticket.requesterName}</td>
                  <td><RelativeTime value={ticket.createdAt} /></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav className="pager" aria-label={t("common.pagination")}>
        {params.get("before") ? <Link to={keep({})}>{t("common.first")}</Link> : null}
        {next ? <Link to={keep({ before: next })}>{t("common.next")}</Link> : null}
      </nav>
    </>
  );
}
