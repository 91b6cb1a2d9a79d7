/**
 * Time by organisation, in the report frame: free, prepaid, billable and not-charged minutes by
 * organisation, engineer, ticket type and period, plus every prepaid balance as it stands now.
 *
 * An entry belongs to the days of the period as ITS organisation's calendar zone counts them (as
 * on the customer's monthly statement), so a month here and that month's statements always agree.
 * The engineer filter means who logged the time.
 */
import type { TicketType } from "../time-tracking/allowance";
import type { ReportFilters } from "./filters";
import { Params, num, rows } from "./sql.server";
import type { TimeFigures } from "./time-report";

/** The zone of an organisation whose plan has no calendar (as the statements count it). */
const FALLBACK_ZONE = "Europe/Moscow";
const DAY_MS = 86_400_000;

type FigureRow = {
  engineer_id: string;
  engineer_name: string;
  organisation_id: string;
  organisation_name: string;
  ticket_type: TicketType;
  rate: number;
  currency: string;
  bucket: string;
  free: number;
  prepaid: number;
  billable: number;
  not_charged: number;
};
type BalanceRow = { organisation_id: string; organisation_name: string; credited: number; drawn: number };


export async function timeFigures(filters: ReportFilters): Promise<TimeFigures> {
  const p = new Params();
  const zone = `coalesce(bc.definition->>'timeZone', ${p.add(FALLBACK_ZONE)})`;
  // Candidate window widened by a day each side for any zone offset; the exact day test is local.
  const from = p.add(new Date(filters.from.getTime() - DAY_MS).toISOString());
  const to = p.add(new Date(filters.to.getTime() + DAY_MS).toISOString());
  const firstDay = p.add(filters.fromDate);
  const lastDay = p.add(filters.toDate);
  const grouping = p.add(filters.groupBy);
  const scope: string[] = [];
  if (filters.productId) scope.push(`t.product_id = ${p.add(filters.productId)}::uuid`);
  if (filters.organisationId) scope.push(`e.organisation_id = ${p.add(filters.organisationId)}::uuid`);
  if (filters.engineerId) scope.push(`e.engineer_id = ${p.add(filters.engineerId)}::uuid`);
  const local = `(e.started_at at time zone ${zone})`;
  const figures = rows<FigureRow>(
    `select e.engineer_id, u.name as engineer_name, e.organisation_id, o.name as organisation_name, t.type::text as ticket_type,
            coalesce(ct.hourly_rate_minor, sp.hourly_rate_minor, 0)::int as rate, coalesce(ct.currency, sp.currency, 'RUB') as currency,
            to_char(date_trunc(${grouping}::text, ${local}), 'YYYY-MM-DD') as bucket,
            sum(e.free_minutes)::int as free, sum(e.prepaid_minutes)::int as prepaid,
            sum(e.billable_minutes)::int as billable, sum(e.not_charged_minutes)::int as not_charged
       from time_entries e
       join tickets t on t.id = e.ticket_id
       join users u on u.id = e.engineer_id
       join organisations o on o.id = e.organisation_id
       left join contracts ct on ct.organisation_id = o.id
       left join support_plans sp on sp.id = coalesce(o.plan_id, (select d.id from support_plans d where d.is_default order by d.created_at limit 1))
       left join business_calendars bc on bc.id = sp.calendar_id
      where e.deleted_at is null and e.started_at >= ${from}::timestamptz and e.started_at < ${to}::timestamptz
        and ${local}::date between ${firstDay}::date and ${lastDay}::date
        ${scope.map((s) => `and ${s}`).join(" ")}
      group by 1, 2, 3, 4, 5, 6, 7, 8`,
    p,
    { analytic: true },
  );
  const b = new Params();
  const balanceScope = filters.organisationId ? `where c.organisation_id = ${b.add(filters.organisationId)}::uuid` : "";
  const balances = rows<BalanceRow>(
    `with credited as (
       select c.organisation_id, sum(c.minutes)::int as credited from prepaid_credits c where c.removed_at is null group by 1
     )
     select c.organisation_id, o.name as organisation_name, c.credited,
            coalesce((select sum(e.prepaid_minutes) from time_entries e where e.organisation_id = c.organisation_id and e.deleted_at is null), 0)::int as drawn
       from credited c join organisations o on o.id = c.organisation_id ${balanceScope}
      order by o.name, c.organisation_id`,
    b,
  );
  const [figureRows, balanceRows] = await Promise.all([figures, balances]);
  const rates = new Map<string, { hourlyRateMinor: number; currency: string }>();
  const lines = figureRows.map((r) => {
    rates.set(r.organisation_id, { hourlyRateMinor: num(r.rate), currency: r.currency });
    return {
      engineerId: r.engineer_id,
      engineerName: r.engineer_name,
      organisationId: r.organisation_id,
      organisationName: r.organisation_name,
      ticketType: r.ticket_type,
      bucket: r.bucket,
      free: num(r.free),
      prepaid: num(r.prepaid),
      billable: num(r.billable),
      notCharged: num(r.not_charged),
    };
  });
  return {
    lines,
    rates,
    balances: balanceRows.map((r) => ({
      organisationId: r.organisation_id,
      organisationName: r.organisation_name,
      credited: num(r.credited),
      drawn: num(r.drawn),
      balance: Math.max(0, num(r.credited) - num(r.drawn)),
    })),
  };
}
