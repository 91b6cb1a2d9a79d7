import type { Actor } from "../accounts/permissions";
import { complaintSummary, qualityStaffChoices } from "./complaints.server";
import { investigationTickets } from "./investigation.server";
import type { QualityLocale } from "./locale";
import { describeRemedy } from "./remedies";
import { remedyChoices } from "./remedies.server";

/**
 * The desk's complaint workspace: the complaint and its answers, the tickets it is about (each
 * with everything quality needs to judge it), the deadlines, the remedies applied and the choices
 * for new ones, and the quality team to assign it to.
 */
export async function complaintWorkspace(user: Actor & { locale: QualityLocale }, id: string, now = new Date()) {
  const summary = await complaintSummary(user, id, now);
  const [tickets, choices, staff] = await Promise.all([
    investigationTickets(user, id),
    summary.canApplyRemedy ? remedyChoices(user, id) : Promise.resolve(null),
    qualityStaffChoices(),
  ]);
  const { complaint, state } = summary;
  return {
    complaint: {
      id: complaint.id,
      subject: complaint.subject,
      description: complaint.description,
      status: complaint.status,
      raisedByStaff: complaint.raisedByStaff,
      rootCauses: complaint.rootCauses,
      correctiveActions: complaint.correctiveActions,
      createdAt: complaint.createdAt,
    },
    state: { answers: state.answers, customerReply: state.customerReply, acknowledgedAt: state.acknowledgedAt },
    organisation: summary.organisation,
    author: summary.author,
    assignee: summary.assignee,
    files: summary.files,
    remedies: summary.remedies.map((r) => ({
      id: r.id,
      type: r.type,
      text: r.remedy ? describeRemedy(r.remedy, user.locale) : r.type,
      effect: (r.details.effect ?? null) as Record<string, unknown> | null,
      appliedAt: r.appliedAt,
      appliedByName: r.appliedByName,
    })),
    rootCauses: summary.rootCauses,
    deadlines: summary.deadlines,
    allowed: summary.allowed,
    canUpdate: summary.canUpdate,
    canApplyRemedy: summary.canApplyRemedy,
    tickets,
    choices,
    staff,
  };
}
