import { deriveSupportTerm, type SupportEntry } from "./support-ledger";

/**
 * What one more paid term would change, shown *before* payment: the end of support after a
 * renewal paid now. Computed by folding the ledger with a hypothetical renewal recorded at
 * `now`, so it follows exactly the rules the real renewal will (early → from the current end,
 * late → from now, before activation → the unstarted term grows and there is no date yet).
 */
export function supportUntilAfterRenewal(
  entries: readonly SupportEntry[],
  firstActivatedAt: Date | null,
  now: Date,
  termMonths: number,
): { supportUntil: Date | null; startsFrom: "current_end" | "now" | "activation" } {
  if (firstActivatedAt === null) return { supportUntil: null, startsFrom: "activation" };
  const current = deriveSupportTerm(entries, firstActivatedAt).supportUntil as Date;
  const after = deriveSupportTerm(
    [...entries, { id: "\uffffpreview", kind: "renewal", orderId: null, recordedAt: now, months: termMonths }],
    firstActivatedAt,
  ).supportUntil as Date;
  return { supportUntil: after, startsFrom: current.getTime() > now.getTime() ? "current_end" : "now" };
}
