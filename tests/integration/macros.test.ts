import { and, eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, licences, macros, ticketMessages, tickets, users } from "#db/schema";
import { applyMacro, deleteMacro, listMacros, macrosForReply, saveMacro, sendMacroReply } from "~/modules/macros/macros.server";
import { macroSchema, type MacroInput } from "~/modules/macros/schemas";
import { runBulk } from "~/modules/tickets/bulk.server";
import { listQueue } from "~/modules/tickets/queue.server";
import { createTag, deleteTag, setTicketTags, tagsForTickets, ticketsByTag, updateTag } from "~/modules/tickets/tags.server";
import { db } from "~/utils/db.server";
import { AppError } from "~/utils/errors.server";
import { customerWithLicence, fileTestTicket, minutesAfter, MONDAY_10_MSK, staff } from "../factories/tickets";

const T0 = MONDAY_10_MSK;

function input(overrides: Partial<Record<keyof MacroInput, string>> = {}): MacroInput {
  const parsed = macroSchema.safeParse({ title: "Waiting for logs", bodyEn: "", bodyRu: "", setStatus: "", setPriority: "", assign: "", addTags: "", shared: "", ...overrides });
  if (!parsed.success) throw new Error(JSON.stringify(parsed.error.issues));
  return parsed.data;
}

async function ticketFor(locale: "en" | "ru", name: string) {
  const { customer, licence } = await customerWithLicence({ locale, timeZone: "Europe/Moscow" });
  await db.update(users).set({ name }).where(eq(users.id, customer.id));
  await db.update(licences).set({ supportUntil: new Date("2026-11-30T21:30:00Z") }).where(eq(licences.id, licence.id));
  const filed = await fileTestTicket(customer, licence, { now: T0 });
  const [row] = await db.select().from(tickets).where(eq(tickets.number, filed.number));
  return { ticket: row!, licence };
}

const BODIES = {
  bodyEn: "Hello {{customer.first_name}}, ticket #{{ticket.number}}: support until {{licence.support_until}}, renewal {{renewal.price}}. {{agent.name}}",
  bodyRu: "Здравствуйте, {{customer.first_name}}! Заявка №{{ticket.number}}: поддержка до {{licence.support_until}}, продление {{renewal.price}}. {{agent.name}}",
};

