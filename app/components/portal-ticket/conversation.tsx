import { useI18n } from "~/components/i18n";
import { RelativeTime } from "~/components/relative-time";
import { AttachmentLinks } from "~/components/tickets/ticket-ui";
import type { PortalTicket } from "./types";

/** The opening post and every public message after it, with their files. */
export function PortalConversation({ view }: { view: PortalTicket }) {
  const { ticket, messages, attachments } = view;
  const { t } = useI18n();
  const opening = attachments.filter((a) => a.messageId === null);
  return (
    <ol className="conversation" aria-label={t("ticket.conversation")}>
      <li className="message">
        <header>
          <strong>{t("ticket.openingPost")}</strong>
          <span className="muted">
            <RelativeTime value={ticket.createdAt} />
          </span>
        </header>
        <p className="body">{ticket.description}</p>
        {ticket.stepsToReproduce ? (
          <>
            <h3 style={{ fontSize: "1rem", marginBottom: 4 }}>{t("ticket.steps")}</h3>
            <p className="body">{ticket.stepsToReproduce}</p>
          </>
        ) : null}
        <AttachmentLinks files={opening} />
      </li>
      {messages.map((m) => (
        <li key={m.id} className={`message${m.fromStaff ? " from-staff" : ""}`}>
          <header>
            <strong>{m.authorName}</strong>
            {m.fromStaff ? <span className="badge">{t("ticket.support")}</span> : null}
            <span className="muted">
              <RelativeTime value={m.createdAt} />
            </span>
          </header>
          <p className="body">{m.body}</p>
          <AttachmentLinks files={attachments.filter((a) => a.messageId === m.id)} />
        </li>
      ))}
    </ol>
  );
}
