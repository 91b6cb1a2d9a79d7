import { useEffect } from "react";
import { useRevalidator } from "@remix-run/react";

/**
 * Reloads the page's data every `intervalMs` while the tab is visible and nothing else is loading,
 * unless `active` is false (a form in flight, a change waiting for confirmation).
 */
export function useLiveRefresh(intervalMs: number, active: boolean): void {
  const revalidator = useRevalidator();
  useEffect(() => {
    const timer = window.setInterval(() => {
      if (document.visibilityState === "visible" && revalidator.state === "idle" && active) revalidator.revalidate();
    }, intervalMs);
    return () => window.clearInterval(timer);
  }, [revalidator, active, intervalMs]);
}
