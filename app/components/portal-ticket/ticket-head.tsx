import { Link, useSearchParams } from "@remix-run/react";
import { Notice } from "~/components/forms";
import { useI18n } from "~/components/i18n";
import { TicketLinksNotice } from "~/components/tickets/merge-ui";
import { TicketTitle } from "~/components/tickets/ticket-ui";
import type { PortalTicket, PortalTicketAnswer } from "./types";

/** The ticket's title and status, what just happened, the response promise and the tickets it is linked with. */
export function PortalTicketHead({ view, result }: { view: PortalTicket; result: PortalTicketAnswer }) {
  const { ticket, promiseText, extras } = view;
  const [params] = useSearchParams();
  const { t } = useI18n();
  return (
    <>
      <TicketTitle ticket={ticket} />
      {params.get("filed") ? <Notice>{t("ticket.filedNotice", { number: ticket.number })}</Notice> : null}
      {params.get("followUp") ? <Notice>{t("ticket.followUpNotice", { number: params.get("followUp") ?? "" })}</Notice> : null}
      {result?.ok && result.intent === "reply" ? <Notice>{t("ticket.replySent")}</Notice> : null}
      {result?.ok && result.intent === "access" ? <Notice>{t("access.saved")}</Notice> : null}
      {promiseText ? <p className="promise">{promiseText}</p> : null}
      <TicketLinksNotice links={extras.links} base="/portal/tickets" />
      {ticket.followUpOf ? (
        <p>
          {t("ticket.followUpOf")} <Link to={`/portal/tickets/${ticket.followUpOf}`}>#{ticket.followUpOf}</Link>
        </p>
      ) : null}
      {ticket.followUps.length > 0 ? (
        <p>
          {t("ticket.followUps")}{" "}
          {ticket.followUps.map((n) => (
            <Link key={n} to={`/portal/tickets/${n}`} style={{ marginRight: 8 }}>
              #{n}
            </Link>
          ))}
        </p>
      ) : null}
    </>
  );
}
