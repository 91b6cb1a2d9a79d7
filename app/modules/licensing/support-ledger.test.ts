import { describe, expect, it } from "vitest";
import { addUtcDays, addUtcYears, deriveSupportTerm, type SupportEntry } from "./support-ledger";

const at = (iso: string) => new Date(iso);

let nextId = 0;
function entry(kind: SupportEntry["kind"], recordedAt: string, extra: Partial<SupportEntry> = {}): SupportEntry {
  nextId++;
  return {
    id: `e${String(nextId).padStart(3, "0")}`,
    kind,
    orderId: kind === "compensation" ? null : `order-${nextId}`,
    recordedAt: at(recordedAt),
    ...(kind === "compensation" ? { days: 30, reason: "Outage" } : {}),
    ...extra,
  };
}

const initial = (paidAt: string, extra?: Partial<SupportEntry>) => entry("initial", paidAt, extra);
const renewal = (paidAt: string, extra?: Partial<SupportEntry>) => entry("renewal", paidAt, extra);
const compensation = (grantedAt: string, days: number) => entry("compensation", grantedAt, { days });
const refunded = (e: SupportEntry): SupportEntry => ({ ...e, removedAt: at("2030-01-01T00:00:00Z") });

type PeriodRow = [SupportEntry["kind"], string, string];
const shape = (periods: ReturnType<typeof deriveSupportTerm>["periods"]): PeriodRow[] =>
  periods.map((p) => [p.entry.kind, p.startsAt?.toISOString() ?? "-", p.endsAt?.toISOString() ?? "-"]);

const ACTIVATED = "2024-03-01T12:00:00.000Z";

