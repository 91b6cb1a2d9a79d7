import { DraftKeeper } from "~/components/keyboard";
import type { FieldErrors, FormMessage } from "~/utils/messages";
import { RelativeTime } from "~/components/relative-time";
import { MacroPicker, TagChips } from "~/components/macros/macros-ui";
import { macrosForReply, sendMacroReply } from "~/modules/macros/macros.server";
import { setTicketTagsByNumber, tagChoices, tagsForTickets } from "~/modules/tickets/tags.server";
import { CustomerPanel } from "~/components/tickets/customer-panel";
import { customerPanel } from "~/modules/tickets/customer-panel.server";
import { MergeDoneNotice, MergePanel, ParticipantsPanel, SplitPanel, TicketLinksNotice } from "~/components/tickets/merge-ui";
import { deskTicketExtras, mergePreview, mergeTicket, splitMessage } from "~/modules/tickets/merge.server";
import { addCc, removeCc, setFollowing } from "~/modules/tickets/participants.server";
import { data, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useFetcher, useLoaderData, useLocation, useNavigation, useRevalidator } from "@remix-run/react";
import { translate } from "~/utils/i18n";
import { useEffect } from "react";
import { z } from "zod";
import { FormError, FormKeyField, Notice, SelectField, TextAreaField, TextField } from "~/components/forms";
import { useI18n } from "~/components/i18n";
import { TicketTimerPanel } from "~/components/time/ticket-timer-panel";
import { TicketServicePanel } from "~/components/services/service-ui";
import { ticketServiceInfo } from "~/modules/services/requests.server";
import { EscalateToQualityLink, QualityNotes } from "~/components/quality/quality-notes";
import { REPLY_FORM_ID, ReplyArticleFinder, TicketKnowledgePanel } from "~/components/knowledge/ticket-panel";
import { findArticlesForReply, insertArticleLink, ticketKnowledge } from "~/modules/knowledge/ticket-panel.server";
import { getEnv } from "~/utils/env.server";
import { qualityNotesForTicket } from "~/modules/quality/quality-notes.server";
import { getTicketTimePanel } from "~/modules/time-tracking/entries.server";
import { AttachmentLinks, AttachmentPicker, PriorityBadge, SlaCountdown, StatusBadge, useNow, type RejectedFile, useResultCounter } from "~/components/tickets/ticket-ui";
import ticketStyles from "../components/tickets/tickets.css?url";
import type { MessageKey } from "~/locales/en";
import { can } from "~/modules/accounts/permissions";
import { replyAsStaff, setTicketStatus } from "~/modules/tickets/conversation.server";
import { AlreadyClaimedError, assignTicket, claimTicket, clearSiteDown, revealAccessDetails, setTicketPriority, staffTicketView } from "~/modules/tickets/desk.server";
import { PRIORITY_VALUES } from "~/modules/tickets/queue-filters";
import { assignSchema, clearSiteDownSchema, prioritySchema, staffReplySchema, statusSchema } from "~/modules/tickets/schemas";
import { nextStatuses, type TicketStatus } from "~/modules/tickets/status";
import { parseUploadForm } from "~/modules/tickets/uploads.server";
import type { AccessDetails } from "~/modules/tickets/access-details";
import { CONFIRM_FIELD } from "~/modules/security/two-factor";
import { requireRecentConfirmation } from "~/modules/security/two-factor.server";
import { requirePermission, requireSession } from "~/modules/accounts/auth.server";
import { AppError, handleAppError, notFound } from "~/utils/errors.server";
import { parseForm } from "~/utils/forms";
import { IDEMPOTENCY_FIELD, idempotencyKeyOf, newFormKey } from "~/utils/idempotency.server";
import { breadcrumbs } from "~/components/breadcrumbs";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `#${data.ticket.number} ${data.ticket.subject} · Keydesk` : "Ticket · Keydesk" }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: ticketStyles }];

