import { and, asc, eq, gt, gte, inArray, isNotNull, isNull, lte, ne, sql } from "drizzle-orm";
import { businessCalendars, licences, organisations, products, renewalReminders, supportEntries, supportPlans, users } from "#db/schema";
import { db } from "~/utils/db.server";
import { calendarValue } from "../sla/plans.server";
import { DEFAULT_MOSCOW_CALENDAR } from "../sla/defaults";
import type { BusinessCalendar } from "../sla/business-hours";
import { renewalPrice } from "../licensing/renewal-pricing";
import { formatLicenceKey } from "../licensing/licence-key";
import { AGE_BUCKETS, ageBoundaries, type AgeBucket } from "./backlog";
import { bucketOf, bucketsBetween, type ReportFilters } from "./filters";
import { expiryWindow, renewalCounts, RENEWAL_OUTCOMES, termEnds, type RenewalOutcome } from "./renewals";
import { Params, bucketSql, num, rows, ticketFilterSql } from "./sql.server";
import { percent } from "./stats";
import type { Cell, ReportResult } from "./tables";
import { getSettings } from "~/modules/settings/settings.server";

type Text = (key: string) => string;
const ACTIVE = `('new', 'open', 'pending', 'on_hold')`;
export const ACTIVE_STATUSES = ["new", "open", "pending", "on_hold"] as const;

/** Names for ids shown in reports and the filter choices (products, engineers, plans, organisations). */
export async function reportNames() {
  const [productRows, staffRows, planRows, orgRows] = await Promise.all([
    db.select({ id: products.id, name: products.name }).from(products).orderBy(asc(products.name)),
    db
      .select({ id: users.id, name: users.name, role: users.role, deactivatedAt: users.deactivatedAt })
      .from(users)
      .where(ne(users.role, "customer"))
      .orderBy(asc(users.name)),
    db.select({ id: supportPlans.id, name: supportPlans.name }).from(supportPlans),
    db.select({ id: organisations.id, name: organisations.name }).from(organisations).orderBy(asc(organisations.name), asc(organisations.id)).limit(1000),
  ]);
  return {
    products: new Map(productRows.map((r) => [r.id, r.name])),
    engineers: new Map(staffRows.map((r) => [r.id, r.name])),
    plans: new Map(planRows.map((r) => [r.id, r.name])),
    choices: {
      products: productRows,
      engineers: staffRows.filter((r) => !r.deactivatedAt && (r.role === "engineer" || r.role === "team_lead")).map(({ id, name }) => ({ id, name })),
      organisations: orgRows,
    },
  };
}
export type ReportNames = Awaited<ReturnType<typeof reportNames>>;

/** The default plan's calendar (backlog ages are counted on it). */
export async function defaultCalendar(): Promise<BusinessCalendar> {
  const [row] = await db
    .select({ calendar: businessCalendars })
    .from(supportPlans)
    .innerJoin(businessCalendars, eq(businessCalendars.id, supportPlans.calendarId))
    .where(eq(supportPlans.isDefault, true))
    .limit(1);
  return row ? calendarValue(row.calendar) : DEFAULT_MOSCOW_CALENDAR;
}

// ---------------------------------------------------------------------------------------------
// Backlog

