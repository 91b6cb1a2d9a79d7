/** SLA targets of the support plans, in business minutes (see business-hours.ts). */
import { z } from "zod";
import type { ClockTargets, Priority as StoredPriority, SlaTargets } from "#db/shapes/sla";

export const PRIORITIES = ["low", "normal", "high", "urgent"] as const;
export type Priority = (typeof PRIORITIES)[number];
// The stored shape names the same priorities (a compile error here means one list changed alone).
const _samePriorities: [Priority, StoredPriority] extends [StoredPriority, Priority] ? true : never = true;

export type { ClockTargets, SlaTargets };

export const STANDARD_PLAN_TARGETS: SlaTargets = {
  low: { firstResponse: 240, nextResponse: 480, resolution: null },
  normal: { firstResponse: 240, nextResponse: 480, resolution: null },
  high: { firstResponse: 240, nextResponse: 480, resolution: null },
  urgent: { firstResponse: 240, nextResponse: 480, resolution: null },
};

export const PRIORITY_PLAN_TARGETS: SlaTargets = {
  low: { firstResponse: 60, nextResponse: 240, resolution: null },
  normal: { firstResponse: 60, nextResponse: 240, resolution: null },
  high: { firstResponse: 60, nextResponse: 240, resolution: null },
  urgent: { firstResponse: 30, nextResponse: 60, resolution: null },
};

const businessMinutesSchema = z
  .number({ error: "sla.field.targetMinutes" })
  .int("sla.field.targetWhole")
  .positive("sla.field.targetPositive");

export const clockTargetsSchema = z.object({
  firstResponse: businessMinutesSchema,
  nextResponse: businessMinutesSchema,
  // Optional in forms: leaving it out means "no resolution target".
  resolution: businessMinutesSchema.nullable().default(null),
}) satisfies z.ZodType<ClockTargets>;

export const slaTargetsSchema = z.object({
  low: clockTargetsSchema,
  normal: clockTargetsSchema,
  high: clockTargetsSchema,
  urgent: clockTargetsSchema,
}) satisfies z.ZodType<SlaTargets>;
