import { and, asc, count, eq, inArray, ne, sql } from "drizzle-orm";
import { businessCalendars, organisations, supportPlans, tickets, type Ticket } from "#db/schema";
import { recordAudit } from "~/utils/audit.server";
import { db, type Executor } from "~/utils/db.server";
import { AppError } from "~/utils/errors.server";
import type { MessageRef } from "~/utils/messages";
import { isUuid } from "~/utils/pagination";
import { can, type Actor } from "../accounts/permissions";
import { retargetTicketToPlan } from "../tickets/desk.server";
import type { BusinessCalendar } from "./business-hours";
import type { PlanInput } from "./plan-form";
import { recomputeTicketSla } from "./clocks.server";
import { calendarValue } from "./plans.server";
import { reflowAfterPlanChange } from "../time-tracking/allocation.server";

/**
 * Admin use cases for business calendars and support plans. Editing a calendar applies at
 * once to every clock that uses it (clocks are replayed, nothing is stored per minute).
 * Editing a plan's targets applies to tickets filed afterwards; moving an organisation to
 * another plan re-targets its open tickets from their original start (SPEC §4).
 */

function requireCalendarAdmin(actor: Actor) {
  if (!can(actor, "manage:calendar:any")) throw AppError.forbidden();
}
function requirePlanAdmin(actor: Actor) {
  if (!can(actor, "manage:plan:any")) throw AppError.forbidden();
}

export async function listCalendars(actor: Actor) {
  requireCalendarAdmin(actor);
  const rows = await db
    .select({ id: businessCalendars.id, name: businessCalendars.name, definition: businessCalendars.definition, updatedAt: businessCalendars.updatedAt })
    .from(businessCalendars)
    .orderBy(asc(businessCalendars.name));
  const usage = await db
    .select({ calendarId: supportPlans.calendarId, n: count() })
    .from(supportPlans)
    .groupBy(supportPlans.calendarId);
  return rows.map((r) => ({ ...r, plans: Number(usage.find((u) => u.calendarId === r.id)?.n ?? 0) }));
}

export async function getCalendar(actor: Actor, id: string) {
  requireCalendarAdmin(actor);
  if (!isUuid(id)) throw AppError.notFound();
  const [row] = await db.select().from(businessCalendars).where(eq(businessCalendars.id, id)).limit(1);
  if (!row) throw AppError.notFound();
  return { id: row.id, name: row.name, calendar: calendarValue(row), updatedAt: row.updatedAt };
}

export async function saveCalendar(actor: Actor, id: string | null, input: { name: string; calendar: BusinessCalendar }, now = new Date()) {
  requireCalendarAdmin(actor);
  return db.transaction(async (tx) => {
    if (id === null) {
      const [created] = await tx.insert(businessCalendars).values({ name: input.name, definition: input.calendar, createdAt: now, updatedAt: now }).returning();
      await recordAudit(tx, { actorId: actor.id, action: "calendar.created", entityType: "business_calendar", entityId: created!.id, after: input });
      return created!.id;
    }
    const [before] = await tx.select().from(businessCalendars).where(eq(businessCalendars.id, id)).limit(1).for("update");
    if (!before) throw AppError.notFound();
    await tx.update(businessCalendars).set({ name: input.name, definition: input.calendar, updatedAt: now }).where(eq(businessCalendars.id, id));
    await recordAudit(tx, {
      actorId: actor.id,
      action: "calendar.updated",
      entityType: "business_calendar",
      entityId: id,
      before: { name: before.name, calendar: before.definition },
      after: input,
    });
    await refreshOpenTicketsOnCalendar(tx, id, now);
    // The calendar zone decides which day logged time counts on (time counters).
    await reflowAfterPlanChange(tx, { calendarId: id });
    return id;
  });
}

/** A changed calendar moves due times: the queue columns of open tickets follow at once. */
async function refreshOpenTicketsOnCalendar(tx: Executor, calendarId: string, now: Date) {
  const open = await tx
    .select({ id: tickets.id })
    .from(tickets)
    .innerJoin(supportPlans, eq(supportPlans.id, tickets.planId))
    .where(and(eq(supportPlans.calendarId, calendarId), sql`${tickets.status} in ('new', 'open', 'pending', 'on_hold')`))
    .limit(5000);
  for (const { id } of open) await recomputeTicketSla(tx, id, now);
}

