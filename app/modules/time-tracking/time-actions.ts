import { z } from "zod";
import type { FieldErrors, FormMessage } from "~/utils/messages";
import { manualTimeEntrySchema, notChargedOverrideSchema } from "./manual-entry";

/**
 * What the timer panel posts to `/desk/time`: one `intent` per use case.
 * Field validation reuses the manual-entry and not-charged schemas.
 */
const uuid = z.uuid({ error: "time.field.unknownItem" });

export const TIME_INTENTS = ["start", "stop", "add", "edit", "delete", "not-charged", "charge"] as const;
export type TimeIntent = (typeof TIME_INTENTS)[number];

export const timeActionSchemas = {
  start: z.object({ ticketId: uuid }),
  /** `ticketId`, when given, is the ticket the person believes the timer runs on (a stale tab). */
  stop: z.object({ ticketId: z.preprocess((v) => (v === "" ? undefined : v), uuid.optional()) }),
  add: manualTimeEntrySchema.extend({ ticketId: uuid }),
  edit: manualTimeEntrySchema.extend({ entryId: uuid }),
  delete: z.object({ entryId: uuid }),
  "not-charged": notChargedOverrideSchema.extend({ entryId: uuid }),
  charge: z.object({ entryId: uuid }),
} satisfies Record<TimeIntent, z.ZodType>;

export function isTimeIntent(value: unknown): value is TimeIntent {
  return typeof value === "string" && (TIME_INTENTS as readonly string[]).includes(value);
}

/** What happened, for the panel to say in the viewer's language. */
export type TimeNotice =
  | { kind: "started" | "alreadyRunning" | "movedElsewhere"; ticketNumber: number }
  | { kind: "stopped" | "stoppedOther"; ticketNumber: number; minutes: number; capped: boolean }
  | { kind: "notRunning" | "added" | "updated" | "deleted" | "markedNotCharged" | "markedCharged" };

export type TimeActionResult =
  | { ok: true; intent: TimeIntent; notices: TimeNotice[]; ticketNumber: number | null }
  | {
      ok: false;
      /** Which form it was (none for an unknown action). */
      intent?: TimeIntent;
      formError: FormMessage;
      fieldErrors: FieldErrors;
      values: Record<string, string>;
      ticketNumber: number | null;
    };
