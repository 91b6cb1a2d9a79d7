import { describe, expect, it } from "vitest";
import { applyRootCauseEdit, DEFAULT_ROOT_CAUSES, parseRootCauseSetting, rootCauseCodeFrom, rootCauseLabel } from "./root-causes";

describe("root-cause categories", () => {
  it("default to the six SPEC categories in both languages", () => {
    expect(DEFAULT_ROOT_CAUSES.map((c) => c.code)).toEqual(["slow_response", "wrong_answer", "rudeness", "not_resolved", "billing", "other"]);
    expect(rootCauseLabel(DEFAULT_ROOT_CAUSES, "rudeness", "ru")).toBe("Грубость");
    expect(rootCauseLabel(DEFAULT_ROOT_CAUSES, "gone", "en")).toBe("gone");
  });

  it.each([undefined, null, [], [{ code: "Bad Code", en: "x", ru: "y" }], "text"])("falls back to the defaults for %j", (value) => {
    expect(parseRootCauseSetting(value)).toEqual(DEFAULT_ROOT_CAUSES);
  });

  it("makes unique codes from labels", () => {
    expect(rootCauseCodeFrom("Missed call-back!", new Set())).toBe("missed_call_back");
    expect(rootCauseCodeFrom("Other", new Set(["other"]))).toBe("other_2");
    expect(rootCauseCodeFrom("Оплата", new Set())).toBe("cause");
    expect(rootCauseCodeFrom("42 bugs", new Set())).toBe("bugs");
  });

  it("renames, archives and adds without changing codes", () => {
    const rows = DEFAULT_ROOT_CAUSES.map((c) => ({ ...c, en: c.code === "other" ? "Something else" : c.en, archived: c.code === "billing" }));
    const result = applyRootCauseEdit(DEFAULT_ROOT_CAUSES, { rows, added: { en: "Missed call-back", ru: "Не перезвонили" } });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.list.map((c) => c.code)).toEqual([...DEFAULT_ROOT_CAUSES.map((c) => c.code), "missed_call_back"]);
    expect(result.list.find((c) => c.code === "other")?.en).toBe("Something else");
    expect(result.list.find((c) => c.code === "billing")?.archived).toBe(true);
  });

  it("refuses a new category in one language only, or archiving everything", () => {
    expect(applyRootCauseEdit(DEFAULT_ROOT_CAUSES, { rows: [], added: { en: "New", ru: "" } }).ok).toBe(false);
    const all = DEFAULT_ROOT_CAUSES.map((c) => ({ ...c, archived: true }));
    expect(applyRootCauseEdit(DEFAULT_ROOT_CAUSES, { rows: all })).toEqual({ ok: false, error: "rootCauses.error.keepOneActive" });
  });
});
