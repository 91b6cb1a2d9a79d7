import type { useLoaderData } from "@remix-run/react";
import type { MessageKey } from "~/locales/en";
import type { Column } from "~/modules/tickets/queue-view";
import type { queuePage } from "~/modules/tickets/queue-page.server";

/** One page of a queue view as the page receives it. */
export type QueuePageData = ReturnType<typeof useLoaderData<typeof queuePage>>;

export const COLUMN_LABEL: Record<Column | "number", MessageKey> = {
  number: "ticket.number",
  subject: "ticket.subject",
  organisation: "common.organisation",
  product: "ticket.product",
  priority: "ticket.priority",
  status: "common.status",
  assignee: "ticket.assignee",
  due: "sla.due",
  created: "queue.column.created",
};