function ticketNumber(value: string | undefined): number {
  if (!value || !/^\d{1,9}$/.test(value)) notFound();
  return Number(value);
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:ticket:any");
  const number = ticketNumber(params.number);
  try {
    const view = await staffTicketView(user, number, { locale: user.locale, timeZone: user.timeZone });
    const ticketId = view.ticket.id;
    const mayReply = can(user, "reply:ticket:any");
    // The panels read independently of each other: side by side, not one after another.
    const [timePanel, qualityNotes, serviceInfo, customer, extras, knowledge, macros, tags, choices] = await Promise.all([
      getTicketTimePanel(user, { id: ticketId }, { after: new URL(request.url).searchParams.get("timeAfter") }),
      qualityNotesForTicket(user, ticketId),
      ticketServiceInfo(user, number),
      customerPanel(user, ticketId, view.now, { organisationId: view.organisation.id }),
      deskTicketExtras(user, ticketId),
      ticketKnowledge(user, number, getEnv().APP_URL),
      mayReply ? macrosForReply(user, number) : Promise.resolve([]),
      tagsForTickets(user, [ticketId], user.locale),
      tagChoices(user, user.locale),
    ]);
    return {
      ...view,
      now: view.now.toISOString(),
      me: { id: user.id },
      formKey: newFormKey(),
      timePanel,
      qualityNotes,
      serviceInfo,
      customer,
      extras,
      knowledge,
      canEscalate: can(user, "escalate:ticket:any") || can(user, "update:complaint:any"),
      permissions: {
        reply: mayReply,
        update: can(user, "update:ticket:any"),
        assign: can(user, "assign:ticket:any"),
        reveal: can(user, "reveal:access-details:any"),
      },
      staffStatuses: nextStatuses(view.ticket.status, "staff"),
      macros,
      tags: tags[ticketId] ?? [],
      tagChoices: choices,
    };
  } catch (error) {
    throw handleAppError(error);
  }
}

