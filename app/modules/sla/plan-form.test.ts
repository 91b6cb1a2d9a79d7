import { describe, expect, it } from "vitest";
import { parsePlanForm, planToFormValues, type PlanInput } from "./plan-form";
import { PRIORITY_PLAN_TARGETS } from "./targets";

const plan: PlanInput = {
  name: "Priority",
  slug: "priority",
  calendarId: "0b6a8e5e-3f7c-4f0e-9a3c-1b2c3d4e5f60",
  targets: PRIORITY_PLAN_TARGETS,
  isDefault: false,
  allowsUrgent: true,
  freeMinutesPerDay: 15,
  freeDaysPerWeek: null,
  priceMinor: 6_000_000,
  termMonths: 12,
};

describe("plan form", () => {
  it("round-trips a plan", () => {
    expect(parsePlanForm(planToFormValues(plan))).toEqual({ ok: true, plan });
  });

  it("reads an optional resolution target and a default flag", () => {
    const values = { ...planToFormValues(plan), "resolution.urgent": "480", isDefault: "on", freeDaysPerWeek: "3" };
    const parsed = parsePlanForm(values);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.plan.targets.urgent.resolution).toBe(480);
    expect(parsed.plan.targets.low.resolution).toBeNull();
    expect(parsed.plan.isDefault).toBe(true);
    expect(parsed.plan.freeDaysPerWeek).toBe(3);
  });

  it("reads the price in major units of the plan's currency; empty means not for sale", () => {
    const withPrice = parsePlanForm({ ...planToFormValues(plan), price: "60 000,50", termMonths: "6" });
    expect(withPrice.ok && withPrice.plan.priceMinor).toBe(6_000_050);
    expect(withPrice.ok && withPrice.plan.termMonths).toBe(6);
    const notForSale = parsePlanForm({ ...planToFormValues(plan), price: "", termMonths: "" });
    expect(notForSale.ok && notForSale.plan).toMatchObject({ priceMinor: null, termMonths: 12 });
    expect(parsePlanForm({ ...planToFormValues({ ...plan, priceMinor: 500 }, "JPY") }, "JPY")).toEqual({ ok: true, plan: { ...plan, priceMinor: 500 } });
    for (const bad of ["0", "-5", "12.345", "abc"]) {
      const parsed = parsePlanForm({ ...planToFormValues(plan), price: bad });
      expect(parsed.ok ? null : Object.keys(parsed.fieldErrors)).toEqual(["price"]);
    }
    const badTerm = parsePlanForm({ ...planToFormValues(plan), termMonths: "0" });
    expect(badTerm.ok ? null : Object.keys(badTerm.fieldErrors)).toEqual(["termMonths"]);
  });

  it("puts each mistake on its field", () => {
    const values = { ...planToFormValues(plan), "firstResponse.high": "", "nextResponse.low": "0", "resolution.normal": "1.5", slug: "Not OK", name: "" };
    const parsed = parsePlanForm(values);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(Object.keys(parsed.fieldErrors).sort()).toEqual(["firstResponse.high", "name", "nextResponse.low", "resolution.normal", "slug"]);
    // Catalogue messages, not sentences: the page says them in the reader's language.
    expect(parsed.fieldErrors.slug).toEqual([expect.objectContaining({ key: "sla.field.slug" })]);
    expect(parsed.fieldErrors.name).toEqual([expect.objectContaining({ key: "sla.field.name" })]);
    expect(parsed.fieldErrors["firstResponse.high"]).toEqual(["sla.field.targetMinutes"]);
    expect(parsed.fieldErrors["nextResponse.low"]).toEqual([expect.objectContaining({ key: "sla.field.targetPositive" })]);
    expect(parsed.fieldErrors["resolution.normal"]).toEqual([expect.objectContaining({ key: "sla.field.targetWhole" })]);
  });

  it("says a too long name and a price below zero as catalogue messages", () => {
    const parsed = parsePlanForm({ ...planToFormValues(plan), name: "x".repeat(101), price: "-5" });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.fieldErrors.name).toEqual([{ key: "validation.tooLong", params: expect.objectContaining({ maximum: 100 }) }]);
    expect(parsed.fieldErrors.price).toEqual(["sla.field.price"]);
  });
});
