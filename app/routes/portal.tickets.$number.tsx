import { pageTitle } from "~/utils/i18n";
import { redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { PortalConversation } from "~/components/portal-ticket/conversation";
import { PortalReplyForm } from "~/components/portal-ticket/reply-form";
import { PortalTicketHead } from "~/components/portal-ticket/ticket-head";
import { PortalTicketSide } from "~/components/portal-ticket/ticket-side";
import type { PortalTicketAnswer } from "~/components/portal-ticket/types";
import { ParticipantsPanel } from "~/components/tickets/merge-ui";
import ticketStyles from "../components/tickets/tickets.css?url";
import { renderEligibilityMessage } from "~/modules/licensing/eligibility-messages";
import { replyAsCustomer, updateAccessDetails } from "~/modules/tickets/conversation.server";
import { portalTicketPage } from "~/modules/tickets/portal-ticket.server";
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
    return { ...(await portalTicketPage(user, number)), formKey: newFormKey() };
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
  const view = useLoaderData<typeof loader>();
  const result: PortalTicketAnswer = useActionData<typeof action>();
  const { extras } = view;
  return (
    <>
      <PortalTicketHead view={view} result={result} />
      <div className="ticket-layout">
        <div>
          <PortalConversation view={view} />
          <ParticipantsPanel cc={extras.cc} followers={null} candidates={extras.ccCandidates} following={null} staffView={false} result={result} />
          {extras.links.mergedInto ? null : <PortalReplyForm view={view} result={result} />}
        </div>
        <PortalTicketSide view={view} result={result} />
      </div>
    </>
  );
}
