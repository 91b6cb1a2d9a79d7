import { isDevelopmentHost, normaliseHost } from "./host";
import { hasSupportEnded } from "./licence-status";
import type { LicenceKeyParseResult } from "./licence-key";

/**
 * The answer the vendor API gives an installed module asking "is my key good here?".
 *
 * `valid` says whether the software may run; `code` says why. SUPPORT_EXPIRED is
 * *valid*: after the term the software keeps working, only updates stop.
 *
 * Decisions:
 * - Both unparseable and mistyped keys answer TYPO: neither can be a key we
 *   issued, and "check the key you entered" is the useful message for both.
 *   NOT_FOUND is kept for well-formed keys with a correct check character that
 *   we have no record of (forged, or from another vendor).
 * - Revoked and suspended keys are refused everywhere, development hosts included.
 * - Development hosts (see `isDevelopmentHost`) are valid for any key that is
 *   otherwise good, activated or not: a module on localhost or a staging copy
 *   must work without spending the production activation. Expired support
 *   still reports SUPPORT_EXPIRED there so the module can show the notice.
 * - A production host needs the licence bound to exactly that host:
 *   unbound → NOT_ACTIVATED (the module should call activation), another host →
 *   HOST_MISMATCH. An unparseable host can never match, so it is HOST_MISMATCH.
 */

export const LICENCE_VALIDATION_CODES = [
  "VALID",
  "SUPPORT_EXPIRED",
  "NOT_ACTIVATED",
  "HOST_MISMATCH",
  "SUSPENDED",
  "REVOKED",
  "NOT_FOUND",
  "TYPO",
] as const;
export type LicenceValidationCode = (typeof LICENCE_VALIDATION_CODES)[number];

export type LicenceValidation = { valid: boolean; code: LicenceValidationCode };

export type ValidatableLicence = {
  revokedAt: Date | null;
  suspendedAt: Date | null;
  firstActivatedAt: Date | null;
  supportUntil: Date | null;
  free: boolean;
  /** The normalised production host the licence is bound to, if any. */
  productionHost: string | null;
};

export type ValidateLicenceInput = {
  /** The licence found by the canonical key, or `null` when there is none. */
  licence: ValidatableLicence | null;
  parseResult: LicenceKeyParseResult;
  /** The host the module reports, raw: it is normalised here. */
  host: string;
  now: Date;
};

const RUNNING_CODES: ReadonlySet<LicenceValidationCode> = new Set(["VALID", "SUPPORT_EXPIRED"]);

export function validateLicence(input: ValidateLicenceInput): LicenceValidation {
  const code = validationCode(input);
  return { valid: RUNNING_CODES.has(code), code };
}

function validationCode({ licence, parseResult, host, now }: ValidateLicenceInput): LicenceValidationCode {
  if (!parseResult.ok) return "TYPO";
  if (licence === null) return "NOT_FOUND";
  if (licence.revokedAt) return "REVOKED";
  if (licence.suspendedAt) return "SUSPENDED";
  const normalised = normaliseHost(host);
  if (!normalised.ok) return "HOST_MISMATCH";
  if (isDevelopmentHost(normalised.host)) return termCode(licence, now);
  if (licence.productionHost === null) return "NOT_ACTIVATED";
  if (licence.productionHost !== normalised.host) return "HOST_MISMATCH";
  return termCode(licence, now);
}

/** Free products and unstarted terms have nothing to expire. */
function termCode(licence: ValidatableLicence, now: Date): "VALID" | "SUPPORT_EXPIRED" {
  if (licence.free || licence.firstActivatedAt === null) return "VALID";
  const supportUntil = licence.supportUntil ?? licence.firstActivatedAt;
  return hasSupportEnded(supportUntil, now) ? "SUPPORT_EXPIRED" : "VALID";
}
