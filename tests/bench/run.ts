/**
 * `npm run bench [section ...]` — runs the named bench sections, or all of them in order.
 *
 * A benchmark reports numbers; it is not a timed test. Each section seeds its own data set and
 * prints its own table. To add one: write `tests/bench/<name>.bench.ts` exporting an async
 * function, and register it below with a one-line description.
 */
type Section = { description: string; run: () => Promise<void> };

const SECTIONS: Record<string, Section> = {
  "licence-api": {
    description: "POST /api/v1/licences/validate on 100 000 licences through the built app (autocannon)",
    run: async () => {
      const { main } = await import("./licence-api.bench");
      await main();
    },
  },
  tickets: {
    description: "engineer queue and ticket pages on 200 000 tickets / 1 000 000 messages (PostgreSQL), addBusinessMinutes calls/s",
    run: async () => {
      const { runTicketsBench } = await import("./tickets.bench");
      await runTicketsBench();
    },
  },
  pages: {
    description: "queue and ticket pages through HTTP against the production start at 10k and 200k tickets (BENCH_SIZES; 1000000 for the million): p50/p95 at 1 and 10 connections, pages/s, CPU per page, memory over a soak, raw SQL time (PostgreSQL)",
    run: async () => {
      const { runPagesBench } = await import("./pages.bench");
      await runPagesBench();
    },
  },
  sla: {
    description: "addBusinessMinutes and businessMinutesBetween calls/s on a warm calendar (no database)",
    run: async () => {
      const { runSlaBench } = await import("./sla.bench");
      runSlaBench();
    },
  },
  imports: {
    description: "dry run and import of a generated 50 000-row contacts CSV: rows/s and peak memory (BENCH_DATABASE_URL for PostgreSQL)",
    run: async () => {
      const { runImportsBench } = await import("./imports.bench");
      await runImportsBench();
    },
  },
  reports: {
    description: "every report at /desk/reports/<name> on 200 000 tickets / 1 000 000 messages (PostgreSQL), 30 days and 12 months",
    run: async () => {
      const { runReportsBench } = await import("./reports.bench");
      await runReportsBench();
    },
  },
  usage: {
    description: "customer usage page, CSV statement and manual entries on 10 000 time entries",
    run: async () => {
      const { runUsageBench, printSection } = await import("./usage.bench");
      printSection(await runUsageBench());
    },
  },
  mail: {
    description: "messages/s through the MTA pipe endpoint (POST /api/v1/mail/inbound), each with an attachment, through the built app",
    run: async () => {
      const { runMailBench } = await import("./mail.bench");
      await runMailBench();
    },
  },
  search: {
    description: "desk and portal full-text ticket search, two-word Russian queries, on 1 000 000 generated Russian messages (PostgreSQL; BENCH_SEARCH_MESSAGES)",
    run: async () => {
      const { runSearchBench } = await import("./search.bench");
      await runSearchBench();
    },
  },
  security: {
    description: "sign-in throughput under throttling; password-reset timing for known vs unknown addresses",
    run: async () => {
      const { runSecurityBench } = await import("./security.bench");
      await runSecurityBench();
    },
  },
};

async function runBench(names: string[]): Promise<void> {
  const unknown = names.filter((n) => !(n in SECTIONS));
  if (unknown.length > 0 || names.includes("--help")) {
    console.log(`Usage: npm run bench [-- <section> ...]\nSections:\n${Object.entries(SECTIONS).map(([n, s]) => `  ${n.padEnd(14)} ${s.description}`).join("\n")}`);
    if (unknown.filter((n) => n !== "--help").length > 0) {
      console.error(`Unknown section: ${unknown.join(", ")}`);
      process.exitCode = 1;
    }
    return;
  }
  for (const name of names.length > 0 ? names : Object.keys(SECTIONS)) {
    const started = performance.now();
    await SECTIONS[name]!.run();
    console.log(`  (${name}: ${((performance.now() - started) / 1000).toFixed(1)} s)`);
  }
}

runBench(process.argv.slice(2)).catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
