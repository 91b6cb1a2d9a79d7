/**
 * The ticket status machine (SPEC §3). Pure: who may move a ticket from which status to which.
 *
 *   new ──► open ◄──► pending (waiting for the customer)
 *    │       ▲  ╲      ▲
 *    │       │   ╲──► on_hold (waiting for a third party)
 *    ▼       │
 *  solved ───┘ (reopen)      solved ──► closed (7 days later, or the customer confirms)
 *
 * - Staff move active tickets freely between open, pending, on hold and solved, and may reopen
 *   a solved ticket. Nobody may set "new" (it is only the starting state).
 * - Customers may mark their ticket solved, reopen a solved one, or confirm it closed.
 * - The system closes solved tickets after the grace period.
 * - A customer message reopens a pending or solved ticket; on a closed ticket it cannot be
 *   added at all: the conversation continues in a linked follow-up ticket.
 * - A public staff reply on a new ticket opens it (someone is working on it now).
 */
export const TICKET_STATUSES = ["new", "open", "pending", "on_hold", "solved", "closed"] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

/** Statuses a ticket is worked in; the queues show these. */
export const ACTIVE_STATUSES = ["new", "open", "pending", "on_hold"] as const satisfies readonly TicketStatus[];

export type StatusActor = "staff" | "customer" | "system";

const TRANSITIONS: Record<StatusActor, Record<TicketStatus, readonly TicketStatus[]>> = {
  staff: {
    new: ["open", "pending", "on_hold", "solved"],
    open: ["pending", "on_hold", "solved"],
    pending: ["open", "on_hold", "solved"],
    on_hold: ["open", "pending", "solved"],
    solved: ["open"],
    closed: [],
  },
  customer: {
    new: ["solved"],
    open: ["solved"],
    pending: ["solved"],
    on_hold: ["solved"],
    solved: ["open", "closed"],
    closed: [],
  },
  system: {
    new: [],
    open: [],
    pending: [],
    on_hold: [],
    solved: ["closed"],
    closed: [],
  },
};

export function isActive(status: TicketStatus): boolean {
  return (ACTIVE_STATUSES as readonly TicketStatus[]).includes(status);
}

export function canTransition(from: TicketStatus, to: TicketStatus, by: StatusActor): boolean {
  return TRANSITIONS[by][from].includes(to);
}

/** The statuses `by` may choose from `from` (for select boxes and buttons). */
export function nextStatuses(from: TicketStatus, by: StatusActor): readonly TicketStatus[] {
  return TRANSITIONS[by][from];
}

/**
 * The status after a customer's message. Null on a closed ticket: the message belongs in a
 * follow-up ticket instead.
 */
export function statusAfterCustomerMessage(status: TicketStatus): TicketStatus | null {
  switch (status) {
    case "pending":
    case "solved":
      return "open";
    case "closed":
      return null;
    default:
      return status;
  }
}

/**
 * The status after a staff message. `requested` is the status chosen in the same action
 * ("reply and set pending"); without one a public reply opens a new ticket and leaves any
 * other status alone. Internal notes never change the status by themselves.
 * Returns null when the requested change is not allowed.
 */
export function statusAfterStaffMessage(
  status: TicketStatus,
  options: { visibility: "public" | "internal"; requested?: TicketStatus | null },
): TicketStatus | null {
  const requested = options.requested ?? null;
  if (requested !== null && requested !== status) {
    return canTransition(status, requested, "staff") ? requested : null;
  }
  if (status === "new" && options.visibility === "public") return "open";
  return status;
}
