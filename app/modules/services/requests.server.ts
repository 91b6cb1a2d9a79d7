import { and, asc, eq, isNull, min } from "drizzle-orm";
import { serviceRequests, ticketReclassifications, tickets, timeEntries, users, type ServiceItem, type TicketSplitSnapshot } from "#db/schema";
import { recordAudit } from "~/utils/audit.server";
import { db, type Executor } from "~/utils/db.server";
import { AppError } from "~/utils/errors.server";
import type { IdempotencyKey } from "~/utils/idempotency.server";
import { can, isStaff, type Actor } from "../accounts/permissions";
import { accessDetailsSchema } from "../tickets/access-details";
import { fileTicket, type FileTicketResult } from "../tickets/filing.server";
import { findTicket } from "../tickets/tickets.server";
import { lockOrganisationTime, reflowOrganisationFrom } from "../time-tracking/allocation.server";
import { ticketTotals } from "../time-tracking/entries.server";
import { estimateMinor, localisedItem, type ReclassifyInput, type ServiceRequestInput } from "./catalogue";
import { getActiveService } from "./catalogue.server";

/**
 * Requesting a paid service files a ticket of type `paid_service` through the ordinary filing
 * use case (the same eligibility gate, clocks, email and audit), and records in the same
 * transaction the item and the estimate the customer was shown.
 */
export async function requestService(
  actor: Actor,
  serviceItemId: string,
  input: ServiceRequestInput & { locale: "en" | "ru" },
  now = new Date(),
  key: IdempotencyKey | null = null,
): Promise<FileTicketResult & { estimateMinor: number }> {
  if (actor.role !== "customer") throw AppError.forbidden();
  const item = await getActiveService(actor, serviceItemId);
  const estimate = estimateMinor(input.quantity, item.priceMinor);
  if (estimate === null) throw AppError.invalid("services.error.estimate", { quantity: ["services.error.estimate"] });
  const ticket = await fileTicket(
    actor,
    {
      licenceId: input.licenceId,
      type: "paid_service",
      subject: localisedItem(item, input.locale).name.slice(0, 200),
      description: input.description,
      stepsToReproduce: "",
      siteAddress: "",
      siteDown: false,
    },
    accessDetailsSchema.parse({}),
    [],
    now,
    key,
    async (tx, filed) => {
      await tx.insert(serviceRequests).values({
        ticketId: filed.id,
        serviceItemId: item.id,
        nameEn: item.nameEn,
        nameRu: item.nameRu,
        unit: item.unit,
        quantity: input.quantity,
        unitPriceMinor: item.priceMinor,
        currency: item.currency,
        estimateMinor: estimate,
        createdAt: now,
      });
      await recordAudit(tx, {
        actorId: actor.id,
        action: "service.requested",
        entityType: "ticket",
        entityId: filed.id,
        after: { number: filed.number, serviceItemId: item.id, unit: item.unit, quantity: input.quantity, unitPriceMinor: item.priceMinor, currency: item.currency, estimateMinor: estimate },
      });
    },
  );
  return { ...ticket, estimateMinor: estimate };
}

const snapshot = (t: { free: number; prepaid: number; billable: number; notCharged: number }): TicketSplitSnapshot => ({
  free: t.free,
  prepaid: t.prepaid,
  billable: t.billable,
  notCharged: t.notCharged,
});

export type ReclassifyResult = { fromType: string; toType: string; splitBefore: TicketSplitSnapshot; splitAfter: TicketSplitSnapshot };

/**
 * Staff change a ticket's type with a reason. The time already logged on it is charged by the
 * rules of the new type: the organisation's history is refolded through the one allocation
 * function from the ticket's first entry on (the free allowance and the prepaid balance are
 * shared, so later entries of other tickets may move too). One transaction; audited old → new.
 */
