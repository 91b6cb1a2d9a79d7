import { pageTitle } from "~/utils/i18n";
import { redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { breadcrumbs } from "~/components/breadcrumbs";
import { useI18n } from "~/components/i18n";
import { REPLY_FORM_ID, TicketKnowledgePanel } from "~/components/knowledge/ticket-panel";
import { useLiveRefresh } from "~/components/live-refresh";
import { EscalateToQualityLink, QualityNotes } from "~/components/quality/quality-notes";
import { TicketServicePanel } from "~/components/services/service-ui";
import { AccessPanel } from "~/components/ticket-workspace/access-panel";
import { AssignmentPanel } from "~/components/ticket-workspace/assignment-panel";
import { Conversation } from "~/components/ticket-workspace/conversation";
import { HistoryPanel } from "~/components/ticket-workspace/history-panel";
import { LicencePanel } from "~/components/ticket-workspace/licence-panel";
import { ReplyPanel } from "~/components/ticket-workspace/reply-panel";
import { SlaPanel } from "~/components/ticket-workspace/sla-panel";
import { StatusPanel } from "~/components/ticket-workspace/status-panel";
import { TagsPanel } from "~/components/ticket-workspace/tags-panel";
import { TicketHeading } from "~/components/ticket-workspace/ticket-heading";
import { CustomerPanel } from "~/components/tickets/customer-panel";
import { MergePanel, ParticipantsPanel, SplitPanel } from "~/components/tickets/merge-ui";
import { useNow } from "~/components/tickets/ticket-ui";
import ticketStyles from "../components/tickets/tickets.css?url";
import { TicketTimerPanel } from "~/components/time/ticket-timer-panel";
import { requirePermission, requireSession } from "~/modules/accounts/auth.server";
import { draftWithArticles } from "~/modules/knowledge/ticket-panel.server";
import { CONFIRM_FIELD } from "~/modules/security/two-factor";
import { AlreadyClaimedError, assignTicket, claimTicket, clearSiteDown, setTicketPriority } from "~/modules/tickets/desk.server";
import { mergeInto, previewMergeInto, splitMessage } from "~/modules/tickets/merge.server";
import { setFollowing } from "~/modules/tickets/participants.server";
import { assignSchema, clearSiteDownSchema, prioritySchema, staffReplySchema } from "~/modules/tickets/schemas";
import { answerDone, answerParsed, runTicketAction, sharedTicketIntents, ticketNumberParam } from "~/modules/tickets/ticket-action.server";
import type { DeskTicketResult } from "~/modules/tickets/ticket-forms";
import { setTicketTagsByNumber } from "~/modules/tickets/tags.server";
import { revealConfirmedAccessDetails, sendStaffReply, ticketWorkspace } from "~/modules/tickets/workspace.server";
import { getEnv } from "~/utils/env.server";
import { handleAppError } from "~/utils/errors.server";
import { parseForm } from "~/utils/forms";
import { IDEMPOTENCY_FIELD, idempotencyKeyOf, newFormKey } from "~/utils/idempotency.server";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [{ title: data ? `#${data.ticket.number} ${data.ticket.subject} · Keydesk` : pageTitle(matches, "title.ticket") }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: ticketStyles }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:ticket:any");
  const number = ticketNumberParam(params.number);
  try {
    const view = await ticketWorkspace(user, number, { timeAfter: new URL(request.url).searchParams.get("timeAfter") });
    return { ...view, formKey: newFormKey() };
  } catch (error) {
    throw handleAppError(error);
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "read:ticket:any");
  const field = (formData: FormData, name: string) => String(formData.get(name) ?? "");
  return runTicketAction<DeskTicketResult>(request, params.number, {
    conflictStatus: 409,
    // The re-confirmation secret is never sent back to the page.
    omit: [CONFIRM_FIELD],
    // The reply form's knowledge-base buttons (find articles, insert a link; no JavaScript needed)
    // send nothing: the draft comes back as typed, with the articles found or the link appended.
    byFields: (formData) =>
      formData.has("insertArticle") || formData.get("kbAction") === "find"
        ? async ({ values, uploads, rejected, answer }) => {
            const draft = { query: field(formData, "kbq"), body: field(formData, "body"), insertArticle: formData.has("insertArticle") ? formData.get("insertArticle") : undefined };
            const { body, ...kb } = await draftWithArticles(user, draft, getEnv().APP_URL);
            return answer({ intent: "kb", values: { ...values, body }, hadFiles: uploads.length + rejected.length > 0, ...kb }, "kbCannotLink" in kb ? 400 : 200);
          }
        : null,
    recover: (error, answer) => (error instanceof AlreadyClaimedError ? answer({ claimedBy: error.claimedBy, formError: error.userMessage }, 409) : null),
    handlers: {
      ...sharedTicketIntents<DeskTicketResult>(user),
      reply: async ({ number, formData, uploads, rejected, answer }) => {
        const parsed = parseForm(staffReplySchema, formData);
        if (!parsed.ok || rejected.length > 0) return answer({ fieldErrors: parsed.ok ? {} : parsed.fieldErrors, rejectedFiles: rejected }, 400);
        const key = idempotencyKeyOf(formData.get(IDEMPOTENCY_FIELD), user.id);
        return answerDone(answer, sendStaffReply(user, number, { ...parsed.data, macroId: formData.get("macroId") }, uploads, key));
      },
      "merge-preview": async ({ number, formData, answer }) => answer({ mergePreview: await previewMergeInto(user, number, field(formData, "target")) }),
      // The merged ticket is now a pointer: the page to stay on is the kept ticket.
      merge: async ({ number, formData }) => {
        const merged = await mergeInto(user, number, field(formData, "target"));
        return redirect(`/desk/tickets/${merged.target}?merged=${merged.source}`);
      },
      split: async ({ number, formData, answer }) => answer({ split: (await splitMessage(user, number, field(formData, "messageId"), field(formData, "subject"))).number }),
      follow: ({ number, formData, answer }) => answerDone(answer, setFollowing(user, number, formData.get("follow") === "yes")),
      tags: ({ number, formData, answer }) => answerDone(answer, setTicketTagsByNumber(user, number, field(formData, "tags").split(","))),
      claim: ({ number, answer }) => answerDone(answer, claimTicket(user, number)),
      assign: ({ number, formData, answer }) => answerParsed(answer, parseForm(assignSchema, formData), (d) => assignTicket(user, number, d.assigneeId)),
      priority: ({ number, formData, answer }) => answerParsed(answer, parseForm(prioritySchema, formData), (d) => setTicketPriority(user, number, d.priority)),
      "clear-site-down": ({ number, formData, answer }) => answerParsed(answer, parseForm(clearSiteDownSchema, formData), (d) => clearSiteDown(user, number, d.reason)),
      reveal: async ({ number, formData, answer }) => {
        const { session } = await requireSession(request);
        const revealed = await revealConfirmedAccessDetails(user, number, session, field(formData, CONFIRM_FIELD) || null);
        return answer({ details: revealed.details });
      },
    },
  });
}

