/**
 * Bench section `tickets`: 200 000 tickets and 1 000 000 messages (plus their events) seeded
 * on PostgreSQL with INSERT … SELECT generate_series; reports p50/p95 of the engineer queue
 * page and of the ticket pages (their loaders' use cases, as the routes call them), and how
 * many addBusinessMinutes calls a second the SLA arithmetic does (also alone: the `sla` section).
 *
 * Needs PostgreSQL: BENCH_DATABASE_URL (or TEST_DATABASE_URL) is an admin URL; a scratch
 * database keydesk_bench_tickets_<pid> is created and dropped. BENCH_TICKETS / BENCH_MESSAGES
 * resize the data set. Run alone: `node --import tsx tests/bench/tickets.bench.ts`.
 */
import { pathToFileURL } from "node:url";
import postgres from "postgres";
import { eq } from "drizzle-orm";
import { supportPlans } from "#db/schema";
import { calendarsByIds, ensureSlaDefaults } from "~/modules/sla/plans.server";
import { customerTicketView } from "~/modules/tickets/customer.server";
import { staffChoices, staffTicketView } from "~/modules/tickets/desk.server";
import type { QueueFilters } from "~/modules/tickets/queue-filters";
import { measureSlaArithmetic, printSlaArithmetic } from "./sla.bench";
import { foldQueueCounts, queueCounts } from "~/modules/tickets/queue-counts.server";
import { listQueue, queueFilterChoices } from "~/modules/tickets/queue.server";
import { runBulk } from "~/modules/tickets/bulk.server";
import { migrateDatabase, openPostgres, useDatabase, type DatabaseHandle } from "~/utils/db.server";

type Metric = { metric: string; runs: number; "p50 ms": number; "p95 ms": number; "max ms": number };

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export async function measure(metric: string, runs: number, fn: (i: number) => Promise<unknown>): Promise<Metric> {
  for (let i = 0; i < 10; i++) await fn(i); // warm-up
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn(i);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 10) / 10;
  return { metric, runs, "p50 ms": round(percentile(times, 50)), "p95 ms": round(percentile(times, 95)), "max ms": round(times.at(-1)!) };
}

export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

export async function seed(handle: DatabaseHandle, ticketCount: number, messagesPerTicket: number) {
  await ensureSlaDefaults();
  const [plan] = await handle.db.select().from(supportPlans).where(eq(supportPlans.isDefault, true));
  const q = (text: string) => handle.exec(text);
  const planId = plan!.id;
  await q(`
    insert into organisations (name) select 'Bench org ' || g from generate_series(1, 2000) g;
    insert into products (slug, name, list_price_minor, currency) select 'bench-' || g, 'Bench module ' || g, 1200000, 'RUB' from generate_series(1, 20) g;
    insert into users (email, name, role, organisation_id)
      select 'bench-customer-' || row_number() over () || '@example.com', 'Customer ' || o.name, 'customer', o.id from organisations o;
    insert into users (email, name, role) select 'bench-engineer-' || g || '@example.com', 'Engineer ' || g, 'engineer' from generate_series(1, 20) g;
    insert into licences (key_canonical, product_id, organisation_id, first_activated_at, support_until, production_host)
      select md5(o.id::text || p.id::text), p.id, o.id, now() - interval '100 days', now() + interval '265 days', 'shop-' || left(o.id::text, 8) || '.ru'
      from organisations o cross join lateral (select id from products order by random() limit 2) p;
  `);
  // Tickets: about 10 % active (new/open/pending/on hold), the rest solved or closed, over three years.
  await q(`
    create temporary table bench_orgs as select row_number() over (order by id) as n, id from organisations;
    create temporary table bench_engineers as select row_number() over (order by id) as n, id from users where role = 'engineer';
    create temporary table bench_licences as select row_number() over (order by id) as n, id, product_id, organisation_id from licences;
    insert into tickets (organisation_id, licence_id, product_id, requester_id, assignee_id, plan_id, type, status, priority, subject, description,
                         sla_due_at, sla_warn_at, sla_state, created_at, updated_at, solved_at, closed_at)
    select l.organisation_id, l.id, l.product_id, u.id,
           case when g % 3 = 0 then null else e.id end,
           '${planId}',
           (array['question','bug_report','paid_service','billing'])[1 + g % 4]::ticket_type,
           s.status::ticket_status,
           (array['low','normal','normal','high','urgent'])[1 + g % 5]::ticket_priority,
           'Bench ticket ' || g || ': checkout error after update',
           'Description of bench ticket ' || g,
           case when s.status in ('new','open','on_hold') then now() + ((g % 7200) - 1200) * interval '1 minute' end,
           case when s.status in ('new','open','on_hold') then now() + ((g % 7200) - 1500) * interval '1 minute' end,
           case when s.status = 'pending' then 'paused' when s.status in ('new','open','on_hold') then 'ok' else 'none' end::sla_state,
           c.created_at, c.created_at,
           case when s.status in ('solved','closed') then c.created_at + interval '2 days' end,
           case when s.status = 'closed' then c.created_at + interval '9 days' end
    from generate_series(1, ${ticketCount}) g
    join bench_licences l on l.n = 1 + g % (select count(*) from bench_licences)
    join users u on u.organisation_id = l.organisation_id and u.role = 'customer'
    join bench_engineers e on e.n = 1 + g % 20
    cross join lateral (select case when g % 100 < 3 then 'new' when g % 100 < 6 then 'open' when g % 100 < 8 then 'pending'
                                    when g % 100 < 10 then 'on_hold' when g % 100 < 15 then 'solved' else 'closed' end as status) s
    cross join lateral (select now() - (g % 1095) * interval '1 day' - (g % 600) * interval '1 minute' as created_at) c;
  `);
  await q(`
    insert into ticket_events (ticket_id, type, at, data)
      select id, 'created', created_at, jsonb_build_object('priority', priority) from tickets;
    insert into ticket_messages (ticket_id, author_id, from_staff, visibility, body, created_at)
      select t.id, case when m % 2 = 0 then coalesce(t.assignee_id, t.requester_id) else t.requester_id end, m % 2 = 0,
             case when m = 4 then 'internal' else 'public' end::message_visibility,
             'Message ' || m || ' on ticket ' || t.number || '. ' || repeat('Some words of a realistic reply. ', 6),
             t.created_at + m * interval '30 minutes'
      from tickets t cross join generate_series(1, ${messagesPerTicket}) m;
    insert into ticket_events (ticket_id, type, at, actor_id)
      select m.ticket_id,
             case when not m.from_staff then 'customer_message' when m.visibility = 'internal' then 'internal_note' else 'staff_public_reply' end::ticket_event_type,
             m.created_at, m.author_id
      from ticket_messages m;
  `);
  // The statement triggers appended one delta per key; the minute job would fold them.
  await foldQueueCounts();
  await q(`vacuum analyze`);
}

