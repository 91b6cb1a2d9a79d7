import { describe, expect, it } from "vitest";
import {
  checkSupportEligibility,
  TICKET_TYPES,
  type Eligibility,
  type EligibilityLicence,
  type TicketType,
} from "./eligibility";
import {
  ELIGIBILITY_MESSAGES,
  ELIGIBILITY_MESSAGES_EN,
  ELIGIBILITY_MESSAGES_RU,
  renderEligibilityMessage,
} from "./eligibility-messages";

const at = (iso: string) => new Date(iso);
/** Intl puts no-break spaces into dates and money; compare with plain ones. */
const plainSpaces = (text: string) => text.replace(/[\u00a0\u202f]/g, " ");
const NOW = at("2025-06-01T12:00:00Z");

const paidActive: EligibilityLicence = {
  revokedAt: null,
  suspendedAt: null,
  sourceModified: false,
  firstActivatedAt: at("2025-01-01T00:00:00Z"),
  supportUntil: at("2026-01-01T00:00:00Z"),
  free: false,
  listPriceMinor: 1_999_900,
  renewalPercent: 50,
  currency: "RUB",
  requiredPlatform: null,
  platformLicenceExpiresAt: null,
};

const ENDED = at("2025-05-01T00:00:00Z");
const RENEWAL = { listPriceMinor: 1_999_900, percentage: 50, amountMinor: 999_950, currency: "RUB" };
const bitrix = (expiresAt: Date | null): Partial<EligibilityLicence> => ({
  requiredPlatform: "1C-Bitrix",
  platformLicenceExpiresAt: expiresAt,
});

const supported: Eligibility = {
  allowed: true,
  code: "SUPPORTED",
  params: { supportUntil: at("2026-01-01T00:00:00Z") },
  noResponseCommitment: false,
};
const billing: Eligibility = { allowed: true, code: "BILLING_ALWAYS_ALLOWED", params: {}, noResponseCommitment: false };
const refused = (code: string, nextStep: string, params: object = {}) => ({ allowed: false, code, params, nextStep });
const expired = refused("SUPPORT_EXPIRED", "renew", { endedOn: ENDED, renewalPrice: RENEWAL });
const notActivated = refused("NOT_ACTIVATED", "activate");
const sourceModified = refused("SOURCE_MODIFIED", "request_source_check");
const suspended = refused("SUSPENDED", "contact_billing");
const revoked = refused("REVOKED", "contact_billing");
const platformExpired = refused("PLATFORM_LICENCE_REQUIRED", "update_platform_licence", {
  platform: "1C-Bitrix",
  expiredOn: at("2025-04-01T00:00:00Z"),
});
const platformUnknown = refused("PLATFORM_LICENCE_REQUIRED", "update_platform_licence", {
  platform: "1C-Bitrix",
  expiredOn: null,
});
const freeBugReport = { allowed: true, code: "FREE_BUG_REPORT_ACCEPTED", params: {}, noResponseCommitment: true };
const freeOnlyBugs = refused("FREE_PRODUCT_BUG_REPORTS_ONLY", "report_bug");

/** Same outcome for every ticket type except billing, which is always allowed. */
const allButBilling = (outcome: object) => ({ question: outcome, bug_report: outcome, paid_service: outcome, billing });

type Row = { state: string; licence: Partial<EligibilityLicence>; expected: Record<TicketType, object> };

const rows: Row[] = [
  { state: "paid, activated, term active, no flags", licence: {}, expected: allButBilling(supported) },
  {
    state: "paid, platform licence active",
    licence: bitrix(at("2025-12-31T00:00:00Z")),
    expected: allButBilling(supported),
  },
  { state: "term expired", licence: { supportUntil: ENDED }, expected: allButBilling(expired) },
  { state: "term ends exactly now", licence: { supportUntil: NOW }, expected: allButBilling({ ...expired, params: { endedOn: NOW, renewalPrice: RENEWAL } }) },
  { state: "never activated", licence: { firstActivatedAt: null, supportUntil: null }, expected: allButBilling(notActivated) },
  {
    state: "never activated, platform unknown: activation comes first",
    licence: { firstActivatedAt: null, supportUntil: null, ...bitrix(null) },
    expected: allButBilling(notActivated),
  },
  {
    state: "free product",
    licence: { free: true, supportUntil: null },
    expected: { question: freeOnlyBugs, bug_report: freeBugReport, paid_service: freeOnlyBugs, billing },
  },
  {
    state: "free product, never activated",
    licence: { free: true, firstActivatedAt: null, supportUntil: null },
    expected: { question: freeOnlyBugs, bug_report: freeBugReport, paid_service: freeOnlyBugs, billing },
  },
  {
    state: "free product on an expired platform: reports still accepted",
    licence: { free: true, supportUntil: null, ...bitrix(at("2025-04-01T00:00:00Z")) },
    expected: { question: freeOnlyBugs, bug_report: freeBugReport, paid_service: freeOnlyBugs, billing },
  },
  { state: "source modified", licence: { sourceModified: true }, expected: allButBilling(sourceModified) },
  {
    state: "source modified on a free product",
    licence: { sourceModified: true, free: true, supportUntil: null },
    expected: allButBilling(sourceModified),
  },
  {
    state: "source modified and expired: the flag comes first",
    licence: { sourceModified: true, supportUntil: ENDED },
    expected: allButBilling(sourceModified),
  },
  {
    state: "platform licence expired",
    licence: bitrix(at("2025-04-01T00:00:00Z")),
    expected: allButBilling(platformExpired),
  },
  {
    state: "platform licence expires exactly now",
    licence: bitrix(NOW),
    expected: allButBilling({ ...platformExpired, params: { platform: "1C-Bitrix", expiredOn: NOW } }),
  },
  { state: "platform licence unknown", licence: bitrix(null), expected: allButBilling(platformUnknown) },
  {
    state: "platform expired and term expired: platform first, so we never sell a useless renewal",
    licence: { supportUntil: ENDED, ...bitrix(at("2025-04-01T00:00:00Z")) },
    expected: allButBilling(platformExpired),
  },
  { state: "suspended (dispute)", licence: { suspendedAt: at("2025-05-20T00:00:00Z") }, expected: allButBilling(suspended) },
  {
    state: "suspended and source modified",
    licence: { suspendedAt: at("2025-05-20T00:00:00Z"), sourceModified: true },
    expected: allButBilling(suspended),
  },
  { state: "revoked", licence: { revokedAt: at("2025-05-20T00:00:00Z") }, expected: allButBilling(revoked) },
  {
    state: "revoked free product",
    licence: { revokedAt: at("2025-05-20T00:00:00Z"), free: true },
    expected: allButBilling(revoked),
  },
  {
    state: "revoked, suspended, modified and expired",
    licence: {
      revokedAt: at("2025-05-20T00:00:00Z"),
      suspendedAt: at("2025-05-10T00:00:00Z"),
      sourceModified: true,
      supportUntil: ENDED,
    },
    expected: allButBilling(revoked),
  },
];

