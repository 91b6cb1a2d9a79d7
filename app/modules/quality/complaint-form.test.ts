import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEFAULT_ROOT_CAUSE_CATEGORIES, complaintFormSchema, complaintSubject, complaintSubjectIn, rootCauseCategorySchema } from "./complaint-form";

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

describe("complaintSubjectIn: the stored subject in the reader's language", () => {
  const locale = fc.constantFrom("en" as const, "ru" as const);
  const numbers = fc.array(fc.integer({ min: 1, max: 99_999_999 }), { minLength: 1, maxLength: 12 });

  it("gives any stored subject in any language as if it had been written in it", () => {
    fc.assert(
      fc.property(numbers, locale, locale, (ns, written, read) => {
        expect(complaintSubjectIn(complaintSubject(ns, written), read)).toBe(complaintSubject(ns, read));
      }),
    );
  });

  it("keeps a subject of any other shape as it is", () => {
    fc.assert(
      fc.property(fc.string(), locale, (text, read) => {
        fc.pre(!/^(Complaint on|Жалоба по)/.test(text));
        expect(complaintSubjectIn(text, read)).toBe(text);
      }),
    );
    for (const odd of ["Complaint on request", "Complaint on request #0", "Complaint on requests #12,#13", "Жалоба по обращению #1 и ещё"]) {
      expect(complaintSubjectIn(odd, "ru")).toBe(odd);
    }
  });

  it("examples", () => {
    expect(complaintSubjectIn("Complaint on request #1001", "ru")).toBe("Жалоба по обращению #1001");
    expect(complaintSubjectIn("Жалоба по обращениям #7, #1042", "en")).toBe("Complaint on requests #7, #1042");
  });
});
