import type { LoaderFunctionArgs } from "@remix-run/node";
import { describe, expect, it } from "vitest";
import { auditChanges } from "~/modules/accounts/audit-readable";
import { auditWords, partsText } from "~/modules/accounts/audit-words";
import { extendSupport } from "~/modules/licensing/licences.server";
import { assignTicket } from "~/modules/tickets/desk.server";
import { loader as auditLoader } from "~/routes/admin.audit";
import { loader as licenceLoader } from "~/routes/desk.licences.$licenceId";
import { loader as outboxLoader } from "~/routes/desk.outbox._index";
import { loader as rootLoader } from "~/root";
import { createSession } from "~/modules/accounts/auth.server";
import { eq } from "drizzle-orm";
import { users } from "#db/schema";
import { fileComplaint } from "~/modules/quality/complaints.server";
import { db } from "~/utils/db.server";
import { createLicence } from "../factories/licensing";
import { FACTS, MONDAY_10_MSK, solvedTicketScenario } from "../factories/quality";
import { customerWithLicence, fileTestTicket, staff } from "../factories/tickets";

async function get<T>(loader: (args: LoaderFunctionArgs) => Promise<T>, path: string, userId: string, params: Record<string, string> = {}) {
  const cookie = (await createSession(userId, new Request("http://keydesk.test/"))).split(";")[0]!;
  try {
    return { status: 200, data: await loader({ request: new Request(`http://keydesk.test${path}`, { headers: { Cookie: cookie } }), params, context: {} }) };
  } catch (error) {
    if (error instanceof Response) return { status: error.status, data: null };
    throw error;
  }
}

describe("the audit log in words", () => {
  it("shows an assignment as 'assigned #N to <engineer>' in English and Russian, filtered by action and actor", async () => {
    const { customer, licence } = await customerWithLicence();
    const ticket = await fileTestTicket(customer, licence);
    const lead = await staff("team_lead", "Olga Lead");
    const ivan = await staff("engineer", "Ivan Petrov");
    const admin = await staff("admin");
    await assignTicket(lead, ticket.number, ivan.id);

    const page = await get(auditLoader, `/admin/audit?action=ticket.assigned&actor=olga%20lead&entityType=ticket`, admin.id);
    expect(page.status).toBe(200);
    const { entries, refs } = page.data!;
    expect(entries).toHaveLength(1);
    const entry = entries[0]!;
    expect(partsText(auditWords("en", refs).sentence(entry))).toBe(`assigned #${ticket.number} to Ivan Petrov`);
    expect(partsText(auditWords("ru", refs).sentence(entry))).toBe(`#${ticket.number}: назначен исполнитель Ivan Petrov`);
    expect(auditWords("en", refs).sentence(entry)).toContainEqual({ label: `#${ticket.number}`, href: `/desk/tickets/${ticket.number}` });
    const [change] = auditChanges(entry.before, entry.after);
    const words = auditWords("en", refs);
    expect(`${words.fieldName(change!.field)}: ${partsText(words.value("ticket", change!.field, change!.from))} → ${partsText(words.value("ticket", change!.field, change!.to))}`).toBe(
      "assignee: — → Ivan Petrov",
    );
    // Another actor's name, or a code the page cannot name, filters nothing in / is ignored.
    expect((await get(auditLoader, `/admin/audit?action=ticket.assigned&actor=nobody-by-this-name`, admin.id)).data!.entries).toHaveLength(0);
    expect((await get(auditLoader, `/admin/audit?action=drop%20table&entityType=%27`, admin.id)).status).toBe(200);
    expect((await get(auditLoader, `/admin/audit`, lead.id)).status).toBe(403);
  });

  it("shows a licence's support extension on its history as old → new", async () => {
    const licence = await createLicence({ activatedAt: new Date(Date.now() - 30 * 86_400_000), host: "audit.example.com" });
    const lead = await staff("team_lead");
    await extendSupport(lead, licence.id, 14, "goodwill");
    const page = await get(licenceLoader, `/desk/licences/${licence.id}`, lead.id, { licenceId: licence.id });
    const { entries, refs } = page.data!.history;
    const entry = entries.find((e) => e.action === "licence.extended")!;
    const words = auditWords("en", refs, (v) => v.slice(0, 10));
    expect(partsText(words.sentence(entry))).toBe(`extended support on ${licence.key}`);
    const change = auditChanges(entry.before, entry.after).find((c) => c.field === "supportUntil")!;
    const from = partsText(words.value("licence", "supportUntil", change.from));
    const to = partsText(words.value("licence", "supportUntil", change.to));
    expect(from).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(to).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(to > from).toBe(true);
    expect(words.fieldName("supportUntil")).toBe("support until");
    expect(auditWords("ru", refs).fieldName("supportUntil")).toBe("поддержка до");
  });

  it("names a complaint by its subject in the reader's language, whatever language its author filed it in", async () => {
    const { customer, ticket } = await solvedTicketScenario();
    await db.update(users).set({ locale: "ru" }).where(eq(users.id, customer.id));
    const complaint = await fileComplaint(customer, { ticketIds: [ticket.id], description: FACTS }, [], MONDAY_10_MSK);
    expect(complaint.subject).toBe(`Жалоба по обращению #${ticket.number}`);
    const admin = await staff("admin");
    const read = async (locale: "en" | "ru") => {
      await db.update(users).set({ locale }).where(eq(users.id, admin.id));
      const page = await get(auditLoader, `/admin/audit?action=complaint.filed&entityType=complaint`, admin.id);
      const entry = page.data!.entries.find((e) => e.entityId === complaint.id)!;
      const words = auditWords(locale, page.data!.refs);
      return { sentence: partsText(words.sentence(entry)), subject: partsText(words.value("complaint", "subject", (entry.after as { subject: string }).subject)) };
    };
    expect(await read("en")).toEqual({ sentence: expect.stringContaining(`«Complaint on request #${ticket.number}»`) as unknown, subject: `Complaint on request #${ticket.number}` });
    expect(await read("ru")).toEqual({ sentence: expect.stringContaining(`«Жалоба по обращению #${ticket.number}»`) as unknown, subject: `Жалоба по обращению #${ticket.number}` });
  });
});

/** Every address the root loader's navigation offers (staff: groups of links; customers: their account links too). */
function navLinks(data: unknown): string[] {
  const { nav, account } = data as { nav: Array<{ items: Array<{ to: string }> }>; account?: Array<{ to: string }> };
  return [...nav.flatMap((group) => group.items.map((item) => item.to)), ...(account ?? []).map((item) => item.to)];
}

describe("the email outbox", () => {
  it("is open to every staff role and listed in their navigation; customers get 404", async () => {
    for (const role of ["engineer", "team_lead", "quality", "admin"] as const) {
      const user = await staff(role);
      expect((await get(outboxLoader, "/desk/outbox", user.id)).status, role).toBe(200);
      const root = await get(rootLoader as never, "/desk", user.id);
      expect(navLinks(root.data), role).toContain("/desk/outbox");
    }
    const { customer } = await customerWithLicence();
    expect((await get(outboxLoader, "/desk/outbox", customer.id)).status).toBe(404);
    const root = await get(rootLoader as never, "/portal", customer.id);
    expect(navLinks(root.data)).not.toContain("/desk/outbox");
  });
});
