/**
 * Renewal outcomes of support terms. Pure: works on the support ledger as the licensing
 * module derives it (deriveSupportTerm), so the report agrees with `support_until`.
 *
 * A term *ends* at the end of a period unless the next period is a compensation that carries
 * on without a gap. For each end E:
 *  - `on_time`: a renewal was paid at or before E (its period starts at E);
 *  - `late`: the next renewal was paid after E (its period starts at the payment);
 *  - `lapsed`: no renewal after E, and E has passed;
 *  - `upcoming`: no renewal yet and E is still ahead (not counted in the rate).
 */
import { deriveSupportTerm, type SupportEntry } from "../licensing/support-ledger";
import { percent } from "./stats";

export type RenewalOutcome = "on_time" | "late" | "lapsed" | "upcoming";
export const RENEWAL_OUTCOMES: RenewalOutcome[] = ["on_time", "late", "lapsed"];

export type TermEnd = { endedAt: Date; outcome: RenewalOutcome; renewedAt: Date | null; renewalOrderId: string | null };

export function termEnds(entries: readonly SupportEntry[], firstActivatedAt: Date | null, now: Date): TermEnd[] {
  const term = deriveSupportTerm(entries, firstActivatedAt);
  if (!term.started) return [];
  const ends: TermEnd[] = [];
  term.periods.forEach((period, i) => {
    const endedAt = period.endsAt!;
    const next = term.periods[i + 1];
    if (next && next.entry.kind === "compensation" && next.startsAt!.getTime() === endedAt.getTime()) return;
    const renewal = term.periods.slice(i + 1).find((p) => p.entry.kind === "renewal");
    if (renewal) {
      const renewedAt = renewal.entry.recordedAt;
      ends.push({ endedAt, outcome: renewedAt.getTime() <= endedAt.getTime() ? "on_time" : "late", renewedAt, renewalOrderId: renewal.entry.orderId });
    } else {
      ends.push({ endedAt, outcome: endedAt.getTime() <= now.getTime() ? "lapsed" : "upcoming", renewedAt: null, renewalOrderId: null });
    }
  });
  return ends;
}

export type RenewalCounts = { ended: number; onTime: number; late: number; lapsed: number; rate: number | null; onTimeRate: number | null };

/** Renewal rate: renewed (on time or late) out of terms that ended. */
export function renewalCounts(outcomes: readonly RenewalOutcome[]): RenewalCounts {
  const onTime = outcomes.filter((o) => o === "on_time").length;
  const late = outcomes.filter((o) => o === "late").length;
  const lapsed = outcomes.filter((o) => o === "lapsed").length;
  const ended = onTime + late + lapsed;
  return { ended, onTime, late, lapsed, rate: percent(onTime + late, ended), onTimeRate: percent(onTime, ended) };
}

export const EXPIRY_WINDOWS = [30, 60, 90] as const;

/** Which window (30 / 60 / 90 days) a support end falls in, or null when outside all. */
export function expiryWindow(supportUntil: Date, now: Date): (typeof EXPIRY_WINDOWS)[number] | null {
  const days = (supportUntil.getTime() - now.getTime()) / 86_400_000;
  if (days <= 0) return null;
  return EXPIRY_WINDOWS.find((w) => days <= w) ?? null;
}
