import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { en } from "~/locales/en";
import { ru } from "~/locales/ru";
import { auditChanges, humaniseField, idsToResolve } from "./audit-readable";
import { auditWords, partsText, storedMessage } from "./audit-words";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const CODE = /"([a-z_]+\.[a-z_]+)"/g;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sources(full);
    return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [full] : [];
  });
}

/** The text of every `recordAudit(...)` call in a file (balanced parentheses). */
function auditCalls(text: string): string[] {
  const calls: string[] = [];
  for (let i = text.indexOf("recordAudit("); i >= 0; i = text.indexOf("recordAudit(", i + 1)) {
    let depth = 0;
    let j = i + "recordAudit".length;
    do {
      if (text[j] === "(") depth++;
      else if (text[j] === ")") depth--;
      j++;
    } while (depth > 0 && j < text.length);
    const call = text.slice(i, j);
    if (!call.startsWith("recordAudit(executor")) calls.push(call);
  }
  return calls;
}

/**
 * Every action code the code writes: the literals of each call's `action` expression; where the
 * call passes a variable, every `"<entityType>.<verb>"` literal of that file (the codes it is fed).
 */
function writtenCodes(): Map<string, string> {
  const codes = new Map<string, string>();
  for (const file of sources(path.join(root, "app"))) {
    const text = readFileSync(file, "utf8");
    for (const call of auditCalls(text)) {
      const action = /\baction\b\s*(?::\s*([\s\S]*?))?,\s*\n?\s*entityType:\s*"([a-z_]+)"/.exec(call);
      expect(action, `${path.relative(root, file)}: ${call.slice(0, 120)}`).not.toBeNull();
      const [, expression = "", entityType] = action!;
      expect(expression, `${path.relative(root, file)}: action codes are whole literals, not built from parts`).not.toContain("`");
      const literals = [...expression.matchAll(CODE)].map((m) => m[1]!);
      const fed = literals.length > 0 ? literals : [...text.matchAll(CODE)].map((m) => m[1]!).filter((c) => c.startsWith(`${entityType}.`));
      expect(fed.length, `${path.relative(root, file)}: no action code found for ${call.slice(0, 120)}`).toBeGreaterThan(0);
      for (const code of fed) codes.set(code, path.relative(root, file));
    }
  }
  return codes;
}

describe("audit action codes", () => {
  const codes = writtenCodes();

  it("finds the codes the use cases write", () => {
    expect(codes.size).toBeGreaterThan(100);
    expect([...codes.keys()]).toEqual(expect.arrayContaining(["ticket.assigned", "licence.extended", "licence.source_modified_flagged", "time_entry.updated", "complaint.answered"]));
  });

  it("every code written anywhere has a message in English and Russian naming the entity", () => {
    const missing = [...codes].filter(([code]) => !(`auditAction.${code}` in en) || !(`auditAction.${code}` in ru)).map(([code, file]) => `${code} (${file})`);
    expect(missing).toEqual([]);
    for (const code of codes.keys()) {
      if (code === "mail.settings_updated") continue;
      for (const catalogue of [en, ru] as Array<Record<string, string>>) expect(catalogue[`auditAction.${code}`], code).toContain("{entity}");
    }
  });
});

describe("audit entries in words", () => {
  const ticketId = "8d9a0c55-0000-4000-8000-000000000001";
  const ivan = "8d9a0c55-0000-4000-8000-000000000002";
  const refs = { [`ticket:${ticketId}`]: { label: "#1005", href: "/desk/tickets/1005" }, [`user:${ivan}`]: { label: "Ivan Petrov", href: null } };
  const assigned = { action: "ticket.assigned", entityType: "ticket", entityId: ticketId, before: { assigneeId: null }, after: { assigneeId: ivan } };

  it("lists the ids a page needs, once per kind", () => {
    const wanted = idsToResolve([assigned, { ...assigned, after: { assigneeId: ivan, note: "not an id" } }]);
    expect(wanted).toEqual(new Map([["ticket", new Set([ticketId])], ["user", new Set([ivan])]]));
  });

  it("says who was assigned, with the ticket by number, in both languages; unknown codes still read", () => {
    expect(partsText(auditWords("en", refs).sentence(assigned))).toBe("assigned #1005 to Ivan Petrov");
    expect(partsText(auditWords("ru", refs).sentence(assigned))).toBe("#1005: назначен исполнитель Ivan Petrov");
    expect(partsText(auditWords("en", refs).sentence({ ...assigned, action: "ticket.teleported" }))).toBe("ticket.teleported on #1005");
  });

  it("shows changed fields only, with codes as labels", () => {
    expect(auditChanges({ status: "open", priority: "high" }, { status: "pending", priority: "high" })).toEqual([{ field: "status", from: "open", to: "pending" }]);
    const words = auditWords("ru", refs);
    expect(words.value("ticket", "status", "pending")).toBe(ru["ticket.status.pending"]);
    expect(words.fieldName("assigneeId")).toBe("исполнитель");
    expect(humaniseField("sourceCheckRequestedAt")).toBe("source check requested at");
  });

  it("says a reason the system stored as a message in the reader's language; text people wrote stays theirs", () => {
    const opened = { key: "auditReason.disputeOpened" };
    const refunded = { key: "auditReason.planOrderRefunded", params: { number: "1042" } };
    expect(auditWords("en", refs).value("licence", "reason", opened)).toBe("payment dispute opened");
    expect(auditWords("ru", refs).value("licence", "reason", opened)).toBe("открыт платёжный спор");
    expect(auditWords("en", refs).value("organisation", "reason", refunded)).toBe("order 1042 refunded");
    expect(auditWords("ru", refs).value("organisation", "reason", refunded)).toBe("возврат по заказу № 1042");
    expect(auditWords("ru", refs).value("order", "reason", { key: "refund.reason.stripeEvent", params: { event: "evt_1" } })).toBe("Возврат в Stripe (событие evt_1)");
    // Entries written before reasons were messages, and staff's own words, read as they are.
    expect(auditWords("ru", refs).value("licence", "reason", "payment dispute opened")).toBe("payment dispute opened");
    expect(auditWords("en", refs).value("order", "reason", "Вернули деньги")).toBe("Вернули деньги");
  });

  it.each([
    { name: "an unknown key", v: { key: "no.such.key" } },
    { name: "a key with extra fields", v: { key: "auditReason.disputeOpened", other: 1 } },
    { name: "parameters that are not text or numbers", v: { key: "auditReason.planOrder", params: { number: { deep: 1 } } } },
    { name: "an array", v: ["auditReason.disputeOpened"] },
  ])("does not take $name for a stored message", ({ v }) => {
    expect(storedMessage(v)).toBeNull();
    expect(auditWords("en", refs).value("order", "reason", v)).toBe(JSON.stringify(v));
  });

  it("says a complaint's stored subject in the reader's language", () => {
    expect(auditWords("en", refs).value("complaint", "subject", "Жалоба по обращениям #7, #1042")).toBe("Complaint on requests #7, #1042");
    expect(auditWords("ru", refs).value("complaint", "subject", "Complaint on request #1001")).toBe("Жалоба по обращению #1001");
    expect(auditWords("ru", refs).value("ticket", "subject", "Complaint on request #1001")).toBe("Complaint on request #1001");
  });
});
