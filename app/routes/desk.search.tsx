import { pageTitle } from "~/utils/i18n";
import { redirect, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useI18n } from "~/components/i18n";
import kbStyles from "../components/knowledge/kb.css?url";
import { TicketHits, TicketSearchForm } from "~/components/knowledge/ticket-search";
import { deskSearch, productChoices } from "~/modules/knowledge/search.server";
import { ticketSearchFiltersSchema } from "~/modules/knowledge/schemas";
import { requirePermission } from "~/modules/accounts/auth.server";
import { handleAppError } from "~/utils/errors.server";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "title.search") }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: kbStyles }];

/** The desk search box's results: a ticket number jumps straight to the ticket. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:ticket:any");
  const filters = ticketSearchFiltersSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  try {
    const [result, products] = await Promise.all([deskSearch(user, filters), productChoices()]);
    if (result.kind === "jump") throw redirect(result.to);
    return { filters, result, products };
  } catch (error) {
    if (error instanceof Response) throw error;
    handleAppError(error);
    throw error;
  }
}

/** The same search over every date (the page first ranks only the newest matches). */
function allDates(filters: Record<string, string | undefined>): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value) params.set(key, value);
  params.set("all", "1");
  return params;
}

export default function DeskSearch() {
  const { filters, result, products } = useLoaderData<typeof loader>();
  const { t, date } = useI18n();
  const organisationName = result.organisations.find((o) => o.id === filters.organisationId)?.name ?? null;
  return (
    <>
      <h1>{filters.q ? t("search.resultsFor", { q: filters.q }) : t("search.title")}</h1>
      <TicketSearchForm action="/desk/search" filters={filters} products={products} organisationName={organisationName} />
      {result.licences.length > 0 ? (
        <section className="search-section" aria-labelledby="found-licences">
          <h2 id="found-licences">{t("search.licences")}</h2>
          <ul>
            {result.licences.map((l) => (
              <li key={l.id}>
                <Link to={`/desk/licences/${l.id}`}>{l.key}</Link> — {l.productName}, {l.organisationName}
                {l.host ? ` (${l.host})` : ""}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {result.organisations.length > 0 ? (
        <section className="search-section" aria-labelledby="found-organisations">
          <h2 id="found-organisations">{t("search.organisations")}</h2>
          <ul>
            {result.organisations.map((o) => (
              <li key={o.id}>
                <Link to={`/desk/organisations/${o.id}`}>{o.name}</Link>
                {o.taxId ? <span className="hint"> · {t("search.taxId", { taxId: o.taxId })}</span> : null} ·{" "}
                <Link to={`/desk/search?${new URLSearchParams({ q: filters.q, organisationId: o.id })}`}>{t("search.ticketsOf")}</Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {result.contacts.length > 0 ? (
        <section className="search-section" aria-labelledby="found-contacts">
          <h2 id="found-contacts">{t("search.contacts")}</h2>
          <ul>
            {result.contacts.map((c) => (
              <li key={c.id}>
                {c.name} &lt;{c.email}&gt;{c.phone ? ` · ${c.phone}` : ""}
                {c.organisationId ? (
                  <>
                    {" · "}
                    <Link to={`/desk/organisations/${c.organisationId}`}>{c.organisationName}</Link>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {filters.q ? (
        <section className="search-section" aria-labelledby="found-tickets">
          <h2 id="found-tickets">{t("search.tickets")}</h2>
          {result.recentSince ? (
            <p className="hint">
              {t("search.recentOnly", { date: date(result.recentSince) })}{" "}
              <Link to={`/desk/search?${allDates(filters)}`}>{t("search.allDates")}</Link>
            </p>
          ) : null}
          <TicketHits hits={result.tickets} base="/desk/tickets" />
        </section>
      ) : null}
    </>
  );
}
