import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import { businessCalendars, settings, supportPlans, users } from "#db/schema";
import type { EmailTemplates } from "#emails/index";
import type { Executor } from "~/utils/db.server";
import { queueEmail } from "~/utils/email.server";
import { getEnv } from "~/utils/env.server";
import type { BusinessCalendar } from "../sla/business-hours";
import { calendarValue, ensureSlaDefaults } from "../sla/plans.server";
import { parseRootCauseSetting, type RootCauseCategory } from "./root-causes";

/**
 * Infrastructure shared by the quality use cases: the calendar complaint targets run on, the
 * people alerts go to, and the root-cause list setting.
 */

/**
 * Complaint targets run on the vendor's own office calendar — the default support plan's
 * calendar — whatever plan the complaining organisation has: the quality team works one
 * timetable (docs/decisions/041).
 */
export async function qualityCalendar(executor: Executor): Promise<BusinessCalendar> {
  const load = () =>
    executor
      .select({ calendar: businessCalendars })
      .from(supportPlans)
      .innerJoin(businessCalendars, eq(businessCalendars.id, supportPlans.calendarId))
      .where(eq(supportPlans.isDefault, true))
      .limit(1);
  let [row] = await load();
  if (!row) {
    await ensureSlaDefaults(executor);
    [row] = await load();
  }
  return calendarValue(row!.calendar);
}

export type Person = { id: string; name: string; email: string; locale: "en" | "ru"; timeZone: string; role: string; organisationId: string | null };

const personColumns = {
  id: users.id,
  name: users.name,
  email: users.email,
  locale: users.locale,
  timeZone: users.timeZone,
  role: users.role,
  organisationId: users.organisationId,
};

export async function loadPerson(executor: Executor, userId: string): Promise<Person | null> {
  const [row] = await executor.select(personColumns).from(users).where(eq(users.id, userId)).limit(1);
  return row ?? null;
}

/** Active quality staff; admins only when there is nobody in the quality role. */
export async function qualityRecipients(executor: Executor): Promise<Person[]> {
  const active = (roles: Array<"quality" | "admin">) =>
    executor
      .select(personColumns)
      .from(users)
      .where(and(inArray(users.role, roles), isNull(users.deactivatedAt)))
      .orderBy(asc(users.name));
  const quality = await active(["quality"]);
  return quality.length > 0 ? quality : active(["admin"]);
}

export function appUrl(path: string): string {
  return `${getEnv().APP_URL}${path}`;
}

/** Queues one alert email per quality person, in each person's language. */
export async function alertQualityTeam(
  executor: Executor,
  build: (person: Person) => Omit<EmailTemplates["quality.alert"], "locale" | "name">,
  extraRecipientIds: Array<string | null> = [],
): Promise<number> {
  const people = await qualityRecipients(executor);
  for (const id of extraRecipientIds) {
    if (!id || people.some((p) => p.id === id)) continue;
    const person = await loadPerson(executor, id);
    if (person) people.push(person);
  }
  for (const person of people) {
    await queueEmail(executor, { to: person.email, template: "quality.alert", props: { locale: person.locale, name: person.name, ...build(person) } });
  }
  return people.length;
}

export const ROOT_CAUSES_SETTING = "quality.root_causes";

export async function loadRootCauses(executor: Executor): Promise<RootCauseCategory[]> {
  const [row] = await executor.select({ value: settings.value }).from(settings).where(eq(settings.key, ROOT_CAUSES_SETTING)).limit(1);
  return parseRootCauseSetting(row?.value);
}
