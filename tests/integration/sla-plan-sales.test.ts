/**
 * Buying a support plan: by card (Stripe webhook) and by invoice (marked paid), the plan switch
 * re-targeting an open ticket, an early renewal extending the term, and the daily job's single
 * reminder and lapse back to the default plan.
 */
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { billingDocuments, emails, orders, organisations, supportPlans, tickets, type SupportPlan } from "#db/schema";
import { markOrderPaid } from "~/modules/billing/orders.server";
import { refundOrderPayment } from "~/modules/billing/refunds.server";
import { getPlan, savePlan } from "~/modules/sla/admin.server";
import { createPlanOrder, getPlanOffer } from "~/modules/sla/plan-sales.server";
import { runPlanTerms } from "~/modules/sla/plan-term.server";
import { slaTargetsSchema } from "~/modules/sla/targets";
import { db } from "~/utils/db.server";
import { overrideEnvForTests } from "~/utils/env.server";
import { createUser } from "../factories/accounts";
import { checkoutCompleted, deliverWebhook, startFakeStripe, stripeEvent, WEBHOOK_SECRET } from "../factories/billing";
import { customerWithLicence, ensureSla, fileTestTicket, minutesAfter, MONDAY_10_MSK } from "../factories/tickets";

const T0 = MONDAY_10_MSK; // Monday 2 March 2026, 10:00 MSK
const STANDARD_DUE = "2026-03-02T11:00:00.000Z"; // 4 business hours
const PRIORITY_DUE = "2026-03-02T08:00:00.000Z"; // 1 business hour
const DAY = 86_400_000;

let fake: Awaited<ReturnType<typeof startFakeStripe>>;
let priority: SupportPlan;
let admin: Awaited<ReturnType<typeof createUser>>;

async function buyerWithOpenTicket(locale: "en" | "ru" = "en") {
  const { organisation, licence } = await customerWithLicence();
  const customer = await createUser("customer", { organisationId: organisation.id, isPrimaryContact: true, locale });
  const ticket = await fileTestTicket(customer, licence);
  return { organisation, customer: { ...customer, locale }, ticketNumber: ticket.number };
}

async function dueOf(number: number) {
  const [row] = await db.select({ slaDueAt: tickets.slaDueAt, planId: tickets.planId }).from(tickets).where(eq(tickets.number, number));
  return { due: row!.slaDueAt?.toISOString(), planId: row!.planId };
}

async function orgRow(id: string) {
  const [row] = await db.select().from(organisations).where(eq(organisations.id, id));
  return row!;
}

beforeAll(async () => {
  fake = await startFakeStripe();
  overrideEnvForTests({ STRIPE_SECRET_KEY: "sk_test_keydesk", STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET, STRIPE_API_BASE: fake.url });
  admin = await createUser("admin");
  await ensureSla();
  const [row] = await db.select().from(supportPlans).where(eq(supportPlans.slug, "priority"));
  const plan = await getPlan(admin, row!.id);
  // The admin puts Priority on sale: 60 000 ₽ a year.
  await savePlan(admin, plan.id, { ...plan, targets: slaTargetsSchema.parse(plan.targets), priceMinor: 6_000_000, termMonths: 12 });
  priority = (await db.select().from(supportPlans).where(eq(supportPlans.id, plan.id)))[0]!;
});

afterAll(async () => {
  overrideEnvForTests({ STRIPE_SECRET_KEY: undefined, STRIPE_WEBHOOK_SECRET: undefined, STRIPE_API_BASE: undefined });
  await fake.close();
});

