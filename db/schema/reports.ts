import { sql } from "drizzle-orm";
import { boolean, doublePrecision, index, integer, pgTable, primaryKey, timestamp, uuid } from "drizzle-orm/pg-core";
import { slaClockEnum, ticketPriorityEnum, tickets } from "./tickets";

/**
 * Summary table for the SLA report: one row per clock cycle of a ticket, as the pure clocks
 * measure it. Kept by the SLA module in the same transaction that recomputes the ticket's
 * clocks (every reply, status change, retarget and the alert job at each breach moment), so the
 * report reads settled cycles by an index instead of replaying every ticket.
 */
export const slaCycles = pgTable(
  "sla_cycles",
  {
    ticketId: uuid()
      .notNull()
      .references(() => tickets.id, { onDelete: "cascade" }),
    clock: slaClockEnum().notNull(),
    cycleStartedAt: timestamp({ withTimezone: true }).notNull(),
    targetMinutes: integer().notNull(),
    /** Business minutes counted (pauses excluded); for an open cycle, as of its last recompute. */
    elapsedMinutes: doublePrecision().notNull(),
    fulfilledAt: timestamp({ withTimezone: true }),
    breached: boolean().notNull(),
    /**
     * When the outcome became known: the fulfilment, or the breach moment for a cycle breached
     * while still open. Null while the cycle runs within its target. Reports count by this.
     */
    settledAt: timestamp({ withTimezone: true }),
    /*
     * The ticket's report dimensions, copied so the reports group and filter cycles without
     * joining tickets (docs/decisions/072). Written with the cycles; the assignee is kept in
     * step by `syncSlaCycleAssignee` when a ticket changes hands without a recompute.
     */
    priority: ticketPriorityEnum(),
    planId: uuid(),
    productId: uuid(),
    organisationId: uuid(),
    assigneeId: uuid(),
  },
  (t) => [
    primaryKey({ columns: [t.ticketId, t.clock, t.cycleStartedAt] }),
    // Covering (drizzle has no INCLUDE, so the columns follow the key): the SLA and engineer
    // reports read a period's settled cycles by an index-only scan.
    index("sla_cycles_report_idx")
      .on(t.settledAt, t.clock, t.breached, t.elapsedMinutes, t.fulfilledAt, t.priority, t.planId, t.productId, t.assigneeId, t.organisationId)
      .where(sql`${t.settledAt} is not null`),
  ],
);

export type SlaCycleRow = typeof slaCycles.$inferSelect;
