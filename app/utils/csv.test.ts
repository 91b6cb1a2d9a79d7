import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { csvDelimiter, csvResponse, toCsv, type CsvDelimiter } from "./csv";

/** A deliberately simple RFC 4180 reader, to check that what we write reads back. */
function parseCsv(text: string, delimiter: CsvDelimiter): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === delimiter) {
      row.push(cell);
      cell = "";
    } else if (ch === "\r" && text[i + 1] === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      i++;
    } else cell += ch;
  }
  return rows;
}

describe("toCsv", () => {
  it("quotes delimiters, quotes and line breaks, and neutralises formulas", () => {
    const csv = toCsv(["a", "b"], [["x,y", '"q"'], ["=SUM(A1)", -3], [null, "Жалоба"], ["@me", "+7 495"]]);
    expect(csv).toBe('a,b\r\n"x,y","""q"""\r\n\'=SUM(A1),-3\r\n,Жалоба\r\n\'@me,\'+7 495\r\n');
  });

  it("writes numbers as they are (a negative number is not a formula)", () => {
    expect(toCsv(["n"], [[-5], [0]])).toBe("n\r\n-5\r\n0\r\n");
  });

  it("uses ; for Russian readers and quotes cells that contain it", () => {
    expect(csvDelimiter("ru")).toBe(";");
    expect(csvDelimiter("en")).toBe(",");
    expect(toCsv(["a", "b"], [["1;2", "3,4"]], { delimiter: ";" })).toBe('a;b\r\n"1;2";3,4\r\n');
  });

  it("reads back cell for cell, with formula triggers prefixed by a quote", () => {
    const cell = fc.oneof(fc.string({ unit: "grapheme" }), fc.constantFrom("=1+1", "-2", "@x", "a\r\nb", '"', ";", ","));
    fc.assert(
      fc.property(
        fc.constantFrom<CsvDelimiter>(",", ";", "\t"),
        fc.array(fc.array(cell, { minLength: 2, maxLength: 2 }), { maxLength: 5 }),
        (delimiter, rows) => {
          const parsed = parseCsv(toCsv(["h1", "h2"], rows, { delimiter }), delimiter);
          expect(parsed[0]).toEqual(["h1", "h2"]);
          rows.forEach((row, i) => {
            expect(parsed[i + 1]).toEqual(row.map((value) => (/^[=+\-@\t\r]/.test(value) ? `'${value}` : value)));
          });
        },
      ),
    );
  });
});

describe("csvResponse", () => {
  it("adds one BOM and a safe file name", async () => {
    const response = csvResponse("a\r\n", 'report "x".csv');
    expect(response.headers.get("Content-Disposition")).toBe('attachment; filename="report_x_.csv"');
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csvResponse("\uFEFFa", "a.csv").headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
  });
});