describe("buying the Priority plan", () => {
  it("by card: the webhook switches the plan for a year and re-targets the open ticket", async () => {
    const { organisation, customer, ticketNumber } = await buyerWithOpenTicket();
    expect(await dueOf(ticketNumber)).toMatchObject({ due: STANDARD_DUE });

    const offer = await getPlanOffer(customer, T0);
    expect(offer.current).toMatchObject({ isDefault: true, planUntil: null });
    expect(offer.canBuy).toBe(true);
    expect(offer.onSale.map((p) => [p.name, p.priceMinor, p.termMonths, p.targets.normal.firstResponse])).toEqual([["Priority", 6_000_000, 12, 60]]);
    expect(offer.standard.targets.normal.firstResponse).toBe(240);

    // A contact without the billing role may not buy; the default plan is not for sale.
    const colleague = await createUser("customer", { organisationId: organisation.id });
    await expect(createPlanOrder({ ...colleague, locale: "en" }, { planId: priority.id, method: "card" })).rejects.toMatchObject({ code: "not_found" });
    await expect(createPlanOrder(customer, { planId: offer.standard.id, method: "card" })).rejects.toMatchObject({ code: "invalid", message: "sla.error.notForSale" });

    const order = await createPlanOrder(customer, { planId: priority.id, method: "card" }, minutesAfter(T0, 10));
    expect(order).toMatchObject({ kind: "support_plan", planId: priority.id, termMonths: 12, amountMinor: 6_000_000, status: "pending" });
    // A second click reuses the open order.
    expect((await createPlanOrder(customer, { planId: priority.id, method: "card" })).id).toBe(order.id);

    const response = await deliverWebhook(stripeEvent("checkout.session.completed", checkoutCompleted(order.id, { amountTotal: 6_000_000 })));
    expect(await response.json()).toEqual({ received: true, outcome: "processed" });
    const [paid] = await db.select().from(orders).where(eq(orders.id, order.id));
    expect(paid!.status).toBe("paid");
    const org = await orgRow(organisation.id);
    expect(org.planId).toBe(priority.id);
    const until = new Date(paid!.paidAt!);
    until.setUTCFullYear(until.getUTCFullYear() + 1);
    expect(org.planUntil?.toISOString()).toBe(until.toISOString());
    expect(await dueOf(ticketNumber)).toEqual({ due: PRIORITY_DUE, planId: priority.id });
    const docs = await db.select({ kind: billingDocuments.kind }).from(billingDocuments).where(eq(billingDocuments.orderId, order.id));
    expect(docs.map((d) => d.kind).sort()).toEqual(["act", "receipt"]);
    const [receipt] = await db.select().from(emails).where(and(eq(emails.toAddress, customer.email), eq(emails.template, "billing.receipt")));
    expect(receipt!.text).toContain("Priority support plan, 12 months");

    // Refunded in full: the year comes off and nothing is left, so the plan ends now.
    await refundOrderPayment(admin, order.id, { amount: "60000", reason: "Bought by mistake" });
    expect(await orgRow(organisation.id)).toMatchObject({ planId: null, planUntil: null });
    expect((await dueOf(ticketNumber)).due).toBe(STANDARD_DUE);
  });

  it("by invoice: marked paid switches the plan; buying again early extends from the end; the job reminds once and lapses", async () => {
    const { organisation, customer, ticketNumber } = await buyerWithOpenTicket("ru");
    const boughtAt = minutesAfter(T0, 10);
    const first = await createPlanOrder(customer, { planId: priority.id, method: "invoice" }, boughtAt);
    const [invoiceMail] = await db.select().from(emails).where(and(eq(emails.toAddress, customer.email), eq(emails.template, "billing.invoice")));
    expect(invoiceMail!.subject).toContain("План поддержки «Priority», 12 месяцев");
    expect((await orgRow(organisation.id)).planId).toBeNull(); // nothing changes before payment

    await markOrderPaid(admin, first.id, boughtAt);
    expect((await orgRow(organisation.id)).planUntil?.toISOString()).toBe("2027-03-02T07:10:00.000Z");
    expect(await dueOf(ticketNumber)).toEqual({ due: PRIORITY_DUE, planId: priority.id });

    // A month before the end the organisation buys again: the new year starts at the current end.
    const renewedAt = new Date("2027-02-01T09:00:00Z");
    const second = await createPlanOrder(customer, { planId: priority.id, method: "invoice" }, renewedAt);
    expect(second.id).not.toBe(first.id);
    expect((await getPlanOffer(customer, renewedAt)).onSale[0]!.untilIfBought.toISOString()).toBe("2028-03-02T07:10:00.000Z");
    await markOrderPaid(admin, second.id, renewedAt);
    const end = (await orgRow(organisation.id)).planUntil!;
    expect(end.toISOString()).toBe("2028-03-02T07:10:00.000Z");

    // 14 days before the end (the setting's default): one reminder, however often the job runs.
    const reminders = () => db.select().from(emails).where(and(eq(emails.toAddress, customer.email), eq(emails.template, "sla.plan-ending")));
    await runPlanTerms(new Date(end.getTime() - 15 * DAY));
    expect(await reminders()).toHaveLength(0);
    await runPlanTerms(new Date(end.getTime() - 14 * DAY));
    await runPlanTerms(new Date(end.getTime() - 13 * DAY));
    await runPlanTerms(new Date(end.getTime() - 60_000));
    const sent = await reminders();
    expect(sent).toHaveLength(1);
    expect(sent[0]!.subject).toContain("План поддержки «Priority»");
    expect(sent[0]!.text).toContain("60"); // the price of another year
    expect((await orgRow(organisation.id)).planId).toBe(priority.id);

    // At the end it returns to the default plan and the open ticket is re-targeted back.
    const run = await runPlanTerms(end);
    expect(run.lapsed).toBeGreaterThanOrEqual(1);
    expect(await orgRow(organisation.id)).toMatchObject({ planId: null, planUntil: null });
    expect((await dueOf(ticketNumber)).due).toBe(STANDARD_DUE);
    expect((await getPlanOffer(customer, end)).current).toMatchObject({ isDefault: true, planUntil: null });
    expect((await runPlanTerms(new Date(end.getTime() + DAY))).lapsed).toBe(0);
  });
});
