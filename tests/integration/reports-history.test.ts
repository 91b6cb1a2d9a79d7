import { describe, expect, it } from "vitest";
import { seedDemoData } from "~/demo/seed.server";
import { engineerFigures, expiringLicences, renewalFigures } from "~/modules/reports/core-reports.server";
import { parseReportFilters } from "~/modules/reports/filters";
import { slaFigures } from "~/modules/reports/sla-report.server";
import { currentDatabase, db } from "~/utils/db.server";

describe("demo history", () => {

  it("fills a year of history that every report shows, leaving the demo logins' data as it was", { timeout: 300_000 }, async () => {
    expect(await seedDemoData(db)).toBe(true);
    const count = async (table: string) => (await currentDatabase().query<{ n: number }>(`select count(*)::int as n from ${table}`))[0]!.n;
    expect(await count("organisations")).toBe(15);
    expect(await count("tickets")).toBeGreaterThan(1400);
    expect(await count("licences")).toBeGreaterThan(45);
    expect(await count("csat_responses")).toBeGreaterThan(300);
    // Answered complaints carry their answer rows (the quality report's time to answer reads them).
    expect(await count("complaint_answers")).toBeGreaterThan(0);
    const unanswered = await currentDatabase().query<{ n: number }>(
      "select count(*)::int as n from complaints c where c.outcome is not null and not exists (select 1 from complaint_answers a where a.complaint_id = c.id)",
    );
    expect(unanswered[0]!.n).toBe(0);
    // The demo customers' organisations got no history tickets.
    const demoTickets = await currentDatabase().query<{ n: number }>(
      `select count(*)::int as n from tickets t join organisations o on o.id = t.organisation_id where o.name in ('Romashka LLC', 'Vasilek Trading')`,
    );
    expect(demoTickets[0]!.n).toBeLessThan(10);
    // Nothing waits unassigned: the demo's "New / unassigned" queue starts empty.
    expect((await currentDatabase().query<{ n: number }>(`select count(*)::int as n from tickets where assignee_id is null and status in ('new','open')`))[0]!.n).toBe(0);
    const now = new Date();
    const year = parseReportFilters(new URLSearchParams({ period: "12m" }), "Europe/Moscow", now);
    const sla = await slaFigures(year);
    const first = sla.find((f) => f.dim === "all" && f.line.clock === "first_response")!.line;
    expect(first.settled).toBeGreaterThan(1000);
    expect(first.compliance).toBeGreaterThan(70);
    expect(first.compliance).toBeLessThan(100);
    expect((await engineerFigures(year)).length).toBeGreaterThan(2);
    const renewals = await renewalFigures(year, now);
    expect(new Set(renewals.ends.map((e) => e.outcome))).toEqual(new Set(["on_time", "late", "lapsed"]));
    expect((await expiringLicences(parseReportFilters(new URLSearchParams(), "Europe/Moscow", now), now)).length).toBeGreaterThan(0);
  });
});