const REFRESH_MS = 60_000;

/** Breadcrumbs above the heading (the shell draws them). */
export const handle = breadcrumbs<typeof loader>((d, { t }) => [{ to: "/desk/tickets", label: t("nav.queues") }, { label: `#${d.ticket.number}` }]);

export default function Workspace() {
  const view = useLoaderData<typeof loader>();
  const { ticket, permissions } = view;
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useI18n();
  const now = useNow(view.now, 15_000);
  useLiveRefresh(REFRESH_MS, navigation.state === "idle");

  return (
    <>
      <TicketHeading view={view} result={result} now={now} />
      <div className="ticket-layout">
        <div>
          <Conversation view={view} />
          {permissions.reply ? <ReplyPanel view={view} result={result} /> : null}
          {permissions.update && !view.extras.links.mergedInto ? <SplitPanel messages={view.messages} result={result} /> : null}
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
          <TicketKnowledgePanel number={ticket.number} knowledge={view.knowledge} replyForm={permissions.reply ? REPLY_FORM_ID : null} />
          {permissions.update ? (
            <p>
              <Link className="button secondary" to={`/desk/tickets/${ticket.number}/type`}>
                {t("services.reclassify.link")}
              </Link>
            </p>
          ) : null}
          <TagsPanel view={view} result={result} />
          {view.canEscalate ? (
            <p>
              <EscalateToQualityLink number={ticket.number} />
            </p>
          ) : null}
          <AssignmentPanel view={view} result={result} />
          {permissions.update ? <StatusPanel view={view} result={result} /> : null}
          <SlaPanel view={view} now={now} />
          <LicencePanel view={view} />
          <AccessPanel view={view} />
          <HistoryPanel events={view.events} />
        </aside>
      </div>
    </>
  );
}