export async function reclassifyTicket(actor: Actor, number: number, input: ReclassifyInput, now = new Date()): Promise<ReclassifyResult> {
  // A customer never learns more than "not found"; staff without the permission are refused.
  if (!isStaff(actor.role)) throw AppError.notFound("tickets.error.notFound");
  if (!can(actor, "update:ticket:any")) throw AppError.forbidden();
  return db.transaction(async (tx) => {
    const ticket = await findTicket(tx, actor, number, { forUpdate: true });
    if (ticket.type === input.type) throw AppError.invalid("services.error.sameType", { type: ["services.error.sameType"] });
    await lockOrganisationTime(tx, ticket.organisationId);
    const splitBefore = snapshot(await ticketTotals(tx, ticket.id));
    await tx.update(tickets).set({ type: input.type, updatedAt: now }).where(eq(tickets.id, ticket.id));
    const first = await firstEntryStart(tx, ticket.id);
    if (first) await reflowOrganisationFrom(tx, ticket.organisationId, first);
    const splitAfter = snapshot(await ticketTotals(tx, ticket.id));
    await tx.insert(ticketReclassifications).values({
      ticketId: ticket.id,
      fromType: ticket.type,
      toType: input.type,
      reason: input.reason,
      actorId: actor.id,
      splitBefore,
      splitAfter,
      at: now,
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "ticket.reclassified",
      entityType: "ticket",
      entityId: ticket.id,
      before: { number: ticket.number, type: ticket.type, split: splitBefore },
      after: { number: ticket.number, type: input.type, split: splitAfter, reason: input.reason },
    });
    return { fromType: ticket.type, toType: input.type, splitBefore, splitAfter };
  });
}

async function firstEntryStart(tx: Executor, ticketId: string): Promise<Date | null> {
  const [row] = await tx
    .select({ first: min(timeEntries.startedAt) })
    .from(timeEntries)
    .where(and(eq(timeEntries.ticketId, ticketId), isNull(timeEntries.deletedAt)));
  return row?.first ? new Date(row.first) : null;
}

export type TicketServiceInfo = {
  request: {
    serviceItemId: string;
    nameEn: string;
    nameRu: string;
    unit: ServiceItem["unit"];
    quantity: number;
    unitPriceMinor: number;
    currency: string;
    estimateMinor: number;
  } | null;
  reclassifications: Array<{
    id: string;
    fromType: string;
    toType: string;
    reason: string;
    actorName: string | null;
    splitBefore: TicketSplitSnapshot;
    splitAfter: TicketSplitSnapshot;
    at: Date;
  }>;
};

/** What a ticket page shows about its service request and its type changes (customer: own organisation only). */
export async function ticketServiceInfo(actor: Actor, number: number): Promise<TicketServiceInfo> {
  const ticket = await findTicket(db, actor, number);
  const [request] = await db.select().from(serviceRequests).where(eq(serviceRequests.ticketId, ticket.id)).limit(1);
  const changes = await db
    .select({ change: ticketReclassifications, actorName: users.name })
    .from(ticketReclassifications)
    .leftJoin(users, eq(users.id, ticketReclassifications.actorId))
    .where(eq(ticketReclassifications.ticketId, ticket.id))
    .orderBy(asc(ticketReclassifications.at), asc(ticketReclassifications.id))
    .limit(100);
  return {
    request: request
      ? {
          serviceItemId: request.serviceItemId,
          nameEn: request.nameEn,
          nameRu: request.nameRu,
          unit: request.unit,
          quantity: request.quantity,
          unitPriceMinor: request.unitPriceMinor,
          currency: request.currency,
          estimateMinor: request.estimateMinor,
        }
      : null,
    reclassifications: changes.map(({ change, actorName }) => ({
      id: change.id,
      fromType: change.fromType,
      toType: change.toType,
      reason: change.reason,
      actorName,
      splitBefore: change.splitBefore,
      splitAfter: change.splitAfter,
      at: change.at,
    })),
  };
}
