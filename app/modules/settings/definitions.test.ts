import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  DEFAULT_SETTINGS,
  definitionsOf,
  formatSettingInput,
  parseSettingField,
  readArea,
  SETTING_AREAS,
  SETTINGS,
  storedValueFits,
  validateArea,
  type SettingDefinition,
} from "./definitions";

const numberDefs = SETTING_AREAS.flatMap((area) => definitionsOf(area).filter((d) => d.kind === "int").map((def) => ({ area, def })));

describe("the SPEC defaults", () => {
  it("are the numbers the product description names", () => {
    expect(DEFAULT_SETTINGS.licences).toEqual({ supportTermMonths: 12, moveLimitPerYear: 3 });
    expect(DEFAULT_SETTINGS.renewals).toEqual({ renewalPercent: 50, reminderDays: [30, 7] });
    expect(DEFAULT_SETTINGS.tickets).toEqual({ maxUploadMb: 25, accessDetailsErasureDays: 7, autoCloseDays: 7, onCallEmail: "" });
    expect(DEFAULT_SETTINGS.sla).toEqual({ warningPercent: 75, planReminderDays: 14 });
    expect(DEFAULT_SETTINGS.quality).toEqual({ complaintAcknowledgeBusinessDays: 1 });
    expect(DEFAULT_SETTINGS.reviews).toEqual({ invitationDays: 30 });
    expect(DEFAULT_SETTINGS.billing).toEqual({ vatMode: "none", vatRateBasisPoints: 2200, reminderDays: [10, 3] });
    expect(DEFAULT_SETTINGS.security).toMatchObject({ requireTwoFactorForStaff: true, staffIdleHours: 12, customerIdleDays: 30, turnedOffByDemoData: false });
  });

  it("are each a valid value of their own definition", () => {
    for (const area of SETTING_AREAS) {
      for (const def of definitionsOf(area)) {
        expect(storedValueFits(def, (DEFAULT_SETTINGS[area] as Record<string, unknown>)[def.field]), `${area}.${def.field}`).toBe(true);
      }
    }
  });

  it("survive the form: what the page shows for a default validates back to it", () => {
    for (const area of SETTING_AREAS) {
      const raw = Object.fromEntries(definitionsOf(area).map((def) => [def.field, formatSettingInput(def, (DEFAULT_SETTINGS[area] as Record<string, unknown>)[def.field])]));
      const result = validateArea(area, raw);
      expect(result.ok, area).toBe(true);
      if (result.ok) expect({ ...DEFAULT_SETTINGS[area], ...result.value }).toEqual(DEFAULT_SETTINGS[area]);
    }
  });
});

describe("reading a stored row", () => {
  it("takes what fits and falls back to the default field by field", () => {
    expect(readArea("tickets", { maxUploadMb: 40, autoCloseDays: 0, accessDetailsErasureDays: "7" })).toEqual({ maxUploadMb: 40, autoCloseDays: 7, accessDetailsErasureDays: 7, onCallEmail: "" });
    expect(readArea("renewals", null)).toEqual(DEFAULT_SETTINGS.renewals);
    expect(readArea("renewals", [1, 2])).toEqual(DEFAULT_SETTINGS.renewals);
    expect(readArea("renewals", { reminderDays: [30, 30] })).toEqual(DEFAULT_SETTINGS.renewals);
    expect(readArea("security", { turnedOffByDemoData: true, staffIdleHours: 0.5 })).toMatchObject({ turnedOffByDemoData: true, staffIdleHours: 0.5 });
  });

  it("never returns anything outside a definition's range, whatever is stored (property)", () => {
    fc.assert(
      fc.property(fc.constantFrom(...SETTING_AREAS), fc.dictionary(fc.string({ maxLength: 30 }), fc.anything()), (area, stored) => {
        const value = readArea(area, stored) as Record<string, unknown>;
        for (const def of definitionsOf(area)) expect(storedValueFits(def, value[def.field])).toBe(true);
      }),
    );
  });
});

