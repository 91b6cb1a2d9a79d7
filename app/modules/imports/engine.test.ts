import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Executor } from "~/utils/db.server";
import { processBatch, type EngineContext } from "./engine.server";
import { innCheckDigits } from "./normalise";
import type { SourceRow } from "./read.server";

/**
 * Within-file duplicates do not depend on where the file is cut into batches: the first row
 * carrying an email or a phone wins and every later row carrying one of them is its duplicate,
 * whatever the batch size — against a plain reference that reads the whole file at once.
 * (An empty database: no look-up is needed, so no executor is used.)
 */

const orgInn = "770112233" + innCheckDigits("770112233");
const noDatabase = new Proxy({}, { get: () => { throw new Error("no database in this test"); } }) as Executor;

function context(): EngineContext {
  return {
    kind: "contacts",
    policy: "skip",
    mapping: { 0: "name", 1: "email", 2: "phone", 3: "organisationTaxId" },
    headers: ["Name", "Email", "Phone", "INN"],
    defaultCountry: "RU",
    actorId: null,
    now: new Date("2026-12-01T00:00:00Z"),
    seen: new Map(),
    orgsById: new Map(),
    orgByTaxId: new Map([[orgInn, "org-1"]]),
    orgsByName: new Map(),
    planByName: new Map(),
    productByKey: new Map(),
    usersByEmail: new Map(),
    usersByPhone: new Map(),
  };
}

// Small pools so that emails and phones repeat; "" leaves the cell empty, "bad" is an invalid email (a row error).
const emails = ["a@example.test", "B@Example.test", "b@example.test", "c@example.test", "", "bad"];
const phones = ["8 (912) 345-67-89", "+7 912 345-67-89", "8 (495) 123-45-67", "", "123"];
const normalEmail = (e: string) => (e === "" || e === "bad" ? null : e.toLowerCase());
const normalPhone = (p: string) => ({ "8 (912) 345-67-89": "+79123456789", "+7 912 345-67-89": "+79123456789", "8 (495) 123-45-67": "+74951234567" })[p] ?? null;

function reference(rows: Array<{ email: string; phone: string }>) {
  const seen = new Map<string, number>();
  return rows.map((row, i) => {
    const rowNumber = i + 2;
    const email = normalEmail(row.email);
    if (email === null) return { rowNumber, outcome: "error", matchedRow: null };
    const keys = [`email:${email}`, ...(normalPhone(row.phone) ? [`phone:${normalPhone(row.phone)}`] : [])];
    const hit = keys.find((key) => seen.has(key));
    if (hit) return { rowNumber, outcome: "duplicate", matchedRow: seen.get(hit)! };
    for (const key of keys) seen.set(key, rowNumber);
    return { rowNumber, outcome: "create", matchedRow: null };
  });
}

describe("within-file duplicates across batches", () => {
  it("give the same outcomes whatever the batch size, as a whole-file reference does", async () => {
    const row = fc.record({ email: fc.constantFrom(...emails), phone: fc.constantFrom(...phones) });
    await fc.assert(
      fc.asyncProperty(fc.array(row, { maxLength: 40 }), fc.integer({ min: 1, max: 12 }), async (rows, size) => {
        const source: SourceRow[] = rows.map((r, i) => ({ rowNumber: i + 2, cells: [`Person ${i}`, r.email, r.phone, orgInn] }));
        const ctx = context();
        const results = [];
        for (let i = 0; i < source.length; i += size) results.push(...(await processBatch(noDatabase, ctx, source.slice(i, i + size), false)));
        expect(results.map((r) => ({ rowNumber: r.rowNumber, outcome: r.outcome, matchedRow: r.matchedRow }))).toEqual(reference(rows));
      }),
      { numRuns: 200 },
    );
  });
});
