import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { deflateRawSync } from "node:zlib";
import { and, eq } from "drizzle-orm";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { auditLog, importRowOutcomes, importRuns, licences, organisations, supportEntries, users } from "#db/schema";
import { runImportCommand } from "~/modules/imports/command.server";
import { getImport, ImportFileError, outcomeCsv, previewImport, processImportRun, runImport } from "~/modules/imports/imports.server";
import { innCheckDigits } from "~/modules/imports/normalise";
import { db } from "~/utils/db.server";
import { createUser } from "../factories/accounts";
import { createProduct } from "../factories/licensing";

const dir = mkdtempSync(path.join(tmpdir(), "keydesk-import-"));
const fixtures = path.resolve(import.meta.dirname, "../fixtures/imports");
let counter = 0;
const inn = () => {
  const body = String(100_000_000 + Math.floor(Math.random() * 800_000_000) + counter++).slice(0, 9);
  return body + innCheckDigits(body);
};
function file(name: string, content: string | Uint8Array): string {
  const p = path.join(dir, `${counter++}-${name}`);
  writeFileSync(p, content);
  return p;
}
type Admin = Awaited<ReturnType<typeof createUser>>;
let admin: Admin;
beforeAll(async () => {
  admin = await createUser("admin");
});
const input = (filePath: string, kind: "organisations" | "contacts" | "licences", policy: "skip" | "fill" | "overwrite" = "skip") => ({ filePath, fileName: path.basename(filePath), kind, policy });

