/**
 * Bench section `usage`: an organisation with 10 000 time entries (a year of consultations,
 * paid services and bug reports by five engineers, with prepaid purchases along the way) on a
 * fresh migrated embedded database; reports the p50/p95 of the customer usage page's use case,
 * the monthly CSV statement, the ticket counter, and a manual entry (which reflows the
 * organisation's history from the entry's ISO week on, under the organisation's lock).
 *
 * Run alone: `node --import tsx tests/bench/usage.bench.ts`. BENCH_USAGE_ENTRIES=… resizes the
 * data set; BENCH_USAGE_DATABASE_URL=postgres://… (an admin URL) runs it on a scratch database
 * of a PostgreSQL server instead of PGlite.
 */
import { randomUUID } from "node:crypto";
import { pathToFileURL } from "node:url";
import { DateTime } from "luxon";
import { businessCalendars, organisations, prepaidCredits, supportPlans, tickets, timeEntries, users } from "#db/schema";
import { DEFAULT_CALENDAR } from "~/modules/sla/business-hours";
import { STANDARD_PLAN_TARGETS } from "~/modules/sla/targets";
import { recomputeOrganisationAllocation } from "~/modules/time-tracking/allocation.server";
import { addManualEntry, getTicketTimeSummary } from "~/modules/time-tracking/entries.server";
import { getUsage, monthlyStatementCsv } from "~/modules/time-tracking/usage.server";
import postgres from "postgres";
import { migrateDatabase, openPglite, openPostgres, useDatabase, type Database, type DatabaseHandle } from "~/utils/db.server";

export type BenchMetric = { name: string; runs: number; p50: number; p95: number; max: number; unit: "ms" };
export type BenchSection = { section: string; notes: string[]; metrics: BenchMetric[] };

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function measure(name: string, runs: number, fn: (i: number) => Promise<unknown>): Promise<BenchMetric> {
  for (let i = 0; i < Math.min(5, runs); i++) await fn(-1 - i); // warm-up
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn(i);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 10) / 10;
  return { name, runs, p50: round(percentile(times, 50)), p95: round(percentile(times, 95)), max: round(times.at(-1)!), unit: "ms" };
}

async function seed(db: Database, entryCount: number, now: Date) {
  const [calendar] = await db.insert(businessCalendars).values({ name: "Bench calendar", definition: DEFAULT_CALENDAR }).returning();
  const [plan] = await db
    .insert(supportPlans)
    .values({ slug: "bench", name: "Bench", calendarId: calendar!.id, targets: STANDARD_PLAN_TARGETS, isDefault: true, hourlyRateMinor: 300_000 })
    .returning();
  const [org] = await db.insert(organisations).values({ name: "Bench Org", planId: plan!.id }).returning();
  const [customer] = await db.insert(users).values({ email: "bench-customer@example.com", name: "Bench Customer", role: "customer", organisationId: org!.id }).returning();
  const engineers = await db
    .insert(users)
    .values(Array.from({ length: 5 }, (_, i) => ({ email: `bench-eng-${i}@example.com`, name: `Engineer ${i}`, role: "engineer" as const })))
    .returning();
  const types = ["question", "question", "question", "paid_service", "bug_report"] as const;
  const ticketRows = await db
    .insert(tickets)
    .values(
      Array.from({ length: 200 }, (_, i) => ({
        organisationId: org!.id,
        requesterId: customer!.id,
        planId: plan!.id,
        type: types[i % types.length]!,
        subject: `Bench ticket ${i}`,
        description: "…",
        status: "open" as const,
      })),
    )
    .returning({ id: tickets.id, number: tickets.number });

  // A year back from now, evenly: ~27 entries a day.
  const start = DateTime.fromJSDate(now).minus({ days: 365 });
  const stepMs = (365 * 86_400_000) / entryCount;
  const rows: Array<typeof timeEntries.$inferInsert> = [];
  for (let i = 0; i < entryCount; i++) {
    rows.push({
      id: randomUUID(),
      ticketId: ticketRows[i % ticketRows.length]!.id,
      organisationId: org!.id,
      engineerId: engineers[i % engineers.length]!.id,
      source: i % 3 === 0 ? "timer" : "manual",
      startedAt: start.plus({ milliseconds: Math.floor(i * stepMs) }).toJSDate(),
      minutes: 1 + ((i * 7) % 40),
      note: i % 4 === 0 ? `Консультация по обмену №${i}` : "",
    });
  }
  for (let i = 0; i < rows.length; i += 1000) await db.insert(timeEntries).values(rows.slice(i, i + 1000));
  await db.insert(prepaidCredits).values(
    Array.from({ length: 12 }, (_, m) => ({ organisationId: org!.id, minutes: 600, source: "purchase" as const, at: start.plus({ months: m }).toJSDate() })),
  );
  return { org: org!, customer: customer!, engineer: engineers[0]!, ticket: ticketRows[0]! };
}