describe("deriveSupportTerm", () => {
  it.each<{ name: string; entries: SupportEntry[]; activatedAt: string | null; until: string | null; periods: PeriodRow[] }>([
    { name: "nothing bought, not activated", entries: [], activatedAt: null, until: null, periods: [] },
    {
      name: "bought but not activated: the term waits",
      entries: [initial("2024-01-10T00:00:00Z")],
      activatedAt: null,
      until: null,
      periods: [["initial", "-", "-"]],
    },
    {
      name: "not activated, renewal and compensation queue behind the initial year",
      entries: [compensation("2024-01-20T00:00:00Z", 10), renewal("2024-01-15T00:00:00Z"), initial("2024-01-10T00:00:00Z")],
      activatedAt: null,
      until: null,
      periods: [["initial", "-", "-"], ["renewal", "-", "-"], ["compensation", "-", "-"]],
    },
    {
      name: "first activation starts the first year",
      entries: [initial("2024-01-10T00:00:00Z")],
      activatedAt: ACTIVATED,
      until: "2025-03-01T12:00:00.000Z",
      periods: [["initial", ACTIVATED, "2025-03-01T12:00:00.000Z"]],
    },
    {
      name: "renewal bought before activation adds a year to the unstarted term",
      entries: [initial("2024-01-10T00:00:00Z"), renewal("2024-02-01T00:00:00Z")],
      activatedAt: ACTIVATED,
      until: "2026-03-01T12:00:00.000Z",
      periods: [
        ["initial", ACTIVATED, "2025-03-01T12:00:00.000Z"],
        ["renewal", "2025-03-01T12:00:00.000Z", "2026-03-01T12:00:00.000Z"],
      ],
    },
    {
      name: "renewal paid at the activation instant counts as before activation",
      entries: [initial("2024-01-10T00:00:00Z"), renewal(ACTIVATED)],
      activatedAt: ACTIVATED,
      until: "2026-03-01T12:00:00.000Z",
      periods: [
        ["initial", ACTIVATED, "2025-03-01T12:00:00.000Z"],
        ["renewal", "2025-03-01T12:00:00.000Z", "2026-03-01T12:00:00.000Z"],
      ],
    },
    {
      name: "compensation before activation lengthens the unstarted term",
      entries: [initial("2024-01-10T00:00:00Z"), compensation("2024-02-01T00:00:00Z", 14)],
      activatedAt: ACTIVATED,
      until: "2025-03-15T12:00:00.000Z",
      periods: [
        ["initial", ACTIVATED, "2025-03-01T12:00:00.000Z"],
        ["compensation", "2025-03-01T12:00:00.000Z", "2025-03-15T12:00:00.000Z"],
      ],
    },
    {
      name: "initial years lead the queue even when recorded after a renewal",
      entries: [renewal("2024-01-05T00:00:00Z"), initial("2024-01-10T00:00:00Z")],
      activatedAt: ACTIVATED,
      until: "2026-03-01T12:00:00.000Z",
      periods: [
        ["initial", ACTIVATED, "2025-03-01T12:00:00.000Z"],
        ["renewal", "2025-03-01T12:00:00.000Z", "2026-03-01T12:00:00.000Z"],
      ],
    },
    {
      name: "initial entry recorded after activation is still anchored at activation",
      entries: [initial("2024-05-01T00:00:00Z")],
      activatedAt: ACTIVATED,
      until: "2025-03-01T12:00:00.000Z",
      periods: [["initial", ACTIVATED, "2025-03-01T12:00:00.000Z"]],
    },
    {
      name: "early renewal extends from the current end",
      entries: [initial("2024-01-10T00:00:00Z"), renewal("2025-01-15T08:00:00Z")],
      activatedAt: ACTIVATED,
      until: "2026-03-01T12:00:00.000Z",
      periods: [
        ["initial", ACTIVATED, "2025-03-01T12:00:00.000Z"],
        ["renewal", "2025-03-01T12:00:00.000Z", "2026-03-01T12:00:00.000Z"],
      ],
    },
    {
      name: "renewal paid exactly at the end continues seamlessly",
      entries: [initial("2024-01-10T00:00:00Z"), renewal("2025-03-01T12:00:00Z")],
      activatedAt: ACTIVATED,
      until: "2026-03-01T12:00:00.000Z",
      periods: [
        ["initial", ACTIVATED, "2025-03-01T12:00:00.000Z"],
        ["renewal", "2025-03-01T12:00:00.000Z", "2026-03-01T12:00:00.000Z"],
      ],
    },
    {
      name: "late renewal starts at payment time, lapsed months are not paid for",
      entries: [initial("2024-01-10T00:00:00Z"), renewal("2025-06-10T09:30:00Z")],
      activatedAt: ACTIVATED,
      until: "2026-06-10T09:30:00.000Z",
      periods: [
        ["initial", ACTIVATED, "2025-03-01T12:00:00.000Z"],
        ["renewal", "2025-06-10T09:30:00.000Z", "2026-06-10T09:30:00.000Z"],
      ],
    },
    {
      name: "two early renewals stack",
      entries: [initial("2024-01-10T00:00:00Z"), renewal("2024-12-01T00:00:00Z"), renewal("2024-12-02T00:00:00Z")],
      activatedAt: ACTIVATED,
      until: "2027-03-01T12:00:00.000Z",
      periods: [
        ["initial", ACTIVATED, "2025-03-01T12:00:00.000Z"],
        ["renewal", "2025-03-01T12:00:00.000Z", "2026-03-01T12:00:00.000Z"],
        ["renewal", "2026-03-01T12:00:00.000Z", "2027-03-01T12:00:00.000Z"],
      ],
    },
    {
      name: "compensation during the term extends the end by N days",
      entries: [initial("2024-01-10T00:00:00Z"), compensation("2024-09-01T00:00:00Z", 30)],
      activatedAt: ACTIVATED,
      until: "2025-03-31T12:00:00.000Z",
      periods: [
        ["initial", ACTIVATED, "2025-03-01T12:00:00.000Z"],
        ["compensation", "2025-03-01T12:00:00.000Z", "2025-03-31T12:00:00.000Z"],
      ],
    },
    {
      name: "compensation after a lapse gives N days from the grant",
      entries: [initial("2024-01-10T00:00:00Z"), compensation("2025-05-01T00:00:00Z", 7)],
      activatedAt: ACTIVATED,
      until: "2025-05-08T00:00:00.000Z",
      periods: [
        ["initial", ACTIVATED, "2025-03-01T12:00:00.000Z"],
        ["compensation", "2025-05-01T00:00:00.000Z", "2025-05-08T00:00:00.000Z"],
      ],
    },
    {
      name: "early renewal after compensation chains from the compensated end",
      entries: [
        initial("2024-01-10T00:00:00Z"),
        compensation("2024-09-01T00:00:00Z", 30),
        renewal("2025-03-20T00:00:00Z"),
      ],
      activatedAt: ACTIVATED,
      until: "2026-03-31T12:00:00.000Z",
      periods: [
        ["initial", ACTIVATED, "2025-03-01T12:00:00.000Z"],
        ["compensation", "2025-03-01T12:00:00.000Z", "2025-03-31T12:00:00.000Z"],
        ["renewal", "2025-03-31T12:00:00.000Z", "2026-03-31T12:00:00.000Z"],
      ],
    },
    {
      name: "refunding the last renewal removes its year",
      entries: [initial("2024-01-10T00:00:00Z"), refunded(renewal("2025-01-15T00:00:00Z"))],
      activatedAt: ACTIVATED,
      until: "2025-03-01T12:00:00.000Z",
      periods: [["initial", ACTIVATED, "2025-03-01T12:00:00.000Z"]],
    },
    {
      name: "refunding a middle renewal shifts later periods back",
      entries: [
        initial("2024-01-10T00:00:00Z"),
        refunded(renewal("2024-12-01T00:00:00Z")),
        renewal("2025-02-01T00:00:00Z"),
      ],
      activatedAt: ACTIVATED,
      until: "2026-03-01T12:00:00.000Z",
      periods: [
        ["initial", ACTIVATED, "2025-03-01T12:00:00.000Z"],
        ["renewal", "2025-03-01T12:00:00.000Z", "2026-03-01T12:00:00.000Z"],
      ],
    },
    {
      name: "refund that opens a gap turns a later renewal into a late one",
      entries: [
        initial("2024-01-10T00:00:00Z"),
        refunded(renewal("2025-01-15T00:00:00Z")),
        renewal("2025-06-10T00:00:00Z"),
      ],
      activatedAt: ACTIVATED,
      until: "2026-06-10T00:00:00.000Z",
      periods: [
        ["initial", ACTIVATED, "2025-03-01T12:00:00.000Z"],
        ["renewal", "2025-06-10T00:00:00.000Z", "2026-06-10T00:00:00.000Z"],
      ],
    },
    {
      name: "refunded pre-activation renewal no longer lengthens the term",
      entries: [initial("2024-01-10T00:00:00Z"), refunded(renewal("2024-02-01T00:00:00Z"))],
      activatedAt: ACTIVATED,
      until: "2025-03-01T12:00:00.000Z",
      periods: [["initial", ACTIVATED, "2025-03-01T12:00:00.000Z"]],
    },
    {
      name: "activated with every entry refunded: support ends at activation",
      entries: [refunded(initial("2024-01-10T00:00:00Z"))],
      activatedAt: ACTIVATED,
      until: ACTIVATED,
      periods: [],
    },
    {
      name: "activated on 29 February: the year ends on 28 February",
      entries: [initial("2024-02-01T00:00:00Z"), renewal("2025-01-01T00:00:00Z")],
      activatedAt: "2024-02-29T10:00:00.000Z",
      until: "2026-02-28T10:00:00.000Z",
      periods: [
        ["initial", "2024-02-29T10:00:00.000Z", "2025-02-28T10:00:00.000Z"],
        ["renewal", "2025-02-28T10:00:00.000Z", "2026-02-28T10:00:00.000Z"],
      ],
    },
  ])("$name", ({ entries, activatedAt, until, periods }) => {
    const term = deriveSupportTerm(entries, activatedAt === null ? null : at(activatedAt));
    expect(shape(term.periods)).toEqual(periods);
    expect(term.supportUntil?.toISOString() ?? null).toBe(until);
    expect(term.started).toBe(activatedAt !== null);
  });

  it("does not depend on the order entries arrive in", () => {
    const entries = [
      initial("2024-01-10T00:00:00Z"),
      renewal("2024-02-01T00:00:00Z"),
      compensation("2024-10-01T00:00:00Z", 5),
      renewal("2026-09-01T00:00:00Z"),
      refunded(renewal("2025-05-01T00:00:00Z")),
    ];
    const expected = shape(deriveSupportTerm(entries, at(ACTIVATED)).periods);
    for (const permutation of [[...entries].reverse(), [entries[3], entries[0], entries[4], entries[2], entries[1]]]) {
      expect(shape(deriveSupportTerm(permutation, at(ACTIVATED)).periods)).toEqual(expected);
    }
  });

  it("breaks ties in payment time by entry id", () => {
    const a = renewal("2025-06-10T00:00:00Z", { id: "a" });
    const b = compensation("2025-06-10T00:00:00Z", 3);
    const term = deriveSupportTerm([{ ...b, id: "b" }, a, initial("2024-01-10T00:00:00Z")], at(ACTIVATED));
    expect(term.periods.map((p) => p.entry.id).slice(1)).toEqual(["a", "b"]);
  });

  it("keeps the entry on each period so orders can be traced", () => {
    const paid = initial("2024-01-10T00:00:00Z", { orderId: "order-42" });
    expect(deriveSupportTerm([paid], at(ACTIVATED)).periods[0].entry).toBe(paid);
  });

  it.each<[string, SupportEntry]>([
    ["compensation without days", { ...compensation("2024-05-01T00:00:00Z", 1), days: undefined }],
    ["compensation of zero days", compensation("2024-05-01T00:00:00Z", 0)],
    ["compensation of negative days", compensation("2024-05-01T00:00:00Z", -3)],
    ["compensation of fractional days", compensation("2024-05-01T00:00:00Z", 1.5)],
    ["a paid year with days", renewal("2024-05-01T00:00:00Z", { days: 10 })],
    ["an invalid date", renewal("not a date")],
  ])("rejects %s", (_label, bad) => {
    expect(() => deriveSupportTerm([bad], at(ACTIVATED))).toThrow(RangeError);
  });
});