describe("reading files", () => {
  it("reads the 1C Windows-1251 semicolon CSV with a quoted two-line address", async () => {
    const preview = await previewImport(admin, input(path.join(fixtures, "counterparties-1c-cp1251.csv"), "organisations"));
    expect(preview).toMatchObject({ format: "csv", encoding: "windows-1251", delimiter: ";", headerRowNumber: 1 });
    expect(preview.rows[0]!.values).toMatchObject({ name: 'ООО "Северный ветер"', phone: "+74951234567", email: "info@sever-veter.ru", address: "125009, г. Москва, ул. Тверская, д. 1" });
    expect(preview.rows.find((r) => r.rowNumber === 4)!.values.phone).toBe("+73832223344;ext=12");
    expect(preview.counts.error).toBe(1);
  });

  it("reads UTF-8 with a BOM, commas and tabs alike", async () => {
    const a = inn();
    for (const [sep, bom] of [[",", "\uFEFF"], ["\t", ""], [";", "\uFEFF"]] as const) {
      const csv = `${bom}Name${sep}Tax ID${sep}Phone\r\n"Acme${sep} Ltd"${sep}${a}${sep}+7 912 345-67-89\r\n`;
      const preview = await previewImport(admin, input(file("orgs.csv", csv), "organisations"));
      expect(preview.rows[0]!.values).toMatchObject({ name: sep === "\t" ? "Acme Ltd" : `Acme${sep} Ltd`, taxId: a, phone: "+79123456789" });
    }
  });

  it("finds the XLSX header under a merged title row; numbers stored as numbers; the chosen sheet", async () => {
    const preview = await previewImport(admin, input(path.join(fixtures, "contacts.xlsx"), "contacts"));
    expect(preview).toMatchObject({ format: "xlsx", sheet: "Контакты", headerRowNumber: 3 });
    expect(preview.mapping).toMatchObject({ 0: "name", 2: "email", 4: "organisationTaxId", 5: "organisationName" });
    expect(preview.rows[0]!.raw.organisationTaxId).toMatch(/^\d{10}$/);
    const archive = await previewImport(admin, { ...input(path.join(fixtures, "contacts.xlsx"), "contacts"), sheet: "архив" });
    expect(archive.sheet).toBe("Архив");
    await expect(previewImport(admin, { ...input(path.join(fixtures, "contacts.xlsx"), "contacts"), sheet: "Nope" })).rejects.toMatchObject({ problem: "sheet_not_found" });
  });

  it("reads Excel serial and dd.mm.yyyy dates and formula results", async () => {
    const product = await createProduct();
    const orgInn = inn();
    await db.insert(organisations).values({ name: "Dates Org", taxId: orgInn });
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("L");
    sheet.addRow(["ИНН", "Продукт", "Ключ", "Дата активации", "Поддержка до", "Цена"]);
    sheet.addRow([orgInn, product.slug, "generate", new Date(Date.UTC(2025, 2, 15)), "31.01.2027", { formula: "1000*12", result: 12000 }]);
    sheet.addRow([orgInn, product.slug, "generate", 45731, 46418, ""]);
    const p = path.join(dir, "dates.xlsx");
    await workbook.xlsx.writeFile(p);
    const preview = await previewImport(admin, input(p, "licences"));
    expect(preview.rows.map((r) => [r.values.activatedAt, r.values.supportUntil])).toEqual([
      ["2025-03-15", "2027-01-31"],
      ["2025-03-15", "2027-01-31"],
    ]);
    expect(preview.rows[0]!.values.pricePaid).toBe(1_200_000);
  });

  it("refuses what is not a table, writing nothing", async () => {
    const pdf = file("report.csv", "%PDF-1.7\n%âãÏÓ\n1 0 obj\n");
    const bomb = path.join(dir, "bomb.xlsx");
    await makeZip(bomb, [["xl/workbook.xml", Buffer.alloc(10)], ["xl/worksheets/sheet1.xml", Buffer.alloc(150 * 1024 * 1024)]]);
    const merged = new ExcelJS.Workbook();
    const ws = merged.addWorksheet("S");
    ws.addRow(["Name", "Tax ID", "Email"]);
    ws.addRow(["A", "", "a@b.ru"]);
    ws.addRow(["B", "", "b@b.ru"]);
    ws.mergeCells("B2:B3");
    const mergedPath = path.join(dir, "merged.xlsx");
    await merged.xlsx.writeFile(mergedPath);
    const big = path.join(dir, "big.csv");
    writeFileSync(big, Buffer.alloc(50 * 1024 * 1024, "a"));
    const cases: Array<[string, string]> = [
      [pdf, "file_pdf"],
      [file("empty.csv", ""), "file_empty"],
      [file("header.csv", "Name;Tax ID;Phone\r\n"), "file_no_rows"],
      [file("binary.csv", Buffer.from([1, 2, 0, 0, 3, 4, 5, 6])), "file_binary"],
      [bomb, "file_zip_bomb"],
      [mergedPath, "merged_cells"],
      [big, "file_too_large"],
    ];
    const before = await db.select().from(importRuns);
    for (const [p, problem] of cases) {
      await expect(previewImport(admin, input(p, "organisations"))).rejects.toMatchObject({ problem });
      await expect(runImport(admin, input(p, "organisations"))).rejects.toBeInstanceOf(ImportFileError);
    }
    expect(await db.select().from(importRuns)).toHaveLength(before.length);
  });

  it("refuses to import while a required field has no column, naming the field", async () => {
    const noName = file("no-name.csv", "Phone;Email\r\n+7 912 345-67-89;a@b.ru\r\n");
    await expect(runImport(admin, input(noName, "organisations"))).rejects.toMatchObject({ code: "invalid", message: "imports.error.mapRequired", fieldErrors: { mapping: ["name"] } });
  });
});