export async function backlogFigures(filters: ReportFilters, now: Date, calendar: BusinessCalendar) {
  const bounds = ageBoundaries(now, calendar);
  const p = new Params();
  const b1 = p.add(bounds.lt1From.toISOString());
  const b3 = p.add(bounds.lt3From.toISOString());
  const b10 = p.add(bounds.lt10From.toISOString());
  const where = ticketFilterSql("t", filters, p);
  const open = await rows<{ dim: string; key: string | null; bucket: AgeBucket; n: number }>(
    `select case when grouping(t.status) = 0 then 'status' when grouping(t.product_id) = 0 then 'product' when grouping(t.assignee_id) = 0 then 'engineer' else 'all' end as dim,
            coalesce(t.status::text, t.product_id::text, t.assignee_id::text) as key,
            case when t.created_at > ${b1}::timestamptz then 'lt1' when t.created_at > ${b3}::timestamptz then '1to3'
                 when t.created_at > ${b10}::timestamptz then '3to10' else 'gt10' end as bucket,
            count(*)::int as n
       from tickets t
      where t.status in ${ACTIVE}${where}
      group by grouping sets ((bucket), (bucket, t.status), (bucket, t.product_id), (bucket, t.assignee_id))`,
    p,
    { analytic: true },
  );
  const trend = (column: "created_at" | "solved_at") => {
    const q = new Params();
    const from = q.add(filters.from.toISOString());
    const to = q.add(filters.to.toISOString());
    const bucket = bucketSql(`t.${column}`, filters, q);
    const scope = ticketFilterSql("t", filters, q);
    return rows<{ bucket: string; n: number }>(
      `select ${bucket} as bucket, count(*)::int as n from tickets t where t.${column} >= ${from}::timestamptz and t.${column} < ${to}::timestamptz${scope} group by 1`,
      q,
    );
  };
  const [created, solved, siteDown] = await Promise.all([trend("created_at"), trend("solved_at"), siteDownByOrganisation(filters)]);
  return {
    siteDown,
    bounds,
    open: open.map((r) => ({ ...r, n: num(r.n) })),
    created: new Map(created.map((r) => [r.bucket, num(r.n)])),
    solved: new Map(solved.map((r) => [r.bucket, num(r.n)])),
  };
}

/**
 * "Site is down" flags on tickets filed in the period, by organisation: how many were flagged
 * and how many of those staff cleared as misuse (SPEC §3: misuse is visible).
 */
async function siteDownByOrganisation(filters: ReportFilters) {
  const p = new Params();
  const from = p.add(filters.from.toISOString());
  const to = p.add(filters.to.toISOString());
  const scope = ticketFilterSql("t", filters, p);
  const found = await rows<{ name: string; flagged: number; cleared: number }>(
    `select o.name, count(*)::int as flagged, count(t.site_down_cleared_at)::int as cleared
       from tickets t join organisations o on o.id = t.organisation_id
      where (t.site_down or t.site_down_cleared_at is not null)
        and t.created_at >= ${from}::timestamptz and t.created_at < ${to}::timestamptz${scope}
      group by o.id, o.name
      order by flagged desc, o.name`,
    p,
  );
  return found.map((r) => ({ name: r.name, flagged: num(r.flagged), cleared: num(r.cleared) }));
}

