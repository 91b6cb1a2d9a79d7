import { translate, type Locale } from "~/utils/i18n";
import { msg, type MessageRef } from "~/utils/messages";

/** What a refund row says about why the money went back. */
export type RefundReasonFields = { reason: string; stripeEventId: string | null };

/**
 * The reason of a refund that has no words of its own: one made in Stripe's dashboard, recorded
 * from its webhook event. Null for a refund staff made (their words are the reason).
 */
export function systemRefundReason(refund: RefundReasonFields): MessageRef | null {
  return refund.stripeEventId ? msg("refund.reason.stripeEvent", { event: refund.stripeEventId }) : null;
}

/**
 * Why a refund was made, in the reader's language: what staff wrote, as they wrote it (even when
 * it happens to look like a catalogue key); for a refund made in Stripe, "refunded in Stripe" with
 * the event's id — nothing English is stored for a Russian reader.
 */
export function refundReasonIn(refund: RefundReasonFields, locale: Locale): string {
  const system = systemRefundReason(refund);
  return system ? translate(locale, system.key, system.params) : refund.reason;
}

/** The reason as the audit log keeps it: staff's words, or the message a reader's page says. */
export function refundReasonForAudit(refund: RefundReasonFields): MessageRef | string {
  return systemRefundReason(refund) ?? refund.reason;
}