/** The queue counts as they were read before the counters (docs/decisions/095): one pass over the active tickets. */
function countsByScan(handle: DatabaseHandle, actorId: string) {
  const now = new Date().toISOString();
  return handle.query(
    `select count(*) as open, count(*) filter (where assignee_id is null) as unassigned, count(*) filter (where assignee_id = $1) as mine,
            count(*) filter (where sla_warn_at <= $2::timestamptz and sla_due_at > $2::timestamptz) as breaching,
            count(*) filter (where sla_due_at <= $2::timestamptz) as breached,
            count(*) filter (where status = 'pending') as pending, count(*) filter (where status = 'on_hold') as on_hold
       from tickets where status in ('new', 'open', 'pending', 'on_hold')`,
    [actorId, now],
  );
}

export async function runTicketsBench(options: { tickets?: number; messages?: number } = {}) {
  const adminUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    console.log("\n== tickets ==\n  skipped: set BENCH_DATABASE_URL (or TEST_DATABASE_URL) to a PostgreSQL admin URL");
    return;
  }
  const ticketCount = options.tickets ?? Number(process.env.BENCH_TICKETS ?? 200_000);
  const messageCount = options.messages ?? Number(process.env.BENCH_MESSAGES ?? 1_000_000);
  const messagesPerTicket = Math.max(1, Math.round(messageCount / ticketCount));
  const name = `keydesk_bench_tickets_${process.pid}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists ${name}`);
  await admin.unsafe(`create database ${name}`);
  const url = withDatabase(adminUrl, name);
  const handle = openPostgres(url, 10);
  try {
    await migrateDatabase(handle, url);
    useDatabase(handle);
    const seedStarted = performance.now();
    await seed(handle, ticketCount, messagesPerTicket);
    const seedSeconds = (performance.now() - seedStarted) / 1000;
    const [counts] = await handle.query<{ tickets: string; messages: string; events: string; active: string }>(
      `select (select count(*) from tickets) as tickets, (select count(*) from ticket_messages) as messages,
              (select count(*) from ticket_events) as events,
              (select count(*) from tickets where status in ('new','open','pending','on_hold')) as active`,
    );
    const [engineerRow] = await handle.query<{ id: string }>(`select id from users where role = 'engineer' order by email limit 1`);
    const engineer = { id: engineerRow!.id, role: "engineer" as const, organisationId: null, isPrimaryContact: false };
    const numbers = await handle.query<{ number: number; requester_id: string; organisation_id: string }>(
      `select number, requester_id, organisation_id from tickets order by random() limit 400`,
    );
    const products = await handle.query<{ id: string }>(`select id from products limit 5`);

    // The queue page's loader: one page of a queue, the counts, the filter choices, staff, calendars.
    const queueVariants: Array<{ filters: QueueFilters; paged?: boolean }> = [
      { filters: { queue: "open" } },
      { filters: { queue: "unassigned" } },
      { filters: { queue: "mine" } },
      { filters: { queue: "breaching" } },
      { filters: { queue: "pending" } },
      { filters: { queue: "open", priority: "urgent" } },
      { filters: { queue: "open", productId: products[0]!.id } },
      { filters: { queue: "open" }, paged: true },
      { filters: { queue: "all", q: "#150000" } },
    ];
    const pageTwoCursors = new Map<number, Awaited<ReturnType<typeof listQueue>>["next"]>();
    const queuePage = async (i: number) => {
      const variantIndex = Math.abs(i) % queueVariants.length;
      const variant = queueVariants[variantIndex]!;
      let after = null;
      if (variant.paged) {
        if (!pageTwoCursors.has(variantIndex)) pageTwoCursors.set(variantIndex, (await listQueue(engineer, variant.filters)).next);
        after = pageTwoCursors.get(variantIndex) ?? null;
      }
      const now = new Date();
      const [page] = await Promise.all([
        listQueue(engineer, variant.filters, { after, now }),
        queueCounts(engineer, now),
        queueFilterChoices(engineer),
        staffChoices(engineer),
      ]);
      await calendarsByIds(page.rows.map((r) => r.calendarId));
    };
    const staffPage = (i: number) => staffTicketView(engineer, numbers[Math.abs(i) % numbers.length]!.number, { locale: "en", timeZone: "Europe/Moscow" });
    const customerPage = (i: number) => {
      const row = numbers[Math.abs(i) % numbers.length]!;
      return customerTicketView({ id: row.requester_id, role: "customer", organisationId: row.organisation_id, isPrimaryContact: true }, row.number);
    };

    const metrics = [
      await measure("engineer queue page (loader use cases)", 300, queuePage),
      await measure("  queue list only: all open, first page", 300, () => listQueue(engineer, { queue: "open" })),
      await measure("  queue counts only (counters)", 300, () => queueCounts(engineer)),
      await measure("  queue counts by count(*) (before: for comparison)", 100, () => countsByScan(handle, engineer.id)),
      await measure("engineer ticket page (workspace loader)", 300, staffPage),
      await measure("customer ticket page (loader)", 300, customerPage),
      await measure("  queue list sorted by creation, newest first", 100, () => listQueue(engineer, { queue: "open" }, { sort: { key: "created", dir: "desc" } })),
      await measure("  queue list sorted by organisation", 100, () => listQueue(engineer, { queue: "open" }, { sort: { key: "organisation", dir: "asc" } })),
    ];

    // A bulk status change on 500 tickets (ADR 172): each through setTicketStatus, its own transaction.
    const bulkNumbers = await handle.query<{ number: number }>(`select number from tickets where status in ('new', 'open') order by number limit 500`);
    const bulkStarted = performance.now();
    const bulk = await runBulk(engineer, "status", { status: "pending" }, { numbers: bulkNumbers.map((r) => r.number) });
    const bulkMs = performance.now() - bulkStarted;

    const slaRates = measureSlaArithmetic();

    const plan = await handle.query<{ "QUERY PLAN": string }>(
      `explain select id from tickets where status in ('new', 'open', 'pending', 'on_hold') order by sla_due_at asc nulls last, id asc limit 51`,
    );

    console.log(`\n== tickets ==`);
    console.log(`  data: ${counts!.tickets} tickets (${counts!.active} active), ${counts!.messages} messages, ${counts!.events} ticket events; seeded in ${seedSeconds.toFixed(1)} s`);
    console.log(`  queue plan: ${plan.map((r) => r["QUERY PLAN"].trim()).slice(0, 3).join(" / ")}`);
    console.table(metrics);
    console.log(`  bulk status change on ${bulkNumbers.length} tickets: ${bulkMs.toFixed(0)} ms (${bulk.changed.length} changed, ${bulk.failed.length} could not)`);
    printSlaArithmetic(slaRates);
  } finally {
    useDatabase(null);
    await handle.close();
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  runTicketsBench().catch((error) => {
    console.error(error);
    process.exitCode = 1;
  });
}
