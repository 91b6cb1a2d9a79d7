import { Link } from "@remix-run/react";
import { useI18n } from "../i18n";
import { Elapsed } from "./elapsed";

export type RunningTimerIndicator = { ticketNumber: number; startedAt: Date | string; serverNow: Date | string };

/** Header badge for staff: "Timer running on #1042 · 00:12:34", linking to the ticket. */
export function TimerIndicator({ timer }: { timer: RunningTimerIndicator | null | undefined }) {
  const { t } = useI18n();
  if (!timer) return null;
  return (
    <Link to={`/desk/tickets/${timer.ticketNumber}`} className="timer-indicator">
      <span className="timer-dot" aria-hidden="true" /> {t("time.header.running", { number: timer.ticketNumber })} ·{" "}
      <Elapsed startedAt={timer.startedAt} serverNow={timer.serverNow} />
    </Link>
  );
}
