import { describe, expect, it } from "vitest";
import { DEFAULT_ROOT_CAUSE_CATEGORIES, complaintFormSchema, complaintSubject, rootCauseCategorySchema } from "./complaint-form";

const DESCRIPTION = "On 3 March I asked about activation and got no answer.";

describe("complaintSubject", () => {
  it.each([
    { numbers: [1043, 1042], locale: "en" as const, expected: "Complaint on requests #1042, #1043" },
    { numbers: [1043, 1042, 1043], locale: "ru" as const, expected: "Жалоба по обращениям #1042, #1043" },
    { numbers: [1042], locale: "en" as const, expected: "Complaint on request #1042" },
    { numbers: [1042, 1042], locale: "ru" as const, expected: "Жалоба по обращению #1042" },
    { numbers: [9, 100, 21], locale: "en" as const, expected: "Complaint on requests #9, #21, #100" }, // numeric, not string, order
  ])("$numbers ($locale)", ({ numbers, locale, expected }) => {
    expect(complaintSubject(numbers, locale)).toBe(expected);
  });

  it("defaults to English", () => {
    expect(complaintSubject([7])).toBe("Complaint on request #7");
  });

  it.each([{ numbers: [] }, { numbers: [0] }, { numbers: [1.5] }, { numbers: [-3] }])("rejects $numbers", ({ numbers }) => {
    expect(() => complaintSubject(numbers)).toThrow(RangeError);
  });
});

describe("complaintFormSchema", () => {
  it.each([
    { name: "single id as a string", ticketIds: "t1" as unknown, expected: ["t1"] },
    { name: "duplicates dropped", ticketIds: ["t1", " t1 ", "t2"], expected: ["t1", "t2"] },
    { name: "20 ids", ticketIds: Array.from({ length: 20 }, (_, i) => `t${i}`), expected: Array.from({ length: 20 }, (_, i) => `t${i}`) },
    { name: "21 entries that dedupe to 20", ticketIds: [...Array.from({ length: 20 }, (_, i) => `t${i}`), "t0"], expected: Array.from({ length: 20 }, (_, i) => `t${i}`) },
  ])("accepts $name", ({ ticketIds, expected }) => {
    expect(complaintFormSchema.parse({ ticketIds, description: DESCRIPTION }).ticketIds).toEqual(expected);
  });

  it.each([
    { name: "no tickets", input: { ticketIds: [], description: DESCRIPTION } },
    { name: "missing tickets", input: { description: DESCRIPTION } },
    { name: "only blank ids", input: { ticketIds: ["", " "], description: DESCRIPTION } },
    { name: "21 tickets", input: { ticketIds: Array.from({ length: 21 }, (_, i) => `t${i}`), description: DESCRIPTION } },
    { name: "non-string ids", input: { ticketIds: [1, 2], description: DESCRIPTION } },
    { name: "description over 10000", input: { ticketIds: ["t1"], description: "x".repeat(10_001) } },
  ])("rejects $name", ({ input }) => {
    expect(complaintFormSchema.safeParse(input).success).toBe(false);
  });

  it.each([
    { name: "too short", description: "It was bad." },
    { name: "29 chars after trimming", description: `   ${"x".repeat(29)}   ` },
    { name: "missing", description: undefined },
  ])("asks for facts when the description is $name", ({ description }) => {
    const result = complaintFormSchema.safeParse({ ticketIds: ["t1"], description });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0].message).toBe("complaint.error.describeFacts");
  });

  it("accepts exactly 30 characters", () => {
    expect(complaintFormSchema.safeParse({ ticketIds: ["t1"], description: "x".repeat(30) }).success).toBe(true);
  });
});

describe("root-cause categories", () => {
  it("has the default list", () => {
    expect(DEFAULT_ROOT_CAUSE_CATEGORIES).toEqual(["slow_response", "wrong_answer", "rudeness", "not_resolved", "billing", "other"]);
  });

  it.each([
    { value: "rudeness", ok: true },
    { value: "other", ok: true },
    { value: "weather", ok: false },
  ])("$value → $ok", ({ value, ok }) => {
    expect(rootCauseCategorySchema.safeParse(value).success).toBe(ok);
  });
});