export function backlogReport(f: Awaited<ReturnType<typeof backlogFigures>>, names: ReportNames, filters: ReportFilters, text: Text): ReportResult {
  const bucketHeaders = AGE_BUCKETS.map((b) => `reports.age.${b}`);
  const grid = (dim: string, label: (key: string | null) => string, order?: string[]) => {
    const lines = f.open.filter((r) => r.dim === dim);
    const keys = [...new Set(lines.map((r) => r.key))];
    if (order) keys.sort((a, b) => order.indexOf(a ?? "") - order.indexOf(b ?? ""));
    else keys.sort((a, b) => label(a).localeCompare(label(b)));
    return keys.map((key): Cell[] => {
      const counts = AGE_BUCKETS.map((bucket) => lines.find((r) => r.key === key && r.bucket === bucket)?.n ?? 0);
      return [label(key), ...counts, counts.reduce((a, b) => a + b, 0)];
    });
  };
  const totals = AGE_BUCKETS.map((bucket) => f.open.find((r) => r.dim === "all" && r.bucket === bucket)?.n ?? 0);
  const buckets = bucketsBetween(filters.from, filters.to, filters.groupBy, filters.timeZone);
  const columns = (first: string) => [first, ...bucketHeaders, "reports.total"];
  return {
    tables: [
      { name: "age", title: "reports.backlog.byAge", columns: ["reports.ageBucket", "reports.open"], rows: AGE_BUCKETS.map((b, i) => [text(`reports.age.${b}`), totals[i]!]) },
      { name: "status", title: "reports.backlog.byStatus", columns: columns("reports.status"), rows: grid("status", (k) => text(`ticket.status.${k}`), [...ACTIVE_STATUSES]) },
      { name: "product", title: "reports.backlog.byProduct", columns: columns("reports.product"), rows: grid("product", (k) => (k ? names.products.get(k) ?? "—" : text("reports.noProduct"))) },
      { name: "engineer", title: "reports.backlog.byEngineer", columns: columns("reports.engineer"), rows: grid("engineer", (k) => (k ? names.engineers.get(k) ?? "—" : text("reports.unassigned"))) },
      {
        name: "trend",
        title: "reports.backlog.trend",
        columns: ["reports.periodStart", "reports.created", "reports.solved"],
        rows: buckets.map((b) => [b, f.created.get(b) ?? 0, f.solved.get(b) ?? 0]),
      },
      {
        name: "siteDown",
        title: "reports.backlog.siteDown",
        columns: ["reports.organisation", "reports.siteDown.flagged", "reports.siteDown.cleared"],
        rows: f.siteDown.map((r): Cell[] => [r.name, r.flagged, r.cleared]),
        sortable: true,
      },
    ],
    charts: [
      { title: "reports.backlog.ageChart", kind: "bars", unit: "count", labels: AGE_BUCKETS.map((b) => text(`reports.age.${b}`)), series: [{ label: text("reports.open"), values: totals }] },
      {
        title: "reports.backlog.trendChart",
        kind: "lines",
        unit: "count",
        labels: buckets,
        series: [
          { label: text("reports.created"), values: buckets.map((b) => f.created.get(b) ?? 0) },
          { label: text("reports.solved"), values: buckets.map((b) => f.solved.get(b) ?? 0) },
        ],
      },
    ],
  };
}

// ---------------------------------------------------------------------------------------------
// Engineers

export async function engineerFigures(filters: ReportFilters) {
  const period = (p: Params) => ({ from: p.add(filters.from.toISOString()), to: p.add(filters.to.toISOString()) });
  const scope = (p: Params, alias = "t") => ticketFilterSql(alias, filters, p, { product: true, organisation: true });
  const a = new Params();
  const assigned = rows<{ id: string; n: number }>(`select t.assignee_id as id, count(*)::int as n from tickets t where t.status in ${ACTIVE} and t.assignee_id is not null${scope(a)} group by 1`, a, { analytic: true });
  const b = new Params();
  const pb = period(b);
  const ticketScope = scope(b);
  const replies = rows<{ id: string; n: number }>(
    `select m.author_id as id, count(*)::int as n from ticket_messages m ${ticketScope ? "join tickets t on t.id = m.ticket_id" : ""}
      where m.from_staff and m.visibility = 'public' and m.created_at >= ${pb.from}::timestamptz and m.created_at < ${pb.to}::timestamptz${ticketScope} group by 1`,
    b,
    { analytic: true },
  );
  const c = new Params();
  const pc = period(c);
  const solved = rows<{ id: string; n: number }>(
    `select t.assignee_id as id, count(*)::int as n from tickets t where t.solved_at >= ${pc.from}::timestamptz and t.solved_at < ${pc.to}::timestamptz and t.assignee_id is not null${scope(c)} group by 1`,
    c,
    { analytic: true },
  );
  const d = new Params();
  const pd = period(d);
  const timeScope = scope(d);
  const time = rows<{ id: string; free: number; prepaid: number; billable: number; not_charged: number }>(
    `select e.engineer_id as id, sum(e.free_minutes)::int as free, sum(e.prepaid_minutes)::int as prepaid, sum(e.billable_minutes)::int as billable, sum(e.not_charged_minutes)::int as not_charged
       from time_entries e ${timeScope ? "join tickets t on t.id = e.ticket_id" : ""}
      where e.deleted_at is null and e.started_at >= ${pd.from}::timestamptz and e.started_at < ${pd.to}::timestamptz${timeScope} group by 1`,
    d,
    { analytic: true },
  );
  const e = new Params();
  const pe = period(e);
  // The cycles carry their ticket's assignee, product and organisation: no join with tickets.
  const sla = rows<{ id: string; settled: number; met: number }>(
    `select c.assignee_id as id, count(*)::int as settled, (count(*) filter (where not c.breached))::int as met
       from sla_cycles c
      where c.settled_at >= ${pe.from}::timestamptz and c.settled_at < ${pe.to}::timestamptz and c.assignee_id is not null${scope(e, "c")} group by 1`,
    e,
    { analytic: true },
  );
  const [assignedRows, replyRows, solvedRows, timeRows, slaRows] = await Promise.all([assigned, replies, solved, time, sla]);
  const ids = new Set([...assignedRows, ...replyRows, ...solvedRows, ...timeRows, ...slaRows].map((r) => r.id));
  if (filters.engineerId) for (const id of [...ids]) if (id !== filters.engineerId) ids.delete(id);
  return [...ids].map((id) => {
    const t = timeRows.find((r) => r.id === id);
    const s = slaRows.find((r) => r.id === id);
    return {
      id,
      assignedOpen: num(assignedRows.find((r) => r.id === id)?.n),
      replies: num(replyRows.find((r) => r.id === id)?.n),
      solved: num(solvedRows.find((r) => r.id === id)?.n),
      free: num(t?.free),
      prepaid: num(t?.prepaid),
      billable: num(t?.billable),
      notCharged: num(t?.not_charged),
      slaSettled: num(s?.settled),
      slaMet: num(s?.met),
      slaCompliance: s ? percent(num(s.met), num(s.settled)) : null,
    };
  });
}

