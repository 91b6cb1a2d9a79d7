import { Form, Link } from "@remix-run/react";
import { useI18n } from "~/components/i18n";
import type { TicketHit } from "~/modules/knowledge/search.server";
import type { TicketSearchFilters } from "~/modules/knowledge/schemas";
import { TICKET_STATUS_LABEL } from "./labels";
import { Snippet } from "./snippet";

/** The search form with its filters (status, product, dates; the desk may also pin an organisation). */
export function TicketSearchForm({ action, filters, products, organisationName }: { action: string; filters: TicketSearchFilters; products: Array<{ id: string; name: string }>; organisationName?: string | null }) {
  const { t } = useI18n();
  return (
    <Form method="get" action={action} role="search" aria-label={t("search.filters")}>
      <div className="search-box">
        <label htmlFor="search-q" className="sr-only">
          {t("search.label")}
        </label>
        <input id="search-q" type="search" name="q" defaultValue={filters.q} placeholder={t("search.placeholder")} />
        <button type="submit">{t("search.submit")}</button>
      </div>
      <div className="toolbar">
        <div className="field">
          <label htmlFor="search-status">{t("search.status")}</label>
          <select id="search-status" name="status" defaultValue={filters.status ?? ""}>
            <option value="">{t("search.any")}</option>
            {Object.entries(TICKET_STATUS_LABEL).map(([status, label]) => (
              <option key={status} value={status}>
                {t(label)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="search-product">{t("search.product")}</label>
          <select id="search-product" name="productId" defaultValue={filters.productId ?? ""}>
            <option value="">{t("search.any")}</option>
            {products.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="search-from">{t("search.from")}</label>
          <input id="search-from" type="date" name="from" defaultValue={filters.from ?? ""} />
        </div>
        <div className="field">
          <label htmlFor="search-to">{t("search.to")}</label>
          <input id="search-to" type="date" name="to" defaultValue={filters.to ?? ""} />
        </div>
        {filters.all ? <input type="hidden" name="all" value="1" /> : null}
        {filters.organisationId ? (
          <label>
            <input type="checkbox" name="organisationId" value={filters.organisationId} defaultChecked /> {t("search.onlyOrganisation", { name: organisationName ?? "" })}
          </label>
        ) : null}
      </div>
    </Form>
  );
}

export function TicketHits({ hits, base }: { hits: TicketHit[]; base: "/desk/tickets" | "/portal/tickets" }) {
  const { t, date } = useI18n();
  if (hits.length === 0) return <p>{t("search.noTickets")}</p>;
  return (
    <ul className="kb-results">
      {hits.map((hit) => (
        <li key={hit.number}>
          <Link to={`${base}/${hit.number}`}>
            #{hit.number} {hit.subject}
          </Link>{" "}
          <span className="badge">{t(TICKET_STATUS_LABEL[hit.status as keyof typeof TICKET_STATUS_LABEL] ?? "search.any")}</span>
          <span className="hint">
            {" "}
            {base === "/desk/tickets" ? `${hit.organisationName} · ` : ""}
            {hit.productName ? `${hit.productName} · ` : ""}
            {date(hit.createdAt)}
          </span>
          <Snippet className="kb-snippet" text={hit.snippet} />
        </li>
      ))}
    </ul>
  );
}
