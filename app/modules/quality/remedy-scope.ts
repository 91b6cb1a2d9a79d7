import type { Remedy } from "./remedies";

/**
 * Whether a remedy may be applied to a complaint: every remedy must act inside the
 * complaint's organisation, and time/ticket remedies on the complaint's own tickets. Pure:
 * the server loads the facts named here and applies the remedy only when this returns null.
 */
export type RemedyFacts = {
  complaint: { organisationId: string; ticketIds: readonly string[] };
  licence?: { organisationId: string; free: boolean; revoked: boolean } | null;
  timeEntry?: { organisationId: string; ticketId: string; billableMinutes: number; billableCancelled: boolean; deleted: boolean } | null;
  assignee?: { role: string; active: boolean; currentAssignee: boolean } | null;
};

export type RemedyRefusal =
  | "licence_not_found"
  | "licence_free"
  | "licence_revoked"
  | "other_organisation"
  | "time_entry_not_found"
  | "time_entry_not_on_complaint"
  | "nothing_billable"
  | "already_cancelled"
  | "ticket_not_on_complaint"
  | "assignee_not_engineer"
  | "already_assigned";

const ENGINEER_ROLES = new Set(["engineer", "team_lead", "admin"]);

export function remedyRefusal(remedy: Remedy, facts: RemedyFacts): RemedyRefusal | null {
  const { complaint } = facts;
  switch (remedy.type) {
    case "extend_support": {
      const licence = facts.licence;
      if (!licence) return "licence_not_found";
      if (licence.organisationId !== complaint.organisationId) return "other_organisation";
      if (licence.free) return "licence_free";
      if (licence.revoked) return "licence_revoked";
      return null;
    }
    case "credit_prepaid":
      return remedy.organisationId === complaint.organisationId ? null : "other_organisation";
    case "cancel_billable": {
      const entry = facts.timeEntry;
      if (!entry || entry.deleted) return "time_entry_not_found";
      if (entry.organisationId !== complaint.organisationId) return "other_organisation";
      if (!complaint.ticketIds.includes(entry.ticketId)) return "time_entry_not_on_complaint";
      if (entry.billableCancelled) return "already_cancelled";
      if (entry.billableMinutes <= 0) return "nothing_billable";
      return null;
    }
    case "reassign_ticket": {
      if (!complaint.ticketIds.includes(remedy.ticketId)) return "ticket_not_on_complaint";
      const assignee = facts.assignee;
      if (!assignee || !assignee.active || !ENGINEER_ROLES.has(assignee.role)) return "assignee_not_engineer";
      if (assignee.currentAssignee) return "already_assigned";
      return null;
    }
  }
}

