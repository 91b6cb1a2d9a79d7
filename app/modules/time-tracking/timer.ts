const MS_PER_SECOND = 1000;
const SECONDS_PER_MINUTE = 60;

/**
 * Minutes to log for a stopwatch: any started minute counts (61 s → 2 min,
 * 1 s → 1 min), but time is first truncated to whole seconds so an accidental
 * start/stop double-click (under a second) logs nothing.
 */
export function timerMinutes(startedAt: Date, stoppedAt: Date): number {
  const elapsedMs = stoppedAt.getTime() - startedAt.getTime();
  if (Number.isNaN(elapsedMs)) throw new RangeError("Invalid timer dates");
  if (elapsedMs < 0) throw new RangeError("Timer stopped before it started");
  const wholeSeconds = Math.floor(elapsedMs / MS_PER_SECOND);
  return Math.ceil(wholeSeconds / SECONDS_PER_MINUTE);
}