export function engineersReport(lines: Awaited<ReturnType<typeof engineerFigures>>, names: ReportNames): ReportResult {
  const named = lines.map((l) => ({ ...l, name: names.engineers.get(l.id) ?? "—" })).sort((a, b) => a.name.localeCompare(b.name));
  return {
    tables: [
      {
        name: "load",
        title: "reports.engineers.load",
        columns: ["reports.engineer", "reports.assignedOpen", "reports.replies", "reports.solved", "reports.time.free", "reports.time.prepaid", "reports.time.billable", "reports.time.notCharged", "reports.slaSettled", "reports.compliance"],
        rows: named.map((l) => [l.name, l.assignedOpen, l.replies, l.solved, { minutes: l.free }, { minutes: l.prepaid }, { minutes: l.billable }, { minutes: l.notCharged }, l.slaSettled, { percent: l.slaCompliance }]),
      },
    ],
    charts: [
      { title: "reports.engineers.solvedChart", kind: "bars", unit: "count", labels: named.map((l) => l.name), series: [{ label: "solved", values: named.map((l) => l.solved) }] },
    ],
  };
}

// ---------------------------------------------------------------------------------------------
// Renewals and revenue

export async function renewalFigures(filters: ReportFilters, now: Date) {
  const conditions = [gte(licences.supportUntil, filters.from), isNotNull(licences.firstActivatedAt), eq(products.free, false)];
  if (filters.productId) conditions.push(eq(licences.productId, filters.productId));
  if (filters.organisationId) conditions.push(eq(licences.organisationId, filters.organisationId));
  const candidates = await db
    .select({ id: licences.id, productId: licences.productId, firstActivatedAt: licences.firstActivatedAt })
    .from(licences)
    .innerJoin(products, eq(products.id, licences.productId))
    .where(and(...conditions));
  // The same licences as a subquery (not thousands of ids as parameters).
  const entries = candidates.length
    ? await db
        .select()
        .from(supportEntries)
        .where(inArray(supportEntries.licenceId, db.select({ id: licences.id }).from(licences).innerJoin(products, eq(products.id, licences.productId)).where(and(...conditions))))
    : [];
  const byLicence = new Map<string, typeof entries>();
  for (const e of entries) byLicence.set(e.licenceId, [...(byLicence.get(e.licenceId) ?? []), e]);
  const ends: Array<{ licenceId: string; productId: string; endedAt: Date; outcome: RenewalOutcome; renewalOrderId: string | null }> = [];
  for (const c of candidates) {
    const ledger = (byLicence.get(c.id) ?? []).map((e) => ({ id: e.id, kind: e.kind, orderId: e.orderId, recordedAt: e.recordedAt, days: e.days ?? undefined, reason: e.reason ?? undefined, removedAt: e.removedAt }));
    for (const end of termEnds(ledger, c.firstActivatedAt, now)) {
      if (end.outcome === "upcoming") continue;
      if (end.endedAt < filters.from || end.endedAt >= filters.to || end.endedAt > now) continue;
      ends.push({ licenceId: c.id, productId: c.productId, endedAt: end.endedAt, outcome: end.outcome, renewalOrderId: end.renewalOrderId });
    }
  }
  const p = new Params();
  const from = p.add(filters.from.toISOString());
  const to = p.add(filters.to.toISOString());
  const bucket = bucketSql("o.paid_at", filters, p, "month");
  const extra = [filters.productId ? ` and o.product_id = ${p.add(filters.productId)}::uuid` : "", filters.organisationId ? ` and o.organisation_id = ${p.add(filters.organisationId)}::uuid` : ""].join("");
  const revenue = await rows<{ bucket: string; product_id: string | null; method: string; kind: string; currency: string; orders: number; amount: number }>(
    `select ${bucket} as bucket, o.product_id, o.method::text as method, o.kind::text as kind, o.currency, count(*)::int as orders, sum(o.amount_minor)::bigint as amount
       from orders o where o.status = 'paid' and o.paid_at >= ${from}::timestamptz and o.paid_at < ${to}::timestamptz${extra}
      group by 1, 2, 3, 4, 5 order by 1, 2, 3, 4`,
    p,
  );
  return { ends, revenue: revenue.map((r) => ({ ...r, orders: num(r.orders), amount: num(r.amount) })) };
}