describe("the admin form", () => {
  it("accepts every whole number in range and refuses those just outside it (property)", () => {
    fc.assert(
      fc.property(fc.constantFrom(...numberDefs), fc.integer({ min: -1000, max: 1000 }), ({ def }, n) => {
        const int = def as Extract<SettingDefinition, { kind: "int" }>;
        const parsed = parseSettingField(int, String(n));
        // The reference: a plain range check.
        const inRange = n >= int.min && n <= int.max;
        expect(parsed.ok).toBe(inRange);
        if (parsed.ok) expect(parsed.value).toBe(n);
        else expect(parsed.error).toEqual({ code: "range", min: int.min, max: int.max });
      }),
    );
  });

  it("explains each kind of bad number", () => {
    const term = SETTINGS.licences[0];
    expect(parseSettingField(term, "")).toEqual({ ok: false, error: { code: "required" } });
    expect(parseSettingField(term, "twelve")).toEqual({ ok: false, error: { code: "notNumber" } });
    expect(parseSettingField(term, "12.5")).toEqual({ ok: false, error: { code: "notWhole" } });
    expect(parseSettingField(term, " 24 ")).toEqual({ ok: true, value: 24 });
    expect(parseSettingField(term, "1 2")).toEqual({ ok: true, value: 12 });
    const hours = SETTINGS.security[1];
    expect(parseSettingField(hours, "0,5")).toEqual({ ok: true, value: 0.5 });
    expect(parseSettingField(hours, "0.125")).toEqual({ ok: false, error: { code: "tooPrecise" } });
    expect(parseSettingField(hours, "0.1")).toEqual({ ok: false, error: { code: "range", min: 0.25, max: 720 } });
  });

  it("reads a VAT rate in percent with up to two decimals and keeps basis points", () => {
    const rate = SETTINGS.billing[1];
    expect(parseSettingField(rate, "22")).toEqual({ ok: true, value: 2200 });
    expect(parseSettingField(rate, "6,5")).toEqual({ ok: true, value: 650 });
    expect(parseSettingField(rate, "18.01")).toEqual({ ok: true, value: 1801 });
    expect(parseSettingField(rate, "101")).toEqual({ ok: false, error: { code: "range", min: 0, max: 100 } });
    expect(formatSettingInput(rate, 650)).toBe("6.5");
  });

  it("reads day lists in any order and separator, and says what is wrong with a bad one", () => {
    const renewalDays = SETTINGS.renewals[1];
    expect(parseSettingField(renewalDays, "7, 30")).toEqual({ ok: true, value: [30, 7] });
    expect(parseSettingField(renewalDays, "60;14")).toEqual({ ok: true, value: [60, 14] });
    expect(parseSettingField(renewalDays, "30")).toEqual({ ok: false, error: { code: "listCount", min: 2, max: 2 } });
    expect(parseSettingField(renewalDays, "30, 30")).toEqual({ ok: false, error: { code: "listDuplicate" } });
    expect(parseSettingField(renewalDays, "30, 0")).toEqual({ ok: false, error: { code: "range", min: 1, max: 365 } });
    expect(parseSettingField(renewalDays, "30, 7.5")).toEqual({ ok: false, error: { code: "notWhole" } });
    const invoiceDays = SETTINGS.billing[2];
    expect(parseSettingField(invoiceDays, "")).toEqual({ ok: true, value: [] });
    expect(parseSettingField(invoiceDays, "1 2 3 4 5 6")).toEqual({ ok: false, error: { code: "listCount", min: 0, max: 5 } });
  });

  it("checks the seller's tax ID, KPP, bank numbers and email", () => {
    const raw = Object.fromEntries(SETTINGS.seller.map((def) => [def.field, formatSettingInput(def, def.default)]));
    expect(validateArea("seller", raw).ok).toBe(true);
    const bad = validateArea("seller", { ...raw, taxId: "7700000008", kpp: "12345", bankAccount: "4070", email: "billing", name: "  " });
    expect(bad).toEqual({
      ok: false,
      errors: {
        taxId: { code: "inn" },
        kpp: { code: "digits", count: 9 },
        bankAccount: { code: "digits", count: 20 },
        email: { code: "email" },
        name: { code: "required" },
      },
    });
    const optional = validateArea("seller", { ...raw, kpp: "", bankName: "" });
    expect(optional.ok && optional.value).toMatchObject({ kpp: "", bankName: "" });
    expect(validateArea("seller", { ...raw, email: " Billing@Example.COM " })).toMatchObject({ ok: true, value: { email: "billing@example.com" } });
  });

  it("takes a checkbox as on or off and a choice only from its options", () => {
    const raw = { staffIdleHours: "12", customerIdleDays: "30", absoluteLifetimeDays: "30" };
    expect(validateArea("security", { ...raw, requireTwoFactorForStaff: "on" })).toMatchObject({ ok: true, value: { requireTwoFactorForStaff: true } });
    expect(validateArea("security", raw)).toMatchObject({ ok: true, value: { requireTwoFactorForStaff: false } });
    expect(parseSettingField(SETTINGS.billing[0], "on_top")).toEqual({ ok: true, value: "on_top" });
    expect(parseSettingField(SETTINGS.billing[0], "sometimes")).toEqual({ ok: false, error: { code: "choice" } });
  });

  it("never throws, whatever is typed (property)", () => {
    fc.assert(
      fc.property(fc.constantFrom(...SETTING_AREAS), fc.dictionary(fc.string({ maxLength: 20 }), fc.string({ maxLength: 40 })), (area, raw) => {
        const result = validateArea(area, raw);
        if (result.ok) {
          for (const def of definitionsOf(area)) expect(storedValueFits(def, (result.value as Record<string, unknown>)[def.field])).toBe(true);
        }
      }),
    );
  });
});
