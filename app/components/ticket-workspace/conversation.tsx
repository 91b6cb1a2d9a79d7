import { useI18n } from "~/components/i18n";
import { TicketConversation } from "~/components/tickets/conversation";
import type { Workspace } from "./types";

/** The opening post and every message after it, internal notes marked. */
export function Conversation({ view }: { view: Workspace }) {
  const { ticket, requester, messages, attachments } = view;
  const { t } = useI18n();
  return (
    <TicketConversation
      opening={{
        author: requester.name,
        createdAt: ticket.createdAt,
        description: ticket.description,
        mailNotes: ticket.mailNotes,
        stepsToReproduce: ticket.stepsToReproduce,
        extra: ticket.siteAddress ? (
          <p>
            <strong>{t("ticket.siteAddress")}:</strong> {ticket.siteAddress}
          </p>
        ) : null,
      }}
      messages={messages}
      attachments={attachments}
      classOf={(m) => (m.visibility === "internal" ? " internal" : m.fromStaff ? " from-staff" : "")}
      badgeOf={(m) => (m.visibility === "internal" ? <span className="badge internal">{t("desk.internalNote")}</span> : null)}
    />
  );
}
