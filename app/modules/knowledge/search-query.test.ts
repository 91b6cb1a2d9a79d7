import { describe, expect, it } from "vitest";
import { classifyDeskQuery, HIGHLIGHT_END as E, HIGHLIGHT_START as S, plainSnippet, snippetParts } from "./search-query";

describe("what a desk search entry is", () => {
  it.each([
    ["#1234", { kind: "ticket_number", number: 1234 }],
    ["1234", { kind: "ticket_number", number: 1234 }],
    ["  # 77 ", { kind: "ticket_number", number: 77 }],
    ["", { kind: "empty" }],
    ["   ", { kind: "empty" }],
  ])("%j", (input, expected) => {
    expect(classifyDeskQuery(input)).toEqual(expected);
  });

  it("treats a ten-digit number as a tax ID or phone, not a ticket", () => {
    expect(classifyDeskQuery("7701234567")).toMatchObject({ kind: "text", digits: "7701234567", keyFragment: null });
    expect(classifyDeskQuery("8 (495) 123-45-67")).toMatchObject({ kind: "text", digits: "84951234567" });
  });

  it("recognises (part of) a licence key in any case and with dashes", () => {
    expect(classifyDeskQuery("kd-7f3qk-m2x9d")).toMatchObject({ kind: "text", keyFragment: "KD7F3QKM2X9D" });
    expect(classifyDeskQuery("кэша модулей")).toMatchObject({ kind: "text", keyFragment: null, digits: null, email: null });
  });

  it("recognises an email", () => {
    expect(classifyDeskQuery("Anna@Romashka.test")).toMatchObject({ kind: "text", email: "anna@romashka.test" });
  });
});

describe("highlighted snippets", () => {
  it("splits marked words from the text around them", () => {
    expect(snippetParts(`Clear the ${S}cache${E} after an ${S}update${E}.`)).toEqual([
      { text: "Clear the ", match: false },
      { text: "cache", match: true },
      { text: " after an ", match: false },
      { text: "update", match: true },
      { text: ".", match: false },
    ]);
  });

  it("keeps markup as text and survives an unclosed mark", () => {
    expect(snippetParts(`<b>${S}x`)).toEqual([
      { text: "<b>", match: false },
      { text: "x", match: true },
    ]);
    expect(plainSnippet(`a ${S}b${E} c`)).toBe("a b c");
  });
});
