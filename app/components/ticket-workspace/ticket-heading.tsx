import { Link, useLocation } from "@remix-run/react";
import { FormError, Notice } from "~/components/forms";
import { useI18n } from "~/components/i18n";
import { MergeDoneNotice, TicketLinksNotice } from "~/components/tickets/merge-ui";
import { PriorityBadge, SlaCountdown, TicketTitle } from "~/components/tickets/ticket-ui";
import type { MessageKey } from "~/locales/en";
import type { Workspace, WorkspaceResult } from "./types";

/** The intents whose forms say their own errors; any other failure is said under the heading. */
const OWN_ERRORS = ["reply", "merge", "merge-preview", "split", "cc-add", "cc-remove", "follow", "tags"];

/** The ticket's heading, who filed it and where it came from, and what the last action did. */
export function TicketHeading({ view, result, now }: { view: Workspace; result: WorkspaceResult; now: Date }) {
  const { ticket, organisation, requester, product, sla } = view;
  const { t, dateTime, say } = useI18n();
  const mergedFrom = new URLSearchParams(useLocation().search).get("merged");
  const mergedNotice = mergedFrom && /^\d+$/.test(mergedFrom) ? <Notice>{t("merge.mergedFrom")} #{mergedFrom}</Notice> : null;
  const sideError =
    result && !result.ok && !OWN_ERRORS.includes(result.intent)
      ? result.claimedBy
        ? t("desk.claimedBy", { name: result.claimedBy })
        : say(result.formError)
      : null;

  return (
    <>
      <TicketTitle ticket={ticket}>
        <PriorityBadge priority={ticket.priority} />
        {ticket.siteDown ? <span className="badge danger">{t("ticket.siteDown")}</span> : null}
        {ticket.slaDueAt || ticket.slaState === "paused" ? (
          <SlaCountdown dueAt={ticket.slaDueAt} warnAt={ticket.slaWarnAt} state={ticket.slaState} now={now} calendar={sla.calendar} />
        ) : null}
      </TicketTitle>
      <p className="muted">
        <Link to={`/desk/organisations/${organisation.id}`}>{organisation.name}</Link> · {requester.name} ({requester.email}) · {t(`ticket.type.${ticket.type}` as MessageKey)}
        {product ? ` · ${product.name}` : ""} · {dateTime(ticket.createdAt)}
      </p>
      {ticket.followUpOf ? (
        <p>
          {t("ticket.followUpOf")} <Link to={`/desk/tickets/${ticket.followUpOf.number}`}>#{ticket.followUpOf.number}</Link>
        </p>
      ) : null}
      {ticket.followUps.length > 0 ? (
        <p>
          {t("ticket.followUps")}{" "}
          {ticket.followUps.map((f) => (
            <Link key={f.id} to={`/desk/tickets/${f.number}`} style={{ marginRight: 8 }}>
              #{f.number}
            </Link>
          ))}
        </p>
      ) : null}
      <TicketLinksNotice links={view.extras.links} base="/desk/tickets" />
      {view.extras.filedBy ? <p className="muted">{t("onBehalf.filedBy", { name: view.extras.filedBy })}</p> : null}
      {view.extras.overrideReason ? <p className="muted">{t("onBehalf.overridden", { reason: view.extras.overrideReason })}</p> : null}
      {mergedNotice}
      <MergeDoneNotice result={result} />
      {result?.ok && result.intent === "reply" ? <Notice>{t("ticket.replySent")}</Notice> : null}
      {sideError ? <FormError message={sideError} /> : null}
    </>
  );
}
