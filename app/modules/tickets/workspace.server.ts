import { z } from "zod";
import { getEnv } from "~/utils/env.server";
import type { IdempotencyKey } from "~/utils/idempotency.server";
import { can, type Actor } from "../accounts/permissions";
import { ticketKnowledge } from "../knowledge/ticket-panel.server";
import { macrosForReply, sendMacroReply } from "../macros/macros.server";
import { qualityNotesForTicket } from "../quality/quality-notes.server";
import { requireRecentConfirmation } from "../security/two-factor.server";
import { ticketServiceInfo } from "../services/requests.server";
import { getTicketTimePanel } from "../time-tracking/entries.server";
import { replyAsStaff, type StaffReplyInput } from "./conversation.server";
import { customerPanel } from "./customer-panel.server";
import { revealAccessDetails, staffTicketView } from "./desk.server";
import { deskTicketExtras } from "./merge.server";
import { nextStatuses } from "./status";
import { tagChoices, tagsForTickets } from "./tags.server";
import type { Upload } from "./uploads.server";

/** The desk's ticket workspace: the ticket and every panel beside it, for one staff member. */

type Viewer = Actor & { locale: "en" | "ru"; timeZone: string };

/** Everything the workspace shows; `timeAfter` pages the time panel. */
export async function ticketWorkspace(user: Viewer, number: number, options: { timeAfter: string | null }) {
  const view = await staffTicketView(user, number, { locale: user.locale, timeZone: user.timeZone });
  const ticketId = view.ticket.id;
  const mayReply = can(user, "reply:ticket:any");
  // The panels read independently of each other: side by side, not one after another.
  const [timePanel, qualityNotes, serviceInfo, customer, extras, knowledge, macros, tags, choices] = await Promise.all([
    getTicketTimePanel(user, { id: ticketId }, { after: options.timeAfter }),
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
}

/**
 * A reply or internal note from the desk. One started from a macro (`macroId`, when it is an id)
 * applies the macro's actions and counts its use.
 */
export async function sendStaffReply(
  user: Actor,
  number: number,
  input: StaffReplyInput & { macroId: unknown },
  uploads: Upload[],
  key: IdempotencyKey | null,
  now = new Date(),
) {
  const { macroId, ...reply } = input;
  const macro = z.uuid().safeParse(macroId);
  if (macro.success) await sendMacroReply(user, number, macro.data, reply, uploads, now, key);
  else await replyAsStaff(user, number, reply, uploads, now, key);
}

/** The access details, after the password or a code when the session's last confirmation is old. */
export async function revealConfirmedAccessDetails(user: Actor, number: number, session: { id: string; confirmedAt: Date }, secret: string | null) {
  await requireRecentConfirmation(user, session, secret);
  return revealAccessDetails(user, number);
}
