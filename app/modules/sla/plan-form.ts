/**
 * The admin support-plan form ↔ plan values. Targets are entered in business minutes, one
 * field per priority and clock (`firstResponse.urgent`…); an empty resolution field means the
 * plan promises no resolution time.
 */
import { z } from "zod";
import { PRIORITIES, slaTargetsSchema, type Priority, type SlaTargets } from "./targets";

export const CLOCK_FIELDS = ["firstResponse", "nextResponse", "resolution"] as const;

export type PlanInput = {
  name: string;
  slug: string;
  calendarId: string;
  targets: SlaTargets;
  isDefault: boolean;
  /** A customer's "site is down" is urgent on this plan (otherwise high, with an upsell). */
  allowsUrgent: boolean;
  freeMinutesPerDay: number;
  freeDaysPerWeek: number | null;
};

const optionalInt = (min: number, max: number) =>
  z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? null : typeof v === "string" ? Number(v) : v),
    z.number({ error: "Enter a whole number" }).int("Enter a whole number").min(min).max(max).nullable(),
  );

const planFieldsSchema = z.object({
  name: z.string().trim().min(1, "Enter a name").max(100),
  slug: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, "Use lower-case letters, digits and dashes"),
  calendarId: z.uuid("Choose a calendar"),
  isDefault: z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean()),
  allowsUrgent: z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean()),
  freeMinutesPerDay: z.preprocess((v) => (typeof v === "string" ? Number(v) : v), z.number().int("Enter a whole number").min(0).max(1440)),
  freeDaysPerWeek: optionalInt(1, 7),
});

export type PlanParse = { ok: true; plan: PlanInput } | { ok: false; fieldErrors: Record<string, string[]> };

export function parsePlanForm(values: Record<string, string | undefined>): PlanParse {
  const fieldErrors: Record<string, string[]> = {};
  const fields = planFieldsSchema.safeParse(values);
  if (!fields.success) {
    for (const issue of fields.error.issues) (fieldErrors[String(issue.path[0] ?? "_form")] ??= []).push(issue.message);
  }
  const raw: Record<string, Record<string, number | null>> = {};
  for (const priority of PRIORITIES) {
    raw[priority] = {};
    for (const clock of CLOCK_FIELDS) {
      const text = (values[`${clock}.${priority}`] ?? "").trim();
      raw[priority][clock] = text === "" ? null : Number(text);
    }
  }
  const targets = slaTargetsSchema.safeParse(raw);
  if (!targets.success) {
    for (const issue of targets.error.issues) {
      const [priority, clock] = issue.path;
      const message = issue.code === "invalid_type" ? "Enter a number of business minutes" : issue.message;
      (fieldErrors[`${String(clock)}.${String(priority)}`] ??= []).push(message);
    }
  }
  if (!fields.success || !targets.success) return { ok: false, fieldErrors };
  return { ok: true, plan: { ...fields.data, targets: targets.data } };
}

export function planToFormValues(plan: PlanInput): Record<string, string> {
  const values: Record<string, string> = {
    name: plan.name,
    slug: plan.slug,
    calendarId: plan.calendarId,
    isDefault: plan.isDefault ? "on" : "",
    allowsUrgent: plan.allowsUrgent ? "on" : "",
    freeMinutesPerDay: String(plan.freeMinutesPerDay),
    freeDaysPerWeek: plan.freeDaysPerWeek === null ? "" : String(plan.freeDaysPerWeek),
  };
  for (const priority of PRIORITIES) {
    for (const clock of CLOCK_FIELDS) {
      const minutes = plan.targets[priority as Priority][clock];
      values[`${clock}.${priority}`] = minutes === null ? "" : String(minutes);
    }
  }
  return values;
}
