import { pageTitle } from "~/utils/i18n";
import { redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { RelativeTime } from "~/components/relative-time";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { FormError, FormKeyField, Notice, TextAreaField } from "~/components/forms";
import { useI18n } from "~/components/i18n";
import { CsatPrompt } from "~/components/quality/csat-prompt";
import { TicketTimeSummary } from "~/components/time/ticket-time-summary";
import { getTicketTimeSummary } from "~/modules/time-tracking/entries.server";
import { TicketServicePanel } from "~/components/services/service-ui";
import { ticketServiceInfo } from "~/modules/services/requests.server";
import { AccessDetailsFieldset } from "~/components/tickets/access-details";
import { AttachmentLinks, AttachmentPicker, StatusBadge, useResultCounter } from "~/components/tickets/ticket-ui";
import ticketStyles from "../components/tickets/tickets.css?url";
import type { MessageKey } from "~/locales/en";
import { renderEligibilityMessage } from "~/modules/licensing/eligibility-messages";
import { formatResponsePromise } from "~/modules/sla/promise";
import { replyAsCustomer, updateAccessDetails } from "~/modules/tickets/conversation.server";
import { customerTicketView } from "~/modules/tickets/customer.server";
import { ParticipantsPanel, TicketLinksNotice } from "~/components/tickets/merge-ui";
import { portalTicketExtras } from "~/modules/tickets/merge.server";
import { csatPromptByNumber } from "~/modules/quality/csat.server";
import { settledTicketOffers } from "~/modules/reviews/offers.server";
import { EligibilityRefusedError } from "~/modules/tickets/filing.server";
import { replySchema } from "~/modules/tickets/schemas";
import { parseAccessDetailsForm } from "~/modules/tickets/access-details";
import { answerParsed, runTicketAction, sharedTicketIntents, ticketNumberParam } from "~/modules/tickets/ticket-action.server";
import type { PortalTicketResult } from "~/modules/tickets/ticket-forms";
import { requireCustomer } from "~/modules/accounts/auth.server";
import { handleAppError } from "~/utils/errors.server";
import { parseForm } from "~/utils/forms";
import { IDEMPOTENCY_FIELD, idempotencyKeyOf, newFormKey } from "~/utils/idempotency.server";
import { breadcrumbs } from "~/components/breadcrumbs";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [{ title: data ? `#${data.ticket.number} ${data.ticket.subject} · Keydesk` : pageTitle(matches, "title.ticket") }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: ticketStyles }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireCustomer(request);
  const number = ticketNumberParam(params.number);
  try {
    const now = new Date();
    const view = await customerTicketView(user, number, now);
    return {
      ...view,
      promiseText: formatResponsePromise(view.promise, { locale: user.locale, timeZone: user.timeZone, now }),
      timeSummary: await getTicketTimeSummary(user, { number }, now),
      serviceInfo: await ticketServiceInfo(user, number),
      csat: await csatPromptByNumber(user, number, now),
      formKey: newFormKey(),
      extras: await portalTicketExtras(user, number),
      offers: await settledTicketOffers(user, number),
    };
  } catch (error) {
    throw handleAppError(error);
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireCustomer(request);
  return runTicketAction<PortalTicketResult>(request, params.number, {
    conflictStatus: 400,
    recover: (error, answer) =>
      error instanceof EligibilityRefusedError ? answer({ refused: renderEligibilityMessage(error.eligibility, user.locale, user.timeZone) }, 400) : null,
    handlers: {
      ...sharedTicketIntents<PortalTicketResult>(user),
      reply: async ({ number, formData, uploads, rejected, answer }) => {
        const parsed = parseForm(replySchema, formData);
        if (!parsed.ok || rejected.length > 0) return answer({ fieldErrors: parsed.ok ? {} : parsed.fieldErrors, rejectedFiles: rejected }, 400);
        const reply = await replyAsCustomer(user, number, parsed.data.body, uploads, new Date(), idempotencyKeyOf(formData.get(IDEMPOTENCY_FIELD), user.id));
        if (reply.followUp) return redirect(`/portal/tickets/${reply.number}?followUp=${number}`);
        return answer({});
      },
      access: ({ formData, number, answer }) => answerParsed(answer, parseAccessDetailsForm(formData), (access) => updateAccessDetails(user, number, access)),
    },
  });
}

/** Breadcrumbs above the heading (the shell draws them). */
export const handle = breadcrumbs<typeof loader>((d, { t }) => [{ to: "/portal/tickets", label: t("nav.tickets") }, { label: `#${d.ticket.number}` }]);

export default function CustomerTicket() {
  const { ticket, siteDownUpsell, promiseText, customerStatuses, messages, attachments, statusEvents, timeSummary, serviceInfo, csat, formKey, extras, offers } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const [params] = useSearchParams();
  const { t, dateTime, date } = useI18n();
  const replyFailed = result && !result.ok && result.intent === "reply";
  const sentReplies = useResultCounter(result, (r) => r.ok && r.intent === "reply");
  const replyResults = useResultCounter(result, (r) => r.intent === "reply");
  const accessFailed = result && !result.ok && result.intent === "access";
  const opening = attachments.filter((a) => a.messageId === null);
  const closed = ticket.status === "closed";
  const submitting = navigation.state === "submitting";

  return (
    <>
      <div className="ticket-head">
        <h1>
          #{ticket.number} {ticket.subject}
        </h1>
        <StatusBadge status={ticket.status} />
      </div>
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

      <div className="ticket-layout">
        <div>
          <ol className="conversation" aria-label={t("ticket.conversation")}>
            <li className="message">
              <header>
                <strong>{t("ticket.openingPost")}</strong>
                <span className="muted"><RelativeTime value={ticket.createdAt} /></span>
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
                  <span className="muted"><RelativeTime value={m.createdAt} /></span>
                </header>
                <p className="body">{m.body}</p>
                <AttachmentLinks files={attachments.filter((a) => a.messageId === m.id)} />
              </li>
            ))}
          </ol>

          <ParticipantsPanel cc={extras.cc} followers={null} candidates={extras.ccCandidates} following={null} staffView={false} result={result} />
          {extras.links.mergedInto ? null : (
          <section className="card" style={{ marginTop: 16 }}>
            <h2 style={{ marginTop: 0 }}>{closed ? t("ticket.replyClosed") : t("ticket.reply")}</h2>
            {closed ? <p className="hint">{t("ticket.replyClosedHint", { number: ticket.number })}</p> : null}
            {ticket.status === "pending" || ticket.status === "solved" ? <p className="hint">{t("ticket.replyReopens")}</p> : null}
            {replyFailed && result?.refused ? (
              <div className="verdict refused" role="alert">
                <strong>{t("filing.refused")}</strong> {result.refused}
              </div>
            ) : null}
            <FormError message={replyFailed ? result?.formError || t("filing.fixErrors") : null} />
            <Form method="post" encType="multipart/form-data" noValidate>
              <input type="hidden" name="intent" value="reply" />
              <FormKeyField value={formKey} />
              <TextAreaField
                label={t("ticket.message")}
                name="body"
                rows={6}
                required
                defaultValue={replyFailed ? result?.values.body : undefined}
                key={`reply-${sentReplies}`}
                errors={replyFailed ? result?.fieldErrors.body : undefined}
              />
              <AttachmentPicker rejected={replyFailed ? result?.rejectedFiles : undefined} resetKey={replyResults} />
              {replyFailed ? <p className="hint">{t("attachments.chooseAgain")}</p> : null}
              <button type="submit" disabled={submitting}>
                {closed ? t("ticket.sendFollowUp") : t("ticket.send")}
              </button>
            </Form>
          </section>
          )}
        </div>

        <aside className="side">
          <CsatPrompt data={csat} />
          {offers.complaint || offers.review ? (
            <section className="card next-steps" aria-labelledby="next-steps-title">
              <h2 id="next-steps-title">{t("offers.title")}</h2>
              <ul>
                {offers.review ? (
                  <li>
                    <Link to={`/portal/reviews/${offers.review.slug}`}>
                      {t(offers.review.reviewed ? "offers.editReview" : "offers.review", { product: offers.review.name })}
                    </Link>
                  </li>
                ) : null}
                {offers.complaint ? (
                  <li>
                    <Link to={`/portal/complaints/new?number=${ticket.number}`}>{t("offers.complain", { number: ticket.number })}</Link>
                  </li>
                ) : null}
              </ul>
            </section>
          ) : null}
          <TicketTimeSummary summary={timeSummary} />
          <TicketServicePanel info={serviceInfo} />
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

          {customerStatuses.length > 0 ? (
            <section className="card">
              <h2>{t("common.status")}</h2>
              {result && !result.ok && result.intent === "status" ? <FormError message={result.formError} /> : null}
              {customerStatuses.map((status) => (
                <Form method="post" key={status} style={{ marginBottom: 8 }}>
                  <input type="hidden" name="intent" value="status" />
                  <input type="hidden" name="status" value={status} />
                  <button type="submit" className={status === "solved" || status === "closed" ? "secondary" : ""}>
                    {t(`ticket.customerAction.${ticket.status === "solved" ? `${status}FromSolved` : status}` as MessageKey)}
                  </button>
                </Form>
              ))}
            </section>
          ) : null}

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
            {!closed ? (
              <details open={Boolean(accessFailed)}>
                <summary>{ticket.hasAccessDetails ? t("access.replace") : t("access.provide")}</summary>
                <FormError message={accessFailed ? result?.formError : null} />
                <Form method="post" noValidate>
                  <input type="hidden" name="intent" value="access" />
                  <AccessDetailsFieldset values={accessFailed ? (result?.values ?? {}) : {}} errors={accessFailed ? (result?.fieldErrors ?? {}) : {}} />
                  <button type="submit">{t("access.save")}</button>
                </Form>
              </details>
            ) : null}
          </section>

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
      </div>
    </>
  );
}
