import { and, asc, eq, ilike, inArray, or, sql, type SQL } from "drizzle-orm";
import { licences, organisations, products, tickets, users } from "#db/schema";
import { db, rowsOf } from "~/utils/db.server";
import { AppError } from "~/utils/errors.server";
import { can, isStaff, type Actor } from "../accounts/permissions";
import { formatLicenceKey } from "../licensing/licence-key";
import { HEADLINE_OPTIONS, webQuery } from "./articles.server";
import type { TicketSearchFilters } from "./schemas";
import { classifyDeskQuery } from "./search-query";

/**
 * One search box. On the desk: a ticket number jumps to the ticket; otherwise licences by
 * (part of) a key, organisations by name (typo-tolerant, pg_trgm) or tax ID, contacts by
 * email or phone, and the full text of tickets — subjects, descriptions and messages, with
 * internal notes for staff only — ranked, with highlighted snippets and filters. In the portal
 * a customer searches only their own organisation's tickets and public messages.
 */

export type TicketHit = {
  number: number;
  subject: string;
  status: string;
  organisationName: string;
  productName: string | null;
  createdAt: Date;
  snippet: string;
};

type Scope = { kind: "staff" } | { kind: "customer"; organisationId: string };

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
export const SEARCH_PAGE_SIZE = 20;

/**
 * How far back the desk's search box ranks first. At a million messages a common two-word query
 * matches ten thousand of them, and reading each to rank it is most of the time; so a staff search
 * without filters ranks the matches of the last RECENT_DAYS days, and ranks everything only when
 * those give less than a page of tickets (or when asked to: `all`).
 */
export const RECENT_DAYS = 30;
const DAY_MS = 86_400_000;

export type TicketSearch = { hits: TicketHit[]; /** Set when only the newest matches were ranked: their earliest date. */ recentSince: Date | null };

/** Full text over ticket subjects, descriptions and messages, best match first. */
export async function searchTickets(scope: Scope, filters: TicketSearchFilters, limit = SEARCH_PAGE_SIZE, now = new Date()): Promise<TicketSearch> {
  const text = filters.q.trim();
  if (!text) return { hits: [], recentSince: null };
  // Customers, and searches narrowed by a filter, rank what they match (the filter is the bound).
  const bounded = scope.kind === "staff" && !filters.all && !filters.from && !filters.to && !filters.organisationId && !filters.status && !filters.productId;
  if (bounded) {
    const since = new Date(now.getTime() - RECENT_DAYS * DAY_MS);
    const recent = await rankTickets(scope, filters, text, limit, since);
    if (recent.length >= limit) return { hits: await describeHits(scope, text, recent), recentSince: since };
  }
  return { hits: await describeHits(scope, text, await rankTickets(scope, filters, text, limit, null)), recentSince: null };
}

/** The ids of the best-matching tickets (messages and subject/description), optionally only matches since a date. */
async function rankTickets(scope: Scope, filters: TicketSearchFilters, text: string, limit: number, since: Date | null): Promise<string[]> {
  const query = webQuery(text);
  const ticketConditions: SQL[] = [];
  if (scope.kind === "customer") ticketConditions.push(eq(tickets.organisationId, scope.organisationId));
  else if (filters.organisationId) ticketConditions.push(eq(tickets.organisationId, filters.organisationId));
  if (filters.status) ticketConditions.push(eq(tickets.status, filters.status));
  if (filters.productId) ticketConditions.push(eq(tickets.productId, filters.productId));
  if (filters.from) ticketConditions.push(sql`${tickets.createdAt} >= ${filters.from}::date`);
  if (filters.to) ticketConditions.push(sql`${tickets.createdAt} < ${filters.to}::date + 1`);
  const ticketWhere = ticketConditions.length > 0 ? and(...ticketConditions)! : sql`true`;
  const publicOnly = scope.kind === "customer" ? sql`and m.visibility = 'public'` : sql``;
  const recentMessages = since ? sql`and m.created_at >= ${since.toISOString()}::timestamptz` : sql``;
  const recentTickets = since ? sql`and tickets.created_at >= ${since.toISOString()}::timestamptz` : sql``;

  // Matching messages and matching tickets (subject/description), best rank per ticket. Without
  // filters the messages are not joined to their tickets at all (at a million messages that join
  // is a third of the time); with a filter the planner may start from the few tickets it leaves.
  const filtered = ticketConditions.length > 0;
  const messageHits = filtered
    ? sql`select m.ticket_id, max(ts_rank(m.search_vector, q.query)) as rank
            from ticket_messages m join tickets on tickets.id = m.ticket_id, q
           where m.search_vector @@ q.query ${publicOnly} ${recentMessages} and ${ticketWhere}
           group by m.ticket_id`
    : sql`select m.ticket_id, max(ts_rank(m.search_vector, q.query)) as rank
            from ticket_messages m, q
           where m.search_vector @@ q.query ${publicOnly} ${recentMessages}
           group by m.ticket_id`;
  const ranked = await db.execute<{ ticket_id: string; rank: number }>(sql`
    with q as (select ${query} as query),
    hits as (
      ${messageHits}
      union all
      select tickets.id, ts_rank(tickets.search_vector, q.query) * 1.5
        from tickets, q
       where tickets.search_vector @@ q.query ${recentTickets} and ${ticketWhere}
    )
    select h.ticket_id, max(h.rank)::float8 as rank
      from hits h
     group by h.ticket_id
     order by rank desc, h.ticket_id
     limit ${limit}`);
  return rowsOf<{ ticket_id: string }>(ranked).map((r) => r.ticket_id);
}