describe("checkSupportEligibility", () => {
  const cases = rows.flatMap(({ state, licence, expected }) =>
    TICKET_TYPES.map((ticketType) => ({ state, ticketType, licence, expected: expected[ticketType] })),
  );

  it.each(cases)("$state × $ticketType", ({ licence, ticketType, expected }) => {
    expect(checkSupportEligibility({ ...paidActive, ...licence }, ticketType, NOW)).toEqual(expected);
  });

  it("prices the renewal from the current list price, half-up, in whole yen", () => {
    const result = checkSupportEligibility(
      { ...paidActive, supportUntil: ENDED, listPriceMinor: 4999, currency: "JPY" },
      "question",
      NOW,
    );
    expect(result).toMatchObject({ params: { renewalPrice: { amountMinor: 2500, currency: "JPY", percentage: 50 } } });
  });
});

describe("eligibility messages", () => {
  const everyOutcome = rows.flatMap(({ licence }) =>
    TICKET_TYPES.map((ticketType) => checkSupportEligibility({ ...paidActive, ...licence }, ticketType, NOW)),
  );

  it("has an English and a Russian text for every code", () => {
    expect(Object.keys(ELIGIBILITY_MESSAGES_RU).sort()).toEqual(Object.keys(ELIGIBILITY_MESSAGES_EN).sort());
    const codes = new Set(everyOutcome.map((outcome) => outcome.code));
    expect([...codes].sort()).toEqual(Object.keys(ELIGIBILITY_MESSAGES_EN).sort());
  });

  it.each(["en", "ru"] as const)("renders every outcome in %s without placeholders", (locale) => {
    for (const outcome of everyOutcome) {
      const text = renderEligibilityMessage(outcome, locale);
      expect(text).not.toMatch(/undefined|null|Invalid|NaN|\{|\}|\.\./);
      expect(text.length).toBeGreaterThan(20);
    }
  });

  it.each([
    ["en", "UTC", "Support for this licence ended on 1 May 2025."],
    ["ru", "UTC", "Техническая поддержка по этой лицензии закончилась 1 мая 2025 г."],
    ["en", "Pacific/Honolulu", "ended on 30 Apr 2025."],
  ] as const)("formats the expiry date in %s (%s)", (locale, timeZone, fragment) => {
    const outcome = checkSupportEligibility({ ...paidActive, supportUntil: ENDED }, "question", NOW);
    expect(plainSpaces(renderEligibilityMessage(outcome, locale, timeZone))).toContain(fragment);
  });

  it.each([
    ["en", "one more year costs RUB 9,999.50."],
    ["ru", "ещё один год стоит 9 999,50 ₽."],
  ] as const)("formats the renewal price in %s", (locale, fragment) => {
    const outcome = checkSupportEligibility({ ...paidActive, supportUntil: ENDED }, "question", NOW);
    expect(plainSpaces(renderEligibilityMessage(outcome, locale))).toContain(fragment);
  });

  it.each([
    [at("2025-04-01T00:00:00Z"), "en", "Your 1C-Bitrix licence expired on 1 Apr 2025."],
    [null, "en", "We could not confirm that your 1C-Bitrix licence is active."],
    [at("2025-04-01T00:00:00Z"), "ru", "Срок действия вашей лицензии 1C-Bitrix истёк 1 апр. 2025 г."],
    [null, "ru", "Нам не удалось подтвердить, что ваша лицензия 1C-Bitrix действует."],
  ] as const)("explains the platform refusal (%s, %s)", (expiresAt, locale, fragment) => {
    const outcome = checkSupportEligibility({ ...paidActive, ...bitrix(expiresAt) }, "bug_report", NOW);
    expect(plainSpaces(renderEligibilityMessage(outcome, locale))).toContain(fragment);
  });

  it("exposes both tables by locale", () => {
    expect(ELIGIBILITY_MESSAGES.en).toBe(ELIGIBILITY_MESSAGES_EN);
    expect(ELIGIBILITY_MESSAGES.ru).toBe(ELIGIBILITY_MESSAGES_RU);
  });

  it("refuses an unknown time zone rather than printing an invalid date", () => {
    const outcome = checkSupportEligibility(paidActive, "question", NOW);
    expect(() => renderEligibilityMessage(outcome, "en", "Mars/Olympus")).toThrow(RangeError);
  });
});