export function renewalsReport(f: Awaited<ReturnType<typeof renewalFigures>>, names: ReportNames, filters: ReportFilters, text: Text): ReportResult {
  const countRow = (label: string, outcomes: RenewalOutcome[]): Cell[] => {
    const c = renewalCounts(outcomes);
    return [label, c.ended, c.onTime, c.late, c.lapsed, { percent: c.rate }, { percent: c.onTimeRate }];
  };
  const columns = (first: string) => [first, "reports.renewals.ended", "reports.renewals.on_time", "reports.renewals.late", "reports.renewals.lapsed", "reports.renewals.rate", "reports.renewals.onTimeRate"];
  const productIds = [...new Set(f.ends.map((e) => e.productId))].sort((a, b) => (names.products.get(a) ?? "").localeCompare(names.products.get(b) ?? ""));
  const months = bucketsBetween(filters.from, filters.to, "month", filters.timeZone);
  const monthOf = (d: Date) => bucketOf(d, "month", filters.timeZone);
  const rateByMonth = months.map((m) => renewalCounts(f.ends.filter((e) => monthOf(e.endedAt) === m).map((e) => e.outcome)).rate);
  return {
    tables: [
      { name: "outcomes", title: "reports.renewals.outcomes", columns: columns("reports.scope"), rows: [countRow(text("reports.all"), f.ends.map((e) => e.outcome))] },
      { name: "product", title: "reports.renewals.byProduct", columns: columns("reports.product"), rows: productIds.map((id) => countRow(names.products.get(id) ?? "—", f.ends.filter((e) => e.productId === id).map((e) => e.outcome))) },
      { name: "month", title: "reports.renewals.byMonth", columns: columns("reports.month"), rows: months.map((m) => countRow(m, f.ends.filter((e) => monthOf(e.endedAt) === m).map((e) => e.outcome))) },
      {
        name: "revenue",
        title: "reports.renewals.revenue",
        columns: ["reports.periodStart", "reports.product", "reports.method", "reports.orderKind", "reports.orders", "reports.amount"],
        rows: f.revenue.map((r) => [r.bucket, r.product_id ? names.products.get(r.product_id) ?? "—" : text("reports.noProduct"), text(`reports.method.${r.method}`), text(`reports.kind.${r.kind}`), r.orders, { money: r.amount, currency: r.currency }]),
      },
    ],
    charts: [
      { title: "reports.renewals.rateChart", kind: "columns", unit: "percent", labels: months, series: [{ label: text("reports.renewals.rate"), values: rateByMonth }] },
    ],
    notes: { outcomes: RENEWAL_OUTCOMES.join(",") },
  };
}

