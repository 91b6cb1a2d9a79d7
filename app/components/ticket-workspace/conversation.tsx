import { RelativeTime } from "~/components/relative-time";
import { useI18n } from "~/components/i18n";
import { AttachmentLinks } from "~/components/tickets/ticket-ui";
import type { Workspace } from "./types";

/** The opening post and every message after it, internal notes marked. */
export function Conversation({ view }: { view: Workspace }) {
  const { ticket, requester, messages, attachments } = view;
  const { t } = useI18n();
  const opening = attachments.filter((a) => a.messageId === null);
  return (
    <ol className="conversation" aria-label={t("ticket.conversation")}>
      <li className="message">
        <header>
          <strong>{requester.name}</strong>
          <span className="muted"><RelativeTime value={ticket.createdAt} /></span>
        </header>
        <p className="body">{ticket.description}</p>
        {ticket.stepsToReproduce ? (
          <>
            <h3 style={{ fontSize: "1rem", marginBottom: 4 }}>{t("ticket.steps")}</h3>
            <p className="body">{ticket.stepsToReproduce}</p>
          </>
        ) : null}
        {ticket.siteAddress ? (
          <p>
            <strong>{t("ticket.siteAddress")}:</strong> {ticket.siteAddress}
          </p>
        ) : null}
        <AttachmentLinks files={opening} />
      </li>
      {messages.map((m) => (
        <li key={m.id} className={`message${m.visibility === "internal" ? " internal" : m.fromStaff ? " from-staff" : ""}`}>
          <header>
            <strong>{m.authorName}</strong>
            {m.visibility === "internal" ? <span className="badge internal">{t("desk.internalNote")}</span> : null}
            <span className="muted"><RelativeTime value={m.createdAt} /></span>
          </header>
          <p className="body">{m.body}</p>
          <AttachmentLinks files={attachments.filter((a) => a.messageId === m.id)} />
        </li>
      ))}
    </ol>
  );
}
