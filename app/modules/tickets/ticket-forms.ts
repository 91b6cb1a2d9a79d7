/** What the ticket pages' actions answer (desk and portal); types only. */
import type { FieldErrors, FormMessage } from "~/utils/messages";
import type { AccessDetails } from "./access-details";
import type { RejectedUpload } from "./uploads.server";

/** What every form of a ticket page reads back: what failed, and what was typed (failures only). */
export type TicketFormResult = {
  ok: boolean;
  intent: string;
  formError: FormMessage;
  fieldErrors: FieldErrors;
  values: Record<string, string>;
  rejectedFiles: RejectedUpload[];
};

/** The desk workspace's answer. */
export type DeskTicketResult = TicketFormResult & {
  claimedBy?: string;
  details?: AccessDetails;
  /** The reply form's knowledge-base buttons: articles found, and the title of the one just linked. */
  kbFound?: Array<{ id: string; title: string; url: string; path: string }>;
  kbLinked?: string;
  kbCannotLink?: boolean;
  /** Files chosen with a knowledge-base button are not kept (a file input cannot be refilled). */
  hadFiles?: boolean;
  /** Merge: the confirmation naming both tickets, then what moved; split: the new ticket's number. */
  mergePreview?: { source: { number: number; subject: string }; target: { number: number; subject: string } };
  merged?: { source: number; messages: number; attachments: number; timeEntries: number };
  split?: number;
};

/** The portal ticket page's answer: `refused` says why a follow-up could not be filed. */
export type PortalTicketResult = TicketFormResult & { refused?: string };
