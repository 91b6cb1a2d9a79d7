import { and, asc, eq, isNotNull, isNull, lte, or, ne } from "drizzle-orm";
import { organisations, supportPlans, type Order } from "#db/schema";
import { db, type Executor } from "~/utils/db.server";
import { queueEmail } from "~/utils/email.server";
import { getEnv } from "~/utils/env.server";
import { AppError } from "~/utils/errors.server";
import { msg } from "~/utils/messages";
import { getSettings } from "~/modules/settings/settings.server";
import { can, type Actor } from "../accounts/permissions";
import { formattersFor } from "../licensing/eligibility-messages";
import { organisationReminderRecipients } from "../licensing/reminders.server";
import { switchOrganisationPlan } from "./admin.server";
import { planTermAction, planTermEnd, planTermEndAfterRefund, planTermWindowEnd } from "./plan-term";
import { planForOrganisation } from "./plans.server";

/**
 * The term of a bought support plan. Billing's fulfilment calls `fulfilPlanOrder` when a
 * `support_plan` order is paid (card webhook or invoice marked paid, inside that transaction);
 * the daily job `runPlanTerms` reminds before the end and returns the organisation to the
 * default plan when the end has come. Both switch the plan through `switchOrganisationPlan`, so
 * open tickets are re-targeted exactly as when an admin moves an organisation.
 */

/** Switches the organisation to the bought plan until the end of the (extended) term. */
export async function fulfilPlanOrder(tx: Executor, order: Order, paidAt: Date, actorId: string | null): Promise<{ planUntil: Date }> {
  if (!order.planId) throw new Error(`Order ${order.id} has no plan`);
  const [org] = await tx
    .select({ planId: organisations.planId, planUntil: organisations.planUntil })
    .from(organisations)
    .where(eq(organisations.id, order.organisationId))
    .for("update");
  if (!org) throw new Error(`Order ${order.id} has no organisation`);
  // Buying the plan one holds extends its term from the current end; another plan starts now.
  const current = org.planId === order.planId ? org.planUntil : null;
  const planUntil = planTermEnd(current, paidAt, order.termMonths ?? 12);
  await switchOrganisationPlan(tx, { organisationId: order.organisationId, planId: order.planId, planUntil, actorId, now: paidAt, reason: msg("auditReason.planOrder", { number: String(order.number) }) });
  return { planUntil };
}

/**
 * A paid plan order refunded in full (billing's `refundOrder`, inside its transaction): its term
 * comes off the organisation's end, and when nothing is left the organisation returns to the
 * default plan now. An organisation since moved to another plan keeps it.
 */
export async function withdrawPlanOrder(tx: Executor, order: Order, now: Date): Promise<void> {
  const [org] = await tx
    .select({ planId: organisations.planId, planUntil: organisations.planUntil })
    .from(organisations)
    .where(eq(organisations.id, order.organisationId))
    .for("update");
  if (!org?.planUntil || org.planId !== order.planId) return;
  const planUntil = planTermEndAfterRefund(org.planUntil, order.termMonths ?? 12, now);
  await switchOrganisationPlan(tx, {
    organisationId: order.organisationId,
    planId: planUntil === null ? null : order.planId,
    planUntil,
    actorId: null,
    now,
    reason: msg("auditReason.planOrderRefunded", { number: String(order.number) }),
  });
}

/**
 * The daily job (also runnable with an injected `now`). Each organisation is handled in its own
 * transaction with its row locked; the reminder is claimed by writing the term end it was sent
 * for, so it goes out once per end however often the job runs, and a purchase (a new end)
 * starts a fresh reminder.
 */
export async function runPlanTerms(now = new Date()): Promise<{ lapsed: number; reminded: number }> {
  const reminderDays = (await getSettings()).sla.planReminderDays;
  const candidates = await db
    .select({ id: organisations.id })
    .from(organisations)
    .where(
      and(
        isNotNull(organisations.planUntil),
        lte(organisations.planUntil, planTermWindowEnd(now, reminderDays)),
        or(isNull(organisations.planReminderSentFor), ne(organisations.planReminderSentFor, organisations.planUntil), lte(organisations.planUntil, now)),
      ),
    )
    .orderBy(asc(organisations.planUntil))
    .limit(5000);
  let lapsed = 0;
  let reminded = 0;
  for (const { id } of candidates) {
    const outcome = await db.transaction(async (tx) => {
      const [org] = await tx.select().from(organisations).where(eq(organisations.id, id)).for("update");
      if (!org?.planUntil) return null;
      const action = planTermAction({ planUntil: org.planUntil, reminderSentFor: org.planReminderSentFor }, now, reminderDays);
      if (action === "lapse") {
        await switchOrganisationPlan(tx, { organisationId: id, planId: null, planUntil: null, actorId: null, now, reason: msg("auditReason.planTermEnded") });
      } else if (action === "remind") {
        await tx.update(organisations).set({ planReminderSentFor: org.planUntil }).where(eq(organisations.id, id));
        await emailPlanEnding(tx, org);
      }
      return action;
    });
    if (outcome === "lapse") lapsed++;
    if (outcome === "remind") reminded++;
  }
  return { lapsed, reminded };
}

/** The reminder to the organisation's primary contacts (or its address), each in their language. */
async function emailPlanEnding(tx: Executor, org: typeof organisations.$inferSelect): Promise<void> {
  if (!org.planId || !org.planUntil) return;
  const [plan] = await tx.select().from(supportPlans).where(eq(supportPlans.id, org.planId));
  const [fallback] = await tx.select({ name: supportPlans.name }).from(supportPlans).where(eq(supportPlans.isDefault, true)).limit(1);
  if (!plan) return;
  for (const recipient of await organisationReminderRecipients(tx, org.id, org.email)) {
    const format = formattersFor(recipient.locale, recipient.timeZone);
    await queueEmail(tx, {
      to: recipient.email,
      template: "sla.plan-ending",
      props: {
        locale: recipient.locale,
        organisationName: org.name,
        planName: plan.name,
        fallbackPlanName: fallback?.name ?? "Standard",
        endsOn: format.date(org.planUntil),
        price: plan.priceMinor !== null ? format.money({ amountMinor: plan.priceMinor, currency: plan.currency }) : null,
        planUrl: `${getEnv().APP_URL}/portal/plan`,
      },
    });
  }
}

/** The organisation's plan and its bought term (the desk's organisation page). */
export async function getOrganisationPlan(actor: Actor, organisationId: string) {
  if (!can(actor, "read:organisation:any")) throw AppError.forbidden();
  const [org] = await db.select({ planUntil: organisations.planUntil }).from(organisations).where(eq(organisations.id, organisationId));
  if (!org) throw AppError.notFound();
  const current = await planForOrganisation(db, organisationId);
  return { planId: current.plan.id, planName: current.plan.name, isDefault: current.plan.isDefault, planUntil: org.planUntil };
}
