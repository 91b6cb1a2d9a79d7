import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, expectNoSeriousA11yViolations, signedInPageAs, test, withFactory, type FactoryPerson } from "./fixtures";

/**
 * Import end to end: the admin imports the sample 1C counterparties (so the contacts have
 * organisations to belong to), then uploads the contacts XLSX, reads the dry run, maps the
 * column the matcher did not know ("Моб.") to Phone, imports, and downloads the outcome CSV.
 * The contacts build on the organisations of the first step, so the story stays one serial
 * group; its admin is made once through the factories (ADR 058).
 */
const fixtures = path.resolve(import.meta.dirname, "../fixtures/imports");

test.describe.serial("imports", () => {
  // Each test reads files and runs dry runs on a shared, busy machine: more than the default 30 s.
  test.describe.configure({ timeout: 120_000 });
  let admin: FactoryPerson;
  test.beforeAll(async ({ playwright }, testInfo) => {
    admin = await withFactory(playwright, testInfo.project.use.baseURL, (factory) => factory.staff("admin"));
  });

  test("the admin imports organisations from the sample 1C file", async ({ browser }) => {
    const page = await signedInPageAs(browser, admin);
    await page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "Imports" }).click();
    await expect(page).toHaveURL("/admin/imports");
    await expect(page.getByRole("heading", { level: 1, name: "Import" })).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await page.getByRole("button", { name: /Try with a sample file: counterparties-1c-cp1251\.csv/ }).click();
    await page.waitForURL(/\/admin\/imports\/preview\//);
    await expect(page.getByText("CSV, windows-1251, separator “;”, header on row 1")).toBeVisible();
    await expect(page.getByRole("link", { name: "Create: 4" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Duplicate: 1" })).toBeVisible();
    await page.getByRole("link", { name: "Error: 1" }).click();
    await expect(page.getByText("ИНН: the tax ID’s check digits are wrong — a typo?")).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await page.getByRole("button", { name: "Import", exact: true }).click();
    await page.waitForURL(/\/admin\/imports\/[0-9a-f-]{36}$/);
    await expect(page.getByRole("status")).toHaveText("Done");
    await expect(page.getByText("Create: 4")).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await page.context().close();
  });

  test("the admin uploads the contacts XLSX, fixes a mapping, imports and downloads the outcomes", async ({ browser }) => {
    const page = await signedInPageAs(browser, admin);
    await page.goto("/admin/imports");
    await page.getByLabel("What the file holds").selectOption("contacts");
    await page.getByLabel("File (CSV or XLSX, up to 20 MB)").setInputFiles(path.join(fixtures, "contacts.xlsx"));
    await page.getByRole("button", { name: "Dry run" }).click();
    await page.waitForURL(/\/admin\/imports\/preview\//);
    await expect(page.getByText("XLSX, sheet “Контакты”, header on row 3")).toBeVisible();
    await expect(page.getByLabel("Моб.")).toHaveValue("");
    await expect(page.getByRole("link", { name: "Create: 3" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Error: 2" })).toBeVisible();

    await page.getByLabel("Моб.").selectOption("phone");
    await page.getByRole("button", { name: "Run the dry run again" }).click();
    await expect(page.getByLabel("Моб.")).toHaveValue("phone");
    const ivanova = page.getByRole("row").filter({ hasText: "m.ivanova@sever-veter.ru" }).first();
    await expect(ivanova).toContainText("+79123456789 ← +7 912 345-67-89");
    await expect(ivanova).toContainText("Иванова Мария Сергеевна");
    await expectNoSeriousA11yViolations(page);

    await page.getByRole("button", { name: "Import", exact: true }).click();
    await page.waitForURL(/\/admin\/imports\/[0-9a-f-]{36}$/);
    await expect(page.getByRole("status")).toHaveText("Done");
    await expect(page.getByText("Create: 3")).toBeVisible();
    const downloadPromise = page.waitForEvent("download");
    await page.getByRole("link", { name: "Download row outcomes (CSV, errors first)" }).click();
    const download = await downloadPromise;
    const csv = readFileSync((await download.path())!, "utf8");
    const lines = csv.replace(/^\uFEFF/, "").split("\r\n");
    expect(lines[0]).toBe("ФИО,Должность,Эл. почта,Моб.,ИНН организации,Организация,Язык,Import row,Import outcome,Import details");
    expect(lines[1]).toContain("Error");
    expect(lines[2]).toContain("Error");
    expect(lines[3]).toMatch(/^Иванова {2}Мария Сергеевна,.*,Create,/);
    // The saved mapping is reused: the next dry run of the same file maps "Моб." by itself.
    await page.goto("/admin/imports");
    await page.getByLabel("What the file holds").selectOption("contacts");
    await page.getByLabel("File (CSV or XLSX, up to 20 MB)").setInputFiles(path.join(fixtures, "contacts.xlsx"));
    await page.getByRole("button", { name: "Dry run" }).click();
    await page.waitForURL(/\/admin\/imports\/preview\//);
    await expect(page.getByLabel("Моб.")).toHaveValue("phone");
    await expect(page.getByRole("link", { name: "Unchanged: 3" })).toBeVisible();
    await page.context().close();
  });

  test("a PDF renamed .csv gets a clear message", async ({ browser }) => {
    const page = await signedInPageAs(browser, admin);
    await page.goto("/admin/imports");
    await page.getByLabel("File (CSV or XLSX, up to 20 MB)").setInputFiles({ name: "report.csv", mimeType: "text/csv", buffer: Buffer.from("%PDF-1.7\n1 0 obj\n") });
    await page.getByRole("button", { name: "Dry run" }).click();
    await expect(page.getByRole("alert")).toHaveText("This is a PDF, not a CSV or XLSX file. Export the table as CSV or XLSX.");
    await page.context().close();
  });
});