// ---------------------------------------------------------------------------------------------
// Licences expiring

export async function expiringLicences(filters: ReportFilters, now: Date) {
  const until = new Date(now.getTime() + 90 * 86_400_000);
  const conditions = [gt(licences.supportUntil, now), lte(licences.supportUntil, until), eq(products.free, false), isNull(licences.revokedAt)];
  if (filters.productId) conditions.push(eq(licences.productId, filters.productId));
  if (filters.organisationId) conditions.push(eq(licences.organisationId, filters.organisationId));
  const list = await db
    .select({
      id: licences.id,
      key: licences.keyCanonical,
      supportUntil: licences.supportUntil,
      host: licences.productionHost,
      organisationId: organisations.id,
      organisationName: organisations.name,
      productName: products.name,
      listPriceMinor: products.listPriceMinor,
      currency: products.currency,
      lastReminderAt: sql<Date | null>`(select max(${renewalReminders.sentAt}) from ${renewalReminders} where ${renewalReminders.licenceId} = ${licences.id} and ${renewalReminders.supportUntil} = ${licences.supportUntil})`,
    })
    .from(licences)
    .innerJoin(products, eq(products.id, licences.productId))
    .innerJoin(organisations, eq(organisations.id, licences.organisationId))
    .where(and(...conditions))
    .orderBy(asc(licences.supportUntil), asc(licences.id))
    .limit(2000);
  const { renewalPercent } = (await getSettings()).renewals;
  return list.map((l) => ({
    ...l,
    key: formatLicenceKey(l.key),
    window: expiryWindow(l.supportUntil!, now)!,
    daysLeft: Math.ceil((l.supportUntil!.getTime() - now.getTime()) / 86_400_000),
    renewal: renewalPrice({ listPriceMinor: l.listPriceMinor, currency: l.currency, percentage: renewalPercent }),
    lastReminderAt: l.lastReminderAt ? new Date(l.lastReminderAt) : null,
  }));
}

export function expiringReport(list: Awaited<ReturnType<typeof expiringLicences>>, text: Text): ReportResult {
  const windows = [30, 60, 90] as const;
  return {
    tables: [
      {
        name: "windows",
        title: "reports.expiring.windows",
        columns: ["reports.expiring.within", "reports.licences", "reports.amount"],
        rows: windows.map((w) => {
          const inside = list.filter((l) => l.window === w);
          const currency = inside[0]?.currency ?? "RUB";
          return [text(`reports.expiring.days${w}`), inside.length, { money: inside.reduce((sum, l) => sum + l.renewal.amountMinor, 0), currency }];
        }),
      },
      {
        name: "licences",
        title: "reports.expiring.list",
        columns: ["reports.organisation", "reports.product", "reports.licenceKey", "reports.supportUntil", "reports.daysLeft", "reports.renewalPrice", "reports.lastReminder"],
        rows: list.map((l) => [l.organisationName, l.productName, l.key, { date: l.supportUntil!.toISOString() }, l.daysLeft, { money: l.renewal.amountMinor, currency: l.renewal.currency }, l.lastReminderAt ? { date: l.lastReminderAt.toISOString() } : null]),
      },
    ],
    charts: [],
    notes: { licenceIds: list.map((l) => l.id).join(",") },
  };
}
