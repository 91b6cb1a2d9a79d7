import { and, desc, eq } from "drizzle-orm";
import { orders, type Order } from "#db/schema";
import { can, type Actor } from "~/modules/accounts/permissions";
import { recordAudit } from "~/utils/audit.server";
import { db, type Executor } from "~/utils/db.server";
import { AppError } from "~/utils/errors.server";
import { insertPendingOrder } from "../billing/order-insert.server";
import { vatForNewOrder } from "../billing/settings.server";
import { loadTimeContext } from "./context.server";
import { creditPrepaidMinutesForOrder } from "./prepaid.server";
import { prepaidPackage, prepaidPackages, type BuyPrepaidHours, type PrepaidPackage } from "./packages";

/**
 * Buying prepaid hours. The order goes through billing like any other: an invoice order is
 * paid by bank transfer and marked paid by staff, a card order through Stripe Checkout; billing's
 * fulfilment then calls `fulfilPrepaidHoursOrder`, which credits the minutes exactly once.
 */

type Buyer = Actor & { email: string; name: string; locale: "en" | "ru" };

function assertMayBuy(actor: Actor): asserts actor is Actor & { organisationId: string } {
  if (actor.role !== "customer" || !actor.organisationId || !can(actor, "create:order:own")) throw AppError.notFound();
}

export async function getPrepaidPackages(actor: Actor): Promise<{
  packages: PrepaidPackage[];
  hourlyRateMinor: number;
  currency: string;
  pending: Array<Pick<Order, "id" | "number" | "hours" | "amountMinor" | "currency" | "createdAt">>;
}> {
  assertMayBuy(actor);
  const context = await loadTimeContext(db, actor.organisationId);
  const rate = { hourlyRateMinor: context.hourlyRateMinor, currency: context.currency };
  const pending = await db
    .select({ id: orders.id, number: orders.number, hours: orders.hours, amountMinor: orders.amountMinor, currency: orders.currency, createdAt: orders.createdAt })
    .from(orders)
    .where(and(eq(orders.organisationId, actor.organisationId), eq(orders.kind, "prepaid_hours"), eq(orders.status, "pending")))
    .orderBy(desc(orders.createdAt))
    .limit(10);
  return { packages: rate.hourlyRateMinor > 0 ? prepaidPackages(rate) : [], ...rate, pending };
}

/** A pending `prepaid_hours` order at the contract's hourly rate (snapshotted on the order). */
export async function createPrepaidHoursOrder(buyer: Buyer, input: BuyPrepaidHours, now = new Date()): Promise<Order> {
  assertMayBuy(buyer);
  return db.transaction(async (tx) => {
    const context = await loadTimeContext(tx, buyer.organisationId);
    if (context.hourlyRateMinor <= 0) {
      throw AppError.invalid("buy.notOnSale");
    }
    const pack = prepaidPackage(input.hours, { hourlyRateMinor: context.hourlyRateMinor, currency: context.currency });
    // VAT as billing's setting says (snapshotted on the order like the price).
    const vat = await vatForNewOrder(tx, pack.amountMinor);
    return insertPendingOrder(
      tx,
      {
        kind: "prepaid_hours",
        method: input.method,
        organisationId: buyer.organisationId,
        buyerEmail: buyer.email,
        buyerName: buyer.name,
        locale: buyer.locale,
        hours: pack.hours,
        listPriceMinor: pack.amountMinor,
        percentage: 100,
        ...vat,
        currency: pack.currency,
        createdBy: buyer.id,
        createdAt: now,
      },
      { hours: pack.hours, amountMinor: pack.amountMinor, currency: pack.currency, method: input.method },
    );
  });
}

/**
 * Billing's fulfilment branch for `prepaid_hours` orders (called inside its transaction, after
 * it has moved the order from pending to paid): credits the hours and records the payment.
 */
export async function fulfilPrepaidHoursOrder(tx: Executor, order: Order, paidAt: Date, actorId: string | null) {
  const credit = await creditPrepaidMinutesForOrder(tx, { ...order, paidAt, markedPaidBy: actorId }, paidAt);
  await recordAudit(tx, {
    actorId,
    action: "order.paid",
    entityType: "order",
    entityId: order.id,
    before: { status: "pending" },
    after: { status: "paid", paidAt, hours: order.hours, credited: credit.credited, via: actorId ? "invoice" : order.method },
  });
  return credit;
}