describe("dry run, duplicates and policies", () => {
  it("a dry run writes nothing; the import writes non-error rows, history, outcomes and one audit entry", async () => {
    const a = inn();
    const csv = `Наименование;ИНН;Телефон;Email\nООО Альфа;${a};8 (495) 123-45-67;alfa@x.test\nООО Плохой;7707083894;;\nООО Альфа снова;${a};;\n`;
    const p = file("orgs.csv", csv);
    const count = async () => (await db.select().from(organisations).where(eq(organisations.taxId, a))).length;
    const preview = await previewImport(admin, input(p, "organisations"));
    expect(preview.counts).toEqual({ create: 1, update: 0, unchanged: 0, duplicate: 1, error: 1 });
    expect(preview.rows[2]).toMatchObject({ outcome: "duplicate", matchedBy: "taxId", matchedRow: 2 });
    expect(preview.rows[1]!.errors[0]).toMatchObject({ code: "inn_checksum", column: "ИНН" });
    expect(await count()).toBe(0);
    const result = await runImport(admin, input(p, "organisations"));
    expect(result.counts).toEqual(preview.counts);
    expect(await count()).toBe(1);
    const run = await getImport(admin, result.runId);
    expect(run).toMatchObject({ status: "done", totalRows: 3, rowsDone: 3, byName: admin.name });
    expect(await db.select().from(importRowOutcomes).where(eq(importRowOutcomes.runId, result.runId))).toHaveLength(3);
    const audits = await db.select().from(auditLog).where(eq(auditLog.entityId, result.runId));
    expect(audits.map((e) => e.action)).toEqual(["import.completed"]);
    // The outcome CSV lists errors first, keeps the file's columns, and re-reads as the same file.
    const { csv: out } = await outcomeCsv(admin, result.runId, "en");
    const lines = out.split("\r\n");
    expect(lines[0]).toBe("Наименование,ИНН,Телефон,Email,Import row,Import outcome,Import details");
    expect(lines[1]).toContain("7707083894,,,3,Error,");
    const again = await previewImport(admin, input(file("outcomes.csv", out), "organisations"));
    expect(again.counts).toMatchObject({ unchanged: 1, error: 1, duplicate: 1 });
  });

  it("skip, fill and overwrite against the database, and re-importing the same file is a no-op", async () => {
    const a = inn();
    await db.insert(organisations).values({ name: "Old Name", taxId: a, email: null });
    const p = file("orgs.csv", `Name,Tax ID,Email\nNew Name,${a},new@x.test\n`);
    const skip = await runImport(admin, input(p, "organisations", "skip"));
    expect(skip.counts.duplicate).toBe(1);
    const fill = await runImport(admin, input(p, "organisations", "fill"));
    expect(fill.counts.update).toBe(1);
    let [org] = await db.select().from(organisations).where(eq(organisations.taxId, a));
    expect(org).toMatchObject({ name: "Old Name", email: "new@x.test" });
    const overwrite = await runImport(admin, input(p, "organisations", "overwrite"));
    expect(overwrite.counts.update).toBe(1);
    [org] = await db.select().from(organisations).where(eq(organisations.taxId, a));
    expect(org!.name).toBe("New Name");
    for (const policy of ["skip", "fill", "overwrite"] as const) {
      expect((await runImport(admin, input(p, "organisations", policy))).counts).toEqual({ create: 0, update: 0, unchanged: 1, duplicate: 0, error: 0 });
    }
  });

  it("contacts: found by email, then by phone, in the database and within the file; staff emails refused", async () => {
    const a = inn();
    const [org] = await db.insert(organisations).values({ name: "Contacts Org", taxId: a }).returning();
    const staff = await createUser("engineer");
    await db.insert(users).values({ email: "known@c.test", name: "Known", role: "customer", organisationId: org!.id, phone: "+79123450000" });
    const csv = [
      "ФИО,Эл. почта,Телефон,ИНН организации",
      `Known Again,KNOWN@c.test,,${a}`,
      `By Phone,other@c.test,8 912 345-00-00,${a}`,
      `New One,new1@c.test,+7 912 111-22-33,${a}`,
      `Same Phone,new2@c.test,8-912-111-22-33,${a}`,
      `Staff,${staff.email},,${a}`,
      `Nowhere,x@c.test,,7707083893`,
    ].join("\n");
    const preview = await previewImport(admin, input(file("contacts.csv", csv), "contacts"));
    expect(preview.rows.map((r) => [r.outcome, r.matchedBy])).toEqual([
      ["duplicate", "email"],
      ["duplicate", "phone"],
      ["create", null],
      ["duplicate", "phone"],
      ["error", null],
      ["error", null],
    ]);
    expect(preview.rows[3]!.matchedRow).toBe(4);
    expect(preview.rows[5]!.errors[0]!.code).toBe("organisation_not_found");
  });

  it("licences keep an imported support-until date exactly and the ledger says 'imported'", async () => {
    const product = await createProduct();
    const a = inn();
    await db.insert(organisations).values({ name: "Licence Org", taxId: a });
    const csv = `Organisation INN,Product,Licence key,Activation date,Support until,Sites,Price paid\n${a},${product.name},generate,15.03.2025,31.01.2027,"shop.example.com, dev.example.com","12 000,00"\n`;
    const p = file("licences.csv", csv);
    const result = await runImport(admin, input(p, "licences"));
    expect(result.counts.create).toBe(1);
    const [licence] = await db.select().from(licences).where(eq(licences.productId, product.id));
    expect(licence!.supportUntil!.toISOString()).toBe("2027-01-31T00:00:00.000Z");
    expect(licence!.firstActivatedAt!.toISOString()).toBe("2025-03-15T00:00:00.000Z");
    expect(licence!.productionHost).toBe("shop.example.com");
    const entries = await db.select().from(supportEntries).where(eq(supportEntries.licenceId, licence!.id));
    expect(entries).toMatchObject([{ kind: "imported", pricePaidMinor: 1_200_000 }]);
    expect((await runImport(admin, input(p, "licences"))).counts.unchanged).toBe(1);
    expect(await db.select().from(licences).where(and(eq(licences.productId, product.id)))).toHaveLength(1);
  });
});

