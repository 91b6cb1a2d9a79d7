/**
 * Bench section `sla`: how many addBusinessMinutes / businessMinutesBetween calls a second the
 * SLA arithmetic does on a warm calendar cache. Needs no database; the `tickets` section prints
 * the same lines after its page timings. Run alone: `npm run bench -- sla`.
 */
import { addBusinessMinutes, businessMinutesBetween } from "~/modules/sla/business-hours";
import { DEFAULT_MOSCOW_CALENDAR } from "~/modules/sla/defaults";

export type SlaArithmeticRates = { addPerSecond: number; betweenPerSecond: number; calls: number };

/** Random starts over two years, targets from 30 min to 40 h of business time. */
export function measureSlaArithmetic(calls = 1_000_000): SlaArithmeticRates {
  const calendar = DEFAULT_MOSCOW_CALENDAR;
  const base = Date.UTC(2026, 0, 1);
  const starts = Array.from({ length: 4096 }, (_, i) => new Date(base + ((i * 7919) % 730) * 86_400_000 + ((i * 104729) % 86_400) * 1000));
  addBusinessMinutes(starts[0]!, 240, calendar); // build the calendar cache first
  let sink = 0;
  const started = performance.now();
  for (let i = 0; i < calls; i++) sink += addBusinessMinutes(starts[i & 4095]!, 30 + ((i * 37) % 2400), calendar).getTime() & 1;
  const seconds = (performance.now() - started) / 1000;
  const betweenStarted = performance.now();
  for (let i = 0; i < calls / 4; i++) sink += businessMinutesBetween(starts[i & 4095]!, starts[(i + 17) & 4095]!, calendar) > 0 ? 1 : 0;
  const betweenSeconds = (performance.now() - betweenStarted) / 1000;
  if (sink === -1) console.log(sink);
  return { addPerSecond: calls / seconds, betweenPerSecond: calls / 4 / betweenSeconds, calls };
}

export function printSlaArithmetic({ addPerSecond, betweenPerSecond, calls }: SlaArithmeticRates): void {
  console.log(`  addBusinessMinutes: ${Math.round(addPerSecond).toLocaleString("en")} calls/s (${calls.toLocaleString("en")} calls, targets 30 min – 40 h)`);
  console.log(`  businessMinutesBetween: ${Math.round(betweenPerSecond).toLocaleString("en")} calls/s (spans up to two years)`);
}

export function runSlaBench(): void {
  console.log(`\n== sla ==`);
  printSlaArithmetic(measureSlaArithmetic());
}
