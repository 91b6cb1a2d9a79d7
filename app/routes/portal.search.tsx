import { pageTitle } from "~/utils/i18n";
import { redirect, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useI18n } from "~/components/i18n";
import kbStyles from "../components/knowledge/kb.css?url";
import { TicketHits, TicketSearchForm } from "~/components/knowledge/ticket-search";
import { portalSearch, productChoices } from "~/modules/knowledge/search.server";
import { ticketSearchFiltersSchema } from "~/modules/knowledge/schemas";
import { requireCustomer } from "~/modules/accounts/auth.server";
import { handleAppError } from "~/utils/errors.server";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "title.search") }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: kbStyles }];

/** A customer searches their own organisation's tickets (never another's; never internal notes). */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireCustomer(request);
  const { organisationId: _ignored, ...filters } = ticketSearchFiltersSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  try {
    const [result, products] = await Promise.all([portalSearch(user, filters), productChoices()]);
    if (result.jump) throw redirect(result.jump);
    return { filters, tickets: result.tickets, products };
  } catch (error) {
    if (error instanceof Response) throw error;
    handleAppError(error);
    throw error;
  }
}

export default function PortalSearch() {
  const { filters, tickets, products } = useLoaderData<typeof loader>();
  const { t } = useI18n();
  return (
    <>
      <p>
        <Link to="/portal/tickets">← {t("tickets.title")}</Link>
      </p>
      <h1>{filters.q ? t("search.resultsFor", { q: filters.q }) : t("search.portalTitle")}</h1>
      <TicketSearchForm action="/portal/search" filters={filters} products={products} />
      {filters.q ? <TicketHits hits={tickets} base="/portal/tickets" /> : <p className="hint">{t("search.portalHint")}</p>}
      <p className="hint">
        {t("search.kbHint")} <Link to={`/kb?${new URLSearchParams({ q: filters.q })}`}>{t("kb.title")}</Link>
      </p>
    </>
  );
}
