import { describe, expect, it } from "vitest";
import { supportUntilAfterRenewal } from "./renewal-preview";
import type { SupportEntry } from "./support-ledger";

const d = (iso: string) => new Date(iso);
const initial: SupportEntry = { id: "a", kind: "initial", orderId: "o1", recordedAt: d("2025-01-10T00:00:00Z") };

describe("supportUntilAfterRenewal", () => {
  it("extends from the current end when renewed early", () => {
    const result = supportUntilAfterRenewal([initial], d("2025-02-01T00:00:00Z"), d("2025-12-01T00:00:00Z"), 12);
    expect(result).toEqual({ supportUntil: d("2027-02-01T00:00:00Z"), startsFrom: "current_end" });
  });

  it("starts from now when renewed after the term ended", () => {
    const result = supportUntilAfterRenewal([initial], d("2025-02-01T00:00:00Z"), d("2026-06-15T12:00:00Z"), 12);
    expect(result).toEqual({ supportUntil: d("2027-06-15T12:00:00Z"), startsFrom: "now" });
  });

  it("has no date before activation: the year is added to the unstarted term", () => {
    expect(supportUntilAfterRenewal([initial], null, d("2025-06-01T00:00:00Z"), 12)).toEqual({ supportUntil: null, startsFrom: "activation" });
  });

  it("ignores removed entries", () => {
    const refunded: SupportEntry = { id: "b", kind: "renewal", orderId: "o2", recordedAt: d("2025-03-01T00:00:00Z"), removedAt: d("2025-03-02T00:00:00Z") };
    const result = supportUntilAfterRenewal([initial, refunded], d("2025-02-01T00:00:00Z"), d("2025-06-01T00:00:00Z"), 12);
    expect(result.supportUntil).toEqual(d("2027-02-01T00:00:00Z"));
  });
});

describe("supportUntilAfterRenewal under another term setting", () => {
  it("previews the term in force now, while terms already bought keep their own length", () => {
    const bought: SupportEntry = { id: "a", kind: "initial", orderId: "o1", recordedAt: d("2025-01-20T00:00:00Z"), months: 12 };
    const result = supportUntilAfterRenewal([bought], d("2025-02-01T00:00:00Z"), d("2025-12-01T00:00:00Z"), 6);
    expect(result).toEqual({ supportUntil: d("2026-08-01T00:00:00Z"), startsFrom: "current_end" });
  });
});
