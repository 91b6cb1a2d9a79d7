import type { MessageKey } from "~/locales/en";

export const VISIBILITY_LABEL: Record<"public" | "customers" | "staff", MessageKey> = {
  public: "kb.visibility.public",
  customers: "kb.visibility.customers",
  staff: "kb.visibility.staff",
};

export const STATUS_LABEL: Record<"draft" | "published", MessageKey> = {
  draft: "kb.status.draft",
  published: "kb.status.published",
};

export const TICKET_STATUS_LABEL: Record<"new" | "open" | "pending" | "on_hold" | "solved" | "closed", MessageKey> = {
  new: "ticket.status.new",
  open: "ticket.status.open",
  pending: "ticket.status.pending",
  on_hold: "ticket.status.on_hold",
  solved: "ticket.status.solved",
  closed: "ticket.status.closed",
};
