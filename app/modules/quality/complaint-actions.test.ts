import { describe, expect, it } from "vitest";
import { complaintAnswerSchema, isComplaintStep, parseRemedyForm } from "./complaint-actions";

describe("the complaint workspace's forms", () => {
  it.each([
    ["acknowledge", true],
    ["startInvestigation", true],
    ["close", true],
    ["answer", false],
    ["", false],
    ["toString", false],
  ])("%s is a step without input: %s", (intent, expected) => {
    expect(isComplaintStep(intent)).toBe(expected);
  });

  it("takes an answer only with a known outcome", () => {
    expect(complaintAnswerSchema.safeParse({ outcome: "upheld" }).success).toBe(true);
    expect(complaintAnswerSchema.safeParse({ outcome: "maybe", text: "x" }).success).toBe(false);
  });

  it("reads a remedy, or files its problems under the form's field names", () => {
    expect(parseRemedyForm({ intent: "remedy", type: "credit_prepaid", organisationId: "org-1", minutes: "60" })).toEqual({
      ok: true,
      remedy: { type: "credit_prepaid", organisationId: "org-1", minutes: 60 },
    });
    const refused = parseRemedyForm({ type: "extend_support", licenceId: "lic-1", days: "0" });
    expect(refused.ok).toBe(false);
    expect(Object.keys(refused.ok ? {} : refused.fieldErrors)).toEqual(["days"]);
    const unknown = parseRemedyForm({ type: "free_pony" });
    expect(Object.keys(unknown.ok ? {} : unknown.fieldErrors)).toEqual(["type"]);
  });
});
