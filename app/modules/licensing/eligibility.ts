import { deriveLicenceStatus, type LicenceStatusInput } from "./licence-status";
import { renewalPrice, type RenewalQuote } from "./renewal-pricing";

/**
 * The support eligibility gate: may this licence open a ticket of this type now?
 *
 * The result carries a message *code plus params* (never text) so the UI can
 * render it in the customer's language — see `eligibility-messages.ts`.
 *
 * Order of checks, each one the thing the customer must fix first:
 *  1. `billing` tickets are always allowed — they are how every other refusal gets resolved.
 *  2. revoked, 3. suspended, 4. source modified — staff flags beat everything else.
 *  5. free product — bug reports only, with no response commitment (the free
 *     product has no term, activation or platform requirement to check).
 *  6. never activated — activate first (a renewal would not help).
 *  7. platform licence — checked *before* the term so we never ask for a renewal
 *     payment and then refuse anyway because of the platform.
 *  8. term expired — refused with the renewal quote for a one-click renewal.
 *  9. otherwise allowed: full support under the organisation's plan (the SLA
 *     module applies the plan; this gate only says yes).
 */

export const TICKET_TYPES = ["question", "bug_report", "paid_service", "billing"] as const;
export type TicketType = (typeof TICKET_TYPES)[number];

export type EligibilityLicence = LicenceStatusInput & {
  /** The product's *current* list price: renewals are priced from it. */
  listPriceMinor: number;
  currency: string;
  /** The renewal share in force now (the `renewals.renewalPercent` setting). */
  renewalPercent: number;
  /** e.g. "1C-Bitrix"; `null` when the product runs standalone. */
  requiredPlatform: string | null;
  /** Expiry of the platform licence on the activated site; `null` when unknown. */
  platformLicenceExpiresAt: Date | null;
};

export type NextStep =
  | "renew"
  | "activate"
  | "request_source_check"
  | "update_platform_licence"
  | "contact_billing"
  | "report_bug";

/** Params per message code; dates and money stay raw so each locale formats them. */
export type EligibilityParams = {
  SUPPORTED: { supportUntil: Date };
  BILLING_ALWAYS_ALLOWED: Record<string, never>;
  FREE_BUG_REPORT_ACCEPTED: Record<string, never>;
  FREE_PRODUCT_BUG_REPORTS_ONLY: Record<string, never>;
  NOT_ACTIVATED: Record<string, never>;
  PLATFORM_LICENCE_REQUIRED: { platform: string; expiredOn: Date | null };
  SUPPORT_EXPIRED: { endedOn: Date; renewalPrice: RenewalQuote };
  SOURCE_MODIFIED: Record<string, never>;
  SUSPENDED: Record<string, never>;
  REVOKED: Record<string, never>;
};

export type EligibilityCode = keyof EligibilityParams;
export type AllowedCode = "SUPPORTED" | "BILLING_ALWAYS_ALLOWED" | "FREE_BUG_REPORT_ACCEPTED";
export type RefusalCode = Exclude<EligibilityCode, AllowedCode>;

export type EligibilityMessage<C extends EligibilityCode = EligibilityCode> = {
  [K in C]: { code: K; params: EligibilityParams[K] };
}[C];

export type EligibilityAllowed = EligibilityMessage<AllowedCode> & {
  allowed: true;
  /** True for free products: we read the report but promise no response time. */
  noResponseCommitment: boolean;
};

export type EligibilityRefused = EligibilityMessage<RefusalCode> & {
  allowed: false;
  nextStep: NextStep;
};

export type Eligibility = EligibilityAllowed | EligibilityRefused;

const NO_PARAMS: Record<string, never> = {};

export function checkSupportEligibility(licence: EligibilityLicence, ticketType: TicketType, now: Date): Eligibility {
  if (ticketType === "billing") return allowed({ code: "BILLING_ALWAYS_ALLOWED", params: NO_PARAMS });
  const status = deriveLicenceStatus(licence, now);
  switch (status.status) {
    case "revoked":
      return refused({ code: "REVOKED", params: NO_PARAMS }, "contact_billing");
    case "suspended":
      return refused({ code: "SUSPENDED", params: NO_PARAMS }, "contact_billing");
    case "source_modified":
      return refused({ code: "SOURCE_MODIFIED", params: NO_PARAMS }, "request_source_check");
  }
  if (licence.free) return freeProductEligibility(ticketType);
  if (status.status === "not_activated") return refused({ code: "NOT_ACTIVATED", params: NO_PARAMS }, "activate");
  const platformRefusal = platformEligibility(licence, now);
  if (platformRefusal) return platformRefusal;
  if (status.status === "expired") return expiredEligibility(licence, status.supportEndedOn);
  // Only free products are active without an end date, and they returned above.
  return allowed({ code: "SUPPORTED", params: { supportUntil: status.supportUntil as Date } });
}

function freeProductEligibility(ticketType: TicketType): Eligibility {
  return ticketType === "bug_report"
    ? { allowed: true, code: "FREE_BUG_REPORT_ACCEPTED", params: NO_PARAMS, noResponseCommitment: true }
    : refused({ code: "FREE_PRODUCT_BUG_REPORTS_ONLY", params: NO_PARAMS }, "report_bug");
}

/** An unknown platform expiry is refused too: we cannot support what we cannot verify. */
function platformEligibility(licence: EligibilityLicence, now: Date): EligibilityRefused | null {
  if (licence.requiredPlatform === null) return null;
  const expiresAt = licence.platformLicenceExpiresAt;
  if (expiresAt !== null && expiresAt.getTime() > now.getTime()) return null;
  return refused(
    { code: "PLATFORM_LICENCE_REQUIRED", params: { platform: licence.requiredPlatform, expiredOn: expiresAt } },
    "update_platform_licence",
  );
}

function expiredEligibility(licence: EligibilityLicence, endedOn: Date): EligibilityRefused {
  const quote = renewalPrice({ listPriceMinor: licence.listPriceMinor, currency: licence.currency, percentage: licence.renewalPercent });
  return refused({ code: "SUPPORT_EXPIRED", params: { endedOn, renewalPrice: quote } }, "renew");
}

function allowed(message: EligibilityMessage<AllowedCode>): EligibilityAllowed {
  return { ...message, allowed: true, noResponseCommitment: false };
}

function refused(message: EligibilityMessage<RefusalCode>, nextStep: NextStep): EligibilityRefused {
  return { ...message, allowed: false, nextStep };
}