type Result = {
  ok: boolean;
  intent: string;
  formError: FormMessage;
  fieldErrors: FieldErrors;
  values: Record<string, string>;
  rejectedFiles: RejectedFile[];
  claimedBy?: string;
  details?: AccessDetails;
  /** The reply form's knowledge-base buttons: articles found, and the title of the one just linked. */
  kbFound?: Array<{ id: string; title: string; url: string; path: string }>;
  kbLinked?: string;
  kbCannotLink?: boolean;
  /** Files chosen with a knowledge-base button are not kept (a file input cannot be refilled). */
  hadFiles?: boolean;
  /** Merge: the confirmation naming both tickets, then what moved; split: the new ticket's number. */
  mergePreview?: { source: { number: number; subject: string }; target: { number: number; subject: string } };
  merged?: { source: number; messages: number; attachments: number; timeEntries: number };
  split?: number;
};

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "read:ticket:any");
  const number = ticketNumber(params.number);
  const { formData, uploads, rejected } = await parseUploadForm(request);
  const intent = String(formData.get("intent") ?? "");
  const values: Record<string, string> = {};
  // The re-confirmation secret is never sent back to the page.
  for (const [key, value] of formData.entries()) if (typeof value === "string" && key !== CONFIRM_FIELD) values[key] = value;
  const result = (r: Partial<Result>, status = 200) =>
    data<Result>(
      { ok: status < 400, intent, formError: "", fieldErrors: {}, values: status < 400 ? {} : values, rejectedFiles: [], ...r },
      { status, headers: { "Cache-Control": "no-store" } },
    );
  // The reply form's knowledge-base buttons (they work without JavaScript): find articles, or
  // append a link to one of them to the draft. Nothing is sent; everything typed comes back.
  if (formData.has("insertArticle") || formData.get("kbAction") === "find") {
    const appUrl = getEnv().APP_URL;
    const draft = { ...values, body: String(formData.get("body") ?? "") };
    const hadFiles = uploads.length + rejected.length > 0;
    try {
      const kbFound = await findArticlesForReply(user, String(formData.get("kbq") ?? ""), appUrl);
      if (!formData.has("insertArticle")) return result({ intent: "kb", values: draft, kbFound, hadFiles });
      const articleId = z.uuid().safeParse(formData.get("insertArticle"));
      const linked = articleId.success ? await insertArticleLink(user, draft.body, articleId.data, appUrl) : null;
      if (!linked) return result({ intent: "kb", values: draft, kbFound, hadFiles, kbCannotLink: true }, 400);
      return result({ intent: "kb", values: { ...draft, body: linked.body }, kbFound, hadFiles, kbLinked: linked.title });
    } catch (error) {
      handleAppError(error);
      throw error;
    }
  }
  try {
    switch (intent) {
      case "reply": {
        const parsed = parseForm(staffReplySchema, formData);
        if (!parsed.ok || rejected.length > 0) return result({ fieldErrors: parsed.ok ? {} : parsed.fieldErrors, rejectedFiles: rejected }, 400);
        const macroId = z.uuid().safeParse(formData.get("macroId"));
        const key = idempotencyKeyOf(formData.get(IDEMPOTENCY_FIELD), user.id);
        // A reply started from a macro applies the macro's actions and counts its use.
        if (macroId.success) await sendMacroReply(user, number, macroId.data, parsed.data, uploads, new Date(), key);
        else await replyAsStaff(user, number, parsed.data, uploads, new Date(), key);
        return result({});
      }
      case "merge-preview":
      case "merge": {
        const target = String(formData.get("target") ?? "").trim().replace(/^#/, "");
        if (!/^\d{1,9}$/.test(target)) return result({ formError: translate(user.locale, "merge.target"), fieldErrors: { target: [translate(user.locale, "merge.target")] } }, 400);
        if (intent === "merge-preview") return result({ mergePreview: await mergePreview(user, number, Number(target)) });
        // The merged ticket is now a pointer: the page to stay on is the kept ticket.
        const merged = await mergeTicket(user, number, Number(target));
        return redirect(`/desk/tickets/${merged.target}?merged=${merged.source}`);
      }
      case "split": {
        const created = await splitMessage(user, number, String(formData.get("messageId") ?? ""), String(formData.get("subject") ?? ""));
        return result({ split: created.number });
      }
      case "cc-add":
        await addCc(user, number, String(formData.get("contactId") ?? ""));
        return result({});
      case "cc-remove":
        await removeCc(user, number, String(formData.get("contactId") ?? ""));
        return result({});
      case "follow":
        await setFollowing(user, number, formData.get("follow") === "yes");
        return result({});
      case "tags": {
        await setTicketTagsByNumber(user, number, String(formData.get("tags") ?? "").split(","));
        return result({});
      }
      case "claim":
        await claimTicket(user, number);
        return result({});
      case "assign": {
        const parsed = parseForm(assignSchema, formData);
        if (!parsed.ok) return result({ fieldErrors: parsed.fieldErrors }, 400);
        await assignTicket(user, number, parsed.data.assigneeId);
        return result({});
      }
      case "priority": {
        const parsed = parseForm(prioritySchema, formData);
        if (!parsed.ok) return result({ fieldErrors: parsed.fieldErrors }, 400);
        await setTicketPriority(user, number, parsed.data.priority);
        return result({});
      }
      case "status": {
        const parsed = parseForm(statusSchema, formData);
        if (!parsed.ok) return result({ fieldErrors: parsed.fieldErrors }, 400);
        await setTicketStatus(user, number, parsed.data.status);
        return result({});
      }
      case "clear-site-down": {
        const parsed = parseForm(clearSiteDownSchema, formData);
        if (!parsed.ok) return result({ fieldErrors: parsed.fieldErrors }, 400);
        await clearSiteDown(user, number, parsed.data.reason);
        return result({});
      }
      case "reveal": {
        const { session } = await requireSession(request);
        await requireRecentConfirmation(user, session, String(formData.get(CONFIRM_FIELD) ?? "") || null);
        const revealed = await revealAccessDetails(user, number);
        return result({ details: revealed.details });
      }
      default:
        throw new Response("Bad request", { status: 400 });
    }
  } catch (error) {
    if (error instanceof AlreadyClaimedError) return result({ claimedBy: error.claimedBy, formError: error.message }, 409);
    if (error instanceof AppError && (error.code === "invalid" || error.code === "conflict")) {
      return result({ formError: error.message, fieldErrors: error.fieldErrors ?? {} }, error.code === "conflict" ? 409 : 400);
    }
    handleAppError(error); // not found / forbidden become responses; anything else is a bug
    throw error;
  }
}

