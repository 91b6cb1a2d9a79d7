import { and, desc, eq, isNull } from "drizzle-orm";
import { orders, prepaidCredits, type Order } from "#db/schema";
import { can, type Actor } from "~/modules/accounts/permissions";
import { recordAudit } from "~/utils/audit.server";
import { db, type Executor, type Transaction } from "~/utils/db.server";
import { AppError } from "~/utils/errors.server";
import { lockOrganisationTime, reflowOrganisationFrom } from "./allocation.server";
import { prepaidBalance } from "./counters.server";
import { orderPrepaidMinutes } from "./packages";
import { assertMayReadOrganisation } from "./tickets.server";

/**
 * Prepaid minutes: purchases (one credit per paid `prepaid_hours` order, enforced by the
 * unique index on `prepaid_credits.order_id`), quality remedies and admin adjustments.
 * A credit is spendable from its time onwards (see allowance.ts); the balance never goes
 * below zero — what it cannot cover is billable.
 */

export type CreditResult = { credited: boolean; creditId: string | null; minutes: number; prepaidBalance: number };

/**
 * Billing's fulfilment calls this inside its transaction when a `prepaid_hours` order is paid
 * (Stripe webhook or staff "mark paid"). Idempotent: a second call for the same order — a
 * retried webhook, a double click — credits nothing.
 */
export async function creditPrepaidMinutesForOrder(
  /** The caller's transaction (billing's fulfilment): the advisory lock lives until it ends. */
  tx: Executor,
  order: Pick<Order, "id" | "kind" | "hours" | "organisationId" | "number" | "paidAt" | "markedPaidBy">,
  now = new Date(),
): Promise<CreditResult> {
  const minutes = orderPrepaidMinutes(order);
  await lockOrganisationTime(tx, order.organisationId);
  const [credit] = await tx
    .insert(prepaidCredits)
    .values({
      organisationId: order.organisationId,
      minutes,
      source: "purchase",
      orderId: order.id,
      // No words: pages name the order from `orderId` in the reader's language (`usage.creditOrder`).
      note: null,
      at: order.paidAt ?? now,
      createdBy: order.markedPaidBy ?? null,
    })
    .onConflictDoNothing({ target: prepaidCredits.orderId })
    .returning({ id: prepaidCredits.id });
  if (!credit) return { credited: false, creditId: null, minutes: 0, prepaidBalance: await prepaidBalance(tx, order.organisationId) };
  const reflow = await reflowOrganisationFrom(tx, order.organisationId, order.paidAt ?? now);
  await recordAudit(tx, {
    actorId: order.markedPaidBy ?? null,
    action: "prepaid.credited",
    entityType: "organisation",
    entityId: order.organisationId,
    after: { orderId: order.id, minutes, source: "purchase", balance: reflow.prepaidBalance },
  });
  return { credited: true, creditId: credit.id, minutes, prepaidBalance: reflow.prepaidBalance };
}

/**
 * A refunded `prepaid_hours` order takes its minutes back: the credit is removed (kept for the
 * record) and time it had covered becomes billable again. Idempotent.
 */
export async function removePrepaidCreditForOrder(tx: Executor, orderId: string, actorId: string | null = null, now = new Date()) {
  const [credit] = await tx.select().from(prepaidCredits).where(eq(prepaidCredits.orderId, orderId)).limit(1);
  if (!credit || credit.removedAt) return { removed: false };
  await lockOrganisationTime(tx, credit.organisationId);
  await tx.update(prepaidCredits).set({ removedAt: now }).where(and(eq(prepaidCredits.id, credit.id), isNull(prepaidCredits.removedAt)));
  const reflow = await reflowOrganisationFrom(tx, credit.organisationId, credit.at);
  await recordAudit(tx, {
    actorId,
    action: "prepaid.removed",
    entityType: "organisation",
    entityId: credit.organisationId,
    before: { orderId, minutes: credit.minutes },
    after: { balance: reflow.prepaidBalance },
  });
  return { removed: true, prepaidBalance: reflow.prepaidBalance };
}

/**
 * Goodwill minutes: a quality remedy (`remedy`, quality team) or an admin correction
 * (`adjustment`). Pass the caller's transaction as `executor` to commit with its own record.
 */
export async function creditPrepaidMinutes(
  actor: Actor,
  input: { organisationId: string; minutes: number; source: "remedy" | "adjustment"; note?: string },
  options: { executor?: Transaction } = {},
  now = new Date(),
): Promise<CreditResult> {
  const permitted = input.source === "remedy" ? can(actor, "apply:remedy:any") : can(actor, "manage:organisation:any");
  if (!permitted) throw AppError.forbidden();
  if (!Number.isSafeInteger(input.minutes) || input.minutes <= 0 || input.minutes > 1_000_000) {
    throw AppError.invalid("time.error.minutes", { minutes: ["time.field.minutes"] });
  }
  const run = async (tx: Transaction): Promise<CreditResult> => {
    await lockOrganisationTime(tx, input.organisationId);
    const [credit] = await tx
      .insert(prepaidCredits)
      .values({ organisationId: input.organisationId, minutes: input.minutes, source: input.source, note: input.note ?? null, at: now, createdBy: actor.id })
      .returning({ id: prepaidCredits.id });
    const reflow = await reflowOrganisationFrom(tx, input.organisationId, now);
    await recordAudit(tx, {
      actorId: actor.id,
      action: "prepaid.credited",
      entityType: "organisation",
      entityId: input.organisationId,
      after: { minutes: input.minutes, source: input.source, note: input.note ?? null, balance: reflow.prepaidBalance },
    });
    return { credited: true, creditId: credit!.id, minutes: input.minutes, prepaidBalance: reflow.prepaidBalance };
  };
  return options.executor ? run(options.executor) : db.transaction(run);
}

export type PrepaidCreditRow = {
  id: string;
  at: Date;
  minutes: number;
  source: "purchase" | "remedy" | "adjustment";
  note: string | null;
  orderNumber: number | null;
  removed: boolean;
};

/** Recent credits of an organisation, newest first (the usage page's "where the balance came from"). */
export async function listPrepaidCredits(actor: Actor, organisationId: string, limit = 20): Promise<PrepaidCreditRow[]> {
  if (actor.role === "customer" ? !can(actor, "read:usage:own") : !can(actor, "read:organisation:any")) throw AppError.notFound();
  assertMayReadOrganisation(actor, organisationId);
  const rows = await db
    .select({
      id: prepaidCredits.id,
      at: prepaidCredits.at,
      minutes: prepaidCredits.minutes,
      source: prepaidCredits.source,
      note: prepaidCredits.note,
      orderNumber: orders.number,
      removedAt: prepaidCredits.removedAt,
    })
    .from(prepaidCredits)
    .leftJoin(orders, eq(orders.id, prepaidCredits.orderId))
    .where(eq(prepaidCredits.organisationId, organisationId))
    .orderBy(desc(prepaidCredits.at), desc(prepaidCredits.id))
    .limit(limit);
  return rows.map(({ removedAt, ...r }) => ({ ...r, removed: removedAt !== null }));
}
