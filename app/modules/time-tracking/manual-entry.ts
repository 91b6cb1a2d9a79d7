import { DateTime } from "luxon";
import { z } from "zod";
import { wholeNumberField } from "./form-fields";

export const MAX_MINUTES_PER_ENTRY = 24 * 60;
export const MAX_NOTE_LENGTH = 2000;
export const MAX_NOT_CHARGED_REASON_LENGTH = 500;

/**
 * A manually logged entry. `startTime` is optional: without it the entry is
 * placed at the start of `date` in the organisation's zone, which keeps it on
 * the day the engineer picked (the allowance counts by start day).
 */
export const manualTimeEntrySchema = z.object({
  date: z.iso.date({ error: "time.field.date" }),
  startTime: z.preprocess(emptyToUndefined, z.iso.time({ precision: -1, error: "time.field.time" }).optional()),
  minutes: wholeNumberField(1, MAX_MINUTES_PER_ENTRY),
  note: z.string().trim().max(MAX_NOTE_LENGTH).default(""),
});

export type ManualTimeEntry = z.infer<typeof manualTimeEntrySchema>;

/** Engineer's "not charged" override; the reason is kept for the customer statement and audits. */
export const notChargedOverrideSchema = z.object({
  reason: z.string().trim().min(1, "time.field.notChargedReason").max(MAX_NOT_CHARGED_REASON_LENGTH),
});

export function manualEntryStartedAt(entry: Pick<ManualTimeEntry, "date" | "startTime">, timeZone: string): Date {
  const local = DateTime.fromISO(`${entry.date}T${entry.startTime ?? "00:00"}`, { zone: timeZone });
  if (!local.isValid) throw new RangeError(`Cannot place ${entry.date} ${entry.startTime ?? ""} in "${timeZone}"`);
  return local.toJSDate();
}

function emptyToUndefined(value: unknown): unknown {
  return typeof value === "string" && value.trim() === "" ? undefined : value;
}