/** A migrated scratch database: embedded PGlite, or a fresh database on a PostgreSQL server. */
async function scratchDatabase(adminUrl: string | undefined): Promise<{ handle: DatabaseHandle; label: string; drop: () => Promise<void> }> {
  if (!adminUrl) {
    const handle = openPglite(undefined);
    await migrateDatabase(handle);
    return { handle, label: "embedded PGlite", drop: () => handle.close() };
  }
  const name = `keydesk_bench_usage_${process.pid}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists ${name}`);
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const handle = openPostgres(url.toString(), 4);
  await migrateDatabase(handle, url.toString());
  return {
    handle,
    label: "PostgreSQL",
    drop: async () => {
      await handle.close();
      const again = postgres(adminUrl, { max: 1, onnotice: () => {} });
      await again.unsafe(`drop database if exists ${name} with (force)`);
      await again.end();
    },
  };
}

export async function runUsageBench(options: { entries?: number; runs?: number; databaseUrl?: string } = {}): Promise<BenchSection> {
  const entryCount = options.entries ?? (process.env.BENCH_USAGE_ENTRIES ? Number(process.env.BENCH_USAGE_ENTRIES) : 10_000);
  const runs = options.runs ?? 200;
  const { handle, label, drop } = await scratchDatabase(options.databaseUrl ?? process.env.BENCH_USAGE_DATABASE_URL);
  try {
    useDatabase(handle);
    const now = new Date();
    const t0 = performance.now();
    const { org, customer, engineer, ticket } = await seed(handle.db, entryCount, now);
    const seeded = performance.now() - t0;
    const t1 = performance.now();
    await handle.db.transaction((tx) => recomputeOrganisationAllocation(tx, org.id));
    const firstReflow = performance.now() - t1;
    const actor = { id: customer.id, role: customer.role, organisationId: org.id, isPrimaryContact: false };
    const staff = { id: engineer.id, role: engineer.role, organisationId: null, isPrimaryContact: false };
    const month = DateTime.fromJSDate(now, { zone: "Europe/Moscow" }).toFormat("yyyy-MM");
    const previous = DateTime.fromJSDate(now, { zone: "Europe/Moscow" }).minus({ months: 1 }).toFormat("yyyy-MM");
    const today = DateTime.fromJSDate(now, { zone: "Europe/Moscow" }).toISODate()!;

    const metrics = [
      await measure("usage page (getUsage, current month)", runs, () => getUsage(actor, org.id, { month }, now)),
      await measure("usage page (getUsage, previous month)", runs, () => getUsage(actor, org.id, { month: previous }, now)),
      await measure("monthly statement CSV (previous month)", Math.ceil(runs / 4), () => monthlyStatementCsv(actor, org.id, previous)),
      await measure("ticket counter (getTicketTimeSummary)", runs, () => getTicketTimeSummary(actor, { id: ticket.id }, now)),
      await measure("manual entry + reflow from its week (addManualEntry)", Math.ceil(runs / 10), () =>
        addManualEntry(staff, ticket.id, { date: today, minutes: 1, note: "" }, now),
      ),
    ];
    const usage = await getUsage(actor, org.id, { month }, now);
    return {
      section: "usage",
      notes: [
        `${label}, 1 organisation with ${entryCount} entries over 12 months, 200 tickets, 5 engineers`,
        `seeding ${Math.round(seeded)} ms; first reflow of the whole history ${Math.round(firstReflow)} ms`,
        `current month: ${usage.summary.entryCount} entries, ${usage.summary.total} min; prepaid balance ${usage.counters.prepaidBalance} min`,
      ],
      metrics,
    };
  } finally {
    useDatabase(null);
    await drop();
  }
}

export function printSection(result: BenchSection): void {
  console.log(`\n== ${result.section} ==`);
  for (const note of result.notes) console.log(`  ${note}`);
  console.table(result.metrics.map((m) => ({ metric: m.name, runs: m.runs, "p50 ms": m.p50, "p95 ms": m.p95, "max ms": m.max })));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  runUsageBench()
    .then(printSection)
    .catch((error) => {
      console.error(error);
      process.exitCode = 1;
    });
}
