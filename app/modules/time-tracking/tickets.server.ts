import type { Actor } from "~/modules/accounts/permissions";
import type { Executor } from "~/utils/db.server";
import { readTicketRow } from "~/modules/tickets/ticket-row.server";
import { AppError } from "~/utils/errors.server";
import type { TicketType } from "./allowance";

/** The few ticket columns time tracking needs. */
export type TimeTicket = { id: string; number: number; subject: string; type: TicketType; organisationId: string };

export type TicketRef = { id: string } | { number: number };

export async function loadTicket(executor: Executor, ref: TicketRef): Promise<TimeTicket> {
  const ticket = await readTicketRow(executor, ref);
  if (!ticket) throw AppError.notFound();
  return { id: ticket.id, number: ticket.number, subject: ticket.subject, type: ticket.type, organisationId: ticket.organisationId };
}

/** A customer reaches only their own organisation's tickets; anything else is "not found". */
export function assertMayReadOrganisation(actor: Actor, organisationId: string): void {
  if (actor.role === "customer" && actor.organisationId !== organisationId) throw AppError.notFound();
}