export async function listPlans(actor: Actor) {
  requirePlanAdmin(actor);
  const rows = await db
    .select({ plan: supportPlans, calendarName: businessCalendars.name })
    .from(supportPlans)
    .innerJoin(businessCalendars, eq(businessCalendars.id, supportPlans.calendarId))
    .orderBy(asc(supportPlans.name));
  const usage = await db.select({ planId: organisations.planId, n: count() }).from(organisations).groupBy(organisations.planId);
  const withoutPlan = Number(usage.find((u) => u.planId === null)?.n ?? 0);
  return rows.map(({ plan, calendarName }) => ({
    ...plan,
    calendarName,
    organisations: Number(usage.find((u) => u.planId === plan.id)?.n ?? 0) + (plan.isDefault ? withoutPlan : 0),
  }));
}

export async function getPlan(actor: Actor, id: string) {
  requirePlanAdmin(actor);
  if (!isUuid(id)) throw AppError.notFound();
  const [plan] = await db.select().from(supportPlans).where(eq(supportPlans.id, id)).limit(1);
  if (!plan) throw AppError.notFound();
  return plan;
}

/** The currency a plan's price is typed in (a new plan: roubles). */
export async function planCurrency(actor: Actor, id: string): Promise<string> {
  requirePlanAdmin(actor);
  if (!isUuid(id)) return "RUB";
  const [plan] = await db.select({ currency: supportPlans.currency }).from(supportPlans).where(eq(supportPlans.id, id)).limit(1);
  return plan?.currency ?? "RUB";
}

export async function savePlan(actor: Actor, id: string | null, input: PlanInput, now = new Date()) {
  requirePlanAdmin(actor);
  return db.transaction(async (tx) => {
    const [calendar] = await tx.select({ id: businessCalendars.id }).from(businessCalendars).where(eq(businessCalendars.id, input.calendarId)).limit(1);
    if (!calendar) throw AppError.invalid("sla.error.chooseCalendar", { calendarId: ["sla.field.chooseCalendar"] });
    const [sameSlug] = await tx
      .select({ id: supportPlans.id })
      .from(supportPlans)
      .where(id ? and(eq(supportPlans.slug, input.slug), ne(supportPlans.id, id)) : eq(supportPlans.slug, input.slug))
      .limit(1);
    if (sameSlug) throw AppError.invalid("sla.error.slugTaken", { slug: ["sla.field.slugTaken"] });
    const values = {
      name: input.name,
      slug: input.slug,
      calendarId: input.calendarId,
      targets: input.targets,
      isDefault: input.isDefault,
      allowsUrgent: input.allowsUrgent,
      freeMinutesPerDay: input.freeMinutesPerDay,
      freeDaysPerWeek: input.freeDaysPerWeek,
      // The default plan is what everyone has: it is never sold.
      priceMinor: input.isDefault ? null : input.priceMinor,
      termMonths: input.termMonths,
      updatedAt: now,
    };
    let planId: string;
    if (id === null) {
      const [created] = await tx.insert(supportPlans).values({ ...values, createdAt: now }).returning();
      planId = created!.id;
      await recordAudit(tx, { actorId: actor.id, action: "plan.created", entityType: "support_plan", entityId: planId, after: values });
    } else {
      const [before] = await tx.select().from(supportPlans).where(eq(supportPlans.id, id)).limit(1).for("update");
      if (!before) throw AppError.notFound();
      if (before.isDefault && !input.isDefault) {
        throw AppError.invalid("sla.error.keepDefault", { isDefault: ["sla.field.keepDefault"] });
      }
      await tx.update(supportPlans).set(values).where(eq(supportPlans.id, id));
      planId = id;
      await recordAudit(tx, { actorId: actor.id, action: "plan.updated", entityType: "support_plan", entityId: id, before, after: values });
    }
    if (input.isDefault) await tx.update(supportPlans).set({ isDefault: false }).where(and(ne(supportPlans.id, planId), eq(supportPlans.isDefault, true)));
    // Free minutes a day / days a week moved: re-split the logged time of its organisations.
    await reflowAfterPlanChange(tx, { planId });
    return planId;
  });
}

