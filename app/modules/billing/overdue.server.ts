import { and, asc, eq, gt, lt, lte, or } from "drizzle-orm";
import { orders, organisations } from "#db/schema";
import { db } from "~/utils/db.server";
import { queueEmail } from "~/utils/email.server";
import { getEnv } from "~/utils/env.server";
import { AppError } from "~/utils/errors.server";
import { can, type Actor } from "../accounts/permissions";
import { formattersFor } from "../licensing/eligibility-messages";
import { daysOverdue, reminderToSend } from "./reminders";
import { getSellerDetails } from "./seller.server";
import { getBillingSettings } from "./settings.server";

const DAY = 86_400_000;

/**
 * The daily job: reminds buyers of open invoices (bank-transfer orders still pending) on the
 * configured days after issue. The conditional bump of `reminders_sent` and the email are one
 * transaction, so each reminder goes out once however often the job runs.
 */
export async function sendInvoiceReminders(now = new Date()): Promise<{ sent: number }> {
  const { reminderDays } = await getBillingSettings();
  if (reminderDays.length === 0) return { sent: 0 };
  const seller = await getSellerDetails();
  const candidates = await db
    .select()
    .from(orders)
    .where(and(eq(orders.status, "pending"), eq(orders.method, "invoice"), gt(orders.amountMinor, 0), lte(orders.createdAt, new Date(now.getTime() - reminderDays[0]! * DAY)), lt(orders.remindersSent, reminderDays.length)))
    .orderBy(asc(orders.createdAt))
    .limit(5_000);
  let sent = 0;
  for (const order of candidates) {
    const next = reminderToSend(order.createdAt, now, reminderDays, order.remindersSent);
    if (next === null) continue;
    const delivered = await db.transaction(async (tx) => {
      const [claimed] = await tx
        .update(orders)
        .set({ remindersSent: next })
        .where(and(eq(orders.id, order.id), eq(orders.status, "pending"), eq(orders.remindersSent, order.remindersSent)))
        .returning({ id: orders.id });
      if (!claimed) return false;
      const format = formattersFor(order.locale, "Europe/Moscow");
      await queueEmail(tx, {
        to: order.buyerEmail,
        template: "billing.invoice-reminder",
        props: {
          locale: order.locale,
          buyerName: order.buyerName,
          orderNumber: order.number,
          amount: format.money({ amountMinor: order.amountMinor, currency: order.currency }),
          issuedOn: format.date(order.createdAt),
          dueOn: format.date(new Date(order.createdAt.getTime() + seller.paymentTermsDays * DAY)),
          invoiceUrl: `${getEnv().APP_URL}/orders/${order.id}`,
        },
      });
      return true;
    });
    if (delivered) sent++;
  }
  return { sent };
}

export const OVERDUE_PAGE_SIZE = 50;

/** Open invoices past their due date, most overdue first (keyset on created_at, id). */
export async function listOverdueInvoices(actor: Actor, now = new Date(), after?: { at: Date; id: string }) {
  if (!can(actor, "read:order:any")) throw AppError.forbidden();
  const seller = await getSellerDetails();
  const dueBefore = new Date(now.getTime() - seller.paymentTermsDays * DAY);
  const rows = await db
    .select({ order: orders, organisationName: organisations.name })
    .from(orders)
    .innerJoin(organisations, eq(organisations.id, orders.organisationId))
    .where(
      and(
        eq(orders.status, "pending"),
        eq(orders.method, "invoice"),
        gt(orders.amountMinor, 0),
        lt(orders.createdAt, dueBefore),
        after ? or(gt(orders.createdAt, after.at), and(eq(orders.createdAt, after.at), gt(orders.id, after.id))) : undefined,
      ),
    )
    .orderBy(asc(orders.createdAt), asc(orders.id))
    .limit(OVERDUE_PAGE_SIZE + 1);
  const page = rows.slice(0, OVERDUE_PAGE_SIZE);
  const last = page.at(-1);
  return {
    invoices: page.map(({ order, organisationName }) => {
      const dueAt = new Date(order.createdAt.getTime() + seller.paymentTermsDays * DAY);
      return { id: order.id, number: order.number, organisationName, buyerEmail: order.buyerEmail, amountMinor: order.amountMinor, currency: order.currency, createdAt: order.createdAt, dueAt, daysLate: daysOverdue(dueAt, now), remindersSent: order.remindersSent };
    }),
    next: rows.length > OVERDUE_PAGE_SIZE && last ? { at: last.order.createdAt, id: last.order.id } : null,
  };
}