describe("addUtcYears", () => {
  it.each([
    ["2024-02-29T10:00:00.000Z", 1, "2025-02-28T10:00:00.000Z"],
    ["2024-02-29T10:00:00.000Z", 4, "2028-02-29T10:00:00.000Z"],
    ["2025-02-28T10:00:00.000Z", 1, "2026-02-28T10:00:00.000Z"],
    ["2023-03-01T00:00:00.000Z", 1, "2024-03-01T00:00:00.000Z"],
    ["2023-02-28T23:59:59.999Z", 1, "2024-02-28T23:59:59.999Z"],
    ["2024-12-31T23:30:00.000Z", 1, "2025-12-31T23:30:00.000Z"],
    ["2024-03-31T01:30:00.000Z", 1, "2025-03-31T01:30:00.000Z"],
  ])("%s + %i year(s) = %s", (from, years, expected) => {
    expect(addUtcYears(at(from), years).toISOString()).toBe(expected);
  });

  it("never makes a year shorter than 365 days", () => {
    const day = 86_400_000;
    for (let start = Date.UTC(2023, 0, 1); start < Date.UTC(2029, 0, 1); start += day) {
      const length = addUtcYears(new Date(start), 1).getTime() - start;
      expect([365 * day, 366 * day]).toContain(length);
    }
  });
});

