import { Link } from "@remix-run/react";
import { AppForm, SubmitButton } from "~/components/app-form";
import { FormError } from "~/components/forms";
import { useI18n } from "~/components/i18n";
import { CsatPrompt } from "~/components/quality/csat-prompt";
import { TicketServicePanel } from "~/components/services/service-ui";
import { AccessDetailsFieldset } from "~/components/tickets/access-details";
import { TicketTimeSummary } from "~/components/time/ticket-time-summary";
import type { MessageKey } from "~/locales/en";
import { accessDetailsFormSchema } from "~/modules/tickets/access-details";
import { statusSchema } from "~/modules/tickets/schemas";
import type { PortalTicket, PortalTicketAnswer } from "./types";

/** The column beside the conversation: rating, next steps, time, service, facts, status, access details, history. */
export function PortalTicketSide({ view, result }: { view: PortalTicket; result: PortalTicketAnswer }) {
  const { ticket, customerStatuses, statusEvents, timeSummary, serviceInfo, csat } = view;
  const { t, dateTime } = useI18n();
  return (
    <aside className="side">
      <CsatPrompt data={csat} />
      <NextSteps view={view} />
      <TicketTimeSummary summary={timeSummary} />
      <TicketServicePanel info={serviceInfo} />
      <TicketFacts view={view} />
      {customerStatuses.length > 0 ? (
        <section className="card">
          <h2>{t("common.status")}</h2>
          {result && !result.ok && result.intent === "status" ? <FormError message={result.formError} /> : null}
          {customerStatuses.map((status) => (
            <AppForm method="post" key={status} style={{ marginBottom: 8 }} intent="status" schema={statusSchema} result={result} formError="none">
              <input type="hidden" name="status" value={status} />
              <SubmitButton className={status === "solved" || status === "closed" ? "secondary" : ""}>
                {t(`ticket.customerAction.${ticket.status === "solved" ? `${status}FromSolved` : status}` as MessageKey)}
              </SubmitButton>
            </AppForm>
          ))}
        </section>
      ) : null}
      <AccessDetailsCard view={view} result={result} />
      {statusEvents.length > 0 ? (
        <section className="card">
          <h2>{t("ticket.history")}</h2>
          <ul className="history">
            {statusEvents.map((e, i) => (
              <li key={i}>
                {dateTime(e.at)} — {t(`ticket.status.${e.to}` as MessageKey)}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </aside>
  );
}

/** Once the ticket is settled: review the product, or complain about how it went. */
function NextSteps({ view }: { view: PortalTicket }) {
  const { ticket, offers } = view;
  const { t } = useI18n();
  if (!offers.complaint && !offers.review) return null;
  return (
    <section className="card next-steps" aria-labelledby="next-steps-title">
      <h2 id="next-steps-title">{t("offers.title")}</h2>
      <ul>
        {offers.review ? (
          <li>
            <Link to={`/portal/reviews/${offers.review.slug}`}>{t(offers.review.reviewed ? "offers.editReview" : "offers.review", { product: offers.review.name })}</Link>
          </li>
        ) : null}
        {offers.complaint ? (
          <li>
            <Link to={`/portal/complaints/new?number=${ticket.number}`}>{t("offers.complain", { number: ticket.number })}</Link>
          </li>
        ) : null}
      </ul>
    </section>
  );
}

function TicketFacts({ view }: { view: PortalTicket }) {
  const { ticket, siteDownUpsell } = view;
  const { t, dateTime, date } = useI18n();
  return (
    <section className="card">
      <h2>{t("ticket.details")}</h2>
      <dl className="facts">
        <dt>{t("filing.type")}</dt>
        <dd>{t(`ticket.type.${ticket.type}` as MessageKey)}</dd>
        {ticket.productName ? (
          <>
            <dt>{t("ticket.product")}</dt>
            <dd>{ticket.productName}</dd>
          </>
        ) : null}
        {ticket.siteAddress ? (
          <>
            <dt>{t("ticket.siteAddress")}</dt>
            <dd>{ticket.siteAddress}</dd>
          </>
        ) : null}
        <dt>{t("common.created")}</dt>
        <dd>{dateTime(ticket.createdAt)}</dd>
        {ticket.autoCloseAt ? (
          <>
            <dt>{t("ticket.autoClose")}</dt>
            <dd>{date(ticket.autoCloseAt)}</dd>
          </>
        ) : null}
      </dl>
      {ticket.siteDown ? <p className="badge danger">{t("ticket.siteDown")}</p> : null}
      {ticket.siteDown ? <p className="hint">{siteDownUpsell ? t("siteDown.upsell", { plan: siteDownUpsell }) : t("siteDown.urgent")}</p> : null}
    </section>
  );
}

/** Whether access details are kept (never shown back), and the form to give or replace them. */
function AccessDetailsCard({ view, result }: { view: PortalTicket; result: PortalTicketAnswer }) {
  const { ticket } = view;
  const { t, date } = useI18n();
  const accessFailed = result && !result.ok && result.intent === "access";
  return (
    <section className="card">
      <h2>{t("access.title")}</h2>
      {ticket.accessDetailsErasedAt ? (
        <p>{t("access.erasedOn", { date: date(ticket.accessDetailsErasedAt) })}</p>
      ) : ticket.hasAccessDetails ? (
        <p>{t("access.stored")}</p>
      ) : (
        <p className="muted">{t("access.none")}</p>
      )}
      {ticket.accessDetailsEraseAt ? <p className="hint">{t("access.willErase", { date: date(ticket.accessDetailsEraseAt) })}</p> : null}
      {ticket.status !== "closed" ? (
        <details open={Boolean(accessFailed)}>
          <summary>{ticket.hasAccessDetails ? t("access.replace") : t("access.provide")}</summary>
          <AppForm method="post" intent="access" schema={accessDetailsFormSchema} result={result}>
            <AccessDetailsFieldset values={accessFailed ? (result?.values ?? {}) : {}} errors={accessFailed ? (result?.fieldErrors ?? {}) : {}} />
            <SubmitButton>{t("access.save")}</SubmitButton>
          </AppForm>
        </details>
      ) : null}
    </section>
  );
}
