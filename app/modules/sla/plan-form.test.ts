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

  it("puts each mistake on its field", () => {
    const values = { ...planToFormValues(plan), "firstResponse.high": "", "nextResponse.low": "0", "resolution.normal": "1.5", slug: "Not OK", name: "" };
    const parsed = parsePlanForm(values);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(Object.keys(parsed.fieldErrors).sort()).toEqual(["firstResponse.high", "name", "nextResponse.low", "resolution.normal", "slug"]);
  });
});