describe("addUtcDays", () => {
  it.each([
    ["2024-02-28T12:00:00.000Z", 1, "2024-02-29T12:00:00.000Z"],
    ["2025-03-29T12:00:00.000Z", 2, "2025-03-31T12:00:00.000Z"],
    ["2024-12-31T00:00:00.000Z", 30, "2025-01-30T00:00:00.000Z"],
  ])("%s + %i day(s) = %s", (from, days, expected) => {
    expect(addUtcDays(at(from), days).toISOString()).toBe(expected);
  });
});

describe("imported terms", () => {
  const activation = new Date("2025-03-10T00:00:00Z");
  const recorded = new Date("2026-12-02T09:00:00Z");
  it("ends exactly at the imported support-until date, whatever the activation", () => {
    const endsAt = new Date("2027-01-31T00:00:00Z");
    const term = deriveSupportTerm([{ id: "i", kind: "imported", orderId: null, recordedAt: recorded, endsAt }], activation);
    expect(term.supportUntil).toEqual(endsAt);
    expect(term.periods[0]!.startsAt).toEqual(activation);
  });
  it("without a date gives a year from the activation, and a renewal chains from the imported end", () => {
    const renewal = { id: "r", kind: "renewal" as const, orderId: "o", recordedAt: new Date("2026-01-01T00:00:00Z") };
    const term = deriveSupportTerm([{ id: "i", kind: "imported", orderId: null, recordedAt: recorded }, renewal], activation);
    expect(term.supportUntil).toEqual(new Date("2027-03-10T00:00:00Z"));
  });
  it("refuses an end date on any other kind", () => {
    expect(() => deriveSupportTerm([{ id: "x", kind: "renewal", orderId: "o", recordedAt: recorded, endsAt: recorded }], activation)).toThrow(RangeError);
  });
});