/** The ranked tickets with what a result line shows, and the best matching message as the snippet. */
async function describeHits(scope: Scope, text: string, order: string[]): Promise<TicketHit[]> {
  if (order.length === 0) return [];
  const query = webQuery(text);
  const publicOnly = scope.kind === "customer" ? sql`and m.visibility = 'public'` : sql``;
  const [rows, messageSnippets] = await Promise.all([
    db
      .select({
        id: tickets.id,
        number: tickets.number,
        subject: tickets.subject,
        status: tickets.status,
        createdAt: tickets.createdAt,
        organisationName: organisations.name,
        productName: products.name,
        ticketSnippet: sql<string | null>`case when ${tickets.searchVector} @@ ${query} then ts_headline('russian', ${tickets.description}, ${query}, ${HEADLINE_OPTIONS}) end`,
      })
      .from(tickets)
      .innerJoin(organisations, eq(organisations.id, tickets.organisationId))
      .leftJoin(products, eq(products.id, tickets.productId))
      .where(inArray(tickets.id, order)),
    // The best message of each ticket gives the snippet (highlighted once, after choosing it).
    db.execute<{ ticket_id: string; snippet: string }>(sql`
      with q as (select ${query} as query),
      best as (
        select distinct on (m.ticket_id) m.ticket_id, m.body
          from ticket_messages m, q
         where m.ticket_id in (${sql.join(order.map((id) => sql`${id}::uuid`), sql`, `)}) and m.search_vector @@ q.query ${publicOnly}
         order by m.ticket_id, ts_rank(m.search_vector, q.query) desc, m.created_at)
      select best.ticket_id, ts_headline('russian', best.body, q.query, ${HEADLINE_OPTIONS}) as snippet from best, q`),
  ]);
  const snippetOf = new Map(rowsOf<{ ticket_id: string; snippet: string }>(messageSnippets).map((r) => [r.ticket_id, r.snippet]));
  const byId = new Map(rows.map((r) => [r.id, r]));
  return order.flatMap((id) => {
    const row = byId.get(id);
    if (!row) return [];
    const { id: _id, ticketSnippet, ...rest } = row;
    return [{ ...rest, snippet: snippetOf.get(id) ?? ticketSnippet ?? "" }];
  });
}

export type DeskSearchResult =
  | { kind: "jump"; to: string }
  | {
      kind: "results";
      q: string;
      tickets: TicketHit[];
      /** Only the newest matches were ranked (see RECENT_DAYS): since this date. */
      recentSince: Date | null;
      licences: Array<{ id: string; key: string; productName: string; organisationName: string; host: string | null }>;
      organisations: Array<{ id: string; name: string; taxId: string | null }>;
      contacts: Array<{ id: string; name: string; email: string; phone: string | null; organisationId: string | null; organisationName: string | null }>;
    };

