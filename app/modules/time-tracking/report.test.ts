import { describe, expect, it } from "vitest";
import { buildTimeReport, type TimeReportRow } from "./report";

const row = (overrides: Partial<TimeReportRow>): TimeReportRow => ({
  engineerId: "e1",
  engineerName: "Egor",
  organisationId: "o1",
  organisationName: "Romashka",
  ticketType: "question",
  free: 0,
  prepaid: 0,
  billable: 0,
  notCharged: 0,
  ...overrides,
});

const RATES = new Map([
  ["o1", { hourlyRateMinor: 300_000, currency: "RUB" }],
  ["o2", { hourlyRateMinor: 150, currency: "EUR" }],
]);

describe("buildTimeReport", () => {
  const rows = [
    row({ free: 15, billable: 10 }),
    row({ ticketType: "bug_report", notCharged: 30 }),
    row({ engineerId: "e2", engineerName: "Anna", billable: 1 }),
    row({ engineerId: "e2", engineerName: "Anna", organisationId: "o2", organisationName: "Vasilek", ticketType: "paid_service", prepaid: 20, billable: 1 }),
  ];

  it("rolls rows up by engineer, organisation and ticket type, sorted by name", () => {
    const report = buildTimeReport(rows, RATES);
    expect(report.byEngineer.map((e) => [e.engineerName, e.total])).toEqual([
      ["Anna", 22],
      ["Egor", 55],
    ]);
    expect(report.byTicketType.map((t) => [t.ticketType, t.total])).toEqual([
      ["bug_report", 30],
      ["paid_service", 21],
      ["question", 26],
    ]);
    expect(report.totals).toEqual({ free: 15, prepaid: 20, billable: 12, notCharged: 30, total: 77 });
  });

  it("prices each organisation's month total at its own rate", () => {
    const [romashka, vasilek] = buildTimeReport(rows, RATES).byOrganisation;
    // 11 billable minutes at 3 000.00/h = 550.00, computed on the total, not per row.
    expect(romashka).toMatchObject({ organisationName: "Romashka", billable: 11, billableAmountMinor: 55_000, currency: "RUB" });
    // 1 minute at 1.50/h = 2.5 cents → 3 (half up).
    expect(vasilek).toMatchObject({ organisationName: "Vasilek", billable: 1, billableAmountMinor: 3, currency: "EUR" });
  });

  it("is empty for no rows", () => {
    expect(buildTimeReport([], RATES)).toEqual({
      byEngineer: [],
      byOrganisation: [],
      byTicketType: [],
      totals: { free: 0, prepaid: 0, billable: 0, notCharged: 0, total: 0 },
    });
  });
});