describe("macros", () => {
  it("renders the placeholders in the customer's language, with the other language as a fallback", async () => {
    const engineer = await staff("engineer", "Boris Ivanov");
    const macro = await saveMacro(engineer, null, input(BODIES));
    const en = await ticketFor("en", "Anna Smith");
    const ru = await ticketFor("ru", "Ольга Петрова");
    const [forEn] = (await macrosForReply(engineer, en.ticket.number)).filter((m) => m.id === macro.id);
    const [forRu] = (await macrosForReply(engineer, ru.ticket.number)).filter((m) => m.id === macro.id);
    // 21:30 UTC on 30 November is 1 December in Moscow, the customers' zone.
    // The renewal: 50 % of the product's 12 000 RUB list price, written the customer's way.
    expect(forEn!.body).toMatch(new RegExp(`^Hello Anna, ticket #${en.ticket.number}: support until December 1, 2026, renewal RUB\\s6,000\\.00\\. Boris Ivanov$`, "u"));
    expect(forRu!.body).toMatch(new RegExp(`^Здравствуйте, Ольга! Заявка №${ru.ticket.number}: поддержка до 1 декабря 2026 г\\., продление 6\\s000,00\\s₽\\. Boris Ivanov$`, "u"));
    expect(forEn!.body).not.toContain("{{");
    // Only an English text: the Russian customer gets it rather than nothing.
    const onlyEn = await saveMacro(engineer, null, input({ title: "English only", bodyEn: "Hi {{customer.name}}" }));
    const [fallback] = (await macrosForReply(engineer, ru.ticket.number)).filter((m) => m.id === onlyEn.id);
    expect(fallback!.body).toBe("Hi Ольга Петрова");
  });

  it("refuses unknown placeholders by name, and shared macros from engineers", async () => {
    const engineer = await staff("engineer");
    const parsed = macroSchema.safeParse({ title: "x", bodyEn: "Hi {{customer.nickname}}", shared: "" });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues[0]!.message).toBe("macros.error.unknownPlaceholder");
    await expect(saveMacro(engineer, null, { ...input({ bodyEn: "x" }), bodyRu: "{{ticket.numbr}}" })).rejects.toMatchObject({ code: "invalid", message: "macros.error.unknownPlaceholder", userMessage: { key: "macros.error.unknownPlaceholder", params: { input: "ticket.numbr" } }, fieldErrors: { bodyRu: [{ key: "macros.error.unknownPlaceholder", params: { input: "ticket.numbr" } }] } });
    await expect(saveMacro(engineer, null, input({ bodyEn: "x", shared: "on" }))).rejects.toMatchObject({ code: "forbidden" });
    const lead = await staff("team_lead");
    const shared = await saveMacro(lead, null, input({ title: "Team answer", bodyEn: "x", shared: "on" }));
    expect((await listMacros(engineer, { q: "team ans" })).map((m) => [m.id, m.editable])).toEqual([[shared.id, false]]);
    await expect(deleteMacro(engineer, shared.id)).rejects.toMatchObject({ code: "forbidden" });
  });

  it("applyMacro posts the reply, sets pending (clocks paused), applies the actions and counts the use, in one audited transaction", async () => {
    const engineer = await staff("engineer");
    const macro = await saveMacro(engineer, null, input({ ...BODIES, setStatus: "pending", setPriority: "high", addTags: "Needs-Logs, billing", assign: "me" }));
    const { ticket } = await ticketFor("ru", "Ольга Петрова");
    const now = minutesAfter(T0, 30);
    const result = await applyMacro(engineer, ticket.id, macro.id, now);
    expect(result.status).toBe("pending");
    const [row] = await db.select().from(tickets).where(eq(tickets.id, ticket.id));
    expect(row).toMatchObject({ status: "pending", priority: "high", assigneeId: engineer.id, slaState: "paused", slaDueAt: null });
    const messages = await db.select().from(ticketMessages).where(and(eq(ticketMessages.ticketId, ticket.id), eq(ticketMessages.fromStaff, true)));
    expect(messages).toHaveLength(1);
    expect(messages[0]!.body).toContain(`Заявка №${ticket.number}`);
    expect(messages[0]!.visibility).toBe("public");
    const [counted] = await db.select().from(macros).where(eq(macros.id, macro.id));
    expect(counted!.usageCount).toBe(1);
    const tagsNow = await tagsForTickets(engineer, [ticket.id], "en");
    expect(tagsNow[ticket.id]!.map((t) => t.name)).toEqual(["billing", "needs-logs"]);
    const audit = await db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.entityId, ticket.id));
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(["ticket.staff_replied", "macro.applied", "ticket.tags_changed", "ticket.priority_changed", "ticket.assigned"]));
  });

  it("rolls everything back when the reply cannot be posted (a closed ticket)", async () => {
    const engineer = await staff("engineer");
    const macro = await saveMacro(engineer, null, input({ bodyEn: "x", setStatus: "pending", addTags: "x" }));
    const { ticket } = await ticketFor("en", "Anna Smith");
    await db.update(tickets).set({ status: "closed" }).where(eq(tickets.id, ticket.id));
    await expect(applyMacro(engineer, ticket.id, macro.id)).rejects.toBeInstanceOf(AppError);
    const [counted] = await db.select().from(macros).where(eq(macros.id, macro.id));
    expect(counted!.usageCount).toBe(0);
    expect(await tagsForTickets(engineer, [ticket.id], "en")).toEqual({});
  });

  it("the reply box sends an edited macro text with its actions and counts the use", async () => {
    const engineer = await staff("engineer");
    const macro = await saveMacro(engineer, null, input({ bodyEn: "x", setStatus: "pending" }));
    const { ticket } = await ticketFor("en", "Anna Smith");
    await sendMacroReply(engineer, ticket.number, macro.id, { body: "Edited text", visibility: "public" }, [], minutesAfter(T0, 5));
    const [row] = await db.select().from(tickets).where(eq(tickets.id, ticket.id));
    expect(row!.status).toBe("pending");
    const [counted] = await db.select().from(macros).where(eq(macros.id, macro.id));
    expect(counted!.usageCount).toBe(1);
  });
});

