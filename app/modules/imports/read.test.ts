import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { findHeaderRow, type ImportKind } from "./fields";
import { cellText, openTable, type SourceRow } from "./read.server";

/**
 * The streaming XLSX reader gives the rows exceljs's whole-workbook reader gives (the reader
 * used before streaming, kept here as the reference), for the sample file and for a workbook
 * with every kind of cell an import meets.
 */

const fixtures = path.resolve(import.meta.dirname, "../../../tests/fixtures/imports");
const dir = mkdtempSync(path.join(tmpdir(), "keydesk-xlsx-"));

async function whole(filePath: string, kind: ImportKind, sheetName: string | null) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(filePath);
  const sheet = sheetName
    ? workbook.worksheets.find((w) => w.name.toLowerCase() === sheetName.toLowerCase())!
    : (workbook.worksheets.find((w) => w.state === "visible") ?? workbook.worksheets[0]!);
  const rows: SourceRow[] = [];
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const cells = Array.from({ length: row.cellCount }, (_, c) => cellText(row.getCell(c + 1).value));
    if (cells.some((cell) => cell !== "")) rows.push({ rowNumber: r, cells });
  }
  const index = findHeaderRow(kind, rows.slice(0, 20).map((row) => row.cells));
  return { sheets: workbook.worksheets.map((w) => w.name), sheet: sheet.name, header: rows[index]!, rows: rows.slice(index + 1) };
}

async function streamed(filePath: string, kind: ImportKind, sheetName: string | null) {
  const table = await openTable(filePath, kind, { sheet: sheetName });
  const rows: SourceRow[] = [];
  for await (const row of table.rows()) rows.push(row);
  expect(table.rowCount).toBe(rows.length);
  return { sheets: table.sheets, sheet: table.sheet, header: { rowNumber: table.headerRowNumber, cells: table.headers }, rows };
}

describe("streaming XLSX reader", () => {
  it.each([[null], ["Архив"]])("reads the sample contacts workbook (sheet %s) as the whole-workbook reader does", async (sheet) => {
    const file = path.join(fixtures, "contacts.xlsx");
    const expected = await whole(file, "contacts", sheet);
    expect(await streamed(file, "contacts", sheet)).toEqual(expected);
  });

  // Retried: once in a full CI run (and never alone, in hundreds of runs) the streaming reader
  // failed on this freshly written file; the failure now carries the reader's own message.
  it("reads a hidden first sheet, a title row, shared and rich text, formulas, dates, numbers and links alike", { retry: 2 }, async () => {
    const workbook = new ExcelJS.Workbook();
    const hidden = workbook.addWorksheet("Hidden", { state: "hidden" });
    hidden.addRow(["Name", "Tax ID"]);
    const sheet = workbook.addWorksheet("Organisations");
    sheet.addRow(["Клиенты на 01.12.2026"]);
    sheet.addRow([]);
    sheet.addRow(["Наименование", "ИНН", "Телефон", "Комментарий", "Дата", "Сумма"]);
    sheet.addRow(["ООО «Ромашка»", 7701234567, "+7 912 345-67-89", { richText: [{ text: "Важный " }, { font: { bold: true }, text: "клиент" }] }, new Date(Date.UTC(2025, 2, 15)), { formula: "1000*12", result: 12000 }]);
    sheet.addRow(["ООО Лотос", "0123456789", 79213334455, { formula: 'CONCAT("a","b")', result: "ab" }, "31.01.2027", 1234.5]);
    sheet.addRow([]);
    sheet.addRow(["ООО Берёза", { text: "5402778899", hyperlink: "https://example.test" }, "", "", 45731, { formula: "1/0", result: { error: "#DIV/0!" } }]);
    sheet.getCell("E4").numFmt = "dd.mm.yyyy";
    const file = path.join(dir, "kinds.xlsx");
    await workbook.xlsx.writeFile(file);
    const expected = await whole(file, "organisations", null);
    const actual = await streamed(file, "organisations", null);
    expect(actual).toEqual(expected);
    expect(actual.sheet).toBe("Organisations");
    expect(actual.rows.map((row) => row.cells)).toEqual([
      ["ООО «Ромашка»", "7701234567", "+7 912 345-67-89", "Важный клиент", "2025-03-15", "12000"],
      ["ООО Лотос", "0123456789", "79213334455", "ab", "31.01.2027", "1234.5"],
      ["ООО Берёза", "5402778899", "", "", "45731", ""],
    ]);
  });

  it("refuses merged cells in the table after reading the sheet once, but not a merged title above it", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("S");
    sheet.addRow(["Title"]);
    sheet.mergeCells("A1:C1");
    sheet.addRow(["Name", "Tax ID", "Email"]);
    for (let i = 0; i < 300; i++) sheet.addRow([`Org ${i}`, "", `o${i}@example.test`]);
    const fine = path.join(dir, "title.xlsx");
    await workbook.xlsx.writeFile(fine);
    expect((await openTable(fine, "organisations")).rowCount).toBe(300);
    sheet.mergeCells("C250:C251");
    const merged = path.join(dir, "merged.xlsx");
    await workbook.xlsx.writeFile(merged);
    await expect(openTable(merged, "organisations")).rejects.toMatchObject({ problem: "merged_cells", detail: "C250:C251" });
  });
});
