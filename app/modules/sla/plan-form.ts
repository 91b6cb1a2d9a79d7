/**
 * The admin support-plan form ↔ plan values. Targets are entered in business minutes, one
 * field per priority and clock (`firstResponse.urgent`…); an empty resolution field means the
 * plan promises no resolution time.
 */
import { z } from "zod";
import { GENERIC_ISSUE, issueMessage, type FormMessage } from "~/utils/messages";
import { formatMajorAmount, parseMajorAmount } from "../billing/money";
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
  /** Price of one term per organisation in minor units of the plan's currency; null = not for sale. */
  priceMinor: number | null;
  termMonths: number;
};

const optionalInt = (min: number, max: number) =>
  z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? null : typeof v === "string" ? Number(v) : v),
    z.number({ error: "sla.field.wholeNumber" }).int("sla.field.wholeNumber").min(min).max(max).nullable(),
  );

const planFieldsSchema = z.object({
  name: z.string().trim().min(1, "sla.field.name").max(100),
  slug: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, "sla.field.slug"),
  calendarId: z.uuid("sla.field.chooseCalendar"),
  isDefault: z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean()),
  allowsUrgent: z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean()),
  freeMinutesPerDay: z.preprocess((v) => (typeof v === "string" ? Number(v) : v), z.number().int("sla.field.wholeNumber").min(0).max(1440)),
  freeDaysPerWeek: optionalInt(1, 7),
  // Empty (or a form from before plans were sold): a year.
  termMonths: z.preprocess((v) => (v === undefined || (typeof v === "string" && v.trim() === "") ? 12 : typeof v === "string" ? Number(v) : v), z.number({ error: "sla.field.wholeMonths" }).int("sla.field.wholeMonths").min(1).max(60)),
});

export type PlanParse = { ok: true; plan: PlanInput } | { ok: false; fieldErrors: Record<string, FormMessage[]> };

/** `currency` is the plan's: the price is typed in its major units ("60000", "60 000,50"). */
export function parsePlanForm(values: Record<string, string | undefined>, currency = "RUB"): PlanParse {
  const fieldErrors: Record<string, FormMessage[]> = {};
  // A check without a message of its own (a too long name, a number out of range) says the generic one.
  const fields = planFieldsSchema.safeParse(values, { error: () => GENERIC_ISSUE });
  if (!fields.success) {
    for (const issue of fields.error.issues) (fieldErrors[String(issue.path[0] ?? "_form")] ??= []).push(issueMessage(issue));
  }
  const priceText = (values.price ?? "").trim();
  const priceMinor = priceText === "" ? null : parseMajorAmount(priceText, currency);
  if (priceText !== "" && (priceMinor === null || priceMinor <= 0)) (fieldErrors.price ??= []).push("sla.field.price");
  const raw: Record<string, Record<string, number | null>> = {};
  for (const priority of PRIORITIES) {
    raw[priority] = {};
    for (const clock of CLOCK_FIELDS) {
      const text = (values[`${clock}.${priority}`] ?? "").trim();
      raw[priority][clock] = text === "" ? null : Number(text);
    }
  }
  const targets = slaTargetsSchema.safeParse(raw, { error: () => GENERIC_ISSUE });
  if (!targets.success) {
    for (const issue of targets.error.issues) {
      const [priority, clock] = issue.path;
      // An empty or non-numeric field is not a number at all; 1.5 is a number, but not whole (zod
      // reports both as invalid_type, the second expecting "int", which the schema's key says).
      const notANumber = issue.code === "invalid_type" && issue.expected !== "int";
      const message = notANumber ? "sla.field.targetMinutes" : issueMessage(issue);
      (fieldErrors[`${String(clock)}.${String(priority)}`] ??= []).push(message);
    }
  }
  if (!fields.success || !targets.success || fieldErrors.price) return { ok: false, fieldErrors };
  return { ok: true, plan: { ...fields.data, targets: targets.data, priceMinor } };
}

export function planToFormValues(plan: PlanInput, currency = "RUB"): Record<string, string> {
  const values: Record<string, string> = {
    name: plan.name,
    slug: plan.slug,
    calendarId: plan.calendarId,
    isDefault: plan.isDefault ? "on" : "",
    allowsUrgent: plan.allowsUrgent ? "on" : "",
    freeMinutesPerDay: String(plan.freeMinutesPerDay),
    freeDaysPerWeek: plan.freeDaysPerWeek === null ? "" : String(plan.freeDaysPerWeek),
    price: plan.priceMinor === null ? "" : formatMajorAmount(plan.priceMinor, currency),
    termMonths: String(plan.termMonths),
  };
  for (const priority of PRIORITIES) {
    for (const clock of CLOCK_FIELDS) {
      const minutes = plan.targets[priority as Priority][clock];
      values[`${clock}.${priority}`] = minutes === null ? "" : String(minutes);
    }
  }
  return values;
}
