import { and, asc, eq, isNotNull, lte } from "drizzle-orm";
import { tickets } from "#db/schema";
import { recordAudit } from "~/utils/audit.server";
import { db } from "~/utils/db.server";
import { recomputeTicketSla } from "../sla/clocks.server";
import { applyStatus, emailStatusChange, recordTicketEvent } from "./tickets.server";
import { getSettings } from "~/modules/settings/settings.server";

/**
 * Time-driven ticket changes, run by jobs with an injected `now`:
 * - a solved ticket closes `tickets.autoCloseDays` (a setting, 7 by default) after it was
 *   solved (a customer reply reopens it first, so it never reaches this);
 * - access details are erased `tickets.accessDetailsErasureDays` (7 by default) after the
 *   ticket closed.
 * Each ticket is its own transaction; rows are claimed with SKIP LOCKED, so several instances
 * can run the same job.
 */
const DAY_MS = 86_400_000;

export async function closeSolvedTickets(now = new Date(), batchSize = 100): Promise<number> {
  const cutoff = new Date(now.getTime() - (await getSettings()).tickets.autoCloseDays * DAY_MS);
  let closed = 0;
  for (;;) {
    const done = await db.transaction(async (tx) => {
      const batch = await tx
        .select()
        .from(tickets)
        .where(and(eq(tickets.status, "solved"), lte(tickets.solvedAt, cutoff)))
        .orderBy(asc(tickets.solvedAt))
        .limit(batchSize)
        .for("update", { skipLocked: true });
      for (const ticket of batch) {
        const updated = await applyStatus(tx, ticket, "closed", null, now);
        await recomputeTicketSla(tx, ticket.id, now);
        await emailStatusChange(tx, updated, null);
        await recordAudit(tx, { actorId: null, action: "ticket.auto_closed", entityType: "ticket", entityId: ticket.id, after: { solvedAt: ticket.solvedAt } });
      }
      closed += batch.length;
      return batch.length < batchSize;
    });
    if (done) return closed;
  }
}

export async function eraseExpiredAccessDetails(now = new Date(), batchSize = 100): Promise<number> {
  const cutoff = new Date(now.getTime() - (await getSettings()).tickets.accessDetailsErasureDays * DAY_MS);
  let erased = 0;
  for (;;) {
    const done = await db.transaction(async (tx) => {
      const batch = await tx
        .select({ id: tickets.id, number: tickets.number, closedAt: tickets.closedAt })
        .from(tickets)
        .where(and(isNotNull(tickets.accessDetailsCiphertext), eq(tickets.status, "closed"), lte(tickets.closedAt, cutoff)))
        .limit(batchSize)
        .for("update", { skipLocked: true });
      for (const ticket of batch) {
        await tx.update(tickets).set({ accessDetailsCiphertext: null, accessDetailsErasedAt: now }).where(eq(tickets.id, ticket.id));
        await recordTicketEvent(tx, { ticketId: ticket.id, type: "access_details_erased", at: now, actorId: null });
        await recordAudit(tx, { actorId: null, action: "ticket.access_details_erased", entityType: "ticket", entityId: ticket.id, after: { closedAt: ticket.closedAt } });
      }
      erased += batch.length;
      return batch.length < batchSize;
    });
    if (done) return erased;
  }
}
