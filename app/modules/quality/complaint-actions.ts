/** The forms of the desk's complaint workspace, one `intent` each, checked before their use case runs. Pure. */
import { z } from "zod";
import { checkInput, fieldErrorsOf } from "~/utils/forms";
import type { FieldErrors } from "~/utils/messages";
import { COMPLAINT_OUTCOMES } from "./complaint-state";
import { remedySchema, type Remedy } from "./remedies";

/** The steps that take nothing but the step itself. */
export const COMPLAINT_STEPS = ["acknowledge", "startInvestigation", "close"] as const;
export type ComplaintStep = (typeof COMPLAINT_STEPS)[number];

export function isComplaintStep(intent: string): intent is ComplaintStep {
  return (COMPLAINT_STEPS as readonly string[]).includes(intent);
}

export const complaintAnswerSchema = z.object({ outcome: z.enum(COMPLAINT_OUTCOMES, { error: "complaint.error.chooseDecision" }), text: z.string().default("") });
export const complaintAssignSchema = z.object({ assigneeId: z.string().default("") });
export const qualityNoteSchema = z.object({ ticketId: z.string().default(""), body: z.string().default("") });

/** The remedy form checked: the remedy, or the field errors under the form's field names (`_form` for the form). */
export function parseRemedyForm(fields: Record<string, unknown>): { ok: true; remedy: Remedy } | { ok: false; fieldErrors: FieldErrors } {
  const parsed = checkInput(remedySchema, fields);
  if (parsed.success) return { ok: true, remedy: parsed.data };
  return { ok: false, fieldErrors: fieldErrorsOf(parsed.error.issues) };
}
