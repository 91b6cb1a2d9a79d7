import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { emails, ticketMessages, tickets, timeEntries, type Licence, type Product, type Ticket } from "#db/schema";
import type { Actor } from "~/modules/accounts/permissions";
import { ensureSlaDefaults } from "~/modules/sla/plans.server";
import { db } from "~/utils/db.server";
import { createOrganisation, createUser } from "./accounts";
import { createLicence, createProduct } from "./licensing";

/**
 * Quality test data: tickets, time entries and messages are inserted directly (these tests
 * exercise the quality module, not ticket filing). Tickets need a support plan, so the SLA
 * defaults (calendar and plans) are ensured first.
 */
export const MONDAY_10_MSK = new Date("2026-03-02T07:00:00Z");
export const minutesAfter = (at: Date, minutes: number) => new Date(at.getTime() + minutes * 60_000);
export const daysAfter = (at: Date, days: number) => new Date(at.getTime() + days * 86_400_000);

export type TestCustomer = Actor & { name: string; email: string; organisationId: string };

/** A customer of a new organisation holding an activated licence (support one year from activation). */
export async function customerWithActivatedLicence(options: { product?: Product; activatedAt?: Date; organisationId?: string } = {}) {
  const organisationId = options.organisationId ?? (await createOrganisation()).id;
  const customer = (await createUser("customer", { organisationId })) as TestCustomer;
  const product = options.product ?? (await createProduct());
  const licence = await createLicence({
    product,
    organisationId,
    activatedAt: options.activatedAt ?? daysAfter(new Date(), -60),
    host: `shop-${randomUUID().slice(0, 6)}.example.com`,
  });
  return { customer, organisationId, product, licence };
}

export async function createQualityTicket(
  options: {
    organisationId: string;
    requesterId: string;
    licence?: Pick<Licence, "id" | "productId"> | null;
    status?: Ticket["status"];
    assigneeId?: string | null;
    subject?: string;
    createdAt?: Date;
  },
): Promise<Ticket> {
  const { defaultPlanId } = await ensureSlaDefaults();
  const status = options.status ?? "solved";
  const createdAt = options.createdAt ?? daysAfter(new Date(), -3);
  const [ticket] = await db
    .insert(tickets)
    .values({
      organisationId: options.organisationId,
      requesterId: options.requesterId,
      licenceId: options.licence?.id ?? null,
      productId: options.licence?.productId ?? null,
      assigneeId: options.assigneeId ?? null,
      planId: defaultPlanId,
      type: "question",
      status,
      subject: options.subject ?? `Checkout fails ${randomUUID().slice(0, 4)}`,
      description: "The checkout page shows an error after the last update.",
      createdAt,
      updatedAt: createdAt,
      solvedAt: status === "solved" || status === "closed" ? daysAfter(createdAt, 1) : null,
      closedAt: status === "closed" ? daysAfter(createdAt, 2) : null,
    })
    .returning();
  return ticket!;
}

export async function addMessage(ticket: Ticket, authorId: string, body: string, options: { internal?: boolean; fromStaff?: boolean } = {}) {
  const [message] = await db
    .insert(ticketMessages)
    .values({ ticketId: ticket.id, authorId, body, fromStaff: options.fromStaff ?? true, visibility: options.internal ? "internal" : "public" })
    .returning();
  return message!;
}

export async function addTimeEntry(ticket: Ticket, engineerId: string, split: { minutes: number; billable?: number; prepaid?: number; free?: number }) {
  const [entry] = await db
    .insert(timeEntries)
    .values({
      ticketId: ticket.id,
      organisationId: ticket.organisationId,
      engineerId,
      source: "manual",
      startedAt: daysAfter(new Date(), -2),
      minutes: split.minutes,
      billableMinutes: split.billable ?? split.minutes,
      prepaidMinutes: split.prepaid ?? 0,
      freeMinutes: split.free ?? 0,
      note: "Consultation",
    })
    .returning();
  return entry!;
}

/** A solved ticket of an organisation with an activated licence, plus an engineer on it. */
export async function solvedTicketScenario() {
  const { customer, organisationId, product, licence } = await customerWithActivatedLicence();
  const engineer = await createUser("engineer");
  const ticket = await createQualityTicket({ organisationId, requesterId: customer.id, licence, assigneeId: engineer.id });
  return { customer, organisationId, product, licence, engineer, ticket };
}

export async function emailsOf(address: string, template?: string) {
  return db
    .select()
    .from(emails)
    .where(template ? and(eq(emails.toAddress, address), eq(emails.template, template)) : eq(emails.toAddress, address));
}

export const FACTS =
  "On 2 March we asked for help with the checkout error; the first answer came two days later and did not address the logs we sent.";

export { createOrganisation, createUser };
