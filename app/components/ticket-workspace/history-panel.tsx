import { useI18n } from "~/components/i18n";
import type { MessageKey } from "~/locales/en";
import type { Workspace } from "./types";

/** What happened to the ticket, and who did it. */
export function HistoryPanel({ events }: { events: Workspace["events"] }) {
  const { t, dateTime } = useI18n();
  return (
    <section className="card">
      <h2>{t("ticket.history")}</h2>
      <ul className="history">
        {events.map((e) => (
          <li key={e.id}>
            {dateTime(e.at)} — {t(`ticket.event.${e.type}` as MessageKey)}
            {e.type === "status_changed" ? `: ${t(`ticket.status.${String(e.data.to)}` as MessageKey)}` : ""}
            {e.type === "site_down_cleared" ? `: ${String(e.data.reason ?? "")}` : ""}
            {e.actorName ? ` (${e.actorName})` : ""}
          </li>
        ))}
      </ul>
    </section>
  );
}
