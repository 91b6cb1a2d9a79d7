import { describe, expect, it } from "vitest";
import { findHeaderRow, matchHeaders, missingFields } from "./fields";
import { checkRow, decideUpdate } from "./rows";

describe("header matching", () => {
  it("matches Russian and English headers with synonyms", () => {
    expect(matchHeaders("organisations", ["Наименование", "ИНН", "КПП", "Телефон", "Эл. почта", "Юридический адрес"])).toEqual({ 0: "name", 1: "taxId", 2: "kpp", 3: "phone", 4: "email", 5: "address" });
    expect(matchHeaders("contacts", ["Контактное лицо", "E-mail", "Tax ID", "Position"])).toEqual({ 0: "name", 1: "email", 2: "organisationTaxId", 3: "jobTitle" });
  });
  it("a saved choice wins, including 'ignore'", () => {
    expect(matchHeaders("contacts", ["ФИО", "Моб.", "Телефон"], { "моб": "phone", телефон: "" })).toEqual({ 0: "name", 1: "phone" });
  });
  it("finds the header under a title row, and names what is missing", () => {
    expect(findHeaderRow("contacts", [["Контакты на 01.12.2026"], [], ["ФИО", "Эл. почта", "ИНН"]])).toBe(2);
    expect(missingFields("contacts", { 0: "name" })).toEqual(["email", "organisation"]);
  });
});

describe("rows and policies", () => {
  it("an invalid phone is a warning kept in the notes; a bad INN is an error", () => {
    const check = checkRow("organisations", ["Ромашка", "7707083894", "тел. уточнить"], { 0: "name", 1: "taxId", 2: "phone" }, ["Имя", "ИНН", "Телефон"], { defaultCountry: "RU" });
    expect(check.errors).toEqual([{ code: "inn_checksum", field: "taxId", column: "ИНН", raw: "7707083894" }]);
    expect(check.warnings.map((w) => w.code)).toEqual(["phone_invalid"]);
    expect(check.values.notes).toBe("Телефон: тел. уточнить");
  });
  it("skip, fill and overwrite", () => {
    const existing = { name: "Old", phone: null, email: "a@b.ru" };
    const incoming = { name: "New", phone: "+74951234567", email: "a@b.ru" };
    expect(decideUpdate("skip", existing, incoming)).toEqual({ outcome: "duplicate", patch: {} });
    expect(decideUpdate("fill", existing, incoming)).toEqual({ outcome: "update", patch: { phone: "+74951234567" } });
    expect(decideUpdate("overwrite", existing, incoming)).toEqual({ outcome: "update", patch: { name: "New", phone: "+74951234567" } });
    expect(decideUpdate("fill", { name: "Old" }, { name: "New" })).toEqual({ outcome: "duplicate", patch: {} });
    for (const policy of ["skip", "fill", "overwrite"] as const) expect(decideUpdate(policy, incoming, { ...incoming, notes: null }).outcome).toBe("unchanged");
  });
});
