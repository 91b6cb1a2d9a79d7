import { useI18n } from "~/components/i18n";
import { SlaCountdown } from "~/components/tickets/ticket-ui";
import type { MessageKey } from "~/locales/en";
import type { Workspace } from "./types";

/** The SLA clocks of the ticket: target, due, elapsed, what is left, pauses, and their history. */
export function SlaPanel({ view, now }: { view: Workspace; now: Date }) {
  const { ticket, sla } = view;
  const { t, dateTime } = useI18n();
  return (
    <section className="card" aria-labelledby="sla-panel">
      <h2 id="sla-panel">{t("sla.panel")}</h2>
      {ticket.status === "pending" ? <p className="sla paused">{t("sla.pausedPending")}</p> : null}
      {sla.noCommitment ? (
        <p>{t("sla.noCommitment")}</p>
      ) : (
        <>
          <p className="hint">{t("sla.planCalendar", { plan: ticket.planName, calendar: sla.calendarName, zone: sla.calendarTimeZone })}</p>
          <table className="compact">
            <thead>
              <tr>
                <th scope="col">{t("sla.clock")}</th>
                <th scope="col">{t("sla.state")}</th>
              </tr>
            </thead>
            <tbody>
              {sla.clocks.map((c) => (
                <tr key={c.kind}>
                  <th scope="row">{t(`sla.clock.${c.kind}` as MessageKey)}</th>
                  <td>
                    <strong>{t(`sla.status.${c.status}` as MessageKey)}</strong>
                    {c.breached && c.status === "fulfilled" ? <span className="badge danger"> {t("sla.breached")}</span> : null}
                    <br />
                    {t("sla.target")}: {c.targetText}
                    {c.dueText ? (
                      <>
                        <br />
                        {t("sla.due")}: {c.dueText}
                      </>
                    ) : null}
                    {c.status !== "not_started" ? (
                      <>
                        <br />
                        {t("sla.elapsed")}: {c.elapsedText}
                        <br />
                        {c.status === "fulfilled" ? null : (
                          <>
                            {t("sla.leftLabel")}:{" "}
                            {c.status === "running" || c.status === "breached" ? (
                              <SlaCountdown dueAt={c.dueAt} warnAt={c.warnAt} state={c.breached ? "breached" : "ok"} now={now} calendar={sla.calendar} />
                            ) : (
                              c.remainingText
                            )}
                          </>
                        )}
                      </>
                    ) : null}
                    {c.pauses.length > 0 ? (
                      <>
                        <br />
                        {t("sla.pauses")}:{" "}
                        {c.pauses.map((p, i) => (
                          <span key={i}>
                            {dateTime(p.from)} → {p.to ? dateTime(p.to) : t("sla.now")}
                            {i < c.pauses.length - 1 ? "; " : ""}
                          </span>
                        ))}
                      </>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <details>
            <summary>{t("sla.history")}</summary>
            <ul className="history">
              {sla.history.map((h) => (
                <li key={h.id}>
                  {dateTime(h.at)} — {t(`sla.clock.${h.clock}` as MessageKey)}: {t(`sla.event.${h.type}` as MessageKey)}
                </li>
              ))}
            </ul>
          </details>
        </>
      )}
    </section>
  );
}
