import { useEffect, useState } from "react";
import { formatClock } from "./format";

/**
 * Seconds since `startedAt`, ticking every second in the browser. The server's clock is the
 * reference (`serverNow` from the loader), so a browser whose clock is off still shows the
 * time the server will log; the first render matches the server's HTML (no hydration warning).
 */
export function useElapsedSeconds(startedAt: Date | string, serverNow: Date | string): number {
  const start = new Date(startedAt).getTime();
  const serverAtRender = new Date(serverNow).getTime();
  const [now, setNow] = useState(serverAtRender);
  useEffect(() => {
    const offset = serverAtRender - Date.now();
    setNow(Date.now() + offset);
    const id = window.setInterval(() => setNow(Date.now() + offset), 1000);
    return () => window.clearInterval(id);
  }, [serverAtRender]);
  return Math.max(0, Math.floor((now - start) / 1000));
}

/** A live "00:12:34". Not an aria-live region: a screen reader would announce it every second. */
export function Elapsed({ startedAt, serverNow, label }: { startedAt: Date | string; serverNow: Date | string; label?: string }) {
  const seconds = useElapsedSeconds(startedAt, serverNow);
  return (
    <span className="time-elapsed" role="timer" aria-label={label}>
      {formatClock(seconds)}
    </span>
  );
}
