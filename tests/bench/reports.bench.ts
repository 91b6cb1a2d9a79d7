/**
 * Bench section `reports`: every report's use case on the tickets bench data set (200 000
 * tickets / 1 000 000 messages on PostgreSQL) plus the reports' summary rows: one or two SLA
 * cycles per ticket in sla_cycles (what the SLA module keeps), a time entry per tenth ticket and
 * a paid order per licence. Reports p50/p95 per report for the default period (30 days) and for
 * 12 months. Needs BENCH_DATABASE_URL (or TEST_DATABASE_URL); BENCH_TICKETS / BENCH_MESSAGES resize.
 * BENCH_KEEP_DATABASE=1 keeps the filled database (its name is printed) for EXPLAIN ANALYZE;
 * BENCH_REUSE_DATABASE=<that name> measures on it again without seeding (after migrating it).
 */
import { pathToFileURL } from "node:url";
import postgres from "postgres";
import { parseReportFilters } from "~/modules/reports/filters";
import { runReport, REPORT_NAMES } from "~/modules/reports/reports.server";
import { migrateDatabase, openPostgres, useDatabase } from "~/utils/db.server";
import { measure, seed, withDatabase } from "./tickets.bench";

async function seedReports(handle: ReturnType<typeof openPostgres>) {
  await handle.exec(`
    insert into sla_cycles (ticket_id, clock, cycle_started_at, target_minutes, elapsed_minutes, fulfilled_at, breached, settled_at,
                            priority, plan_id, product_id, organisation_id, assignee_id)
      select id, 'first_response', created_at, 240, (number % 300)::float8, created_at + interval '30 minutes', number % 300 > 240,
             created_at + interval '30 minutes', priority, plan_id, product_id, organisation_id, assignee_id from tickets;
    insert into sla_cycles (ticket_id, clock, cycle_started_at, target_minutes, elapsed_minutes, fulfilled_at, breached, settled_at,
                            priority, plan_id, product_id, organisation_id, assignee_id)
      select id, 'next_response', created_at + interval '1 hour', 480, (number % 600)::float8, created_at + interval '2 hours', number % 600 > 480,
             created_at + interval '2 hours', priority, plan_id, product_id, organisation_id, assignee_id from tickets where number % 2 = 0;
    insert into time_entries (ticket_id, organisation_id, engineer_id, source, started_at, minutes, free_minutes, prepaid_minutes, billable_minutes)
      select id, organisation_id, assignee_id, 'manual', created_at + interval '1 hour', 30, 15, 5, 10 from tickets where number % 10 = 0 and assignee_id is not null;
    insert into support_entries (licence_id, kind, recorded_at) select id, 'initial', first_activated_at from licences;
    insert into orders (kind, status, method, organisation_id, buyer_email, product_id, licence_id, list_price_minor, percentage, amount_minor, currency, paid_at)
      select 'renewal', 'paid', case when random() < 0.5 then 'card' else 'invoice' end::payment_method, organisation_id, 'buyer@example.com', product_id, id,
             1200000, 50, 600000, 'RUB', now() - (random() * 365) * interval '1 day' from licences;
  `);
  // A live database is vacuumed by autovacuum; the freshly seeded one is vacuumed here so the
  // covering indexes are read the way they are in steady state (index-only, no heap visits).
  await handle.exec("vacuum analyze");
}

export async function runReportsBench() {
  const adminUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    console.log("\n== reports ==\n  skipped: set BENCH_DATABASE_URL (or TEST_DATABASE_URL) to a PostgreSQL admin URL");
    return;
  }
  const ticketCount = Number(process.env.BENCH_TICKETS ?? 200_000);
  const messagesPerTicket = Math.max(1, Math.round(Number(process.env.BENCH_MESSAGES ?? 1_000_000) / ticketCount));
  const reuse = process.env.BENCH_REUSE_DATABASE;
  const name = reuse ?? `keydesk_bench_reports_${process.pid}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  if (!reuse) {
    await admin.unsafe(`drop database if exists ${name}`);
    await admin.unsafe(`create database ${name}`);
  }
  const url = withDatabase(adminUrl, name);
  const handle = openPostgres(url, 10);
  try {
    await migrateDatabase(handle, url);
    useDatabase(handle);
    const started = performance.now();
    if (!reuse) {
      await seed(handle, ticketCount, messagesPerTicket);
      await seedReports(handle);
    } else await handle.exec("vacuum analyze");
    const seconds = (performance.now() - started) / 1000;
    const [lead] = await handle.query<{ id: string }>(
      `insert into users (email, name, role) values ('bench-lead@example.com', 'Lead', 'team_lead') on conflict (email) do update set name = excluded.name returning id`,
    );
    const actor = { id: lead!.id, role: "team_lead" as const, organisationId: null, isPrimaryContact: false };
    const now = new Date();
    const text = (key: string) => key;
    const metrics = [];
    for (const report of REPORT_NAMES) {
      for (const period of ["30d", "12m"]) {
        const filters = parseReportFilters(new URLSearchParams({ period }), "Europe/Moscow", now);
        metrics.push(await measure(`${report} (${period})`, 20, () => runReport(actor, report, filters, now, text, "en")));
      }
    }
    const [counts] = await handle.query<{ tickets: number; cycles: number; messages: number }>(
      `select (select count(*)::int from tickets) as tickets, (select count(*)::int from sla_cycles) as cycles, (select count(*)::int from ticket_messages) as messages`,
    );
    console.log(`\n== reports ==`);
    console.log(`  data: ${counts!.tickets} tickets, ${counts!.messages} messages, ${counts!.cycles} SLA cycles; seeded in ${seconds.toFixed(1)} s`);
    console.table(metrics);
  } finally {
    useDatabase(null);
    await handle.close();
    if (process.env.BENCH_KEEP_DATABASE === "1" || reuse) console.log(`  kept database ${name}`);
    else await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  runReportsBench().catch((error) => {
    console.error(error);
    process.exitCode = 1;
  });
}
