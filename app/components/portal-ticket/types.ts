import type { useLoaderData } from "@remix-run/react";
import type { portalTicketPage } from "~/modules/tickets/portal-ticket.server";
import type { PortalTicketResult } from "~/modules/tickets/ticket-forms";

/** The customer's ticket page data as the page receives it, with the reply form's idempotency key. */
export type PortalTicket = ReturnType<typeof useLoaderData<typeof portalTicketPage>> & { formKey: string };

/** The last answer of the page's action, if any. */
export type PortalTicketAnswer = PortalTicketResult | undefined;
