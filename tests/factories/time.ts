import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { businessCalendars, orders, organisations, supportPlans, tickets, timeEntries, type Order } from "#db/schema";
import { DEFAULT_CALENDAR } from "~/modules/sla/business-hours";
import { STANDARD_PLAN_TARGETS } from "~/modules/sla/targets";
import { db } from "~/utils/db.server";
import { createOrganisation, createUser } from "./accounts";

type TicketType = "question" | "bug_report" | "paid_service" | "billing";

/** The default support plan (with its Moscow calendar), created once per test database. */
export async function ensureDefaultPlan() {
  const [existing] = await db.select().from(supportPlans).where(eq(supportPlans.isDefault, true)).limit(1);
  if (existing) return existing;
  const [calendar] = await db.insert(businessCalendars).values({ name: "Test calendar", definition: DEFAULT_CALENDAR }).returning();
  const [plan] = await db
    .insert(supportPlans)
    .values({
      slug: `standard-${randomUUID().slice(0, 6)}`,
      name: "Standard",
      calendarId: calendar!.id,
      targets: STANDARD_PLAN_TARGETS,
      isDefault: true,
      freeMinutesPerDay: 15,
      freeDaysPerWeek: null,
      hourlyRateMinor: 300_000,
      currency: "RUB",
    })
    .returning();
  return plan!;
}

/** A plan of its own (e.g. another zone or allowance) for the organisation that needs it. */
export async function createPlan(overrides: Partial<typeof supportPlans.$inferInsert> & { timeZone?: string } = {}) {
  const { timeZone, ...rest } = overrides;
  const [calendar] = await db
    .insert(businessCalendars)
    .values({ name: `Calendar ${randomUUID().slice(0, 6)}`, definition: { ...DEFAULT_CALENDAR, timeZone: timeZone ?? DEFAULT_CALENDAR.timeZone } })
    .returning();
  const [plan] = await db
    .insert(supportPlans)
    .values({
      slug: `plan-${randomUUID().slice(0, 8)}`,
      name: "Custom",
      calendarId: calendar!.id,
      targets: STANDARD_PLAN_TARGETS,
      freeMinutesPerDay: 15,
      hourlyRateMinor: 300_000,
      currency: "RUB",
      ...rest,
    })
    .returning();
  return plan!;
}

/** An organisation with a customer contact, on the default plan unless `planId` is given. */
export async function createCustomerOrganisation(options: { planId?: string } = {}) {
  await ensureDefaultPlan();
  const org = await createOrganisation();
  if (options.planId) {
    await db.update(organisations).set({ planId: options.planId }).where(eq(organisations.id, org.id));
  }
  const customer = await createUser("customer", { organisationId: org.id });
  return { org, customer };
}

export async function createTicket(organisationId: string, requesterId: string, type: TicketType = "question", subject = "How do I export orders?") {
  const plan = await ensureDefaultPlan();
  const [ticket] = await db
    .insert(tickets)
    .values({ organisationId, requesterId, planId: plan.id, type, subject, description: "Details", status: "open" })
    .returning();
  return ticket!;
}

/** A `prepaid_hours` order row as billing would create it (pending until paid). */
export async function createPrepaidOrder(organisationId: string, hours: number, status: "pending" | "paid" = "pending"): Promise<Order> {
  const [order] = await db
    .insert(orders)
    .values({
      kind: "prepaid_hours",
      method: "invoice",
      status,
      organisationId,
      buyerEmail: "buyer@example.com",
      hours,
      listPriceMinor: hours * 300_000,
      percentage: 100,
      amountMinor: hours * 300_000,
      currency: "RUB",
      paidAt: status === "paid" ? new Date() : null,
    })
    .returning();
  return order!;
}

/** Inserts entries directly (no reflow): for benchmarks and bulk fixtures. */
export async function insertEntries(rows: Array<typeof timeEntries.$inferInsert>) {
  for (let i = 0; i < rows.length; i += 1000) await db.insert(timeEntries).values(rows.slice(i, i + 1000));
}

export { createUser };