describe("background import and the command", () => {
  it("a queued run resumes from its recorded progress", async () => {
    const rows = Array.from({ length: 1200 }, (_, i) => `Org ${i},org${i}@bg.test`).join("\n");
    const p = file("bg.csv", `Name,Email\n${rows}\n`);
    await db.insert((await import("#db/schema")).settings).values({ key: "imports", value: { backgroundFromRows: 1000 } }).onConflictDoUpdate({ target: (await import("#db/schema")).settings.key, set: { value: { backgroundFromRows: 1000 } } });
    const queued = await runImport(admin, input(p, "organisations"));
    expect(queued.background).toBe(true);
    // As if a previous attempt had committed the first 500 rows and died.
    await db.update(importRuns).set({ rowsDone: 500, status: "running" }).where(eq(importRuns.id, queued.runId));
    await processImportRun(queued.runId);
    const run = await getImport(admin, queued.runId);
    expect(run).toMatchObject({ status: "done", rowsDone: 1200 });
    expect(run.counts.create).toBe(700);
    await db.delete((await import("#db/schema")).settings).where(eq((await import("#db/schema")).settings.key, "imports"));
  });

  it("npm run import --json prints one object per row and a summary; exit 1 for an unreadable file", async () => {
    const out: string[] = [];
    const err: string[] = [];
    const a = inn();
    const p = file("cli.csv", `Name;Tax ID\nCli Org;${a}\nBad;123\n`);
    const code = await runImportCommand({ file: p, kind: "organisations", dryRun: false, onDuplicate: "skip", sheet: null, json: true, out: (l) => out.push(l), err: (l) => err.push(l) });
    expect(code).toBe(0);
    expect(out.map((l) => JSON.parse(l))).toEqual([
      { row: 2, outcome: "create", matchedBy: null, errors: [], warnings: [], values: expect.objectContaining({ name: "Cli Org", taxId: a }) },
      { row: 3, outcome: "error", matchedBy: null, errors: [{ column: "Tax ID", code: "inn_format", message: expect.stringContaining("10 digits") }], warnings: [], values: expect.any(Object) },
      { summary: { create: 1, update: 0, unchanged: 0, duplicate: 0, error: 1 } },
    ]);
    const bad = await runImportCommand({ file: file("x.csv", "%PDF-1.4"), kind: "organisations", dryRun: true, onDuplicate: "skip", sheet: null, json: true, out: () => {}, err: (l) => err.push(l) });
    expect(bad).toBe(1);
    expect(err.at(-1)).toContain("PDF");
    expect(readFileSync(p, "utf8")).toContain("Cli Org");
  });
});

/** A minimal ZIP with stored sizes in its directory: enough to test the zip-bomb check. */
async function makeZip(target: string, entries: Array<[string, Buffer]>) {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of entries) {
    const data = deflateRawSync(content);
    const nameBytes = Buffer.from(name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(0, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(content.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(0, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(content.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + data.length;
  }
  const dirBuf = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dirBuf.length, 12);
  end.writeUInt32LE(offset, 16);
  writeFileSync(target, Buffer.concat([...locals, dirBuf, end]));
}
