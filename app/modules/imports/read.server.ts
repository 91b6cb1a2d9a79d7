import { createReadStream } from "node:fs";
import { open, stat } from "node:fs/promises";
import { parse } from "csv-parse";
import ExcelJS from "exceljs";
import iconv from "iconv-lite";
import { SaxesParser } from "saxes";
import yauzl from "yauzl";
import { findHeaderRow, type ImportKind } from "./fields";

/**
 * Reads an uploaded CSV or XLSX file into a header and a stream of rows of text cells.
 * CSV streams (constant memory): encoding from the BOM or from whether the bytes are valid
 * UTF-8 (else Windows-1251, what 1C and Excel on Russian Windows write), separator from the
 * first lines. XLSX is checked as a ZIP first (no zip bombs), then streamed by exceljs's
 * streaming reader (constant memory too); formula cells give their values, dates become
 * `yyyy-mm-dd`.
 */

export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;
const MAX_XLSX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024;
const MAX_ZIP_RATIO = 200;
const HEADER_SEARCH_ROWS = 20;
const SNIFF_BYTES = 64 * 1024;

export type FileProblem =
  | "file_empty"
  | "file_too_large"
  | "file_pdf"
  | "file_binary"
  | "file_not_xlsx"
  | "file_zip_bomb"
  | "file_unreadable"
  | "file_no_header"
  | "file_no_rows"
  | "sheet_not_found"
  | "merged_cells";

/** A file that cannot be imported at all; `detail` is shown as is (a sheet name, a cell range). */
export class ImportFileError extends Error {
  constructor(
    readonly problem: FileProblem,
    readonly detail: string | null = null,
  ) {
    super(`${problem}${detail ? `: ${detail}` : ""}`);
    this.name = "ImportFileError";
  }
}

export type SourceRow = { rowNumber: number; cells: string[] };

export type Table = {
  format: "csv" | "xlsx";
  encoding: string | null;
  delimiter: string | null;
  sheets: string[];
  sheet: string | null;
  headers: string[];
  headerRowNumber: number;
  /** Data rows, when reading the file already counted them (XLSX); null for CSV. */
  rowCount: number | null;
  rows: () => AsyncGenerator<SourceRow>;
};

export async function openTable(filePath: string, kind: ImportKind, options: { sheet?: string | null } = {}): Promise<Table> {
  const { size } = await stat(filePath);
  if (size === 0) throw new ImportFileError("file_empty");
  if (size > MAX_IMPORT_BYTES) throw new ImportFileError("file_too_large", `${Math.floor(MAX_IMPORT_BYTES / 1024 / 1024)} MB`);
  const head = await readHead(filePath, SNIFF_BYTES);
  if (startsWith(head, "%PDF")) throw new ImportFileError("file_pdf");
  if (head[0] === 0x50 && head[1] === 0x4b) return openXlsx(filePath, kind, options.sheet ?? null);
  const encoding = detectEncoding(head);
  if (!encoding.startsWith("utf-16") && head.includes(0)) throw new ImportFileError("file_binary");
  return openCsv(filePath, kind, encoding, head);
}

/* ------------------------------------------------------------------------------------------ */
/* CSV                                                                                        */
/* ------------------------------------------------------------------------------------------ */

export function detectEncoding(head: Uint8Array): string {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return "utf-8";
  if (head[0] === 0xff && head[1] === 0xfe) return "utf-16le";
  if (head[0] === 0xfe && head[1] === 0xff) return "utf-16be";
  // A multi-byte character may be cut at the end of the sample: drop up to 3 trailing bytes.
  for (let cut = 0; cut <= 3 && cut < head.length; cut++) {
    try {
      new TextDecoder("utf-8", { fatal: true }).decode(head.subarray(0, head.length - cut));
      return "utf-8";
    } catch {
      // try a shorter sample
    }
  }
  return "windows-1251";
}

