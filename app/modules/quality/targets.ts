import type { ComplaintState } from "./complaint-state";

/**
 * Complaint response targets in BUSINESS minutes, so they can be fed to the
 * business-calendar clock (working hours, holidays) like other SLA targets.
 * One business day = 8 working hours. The acknowledgement target is the
 * `quality.complaintAcknowledgeBusinessDays` setting (1 by default).
 */
export const BUSINESS_DAY_MINUTES = 8 * 60;
export const COMPLAINT_ANSWER_TARGET_BUSINESS_MINUTES = 3 * BUSINESS_DAY_MINUTES; // 1440

/**
 * When the answer clock starts: on receipt, or — once the customer has used
 * their reply — from that reply, since a reopened complaint deserves a fresh
 * 3 business days rather than being instantly overdue.
 */
export function complaintAnswerClockStartedAt(state: Pick<ComplaintState, "receivedAt" | "customerReply">): Date {
  return state.customerReply?.repliedAt ?? state.receivedAt;
}

/** Acknowledgement is measured from receipt only; a reopen does not need a second acknowledgement. */
export function complaintAcknowledgeClockStartedAt(state: Pick<ComplaintState, "receivedAt">): Date {
  return state.receivedAt;
}