describe("tags", () => {
  it("normalises, filters the queue by tag, follows renames and deletes, and counts by tag", async () => {
    const engineer = await staff("engineer");
    const admin = await staff("admin");
    const a = await ticketFor("en", "Anna Smith");
    const b = await ticketFor("en", "Bob Jones");
    const tag = `Refund${Date.now() % 100000}`;
    const name = tag.toLowerCase();
    expect(await setTicketTags(engineer, a.ticket.id, [` ${tag} `, name, "Needs Review"])).toEqual(["needs-review", name].sort());
    await setTicketTags(engineer, b.ticket.id, ["needs-review"]);
    await expect(setTicketTags(engineer, b.ticket.id, ["bad<tag>"])).rejects.toMatchObject({ code: "invalid", message: "tags.error.characters", userMessage: { key: "tags.error.characters", params: { input: "bad<tag>" } } });
    const customer = { ...engineer, role: "customer" as const, organisationId: a.ticket.organisationId };
    await expect(setTicketTags(customer, a.ticket.id, ["x"])).rejects.toMatchObject({ code: "forbidden" });

    const filtered = await listQueue(engineer, { queue: "all", tag: name });
    expect(filtered.rows.map((r) => r.number)).toEqual([a.ticket.number]);

    const managed = await createTag(admin, { labelEn: tag, labelRu: "Возврат", colour: "#AA0000" });
    const labels = await tagsForTickets(engineer, [a.ticket.id], "ru");
    expect(labels[a.ticket.id]!.find((t) => t.name === name)).toMatchObject({ label: "Возврат", colour: "#aa0000", managed: true });
    await updateTag(admin, managed.id, { labelEn: `${tag}-money`, labelRu: "Возврат денег" });
    expect((await listQueue(engineer, { queue: "all", tag: `${name}-money` })).rows.map((r) => r.number)).toEqual([a.ticket.number]);

    const report = await ticketsByTag(admin);
    expect(report.find((r) => r.tag === `${name}-money`)).toMatchObject({ tickets: 1, active: 1, labelRu: "Возврат денег" });
    expect(report.find((r) => r.tag === "needs-review")!.tickets).toBeGreaterThanOrEqual(2);

    expect(await deleteTag(admin, managed.id)).toBe(1);
    expect((await listQueue(engineer, { queue: "all", tag: `${name}-money` })).rows).toEqual([]);
    await expect(createTag(engineer, { labelEn: "x", labelRu: "x" })).rejects.toMatchObject({ code: "forbidden" });
  });
});

describe("macros and tags in bulk", () => {
  it("a macro answers each selected ticket in its customer's language and sets them pending; a tag is added beside the others; a closed ticket is named", async () => {
    const engineer = await staff();
    const en = await ticketFor("en", "Anna Smith");
    const ru = await ticketFor("ru", "Борис Петров");
    const closed = await ticketFor("en", "Clara Closed");
    await db.update(tickets).set({ status: "closed", closedAt: T0 }).where(eq(tickets.id, closed.ticket.id));
    await setTicketTags(engineer, en.ticket.id, ["billing"]);
    const macro = await saveMacro(engineer, null, input({ ...BODIES, title: "Logs please", setStatus: "pending" }));
    const numbers = [en.ticket.number, ru.ticket.number, closed.ticket.number];

    const answered = await runBulk(engineer, "macro", { macro: macro.id }, { numbers }, minutesAfter(T0, 20));
    expect(answered.changed.sort()).toEqual([en.ticket.number, ru.ticket.number].sort());
    expect(answered.failed).toEqual([{ number: closed.ticket.number, reason: { code: "closed" } }]);
    const replies = await db.select().from(ticketMessages).where(and(eq(ticketMessages.fromStaff, true), eq(ticketMessages.authorId, engineer.id)));
    expect(replies.find((m) => m.ticketId === en.ticket.id)?.body).toMatch(/^Hello Anna, ticket #\d+/);
    expect(replies.find((m) => m.ticketId === ru.ticket.id)?.body).toMatch(/^Здравствуйте, Борис! Заявка №\d+/);
    const statuses = await db.select({ id: tickets.id, status: tickets.status }).from(tickets).where(inArray(tickets.id, [en.ticket.id, ru.ticket.id]));
    expect(statuses.map((s) => s.status)).toEqual(["pending", "pending"]);

    const tagged = await runBulk(engineer, "tag", { tag: "  Urgent Fix " }, { numbers });
    expect(tagged.changed.sort()).toEqual([en.ticket.number, ru.ticket.number].sort());
    const labels = await tagsForTickets(engineer, [en.ticket.id, ru.ticket.id], "en");
    expect(labels[en.ticket.id]!.map((l) => l.name)).toEqual(["billing", "urgent-fix"]);
    expect(labels[ru.ticket.id]!.map((l) => l.name)).toEqual(["urgent-fix"]);
  });
});
