import { describe, expect, it } from "vitest";
import { contractFormSchema, prepaidAdjustmentSchema, rateForForm } from "./contract-form";

const schema = contractFormSchema("RUB");

describe("contract form", () => {
  it("parses overrides, the rate in major units, and blank days as every day", () => {
    expect(schema.parse({ freeMinutesPerDay: "20", freeDaysPerWeek: "", hourlyRate: "3 000,50", currency: "rub" })).toEqual({
      freeMinutesPerDay: 20,
      freeDaysPerWeek: null,
      hourlyRateMinor: 300_050,
      currency: "RUB",
      followPlan: [],
    });
  });

  it("ignores the values of fields that follow the plan", () => {
    expect(schema.parse({ hourlyRate: "nonsense", followPlan: ["hourlyRateMinor", "freeDaysPerWeek"], freeDaysPerWeek: "3" })).toMatchObject({
      hourlyRateMinor: undefined,
      followPlan: ["hourlyRateMinor", "freeDaysPerWeek"],
    });
  });

  it("reads the rate in the chosen currency's minor units", () => {
    expect(schema.parse({ hourlyRate: "5000", currency: "JPY" }).hourlyRateMinor).toBe(5000);
    expect(schema.safeParse({ hourlyRate: "50.5", currency: "JPY" }).success).toBe(false);
  });

  it.each([
    [{ freeMinutesPerDay: "-1" }, "freeMinutesPerDay"],
    [{ freeDaysPerWeek: "8" }, "freeDaysPerWeek"],
    [{ currency: "RU" }, "currency"],
    [{ hourlyRate: "12abc" }, "hourlyRate"],
    [{ followPlan: "everything" }, "followPlan"],
  ])("refuses %o", (input, field) => {
    const result = schema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path[0]).toBe(field);
  });

  it("shows a stored rate back in major units", () => {
    expect(rateForForm(300_050, "RUB")).toBe("3000.50");
  });

  it("needs a reason for an adjustment", () => {
    expect(prepaidAdjustmentSchema.safeParse({ minutes: "30", note: "" }).success).toBe(false);
    expect(prepaidAdjustmentSchema.parse({ minutes: "30", note: "Onboarding gift" })).toEqual({ minutes: 30, note: "Onboarding gift" });
  });
});
