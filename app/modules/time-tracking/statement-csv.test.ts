import { describe, expect, it } from "vitest";
import { statementCsv, type StatementRow } from "./statement-csv";

const HEADER = "Date,Ticket,Subject,Engineer,Note,Free minutes,Prepaid minutes,Billable minutes,Not charged minutes";

const row = (overrides: Partial<StatementRow>): StatementRow => ({
  date: "2025-03-03",
  ticketNumber: 1042,
  ticketSubject: "Licence",
  engineer: "Anna",
  note: "ok",
  free: 15,
  prepaid: 5,
  billable: 0,
  notCharged: 0,
  ...overrides,
});

describe("statementCsv", () => {
  it("writes a header even with no rows, CRLF-terminated", () => {
    expect(statementCsv([])).toBe(`${HEADER}\r\n`);
  });

  it("writes one line per row", () => {
    expect(statementCsv([row({}), row({ ticketNumber: 7, free: 0, billable: 30 })])).toBe(
      `${HEADER}\r\n2025-03-03,#1042,Licence,Anna,ok,15,5,0,0\r\n2025-03-03,#7,Licence,Anna,ok,0,5,30,0\r\n`,
    );
  });

  it.each([
    { name: "comma", note: "a, b", cell: `"a, b"` },
    { name: "double quote", note: `say "hi"`, cell: `"say ""hi"""` },
    { name: "newline", note: "line 1\nline 2", cell: `"line 1\nline 2"` },
    { name: "CRLF", note: "a\r\nb", cell: `"a\r\nb"` },
    { name: "formula =", note: "=HYPERLINK(\"x\")", cell: `"'=HYPERLINK(""x"")"` },
    { name: "formula +", note: "+1+1", cell: "'+1+1" },
    { name: "formula -", note: "-2+3", cell: "'-2+3" },
    { name: "formula @", note: "@SUM(A1)", cell: "'@SUM(A1)" },
    { name: "leading tab", note: "\t=1", cell: "'\t=1" },
    { name: "formula char in the middle is harmless", note: "a=b", cell: "a=b" },
    { name: "Cyrillic", note: "Ошибка активации", cell: "Ошибка активации" },
    { name: "empty", note: "", cell: "" },
  ])("note with $name → $cell", ({ note, cell }) => {
    const line = statementCsv([row({ note })]).slice(HEADER.length + 2, -2);
    expect(line).toBe(`2025-03-03,#1042,Licence,Anna,${cell},15,5,0,0`);
  });

  it("neutralises formulas in every text column, not only notes", () => {
    const line = statementCsv([row({ ticketSubject: "=cmd", engineer: "@me" })]).split("\r\n")[1];
    expect(line).toBe("2025-03-03,#1042,'=cmd,'@me,ok,15,5,0,0");
  });
});
