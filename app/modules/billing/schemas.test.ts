import { describe, expect, it } from "vitest";
import { billingDetailsSchema, markPaidSchema } from "./schemas";

const details = (taxId: string) => billingDetailsSchema.safeParse({ legalName: "ООО Ромашка", taxId });

describe("billing details", () => {
  it("takes a tax ID whose check digits are right (10 and 12 digits) or none", () => {
    for (const taxId of ["7701234560", "7807654325", "500100732259", "", " 7701 234 560 "]) expect(details(taxId).success, taxId).toBe(true);
  });

  it("refuses a tax ID with a wrong check digit or length, with a message for the field", () => {
    for (const taxId of ["7701234567", "7807654321", "500100732250", "77012345601", "12345"]) {
      const result = details(taxId);
      expect(result.success, taxId).toBe(false);
      expect(result.error!.issues[0]!.path).toEqual(["taxId"]);
    }
  });

  it("says what is wrong by catalogue key: the length, then the check digit", () => {
    expect(details("12345").error!.issues[0]!.message).toBe("billing.fieldError.taxIdLength");
    expect(details("7701234567").error!.issues[0]!.message).toBe("billing.fieldError.taxIdCheckDigit");
  });
});

describe("marking an invoice paid", () => {
  it("refuses dates that do not exist instead of rolling them over", () => {
    expect(markPaidSchema.safeParse({ paidOn: "2026-02-28" }).success).toBe(true);
    for (const paidOn of ["2026-02-30", "2025-02-29", "99999-01-01", "2026-13-01"]) expect(markPaidSchema.safeParse({ paidOn }).success, paidOn).toBe(false);
  });
});
