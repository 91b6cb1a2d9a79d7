import { AppForm, SubmitButton } from "~/components/app-form";
import { TextAreaField } from "~/components/forms";
import { useI18n } from "~/components/i18n";
import { AttachmentLinks, PriorityBadge, StatusBadge } from "~/components/tickets/ticket-ui";
import type { MessageKey } from "~/locales/en";
import { CSAT_RATING_KEYS } from "~/modules/quality/csat";
import type { InvestigationTicket } from "~/modules/quality/investigation.server";
import { qualityNoteSchema } from "~/modules/quality/complaint-actions";
import type { ComplaintResult } from "./types";

/** One ticket the complaint is about: its facts, conversation, time, SLA, CSAT and quality notes (with a form to share one). */
export function TicketDossier({ ticket, canShare, result }: { ticket: InvestigationTicket; canShare: boolean; result: ComplaintResult }) {
  const { t, dateTime } = useI18n();
  const headingId = `ticket-${ticket.number}`;
  return (
    <section className="ticket-dossier" aria-labelledby={headingId}>
      <h3 id={headingId}>
        #{ticket.number} {ticket.subject}
      </h3>
      <p>
        <StatusBadge status={ticket.status} /> <PriorityBadge priority={ticket.priority} /> <span className="badge">{t(`ticket.type.${ticket.type}` as MessageKey)}</span>{" "}
        <a href={`/desk/tickets/${ticket.number}`}>{t("workspace.openOnDesk")}</a>
      </p>
      <dl className="facts">
        <dt>{t("workspace.requester")}</dt>
        <dd>{ticket.requesterName}</dd>
        <dt>{t("workspace.engineer")}</dt>
        <dd>{ticket.assigneeName ?? "—"}</dd>
        <dt>{t("workspace.product")}</dt>
        <dd>{ticket.productName ?? "—"}</dd>
        <dt>{t("workspace.licence")}</dt>
        <dd>{ticket.licenceKey ?? "—"}</dd>
        {ticket.siteAddress ? (
          <>
            <dt>{t("workspace.site")}</dt>
            <dd>{ticket.siteAddress}</dd>
          </>
        ) : null}
        <dt>{t("workspace.received")}</dt>
        <dd>{dateTime(ticket.createdAt)}</dd>
      </dl>
      <h4>{t("workspace.descriptionOfTicket")}</h4>
      <p className="pre-wrap">{ticket.description}</p>
      {ticket.stepsToReproduce ? (
        <>
          <h4>{t("workspace.steps")}</h4>
          <p className="pre-wrap">{ticket.stepsToReproduce}</p>
        </>
      ) : null}
      <AttachmentLinks files={ticket.otherFiles} />

      <h4>{t("workspace.conversation")}</h4>
      {ticket.messages.length === 0 ? (
        <p className="muted">{t("workspace.noMessages")}</p>
      ) : (
        <ol className="messages">
          {ticket.messages.map((m) => (
            <li key={m.id} className={m.internal ? "internal" : m.fromStaff ? "staff" : undefined}>
              <header>
                <strong>{m.authorName}</strong> · {dateTime(m.createdAt)} ·{" "}
                {m.internal ? <span className="badge internal">{t("workspace.internal")}</span> : <span className="muted">{t("workspace.public")}</span>}
              </header>
              <p className="pre-wrap" style={{ margin: 0 }}>
                {m.body}
              </p>
              <AttachmentLinks files={m.files} />
            </li>
          ))}
        </ol>
      )}

      <h4>{t("workspace.time")}</h4>
      {ticket.timeEntries.length === 0 ? (
        <p className="muted">{t("workspace.noTime")}</p>
      ) : (
        <div className="table-wrap">
          <table className="compact">
            <thead>
              <tr>
                <th scope="col">{t("workspace.received")}</th>
                <th scope="col">{t("workspace.engineer")}</th>
                <th scope="col">{t("workspace.minutes")}</th>
                <th scope="col">{t("workspace.split")}</th>
              </tr>
            </thead>
            <tbody>
              {ticket.timeEntries.map((e) => (
                <tr key={e.id}>
                  <td>{dateTime(e.startedAt)}</td>
                  <td>{e.engineerName}</td>
                  <td>
                    {e.minutes}
                    {e.note ? <div className="muted">{e.note}</div> : null}
                  </td>
                  <td>
                    {e.freeMinutes} / {e.prepaidMinutes} / {e.billableMinutes} / {e.notChargedMinutes}
                    {e.billableCancelledAt ? <> <span className="badge ok">{t("workspace.cancelled")}</span></> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <h4>{t("workspace.sla")}</h4>
      {ticket.slaEvents.length === 0 ? (
        <p className="muted">{t("workspace.noSla")}</p>
      ) : (
        <ul className="history">
          {ticket.slaEvents.map((e) => (
            <li key={e.id}>
              {dateTime(e.at)} — {t(`sla.clock.${e.clock}` as MessageKey)}: {t(`sla.event.${e.type}` as MessageKey)}
            </li>
          ))}
        </ul>
      )}

      <h4>{t("workspace.csat")}</h4>
      {ticket.csat ? (
        <>
          <ul className="history">
            {CSAT_RATING_KEYS.map((k) => (
              <li key={k}>
                {t(`csat.${k}` as MessageKey)}: <strong className={ticket.csat![k] <= 2 ? "badge danger" : undefined}>{ticket.csat![k]}/5</strong>
              </li>
            ))}
          </ul>
          {ticket.csat.comment ? <p className="pre-wrap">{ticket.csat.comment}</p> : null}
          <p className="muted">{t("csat.ratedBy", { name: ticket.csat.authorName, date: dateTime(ticket.csat.submittedAt) })}</p>
        </>
      ) : (
        <p className="muted">{t("workspace.noCsat")}</p>
      )}

      <h4>{t("workspace.notes")}</h4>
      <p className="hint">{t("workspace.noteHint")}</p>
      {ticket.qualityNotes.length > 0 ? (
        <ul className="plain-list">
          {ticket.qualityNotes.map((n) => (
            <li key={n.id}>
              <p className="pre-wrap" style={{ margin: 0 }}>
                {n.body}
              </p>
              <span className="muted">{t("notes.by", { name: n.authorName, date: dateTime(n.createdAt) })}</span>
            </li>
          ))}
        </ul>
      ) : null}
      {canShare ? (
        // A shared note empties the form (a new one is drawn); a refused one is this ticket's to show.
        <AppForm
          method="post"
          key={ticket.qualityNotes.length}
          schema={qualityNoteSchema}
          result={result?.values?.ticketId === ticket.id ? result : null}
          intent="note"
          formError="none"
        >
          <input type="hidden" name="ticketId" value={ticket.id} />
          <TextAreaField label={`${t("workspace.shareNote")} (#${ticket.number})`} name="body" rows={3} />
          <SubmitButton className="secondary">{t("workspace.shareNote")}</SubmitButton>
        </AppForm>
      ) : null}
    </section>
  );
}
