import type { useLoaderData } from "@remix-run/react";
import type { DeskTicketResult } from "~/modules/tickets/ticket-forms";
import type { ticketWorkspace } from "~/modules/tickets/workspace.server";

/** The desk workspace's data as the page receives it, with the reply form's idempotency key. */
export type Workspace = ReturnType<typeof useLoaderData<typeof ticketWorkspace>> & { formKey: string };

/** The last answer of the page's action, if any. */
export type WorkspaceResult = DeskTicketResult | undefined;