const REFRESH_MS = 60_000;
const REPLY_FORM = REPLY_FORM_ID;

/** Breadcrumbs above the heading (the shell draws them). */
export const handle = breadcrumbs<typeof loader>((d, { t }) => [{ to: "/desk/tickets", label: t("nav.queues") }, { label: `#${d.ticket.number}` }]);

export default function Workspace() {
  const view = useLoaderData<typeof loader>();
  const { ticket, organisation, requester, assignee, product, licence, messages, attachments, events, reveals, staff, sla, permissions, staffStatuses, me } = view;
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const reveal = useFetcher<typeof action>();
  const revalidator = useRevalidator();
  const { t, dateTime, date, say } = useI18n();
  const now = useNow(view.now, 15_000);
  const replyFailed = result && !result.ok && result.intent === "reply";
  // After a knowledge-base button of the reply form (find, insert link) the draft comes back as typed.
  const kbResult = result?.intent === "kb" ? result : null;
  const draft = replyFailed || kbResult ? result?.values : undefined;
  const sentReplies = useResultCounter(result, (r) => r.ok && r.intent === "reply");
  const replyResults = useResultCounter(result, (r) => r.intent === "reply");
  const submitting = navigation.state === "submitting";
  const opening = attachments.filter((a) => a.messageId === null);
  const closed = ticket.status === "closed";

  useEffect(() => {
    const timer = window.setInterval(() => {
      if (document.visibilityState === "visible" && revalidator.state === "idle" && navigation.state === "idle") revalidator.revalidate();
    }, REFRESH_MS);
    return () => window.clearInterval(timer);
  }, [revalidator, navigation.state]);

  const mergedFrom = new URLSearchParams(useLocation().search).get("merged");
  const mergedNotice = mergedFrom && /^\d+$/.test(mergedFrom) ? <Notice>{t("merge.mergedFrom")} #{mergedFrom}</Notice> : null;
  const sideError =
    result && !result.ok && !["reply", "merge", "merge-preview", "split", "cc-add", "cc-remove", "follow", "tags"].includes(result.intent)
      ? result.claimedBy
        ? t("desk.claimedBy", { name: result.claimedBy })
        : say(result.formError)
      : null;
  const siteDownFailed = result && !result.ok && result.intent === "clear-site-down";
  const tagsFailed = result && !result.ok && result.intent === "tags";
  const revealed = reveal.data && reveal.data.ok && reveal.data.details ? reveal.data.details : null;
  const revealError = reveal.data && !reveal.data.ok ? reveal.data.formError : null;

  return (
    <>
      <div className="ticket-head">
        <h1>
          #{ticket.number} {ticket.subject}
        </h1>
        <StatusBadge status={ticket.status} />
        <PriorityBadge priority={ticket.priority} />
        {ticket.siteDown ? <span className="badge danger">{t("ticket.siteDown")}</span> : null}
        {ticket.slaDueAt || ticket.slaState === "paused" ? (
          <SlaCountdown dueAt={ticket.slaDueAt} warnAt={ticket.slaWarnAt} state={ticket.slaState} now={now} calendar={sla.calendar} />
        ) : null}
      </div>
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

      <div className="ticket-layout">
        <div>
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

          {permissions.reply ? (
            <section className="card" style={{ marginTop: 16 }}>
              <h2 style={{ marginTop: 0 }}>{t("desk.replyTitle")}</h2>
              {closed ? <p className="hint">{t("desk.closedHint")}</p> : null}
              <FormError message={replyFailed ? result?.formError || t("filing.fixErrors") : kbResult?.kbCannotLink ? t("kb.panel.cannotLink") : null} />
              {kbResult?.kbLinked ? <Notice>{t("kb.panel.linked", { title: kbResult.kbLinked })}</Notice> : null}
              <Form method="post" encType="multipart/form-data" noValidate id={REPLY_FORM} data-kbd="reply">
                <input type="hidden" name="intent" value="reply" />
                <FormKeyField value={view.formKey} />
                <TextAreaField
                  label={t("ticket.message")}
                  name="body"
                  rows={6}
                  required
                  key={`reply-${sentReplies}`}
                  defaultValue={draft?.body}
                  errors={replyFailed ? result?.fieldErrors.body : undefined}
                />
                <fieldset>
                  <legend>{t("desk.visibility")}</legend>
                  <label style={{ marginRight: 16 }}>
                    <input type="radio" name="visibility" value="public" defaultChecked={!closed && draft?.visibility !== "internal"} disabled={closed} />{" "}
                    {t("desk.publicReply")}
                  </label>
                  <label>
                    <input type="radio" name="visibility" value="internal" defaultChecked={closed || draft?.visibility === "internal"} />{" "}
                    {t("desk.internalNoteOption")}
                  </label>
                </fieldset>
                {staffStatuses.length > 0 ? (
                  <SelectField label={t("desk.setStatus")} name="status" defaultValue={draft?.status ?? ""} errors={replyFailed ? result?.fieldErrors.status : undefined}>
                    <option value="">{t("desk.keepStatus", { status: t(`ticket.status.${ticket.status === "new" ? "open" : ticket.status}` as MessageKey) })}</option>
                    {staffStatuses.map((s: TicketStatus) => (
                      <option key={s} value={s}>
                        {t(`ticket.status.${s}` as MessageKey)}
                      </option>
                    ))}
                  </SelectField>
                ) : null}
                <AttachmentPicker rejected={replyFailed ? result?.rejectedFiles : undefined} resetKey={replyResults} />
                {replyFailed || kbResult?.hadFiles ? <p className="hint">{t("attachments.chooseAgain")}</p> : null}
                <ReplyArticleFinder query={draft?.kbq ?? ""} found={kbResult?.kbFound ?? null} />
                {view.macros.length > 0 ? <MacroPicker formId={REPLY_FORM} macros={view.macros} /> : null}
                <button type="submit" disabled={submitting}>
                  {t("desk.send")}
                </button>
              </Form>
              <DraftKeeper formId={REPLY_FORM} storageKey={`keydesk:reply:${ticket.number}`} sent={sentReplies} />
            </section>
          ) : null}

          {permissions.update && !view.extras.links.mergedInto ? <SplitPanel messages={messages} result={result} /> : null}
          <TicketTimerPanel panel={view.timePanel} />
          <TicketServicePanel info={view.serviceInfo} />
        </div>

        <aside className="side">
          <CustomerPanel panel={view.customer} counters={view.timePanel.counters} />
          <ParticipantsPanel
            cc={view.extras.cc}
            followers={view.extras.followers}
            candidates={permissions.update ? view.extras.ccCandidates : []}
            following={view.extras.following}
            staffView
            result={result}
          />
          {view.extras.canMerge ? <MergePanel result={result} /> : null}
          <QualityNotes notes={view.qualityNotes} />
          <TicketKnowledgePanel number={ticket.number} knowledge={view.knowledge} replyForm={permissions.reply ? REPLY_FORM : null} />
          {permissions.update ? (
            <p>
              <Link className="button secondary" to={`/desk/tickets/${ticket.number}/type`}>
                {t("services.reclassify.link")}
              </Link>
            </p>
          ) : null}
          <section className="card">
            <h2>{t("tags.onTicket")}</h2>
            {view.tags.length > 0 ? <TagChips tags={view.tags} /> : <p className="muted">{t("tags.none")}</p>}
            {permissions.update ? (
              <Form method="post">
                <input type="hidden" name="intent" value="tags" />
                <TextField
                  label={t("tags.input")}
                  name="tags"
                  list="ticket-tag-choices"
                  hint={t("tags.inputHint")}
                  key={view.tags.map((x) => x.name).join(",")}
                  defaultValue={tagsFailed ? (result.values.tags ?? "") : view.tags.map((x) => x.name).join(", ")}
                  errors={tagsFailed ? [result.formError] : undefined}
                />
                <datalist id="ticket-tag-choices">
                  {view.tagChoices.map((c) => (
                    <option key={c.name} value={c.name}>
                      {c.label}
                    </option>
                  ))}
                </datalist>
                <button type="submit" className="secondary">
                  {t("tags.save")}
                </button>
              </Form>
            ) : null}
          </section>
          {view.canEscalate ? (
            <p>
              <EscalateToQualityLink number={ticket.number} />
            </p>
          ) : null}
          <section className="card">
            <h2>{t("desk.assignment")}</h2>
            <p>
              {assignee ? (
                <>
                  {t("ticket.assignee")}: <strong>{assignee.name}</strong>
                </>
              ) : (
                <span className="muted">{t("desk.unassigned")}</span>
              )}
            </p>
            {permissions.update && !assignee && !closed ? (
              <Form method="post">
                <input type="hidden" name="intent" value="claim" />
                <button type="submit" data-kbd="assign-me">
                  {t("desk.claim")}
                </button>
              </Form>
            ) : null}
            {permissions.update && assignee?.id === me.id && !permissions.assign ? (
              <Form method="post">
                <input type="hidden" name="intent" value="assign" />
                <input type="hidden" name="assigneeId" value="" />
                <button type="submit" className="secondary">
                  {t("desk.release")}
                </button>
              </Form>
            ) : null}
            {permissions.assign ? (
              <Form method="post" className="toolbar" style={{ marginTop: 8 }}>
                <input type="hidden" name="intent" value="assign" />
                <SelectField label={t("desk.assignTo")} name="assigneeId" defaultValue={assignee?.id ?? ""}>
                  <option value="">{t("desk.unassigned")}</option>
                  {staff.map((s) => (
                    <option key={s.id} value={s.id}>
                      {s.name}
                    </option>
                  ))}
                </SelectField>
                <button type="submit" className="secondary">
                  {t("desk.assign")}
                </button>
              </Form>
            ) : null}
          </section>

          {permissions.update ? (
            <section className="card">
              <h2>{t("desk.statusAndPriority")}</h2>
              <Form method="post" className="toolbar">
                <input type="hidden" name="intent" value="priority" />
                <SelectField label={t("ticket.priority")} name="priority" defaultValue={ticket.priority}>
                  {PRIORITY_VALUES.map((p) => (
                    <option key={p} value={p}>
                      {t(`ticket.priority.${p}` as MessageKey)}
                    </option>
                  ))}
                </SelectField>
                <button type="submit" className="secondary">
                  {t("desk.setPriority")}
                </button>
              </Form>
              <p className="hint">{t("desk.priorityHint")}</p>
              {ticket.siteDown ? (
                <Form method="post">
                  <input type="hidden" name="intent" value="clear-site-down" />
                  <TextField
                    label={t("siteDown.clearReason")}
                    name="reason"
                    required
                    minLength={3}
                    maxLength={1000}
                    defaultValue={siteDownFailed ? (result.values.reason ?? "") : ""}
                    errors={siteDownFailed && result.fieldErrors.reason ? [t("siteDown.reasonRequired")] : undefined}
                  />
                  <button type="submit" className="secondary">
                    {t("siteDown.clear")}
                  </button>
                </Form>
              ) : null}
              {staffStatuses.length > 0 ? (
                <Form method="post" className="toolbar">
                  <input type="hidden" name="intent" value="status" />
                  <SelectField label={t("common.status")} name="status" defaultValue={staffStatuses[0]}>
                    {staffStatuses.map((s: TicketStatus) => (
                      <option key={s} value={s}>
                        {t(`ticket.status.${s}` as MessageKey)}
                      </option>
                    ))}
                  </SelectField>
                  <button type="submit" className="secondary">
                    {t("desk.setStatusButton")}
                  </button>
                </Form>
              ) : null}
            </section>
          ) : null}

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

          <section className="card">
            <h2>{t("desk.licence")}</h2>
            {licence ? (
              <dl className="facts">
                <dt>{t("ticket.product")}</dt>
                <dd>
                  {licence.productName} (…{licence.keyEnding})
                </dd>
                <dt>{t("common.status")}</dt>
                <dd>{t(`desk.licenceStatus.${licence.status}` as MessageKey)}</dd>
                <dt>{t("desk.plan")}</dt>
                <dd>{licence.organisationPlan}</dd>
                <dt>{t("desk.supportUntil")}</dt>
                <dd>{date(licence.supportUntil)}</dd>
                <dt>{t("desk.host")}</dt>
                <dd>{licence.productionHost ?? "—"}</dd>
              </dl>
            ) : (
              <>
                <p className="muted">{t("desk.noLicence")}</p>
                <p>
                  {t("desk.plan")}: {view.organisationPlan}
                </p>
              </>
            )}
          </section>

          <section className="card">
            <h2>{t("access.title")}</h2>
            {ticket.accessDetailsErasedAt ? (
              <p>{t("access.erasedOn", { date: date(ticket.accessDetailsErasedAt) })}</p>
            ) : ticket.hasAccessDetails ? (
              <>
                {ticket.accessDetailsEraseAt ? <p className="hint">{t("access.willErase", { date: date(ticket.accessDetailsEraseAt) })}</p> : null}
                {revealed ? (
                  <dl className="facts">
                    {(Object.entries(revealed) as Array<[keyof AccessDetails, string]>)
                      .filter(([, value]) => value)
                      .map(([key, value]) => (
                        <div key={key} style={{ display: "contents" }}>
                          <dt>{t(`access.${key}` as MessageKey)}</dt>
                          <dd>
                            <span className="secret-value">{value}</span>
                          </dd>
                        </div>
                      ))}
                  </dl>
                ) : permissions.reveal ? (
                  <reveal.Form method="post">
                    <input type="hidden" name="intent" value="reveal" />
                    <p className="hint">{t("access.revealHint")}</p>
                    {reveal.data && !reveal.data.ok && reveal.data.fieldErrors[CONFIRM_FIELD] ? (
                      <TextField
                        label={t("security.reconfirm.label")}
                        name={CONFIRM_FIELD}
                        type="password"
                        autoComplete="current-password"
                        hint={t("security.reconfirm.hint")}
                        errors={reveal.data.fieldErrors[CONFIRM_FIELD]}
                      />
                    ) : null}
                    <button type="submit" className="secondary">
                      {t("access.reveal")}
                    </button>
                  </reveal.Form>
                ) : null}
                {revealError ? <FormError message={revealError} /> : null}
              </>
            ) : (
              <p className="muted">{t("access.none")}</p>
            )}
            {reveals.length > 0 ? (
              <details>
                <summary>{t("access.revealLog", { count: reveals.length })}</summary>
                <ul className="history">
                  {reveals.map((r) => (
                    <li key={r.id}>
                      {dateTime(r.at)} — {r.actorName ?? t("audit.system")}
                    </li>
                  ))}
                </ul>
              </details>
            ) : null}
          </section>

          <section className="card">
            <h2>{t("ticket.history")}</h2>
            <ul className="history">
              {events.map((e) => (
                <li key={e.id}>
                  {dateTime(e.at)} — {t(`ticket.event.${e.type}` as MessageKey)}
                  {e.type === "status_changed" ? `: ${t(`ticket.status.${String(e.data.to)}` as MessageKey)}` : ""}
                  {e.type === "site_down_cleared" ? `: ${String(e.data.reason ?? "")}` : ""}
                  {e.actorName ? ` (${e.actorName})` : ""}
                </li>
              ))}
            </ul>
          </section>
        </aside>
      </div>
    </>
  );
}