export async function deskSearch(actor: Actor, filters: TicketSearchFilters): Promise<DeskSearchResult> {
  if (!isStaff(actor.role) || !can(actor, "read:ticket:any")) throw AppError.forbidden();
  const query = classifyDeskQuery(filters.q);
  const empty = { kind: "results" as const, q: filters.q, tickets: [], recentSince: null, licences: [], organisations: [], contacts: [] };
  if (query.kind === "empty") return empty;
  if (query.kind === "ticket_number") {
    const [ticket] = await db.select({ number: tickets.number }).from(tickets).where(eq(tickets.number, query.number)).limit(1);
    if (ticket) return { kind: "jump", to: `/desk/tickets/${ticket.number}` };
    return empty;
  }
  const like = `%${escapeLike(query.text)}%`;
  const [ticketHits, licenceRows, organisationRows, contactRows] = await Promise.all([
    searchTickets({ kind: "staff" }, { ...filters, q: query.text }),
    query.keyFragment
      ? db
          .select({ id: licences.id, keyCanonical: licences.keyCanonical, productName: products.name, organisationName: organisations.name, host: licences.productionHost })
          .from(licences)
          .innerJoin(products, eq(products.id, licences.productId))
          .innerJoin(organisations, eq(organisations.id, licences.organisationId))
          .where(sql`${licences.keyCanonical} like ${`%${escapeLike(query.keyFragment)}%`}`)
          .limit(5)
      : Promise.resolve([]),
    db
      .select({ id: organisations.id, name: organisations.name, taxId: organisations.taxId })
      .from(organisations)
      .where(or(ilike(organisations.name, like), sql`${organisations.name} % ${query.text}`, query.digits ? eq(organisations.taxId, query.digits) : sql`false`))
      .orderBy(sql`similarity(${organisations.name}, ${query.text}) desc`, asc(organisations.name))
      .limit(5),
    query.email || query.digits
      ? db
          .select({ id: users.id, name: users.name, email: users.email, phone: users.phone, organisationId: users.organisationId, organisationName: organisations.name })
          .from(users)
          .leftJoin(organisations, eq(organisations.id, users.organisationId))
          .where(
            or(
              query.email ? ilike(users.email, `%${escapeLike(query.email)}%`) : sql`false`,
              query.digits ? sql`regexp_replace(coalesce(${users.phone}, ''), '[^0-9]', '', 'g') like ${`%${query.digits.replace(/^8(?=\d{10}$)/, "7")}%`}` : sql`false`,
            ),
          )
          .orderBy(asc(users.email))
          .limit(5)
      : Promise.resolve([]),
  ]);
  // An exact key goes straight to its licence.
  if (licenceRows.length === 1 && query.keyFragment && licenceRows[0]!.keyCanonical === query.keyFragment) {
    return { kind: "jump", to: `/desk/licences/${licenceRows[0]!.id}` };
  }
  return {
    kind: "results",
    q: filters.q,
    tickets: ticketHits.hits,
    recentSince: ticketHits.recentSince,
    licences: licenceRows.map(({ keyCanonical, ...l }) => ({ ...l, key: safeFormatKey(keyCanonical) })),
    organisations: organisationRows,
    contacts: contactRows,
  };
}

function safeFormatKey(canonical: string): string {
  try {
    return formatLicenceKey(canonical);
  } catch {
    return canonical;
  }
}

/** Portal: the customer's own organisation's tickets only, public messages only. */
export async function portalSearch(actor: Actor, filters: TicketSearchFilters): Promise<{ jump: string | null; tickets: TicketHit[] }> {
  if (actor.role !== "customer" || !actor.organisationId || !can(actor, "read:ticket:own")) throw AppError.forbidden();
  const query = classifyDeskQuery(filters.q);
  if (query.kind === "empty") return { jump: null, tickets: [] };
  if (query.kind === "ticket_number") {
    const [ticket] = await db
      .select({ number: tickets.number })
      .from(tickets)
      .where(and(eq(tickets.number, query.number), eq(tickets.organisationId, actor.organisationId)))
      .limit(1);
    return { jump: ticket ? `/portal/tickets/${ticket.number}` : null, tickets: [] };
  }
  const found = await searchTickets({ kind: "customer", organisationId: actor.organisationId }, { ...filters, organisationId: undefined, q: query.text });
  return { jump: null, tickets: found.hits };
}

/** Products to filter by or to attach to an article. */
export async function productChoices() {
  return db.select({ id: products.id, name: products.name }).from(products).orderBy(asc(products.name)).limit(200);
}
