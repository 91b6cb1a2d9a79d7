import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { businessCalendars, organisations, supportPlans, type SupportPlan } from "#db/schema";
import { db, type Executor } from "~/utils/db.server";
import { AppError } from "~/utils/errors.server";
import { businessCalendarSchema, type BusinessCalendar } from "./business-hours";
import { DEFAULT_CALENDAR_NAME, DEFAULT_MOSCOW_CALENDAR, DEFAULT_PLANS } from "./defaults";
import { slaTargetsSchema, STANDARD_PLAN_TARGETS, type SlaTargets } from "./targets";

// Any fixed number: serialises the defaults check when several instances start at once.
const DEFAULTS_LOCK_KEY = 720_431_020;

/**
 * Makes sure the default business calendar and the Standard and Priority plans exist, and
 * that exactly one plan is the default (organisations without a plan use it). Idempotent:
 * runs at every start-up and in tests; never changes what an admin edited.
 */
export async function ensureSlaDefaults(executor: Executor = db): Promise<{ calendarId: string; defaultPlanId: string }> {
  const run = async (tx: Executor) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${DEFAULTS_LOCK_KEY})`);
    const plans = await tx.select().from(supportPlans);
    let calendarId = plans[0]?.calendarId;
    if (!calendarId) {
      const [existing] = await tx.select({ id: businessCalendars.id }).from(businessCalendars).orderBy(asc(businessCalendars.createdAt)).limit(1);
      calendarId =
        existing?.id ??
        (await tx.insert(businessCalendars).values({ name: DEFAULT_CALENDAR_NAME, definition: DEFAULT_MOSCOW_CALENDAR }).returning())[0]!.id;
    }
    const hasDefault = plans.some((p) => p.isDefault);
    for (const plan of DEFAULT_PLANS) {
      if (plans.some((p) => p.slug === plan.slug)) continue;
      await tx
        .insert(supportPlans)
        .values({ slug: plan.slug, name: plan.name, calendarId, targets: plan.targets, isDefault: plan.isDefault && !hasDefault, allowsUrgent: plan.allowsUrgent })
        .onConflictDoNothing();
    }
    const [defaultPlan] = await tx.select().from(supportPlans).where(eq(supportPlans.isDefault, true)).limit(1);
    if (defaultPlan) return { calendarId, defaultPlanId: defaultPlan.id };
    // An admin may have removed the flag by hand: the oldest plan becomes the default again.
    const [oldest] = await tx.select().from(supportPlans).orderBy(asc(supportPlans.createdAt)).limit(1);
    await tx.update(supportPlans).set({ isDefault: true }).where(eq(supportPlans.id, oldest!.id));
    return { calendarId, defaultPlanId: oldest!.id };
  };
  return executor === db ? db.transaction(run) : run(executor);
}

/**
 * Parsed calendars are memoised per (id, updated_at): the business-hours module caches its
 * window timeline per calendar *object*, so handing it the same object across requests keeps
 * the arithmetic fast.
 */
const calendarMemo = new Map<string, { version: number; calendar: BusinessCalendar }>();

export function calendarValue(row: { id: string; definition: unknown; updatedAt: Date }): BusinessCalendar {
  const version = row.updatedAt.getTime();
  const cached = calendarMemo.get(row.id);
  if (cached && cached.version === version) return cached.calendar;
  const parsed = businessCalendarSchema.safeParse(row.definition);
  if (!parsed.success) throw new Error(`Business calendar ${row.id} is invalid`);
  const calendar = parsed.data as BusinessCalendar;
  calendarMemo.set(row.id, { version, calendar });
  return calendar;
}

export type PlanWithCalendar = { plan: SupportPlan; targets: SlaTargets; calendar: BusinessCalendar; calendarName: string };

function withCalendar(row: { plan: SupportPlan; calendar: typeof businessCalendars.$inferSelect }): PlanWithCalendar {
  const targets = slaTargetsSchema.safeParse(row.plan.targets);
  return {
    plan: row.plan,
    targets: targets.success ? targets.data : STANDARD_PLAN_TARGETS,
    calendar: calendarValue(row.calendar),
    calendarName: row.calendar.name,
  };
}

export async function loadPlan(executor: Executor, planId: string): Promise<PlanWithCalendar> {
  const [row] = await executor
    .select({ plan: supportPlans, calendar: businessCalendars })
    .from(supportPlans)
    .innerJoin(businessCalendars, eq(businessCalendars.id, supportPlans.calendarId))
    .where(eq(supportPlans.id, planId))
    .limit(1);
  if (!row) throw AppError.notFound("sla.error.planNotFound");
  return withCalendar(row);
}

/** The organisation's plan, or the default plan when it has none. */
export async function planForOrganisation(executor: Executor, organisationId: string): Promise<PlanWithCalendar> {
  const [org] = await executor.select({ planId: organisations.planId }).from(organisations).where(eq(organisations.id, organisationId)).limit(1);
  if (org?.planId) return loadPlan(executor, org.planId);
  const [row] = await executor
    .select({ plan: supportPlans, calendar: businessCalendars })
    .from(supportPlans)
    .innerJoin(businessCalendars, eq(businessCalendars.id, supportPlans.calendarId))
    .where(and(eq(supportPlans.isDefault, true)))
    .limit(1);
  if (row) return withCalendar(row);
  // First use on a database that has not been through start-up (a script, a test).
  const { defaultPlanId } = await ensureSlaDefaults(executor);
  return loadPlan(executor, defaultPlanId);
}

/** Calendars by id (for client-side countdowns); ids come from the rows on a page. */
export async function calendarsByIds(ids: string[]): Promise<Record<string, BusinessCalendar>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return {};
  const rows = await db.select().from(businessCalendars).where(inArray(businessCalendars.id, unique));
  return Object.fromEntries(rows.map((row) => [row.id, calendarValue(row)]));
}
