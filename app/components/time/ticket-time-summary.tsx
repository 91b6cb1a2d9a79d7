import { Link } from "@remix-run/react";
import type { TicketTimeSummary as Summary } from "~/modules/time-tracking/entries.server";
import { useI18n } from "../i18n";
import { formatMinutes, formatSplit } from "./format";

/**
 * The counter a customer sees on a ticket: "Time on this ticket: 23 min — 15 min free,
 * 8 min from prepaid", today's free minutes left for the organisation and the prepaid balance.
 */
export function TicketTimeSummary({ summary }: { summary: Summary }) {
  const { t } = useI18n();
  const { totals, counters } = summary;
  return (
    <section className="card time-summary" aria-labelledby="time-summary-title">
      <h2 id="time-summary-title">{t("time.title")}</h2>
      <p data-testid="ticket-time">
        {totals.total > 0 ? (
          <>
            <strong>{t("time.onTicket", { total: formatMinutes(t, totals.total) })}</strong> — {formatSplit(t, totals)}
          </>
        ) : (
          t("time.onTicketNone")
        )}
      </p>
      <ul className="time-counters">
        <li>
          {counters.freeMinutesPerDay > 0
            ? t("time.freeLeftToday", { left: counters.freeMinutesLeftToday, perDay: counters.freeMinutesPerDay })
            : t("time.noFreeAllowance")}
        </li>
        <li>{t("time.prepaidBalance", { balance: formatMinutes(t, counters.prepaidBalance) })}</li>
      </ul>
      <p>
        <Link to="/portal/usage">{t("time.seeUsage")}</Link>
      </p>
    </section>
  );
}
