/** Form inputs of the tickets module (one schema per form). Pure. */
import { z } from "zod";
import { GENERIC_ISSUE } from "~/utils/messages";
import { TICKET_TYPES, type TicketType } from "~/modules/licensing/eligibility";
import { PRIORITY_VALUES } from "./queue-filters";
import { TICKET_STATUSES } from "./status";

export { TICKET_TYPES, type TicketType };

const checkbox = z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean());

const uuidOrEmpty = z.preprocess((v) => (v === "" || v === undefined ? null : v), z.uuid().nullable());

/** Step one: which licence and what kind of ticket (the eligibility gate runs on these). */
export const filingChoiceSchema = z.object({
  licenceId: uuidOrEmpty,
  type: z.enum(TICKET_TYPES, { error: "tickets.error.chooseType" }),
});

export const newTicketSchema = filingChoiceSchema.extend({
  subject: z.string({ error: "tickets.error.subjectRequired" }).trim().min(3, "tickets.error.subjectTooShort").max(200),
  description: z
    .string({ error: "tickets.error.describe" })
    .trim()
    .min(10, "tickets.error.describeTooShort")
    .max(20_000),
  stepsToReproduce: z.string().trim().max(10_000).default(""),
  siteAddress: z.string().trim().max(300).default(""),
  siteDown: checkbox,
});
export type NewTicketInput = z.infer<typeof newTicketSchema>;

/** A ticket filed by staff on a customer's behalf: the customer's form, whose organisation and contact, and an override reason. */
export const onBehalfSchema = newTicketSchema.extend({
  organisationId: z.uuid({ error: "onBehalf.chooseOrganisation" }),
  contactId: z.uuid({ error: "onBehalf.chooseContact" }),
  overrideReason: z.string().trim().max(500).default(""),
});
export type OnBehalfInput = z.infer<typeof onBehalfSchema>;

export const replySchema = z.object({
  body: z.string({ error: "tickets.error.writeMessage" }).trim().min(1, "tickets.error.writeMessage").max(20_000),
});

export const staffReplySchema = replySchema.extend({
  visibility: z.enum(["public", "internal"]).default("public"),
  status: z.preprocess((v) => (v === "" ? undefined : v), z.enum(TICKET_STATUSES).optional()),
});

/**
 * The desk's reply form as its action reads it: "Send" is checked with `staffReplySchema`; its
 * knowledge-base buttons (find articles, insert a link) send the draft as typed, unchecked.
 */
export const staffReplyFormSchema = z.looseObject({}).check((ctx) => {
  if (ctx.value.kbAction === "find" || ctx.value.insertArticle !== undefined) return;
  const reply = staffReplySchema.safeParse(ctx.value, { error: () => GENERIC_ISSUE });
  // The issues are already worded (their catalogue keys, or the generic mark parseForm reads).
  if (!reply.success) ctx.issues.push(...(reply.error.issues as z.core.$ZodRawIssue[]));
});

export const prioritySchema = z.object({ priority: z.enum(PRIORITY_VALUES, { error: "tickets.error.choosePriority" }) });
export const assignSchema = z.object({ assigneeId: uuidOrEmpty });
export const statusSchema = z.object({ status: z.enum(TICKET_STATUSES) });

/** Customer ticket list filters: a status group and a search (number or subject words). */
export const CUSTOMER_LIST_STATUSES = ["active", "solved", "closed", "all"] as const;
export type CustomerListStatus = (typeof CUSTOMER_LIST_STATUSES)[number];

/**
 * The priority a new ticket gets from the customer's "site is down": urgent where the plan
 * allows it, otherwise high (the customer then sees the plan's upsell). Null: not flagged,
 * the ticket keeps the default priority.
 */
export function siteDownPriority(siteDown: boolean, planAllowsUrgent: boolean): "urgent" | "high" | null {
  if (!siteDown) return null;
  return planAllowsUrgent ? "urgent" : "high";
}

/** Staff clearing a misused "site is down": the reason is required and kept in the history. */
export const clearSiteDownSchema = z.object({
  reason: z.string({ error: "siteDown.reasonRequired" }).trim().min(3, "siteDown.reasonRequired").max(1000),
});