/** The separator that occurs most in the first lines, outside quotes; `;` wins ties (1C, Russian Excel). */
export function detectDelimiter(sample: string): string {
  const candidates = [";", "\t", ","];
  const counts = new Map(candidates.map((c) => [c, 0]));
  let inQuotes = false;
  let lines = 0;
  for (const ch of sample) {
    if (ch === '"') inQuotes = !inQuotes;
    else if (!inQuotes && ch === "\n" && ++lines >= 20) break;
    else if (!inQuotes && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  return candidates.reduce((best, c) => (counts.get(c)! > counts.get(best)! ? c : best), ";");
}

async function openCsv(filePath: string, kind: ImportKind, encoding: string, head: Uint8Array): Promise<Table> {
  const sample = iconv.decode(Buffer.from(head), encoding).replace(/^\uFEFF/, "");
  const delimiter = detectDelimiter(sample);
  const records = () => {
    const parser = createReadStream(filePath)
      .pipe(iconv.decodeStream(encoding))
      .pipe(parse({ delimiter, bom: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: true, info: false }));
    return parser as AsyncIterable<string[]>;
  };
  const { headers, headerRowNumber } = await locateHeader(kind, records());
  async function* rows(): AsyncGenerator<SourceRow> {
    let number = 0;
    try {
      for await (const cells of records()) {
        number++;
        if (number <= headerRowNumber || isBlank(cells)) continue;
        yield { rowNumber: number, cells: cells.map(cleanCell) };
      }
    } catch (error) {
      throw new ImportFileError("file_unreadable", (error as Error).message.slice(0, 200));
    }
  }
  return { format: "csv", encoding, delimiter, sheets: [], sheet: null, headers, headerRowNumber, rowCount: null, rows };
}

async function locateHeader(kind: ImportKind, records: AsyncIterable<string[]>) {
  const first: string[][] = [];
  try {
    for await (const cells of records) {
      first.push(cells.map(cleanCell));
      if (first.length >= HEADER_SEARCH_ROWS) break;
    }
  } catch (error) {
    throw new ImportFileError("file_unreadable", (error as Error).message.slice(0, 200));
  }
  const index = findHeaderRow(kind, first);
  if (index < 0) throw new ImportFileError("file_no_header");
  return { headers: first[index]!, headerRowNumber: index + 1 };
}

/* ------------------------------------------------------------------------------------------ */
/* XLSX                                                                                       */
/* ------------------------------------------------------------------------------------------ */

/** Reads the ZIP directory only: refuses archives that would inflate past the limits. */
async function checkZip(filePath: string): Promise<void> {
  const zip = await yauzl.openPromise(filePath, { autoClose: true }).catch(() => {
    throw new ImportFileError("file_not_xlsx");
  });
  let total = 0;
  let entries = 0;
  let hasWorkbook = false;
  try {
    await new Promise<void>((resolve, reject) => {
      zip.on("entry", (entry: yauzl.Entry) => {
        entries++;
        total += entry.uncompressedSize;
        if (entry.fileName === "xl/workbook.xml") hasWorkbook = true;
        const ratio = entry.uncompressedSize / Math.max(entry.compressedSize, 1);
        if (total > MAX_XLSX_UNCOMPRESSED_BYTES || entries > 10_000 || (ratio > MAX_ZIP_RATIO && entry.uncompressedSize > 10 * 1024 * 1024)) {
          zip.close();
          reject(new ImportFileError("file_zip_bomb"));
          return;
        }
        zip.readEntry();
      });
      zip.on("end", () => resolve());
      zip.on("error", () => reject(new ImportFileError("file_not_xlsx")));
      zip.readEntry();
    });
  } finally {
    if (zip.isOpen) zip.close();
  }
  if (!hasWorkbook) throw new ImportFileError("file_not_xlsx");
}

/**
 * XLSX through exceljs's streaming reader: rows are read one at a time and dropped, so memory
 * does not grow with the sheet (only its shared-strings table is held, as Excel needs it). The
 * chosen sheet is read once before any row is used — its header row (found under a title
 * row) and its merged ranges, which a sheet lists after its rows — and again for the rows.
 */
async function openXlsx(filePath: string, kind: ImportKind, sheetName: string | null): Promise<Table> {
  await checkZip(filePath);
  const found: SheetFound = { sheets: [], sheet: null };
  const merges: string[] = [];
  const first: SourceRow[] = [];
  let nonBlank = 0;
  for await (const row of streamSheet(filePath, sheetName, found, merges)) {
    if (isBlank(row.cells)) continue;
    nonBlank++;
    if (first.length < HEADER_SEARCH_ROWS) first.push(row);
  }
  if (found.sheet === null) throw new ImportFileError(sheetName ? "sheet_not_found" : "file_no_rows", sheetName ? `${sheetName} (${found.sheets.join(", ")})` : null);
  const index = findHeaderRow(kind, first.map((row) => row.cells));
  if (index < 0) throw new ImportFileError("file_no_header");
  const header = first[index]!;
  const inTable = merges.filter((range) => lastRowOf(range) >= header.rowNumber);
  if (inTable.length > 0) throw new ImportFileError("merged_cells", inTable.slice(0, 5).join(", "));
  async function* rows(): AsyncGenerator<SourceRow> {
    for await (const row of streamSheet(filePath, sheetName, null, null)) {
      if (row.rowNumber > header.rowNumber && !isBlank(row.cells)) yield row;
    }
  }
  return {
    format: "xlsx",
    encoding: null,
    delimiter: null,
    sheets: found.sheets,
    sheet: found.sheet,
    headers: header.cells,
    headerRowNumber: header.rowNumber,
    rowCount: nonBlank - index - 1,
    rows,
  };
}

type SheetFound = { sheets: string[]; sheet: string | null };
/** What exceljs's streaming worksheet carries besides its rows (set from the workbook's sheet list). */
type StreamedSheet = ExcelJS.stream.xlsx.WorksheetReader & { id: number; name: string; state?: string; iterator: AsyncIterable<Uint8Array | string> };
type StreamedBook = { model?: { sheets?: Array<{ id: number; name: string; state?: string }> }; stream?: { destroy: () => void } };

const sameSheetName = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * The rows of one sheet (the named one, else the first visible one), as text cells. `found`
 * receives the workbook's sheet names and the sheet read; `merges` the sheet's merged ranges
 * (complete once the rows are done). Other sheets are skipped without being parsed.
 */
async function* streamSheet(filePath: string, sheetName: string | null, found: SheetFound | null, merges: string[] | null): AsyncGenerator<SourceRow> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(filePath, { worksheets: "emit", sharedStrings: "cache", styles: "cache", hyperlinks: "ignore", entries: "ignore" });
  const book = reader as unknown as StreamedBook;
  // Iterated by hand: when the caller stops early, the reader is still run to its end (skipping
  // the rest), because that is when exceljs removes the temporary files of the sheets it held back.
  const sheets = reader[Symbol.asyncIterator]();
  let current: StreamedSheet | null = null;
  let finished = false;
  let chosen: number | null | undefined;
  let read = false;
  try {
    for (let next = await sheets.next(); !next.done; next = await sheets.next()) {
      const sheet = (current = next.value as StreamedSheet);
      if (chosen === undefined) {
        // The sheet list is known by the first sheet (exceljs reads the workbook part first or holds the sheets back until it has).
        const listed = book.model?.sheets ?? [];
        if (found) found.sheets = listed.map((s) => s.name);
        const pick = sheetName ? listed.find((s) => sameSheetName(s.name, sheetName)) : (listed.find((s) => !s.state || s.state === "visible") ?? listed[0]);
        chosen = listed.length > 0 ? (pick?.id ?? null) : null;
        if (listed.length === 0 && (!sheetName || sameSheetName(sheet.name, sheetName))) chosen = sheet.id;
      }
      if (read || sheet.id !== chosen) {
        skipSheet(sheet);
        continue;
      }
      read = true;
      if (found) found.sheet = sheet.name;
      if (merges) sheet.iterator = withMergedRanges(sheet.iterator, merges);
      for await (const row of sheet) {
        const cells: string[] = [];
        for (let c = 1; c <= row.cellCount; c++) cells.push(cellText(row.getCell(c).value));
        yield { rowNumber: row.number, cells };
      }
    }
    finished = true;
  } catch (error) {
    if (error instanceof ImportFileError) throw error;
    // The reader's own words go along as the detail: what it stumbled on tells the user where to look.
    throw new ImportFileError("file_not_xlsx", error instanceof Error ? error.message.slice(0, 200) : null);
  } finally {
    if (!finished) await drain(sheets, current);
    book.stream?.destroy();
  }
}

async function drain(sheets: AsyncIterator<unknown>, current: StreamedSheet | null) {
  try {
    if (current) skipSheet(current);
    for (let next = await sheets.next(); !next.done; next = await sheets.next()) skipSheet(next.value as StreamedSheet);
  } catch {
    // A broken file: nothing more to clean up than exceljs can.
  }
}

/**
 * A sheet that is not read: a sheet exceljs held back in a temporary file has that file closed.
 * exceljs removes the temporary file as soon as it moves on, which can be before the read stream
 * it opened for it has finished opening; that stream's late ENOENT is expected and must not
 * become an uncaught exception (it would stop the process), so it is listened for and dropped.
 */
function skipSheet(sheet: StreamedSheet) {
  const source = sheet.iterator as { destroy?: () => void; on?: (event: "error", listener: (error: unknown) => void) => unknown };
  if (typeof source.on === "function") source.on("error", () => {});
  if (typeof source.destroy === "function") source.destroy();
}

/** Passes a sheet's XML through unchanged while a second XML parser notes its `<mergeCell ref>`s. */
async function* withMergedRanges(chunks: AsyncIterable<Uint8Array | string>, merges: string[]): AsyncGenerator<Uint8Array | string> {
  const parser = new SaxesParser();
  const decoder = new TextDecoder();
  parser.on("opentag", (node) => {
    const ref = node.attributes.ref;
    if (node.name === "mergeCell" && typeof ref === "string") merges.push(ref);
  });
  // Malformed XML is reported by exceljs's own parser of the same bytes.
  parser.on("error", () => {});
  for await (const chunk of chunks) {
    parser.write(typeof chunk === "string" ? chunk : decoder.decode(chunk, { stream: true }));
    yield chunk;
  }
}

function lastRowOf(range: string): number {
  const end = range.split(":").at(-1) ?? range;
  return Number(/\d+$/.exec(end)?.[0] ?? 0);
}

/** Any exceljs cell value → the text a person sees (formulas by their result, dates as ISO). */
export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) {
    const iso = value.toISOString();
    return iso.endsWith("T00:00:00.000Z") ? iso.slice(0, 10) : iso;
  }
  // A formula's error result reaches the streaming reader as NaN: an empty cell, as before.
  if (typeof value === "number") return !Number.isFinite(value) ? "" : Number.isInteger(value) ? value.toFixed(0) : String(value);
  if (typeof value === "string") return cleanCell(value);
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if ("richText" in value) return cleanCell(value.richText.map((part) => part.text).join(""));
  if ("formula" in value || "sharedFormula" in value) return cellText((value as { result?: ExcelJS.CellValue }).result ?? null);
  if ("hyperlink" in value) return cellText((value as { text?: ExcelJS.CellValue }).text ?? "");
  if ("error" in value) return "";
  return "";
}

// Half of a UTF-16 pair on its own (a broken file) cannot be stored: it becomes U+FFFD, as a UTF-8 decoder would make it.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** NUL never reaches the database; the quote our CSV export puts before a formula-like cell is dropped. */
function cleanCell(value: string): string {
  return value.replace(LONE_SURROGATE, "\uFFFD").replaceAll("\u0000", "").trim().replace(/^'(?=[=+\-@])/, "");
}

function isBlank(cells: string[]): boolean {
  return cells.every((cell) => cell.trim() === "");
}

async function readHead(filePath: string, bytes: number): Promise<Uint8Array> {
  const handle = await open(filePath, "r");
  try {
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

function startsWith(bytes: Uint8Array, text: string): boolean {
  return [...text].every((c, i) => bytes[i] === c.charCodeAt(0));
}
