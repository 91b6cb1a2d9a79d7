import { eq } from "drizzle-orm";
import { tickets } from "#db/schema";
import type { Actor } from "~/modules/accounts/permissions";
import type { Executor } from "~/utils/db.server";
import { AppError } from "~/utils/errors.server";
import type { TicketType } from "./allowance";

/** The few ticket columns time tracking needs. */
export type TimeTicket = { id: string; number: number; subject: string; type: TicketType; organisationId: string };

export type TicketRef = { id: string } | { number: number };

export async function loadTicket(executor: Executor, ref: TicketRef): Promise<TimeTicket> {
  const [ticket] = await executor
    .select({ id: tickets.id, number: tickets.number, subject: tickets.subject, type: tickets.type, organisationId: tickets.organisationId })
    .from(tickets)
    .where("id" in ref ? eq(tickets.id, ref.id) : eq(tickets.number, ref.number))
    .limit(1);
  if (!ticket) throw AppError.notFound();
  return ticket;
}

/** A customer reaches only their own organisation's tickets; anything else is "not found". */
export function assertMayReadOrganisation(actor: Actor, organisationId: string): void {
  if (actor.role === "customer" && actor.organisationId !== organisationId) throw AppError.notFound();
}
