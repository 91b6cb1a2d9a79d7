import { eq, sql } from "drizzle-orm";
import { businessCalendars, contracts, organisations, supportPlans } from "#db/schema";
import type { Executor } from "~/utils/db.server";
import { AppError } from "~/utils/errors.server";
import { DEFAULT_ALLOWANCE_CONTRACT, type AllowanceContract } from "./allowance";

/**
 * The contract that applies to an organisation: each contract column overrides the
 * organisation's plan (or the default plan when it has none); the allowance is counted in
 * the plan's business-calendar zone.
 */
export type TimeContext = {
  organisationId: string;
  organisationName: string;
  contract: AllowanceContract;
  hourlyRateMinor: number;
  currency: string;
  timeZone: string;
  /** What the plan alone would give, for the contract form's hints. */
  planDefaults: AllowanceContract & { hourlyRateMinor: number; currency: string; planName: string | null };
  /** The organisation's own overrides (null = follows the plan). */
  overrides: {
    freeMinutesPerDay: number | null;
    freeDaysPerWeek: number | null;
    freeDaysPerWeekSet: boolean;
    hourlyRateMinor: number | null;
    currency: string | null;
  };
};

const FALLBACK_ZONE = "Europe/Moscow";
const FALLBACK_CURRENCY = "RUB";

export async function loadTimeContext(executor: Executor, organisationId: string): Promise<TimeContext> {
  const [org] = await executor
    .select({
      id: organisations.id,
      name: organisations.name,
      planId: organisations.planId,
      freeMinutesPerDay: contracts.freeMinutesPerDay,
      freeDaysPerWeek: contracts.freeDaysPerWeek,
      freeDaysPerWeekSet: contracts.freeDaysPerWeekSet,
      hourlyRateMinor: contracts.hourlyRateMinor,
      currency: contracts.currency,
    })
    .from(organisations)
    .leftJoin(contracts, eq(contracts.organisationId, organisations.id))
    .where(eq(organisations.id, organisationId))
    .limit(1);
  if (!org) throw AppError.notFound();
  const [plan] = await executor
    .select({
      name: supportPlans.name,
      freeMinutesPerDay: supportPlans.freeMinutesPerDay,
      freeDaysPerWeek: supportPlans.freeDaysPerWeek,
      hourlyRateMinor: supportPlans.hourlyRateMinor,
      currency: supportPlans.currency,
      timeZone: sql<string | null>`${businessCalendars.definition}->>'timeZone'`,
    })
    .from(supportPlans)
    .innerJoin(businessCalendars, eq(businessCalendars.id, supportPlans.calendarId))
    .where(org.planId ? eq(supportPlans.id, org.planId) : eq(supportPlans.isDefault, true))
    .orderBy(supportPlans.createdAt)
    .limit(1);
  const planDefaults = {
    planName: plan?.name ?? null,
    freeMinutesPerDay: plan?.freeMinutesPerDay ?? DEFAULT_ALLOWANCE_CONTRACT.freeMinutesPerDay,
    freeDaysPerWeek: plan ? plan.freeDaysPerWeek : DEFAULT_ALLOWANCE_CONTRACT.freeDaysPerWeek,
    hourlyRateMinor: plan?.hourlyRateMinor ?? 0,
    currency: plan?.currency ?? FALLBACK_CURRENCY,
  };
  const overrides = {
    freeMinutesPerDay: org.freeMinutesPerDay,
    freeDaysPerWeek: org.freeDaysPerWeek,
    freeDaysPerWeekSet: org.freeDaysPerWeekSet ?? false,
    hourlyRateMinor: org.hourlyRateMinor,
    currency: org.currency,
  };
  return {
    organisationId: org.id,
    organisationName: org.name,
    contract: {
      freeMinutesPerDay: overrides.freeMinutesPerDay ?? planDefaults.freeMinutesPerDay,
      freeDaysPerWeek: overrides.freeDaysPerWeekSet ? overrides.freeDaysPerWeek : planDefaults.freeDaysPerWeek,
    },
    hourlyRateMinor: overrides.hourlyRateMinor ?? planDefaults.hourlyRateMinor,
    currency: overrides.currency ?? planDefaults.currency,
    timeZone: plan?.timeZone || FALLBACK_ZONE,
    planDefaults,
    overrides,
  };
}
