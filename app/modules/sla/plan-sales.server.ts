import { and, asc, desc, eq, isNotNull } from "drizzle-orm";
import { businessCalendars, orders, organisations, supportPlans, type Order } from "#db/schema";
import { db } from "~/utils/db.server";
import { AppError } from "~/utils/errors.server";
import { isUuid } from "~/utils/pagination";
import type { Actor } from "../accounts/permissions";
import { hasBillingAccess } from "../billing/access.server";
import { assertMethodAvailable, queueInvoiceEmail, stripeEnabled, type PaymentMethod } from "../billing/orders.server";
import { lineDescription } from "../billing/documents.server";
import { insertPendingOrder } from "../billing/order-insert.server";
import { getBillingSettings, vatForNewOrder } from "../billing/settings.server";
import { calendarValue, planForOrganisation } from "./plans.server";
import { planTermEnd } from "./plan-term";
import { slaTargetsSchema, STANDARD_PLAN_TARGETS } from "./targets";

/**
 * Support plans on sale. A plan with a price (`priceMinor`) is sold per organisation for its
 * term (`termMonths`); the default plan is never sold. Buying creates a `support_plan` order that
 * goes through billing like a licence — an invoice marked paid by staff, or Stripe Checkout — and
 * billing's fulfilment switches the plan (plan-term.server.ts).
 */

type Buyer = Actor & { email: string; name: string; locale: "en" | "ru" };

function assertCustomer(actor: Actor): asserts actor is Actor & { organisationId: string } {
  if (actor.role !== "customer" || !actor.organisationId) throw AppError.notFound();
}

/** The portal's plan page: the current plan and its end, the plans on sale beside the default plan. */
export async function getPlanOffer(actor: Actor, now = new Date()) {
  assertCustomer(actor);
  const current = await planForOrganisation(db, actor.organisationId);
  const [org] = await db.select({ planUntil: organisations.planUntil }).from(organisations).where(eq(organisations.id, actor.organisationId));
  const rows = await db
    .select({ plan: supportPlans, calendar: businessCalendars })
    .from(supportPlans)
    .innerJoin(businessCalendars, eq(businessCalendars.id, supportPlans.calendarId))
    .orderBy(asc(supportPlans.name));
  const targetsOf = (value: unknown) => {
    const parsed = slaTargetsSchema.safeParse(value);
    return parsed.success ? parsed.data : STANDARD_PLAN_TARGETS;
  };
  const describe = ({ plan, calendar }: (typeof rows)[number]) => ({
    id: plan.id,
    name: plan.name,
    targets: targetsOf(plan.targets),
    calendar: calendarValue(calendar),
  });
  const fallback = rows.find((r) => r.plan.isDefault) ?? rows[0]!;
  const planUntil = org?.planUntil ?? null;
  const { vat } = await getBillingSettings();
  const onSale = rows
    .filter((r) => !r.plan.isDefault && r.plan.priceMinor !== null)
    .map((r) => ({
      ...describe(r),
      priceMinor: r.plan.priceMinor!,
      currency: r.plan.currency,
      termMonths: r.plan.termMonths,
      // What a purchase today would run until (extends the current term when it is this plan).
      untilIfBought: planTermEnd(current.plan.id === r.plan.id ? planUntil : null, now, r.plan.termMonths),
    }));
  const pending = await db
    .select({ id: orders.id, number: orders.number, planId: orders.planId, amountMinor: orders.amountMinor, currency: orders.currency, createdAt: orders.createdAt })
    .from(orders)
    .where(and(eq(orders.organisationId, actor.organisationId), eq(orders.kind, "support_plan"), eq(orders.status, "pending"), isNotNull(orders.planId)))
    .orderBy(desc(orders.createdAt))
    .limit(10);
  return {
    current: { id: current.plan.id, name: current.plan.name, isDefault: current.plan.isDefault, planUntil },
    standard: describe(fallback),
    onSale,
    vat,
    pending,
    canBuy: await hasBillingAccess(actor),
    stripe: stripeEnabled(),
  };
}

/**
 * A pending `support_plan` order at the plan's price, snapshotted with its term. Only the
 * organisation's primary contact and billing contacts may buy (as for licences); a second click
 * reuses the open order instead of billing twice.
 */
export async function createPlanOrder(buyer: Buyer, input: { planId: string; method: PaymentMethod }, now = new Date()): Promise<Order> {
  assertCustomer(buyer);
  if (!(await hasBillingAccess(buyer))) throw AppError.notFound();
  if (!isUuid(input.planId)) throw AppError.invalid("sla.error.choosePlan", { planId: ["sla.field.choosePlan"] });
  assertMethodAvailable(input.method);
  return db.transaction(async (tx) => {
    const [plan] = await tx.select().from(supportPlans).where(eq(supportPlans.id, input.planId)).limit(1);
    if (!plan || plan.isDefault || plan.priceMinor === null) throw AppError.invalid("sla.error.notForSale", { planId: ["sla.field.notForSale"] });
    const vat = await vatForNewOrder(tx, plan.priceMinor);
    const [open] = await tx
      .select()
      .from(orders)
      .where(
        and(
          eq(orders.organisationId, buyer.organisationId),
          eq(orders.kind, "support_plan"),
          eq(orders.planId, plan.id),
          eq(orders.status, "pending"),
          eq(orders.method, input.method),
          eq(orders.amountMinor, vat.amountMinor),
          eq(orders.termMonths, plan.termMonths),
        ),
      )
      .limit(1);
    if (open) return open;
    const order = await insertPendingOrder(
      tx,
      {
        kind: "support_plan",
        method: input.method,
        organisationId: buyer.organisationId,
        buyerEmail: buyer.email,
        buyerName: buyer.name,
        locale: buyer.locale,
        planId: plan.id,
        termMonths: plan.termMonths,
        listPriceMinor: plan.priceMinor,
        percentage: 100,
        ...vat,
        currency: plan.currency,
        createdBy: buyer.id,
        createdAt: now,
      },
      { planId: plan.id, termMonths: plan.termMonths, amountMinor: vat.amountMinor, currency: plan.currency, method: input.method },
    );
    if (input.method === "invoice") await queueInvoiceEmail(tx, order, await lineDescription(tx, order));
    return order;
  });
}