/**
 * Puts an organisation on a plan (null = the default plan). Its open tickets move to the new
 * plan and re-target from their original start: one may breach at once (documented). An admin's
 * assignment has no end: it clears a bought term (`planUntil`).
 */
export async function setOrganisationPlan(actor: Actor, organisationId: string, planId: string | null, now = new Date()) {
  requirePlanAdmin(actor);
  if (!isUuid(organisationId)) throw AppError.notFound();
  return db.transaction((tx) => switchOrganisationPlan(tx, { organisationId, planId, planUntil: null, actorId: actor.id, now }));
}

/**
 * The plan switch itself, inside the caller's transaction: the admin's assignment above, a paid
 * plan order, its refund and the lapse at the end of a bought term all go through it. Re-targets
 * the open tickets (and re-splits logged time) and records `organisation.plan_changed`.
 */
export async function switchOrganisationPlan(
  tx: Executor,
  input: { organisationId: string; planId: string | null; planUntil: Date | null; actorId: string | null; now: Date; reason?: MessageRef },
) {
  const { organisationId, planId, now } = input;
  const [org] = await tx.select().from(organisations).where(eq(organisations.id, organisationId)).limit(1).for("update");
  if (!org) throw AppError.notFound();
  if (planId) {
    const [plan] = await tx.select({ id: supportPlans.id }).from(supportPlans).where(eq(supportPlans.id, planId)).limit(1);
    if (!plan) throw AppError.invalid("sla.error.choosePlan", { planId: ["sla.field.choosePlan"] });
  }
  await tx.update(organisations).set({ planId, planUntil: input.planUntil, updatedAt: now }).where(eq(organisations.id, organisationId));
  const open = await moveOpenTicketsToPlan(tx, organisationId, input.actorId, now);
  await recordAudit(tx, {
    actorId: input.actorId,
    action: "organisation.plan_changed",
    entityType: "organisation",
    entityId: organisationId,
    before: { planId: org.planId, planUntil: org.planUntil },
    after: { planId, planUntil: input.planUntil, retargetedTickets: open.map((t) => t.number), ...(input.reason ? { reason: input.reason } : {}) },
  });
  return { retargeted: open.length };
}

/**
 * After an organisation's plan changed (or tickets joined it in a merge): its open tickets on
 * another plan move to the organisation's effective plan and re-target from their original
 * start. Returns the tickets moved.
 */
export async function moveOpenTicketsToPlan(tx: Executor, organisationId: string, actorId: string | null, now: Date): Promise<Ticket[]> {
  const [org] = await tx.select({ planId: organisations.planId }).from(organisations).where(eq(organisations.id, organisationId)).limit(1);
  let effectivePlanId = org?.planId ?? null;
  if (!effectivePlanId) {
    const [plan] = await tx.select({ id: supportPlans.id }).from(supportPlans).where(eq(supportPlans.isDefault, true)).limit(1);
    if (!plan) throw AppError.conflict("sla.error.noDefaultPlan");
    effectivePlanId = plan.id;
  }
  const open = await tx
    .select()
    .from(tickets)
    .where(and(eq(tickets.organisationId, organisationId), inArray(tickets.status, ["new", "open", "pending", "on_hold"]), ne(tickets.planId, effectivePlanId)))
    .for("update");
  for (const ticket of open) await retargetTicketToPlan(tx, ticket, effectivePlanId, actorId, now);
  await reflowAfterPlanChange(tx, { organisationId });
  return open;
}

/** Organisations with their plan, for the plan assignment form (bounded). */
export async function organisationPlans(actor: Actor) {
  requirePlanAdmin(actor);
  return db
    .select({ id: organisations.id, name: organisations.name, planId: organisations.planId })
    .from(organisations)
    .orderBy(asc(organisations.name))
    .limit(1000);
}
