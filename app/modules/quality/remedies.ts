import { z } from "zod";
import { translate } from "~/utils/i18n";
import type { QualityLocale } from "./locale";

/**
 * Remedies staff can grant when answering a complaint. Ids are opaque strings;
 * the server side must check they belong to the complaint's organisation.
 *
 * Effects others rely on:
 * - credit_prepaid adds a prepaid credit at the time it is granted. Credits are
 *   not retroactive, so it does not turn past billable time into prepaid — use
 *   cancel_billable for that.
 * - cancel_billable feeds `cancelledBillable` in time-tracking's allocateTime.
 */
const id = z.string().trim().min(1).max(64);
const count = (max: number) => z.coerce.number().int().min(1).max(max);

export const remedySchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("extend_support"), licenceId: id, days: count(3650) }),
  z.object({ type: z.literal("credit_prepaid"), organisationId: id, minutes: count(100_000) }),
  z.object({ type: z.literal("cancel_billable"), timeEntryId: id }),
  z.object({ type: z.literal("reassign_ticket"), ticketId: id, assigneeId: id }),
]);

export type Remedy = z.infer<typeof remedySchema>;
export type RemedyType = Remedy["type"];
export const REMEDY_TYPES: readonly RemedyType[] = ["extend_support", "credit_prepaid", "cancel_billable", "reassign_ticket"];

/**
 * One customer-facing sentence for the complaint answer. It names no internal
 * ids: the customer sees what changed, not our keys.
 */
export function describeRemedy(remedy: Remedy, locale: QualityLocale): string {
  switch (remedy.type) {
    case "extend_support":
      return translate(locale, "remedy.extendSupport", { days: remedy.days });
    case "credit_prepaid":
      return translate(locale, "remedy.creditPrepaid", { minutes: remedy.minutes });
    case "cancel_billable":
      return translate(locale, "remedy.cancelBillable");
    case "reassign_ticket":
      return translate(locale, "remedy.reassign");
  }
}
