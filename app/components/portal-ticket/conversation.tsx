import { useI18n } from "~/components/i18n";
import { TicketConversation } from "~/components/tickets/conversation";
import type { PortalTicket } from "./types";

/** The opening post and every public message after it, with their files. */
export function PortalConversation({ view }: { view: PortalTicket }) {
  const { ticket, messages, attachments } = view;
  const { t } = useI18n();
  return (
    <TicketConversation
      opening={{ author: t("ticket.openingPost"), createdAt: ticket.createdAt, description: ticket.description, mailNotes: ticket.mailNotes, stepsToReproduce: ticket.stepsToReproduce }}
      messages={messages}
      attachments={attachments}
      classOf={(m) => (m.fromStaff ? " from-staff" : "")}
      badgeOf={(m) => (m.fromStaff ? <span className="badge">{t("ticket.support")}</span> : null)}
    />
  );
}
