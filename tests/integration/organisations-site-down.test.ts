import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditLog, complaints, contracts, emails, notificationOptOuts, organisations, reviews, settings, supportPlans, ticketEvents, tickets, users } from "#db/schema";
import { parseOrganisationForm } from "~/modules/accounts/organisation-form";
import { mergeOrganisations, previewOrganisationMerge, updateOrganisation } from "~/modules/accounts/organisations.server";
import { saveNotificationPreferences } from "~/modules/notifications/notifications.server";
import { runReport } from "~/modules/reports/reports.server";
import { parseReportFilters } from "~/modules/reports/filters";
import { forgetCachedSettings } from "~/modules/settings/settings.server";
import { customerTicketView } from "~/modules/tickets/customer.server";
import { clearSiteDown } from "~/modules/tickets/desk.server";
import { action as orgAction, loader as orgLoader } from "~/routes/desk.organisations.$orgId";
import { createSession } from "~/modules/accounts/auth.server";
import { db, rowsOf, toNumber } from "~/utils/db.server";
import { AppError } from "~/utils/errors.server";
import { innCheckDigits } from "~/modules/imports/normalise";
import { createOrganisation, createUser } from "../factories/accounts";
import { addTimeEntry } from "../factories/quality";
import { createTestLicence, customerWithLicence, fileTestTicket, MONDAY_10_MSK as T0, staff } from "../factories/tickets";
import { createPrepaidOrder } from "../factories/time";

/**
 * Organisations (edit with duplicate warnings, merge moving every row) and "site is down"
 * (urgent or high by plan, on-call and leads emailed whatever their preferences, clearing with
 * a reason, the report's count). One database; setup shared per block.
 */

const inn = (body: string) => body + innCheckDigits(body);
const cookieFor = async (userId: string) => (await createSession(userId, new Request("http://keydesk.test/"))).split(";")[0]!;
const form = (values: Record<string, string>) => {
  const body = new FormData();
  for (const [k, v] of Object.entries(values)) body.set(k, v);
  return body;
};
const unwrap = <T,>(result: unknown): { body: T; status: number } =>
  result && typeof result === "object" && "data" in result && "init" in result
    ? { body: (result as { data: T }).data, status: (result as { init: { status?: number } | null }).init?.status ?? 200 }
    : { body: result as T, status: 200 };

async function countByOrg(table: string, organisationId: string) {
  const [row] = rowsOf<{ n: number | string }>(await db.execute(sql`select count(*)::int as n from ${sql.raw(`"${table}"`)} where organisation_id = ${organisationId}`));
  return toNumber(row!.n);
}

describe("editing an organisation", () => {
  let admin: Awaited<ReturnType<typeof staff>>;
  let lead: Awaited<ReturnType<typeof staff>>;
  beforeAll(async () => {
    admin = await staff("admin");
    lead = await staff("team_lead");
  });

  it("normalises the form, saves with an audit entry, and warns (with links) when the tax ID, a phone or an email is another organisation's", async () => {
    const taxId = inn("770708389");
    const other = await createOrganisation("ООО «Ромашка»");
    await db.update(organisations).set({ taxId, extraPhones: ["+74951234567"] }).where(eq(organisations.id, other.id));
    const third = await createOrganisation("Romashka Trading");
    await db.update(organisations).set({ email: "Office@Romashka.example" }).where(eq(organisations.id, third.id));
    const mine = await createOrganisation("Romashka");

    const parsed = parseOrganisationForm(
      { name: " ООО  “Ромашка-2” ", legalForm: "ООО", taxId: ` ${taxId.slice(0, 4)} ${taxId.slice(4)} `, kpp: "770101001", phones: "8 (495) 123-45-67\n+7 912 345-67-89 доб. 12", emails: "office@romashka.example, Sales@Romashka.example", address: "Moscow", planId: "", notes: "VIP" },
      "RU",
    );
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.values).toMatchObject({ name: 'ООО "Ромашка-2"', taxId, phone: "+74951234567", extraPhones: ["+79123456789;ext=12"], email: "office@romashka.example", extraEmails: ["sales@romashka.example"] });

    const { duplicates } = await updateOrganisation(lead, mine.id, parsed.values);
    expect(duplicates.map((d) => [d.name, d.matches.map((m) => m.by).sort()])).toEqual([
      ["Romashka Trading", ["email"]],
      ["ООО «Ромашка»", ["phone", "taxId"]],
    ]);
    const [saved] = await db.select().from(organisations).where(eq(organisations.id, mine.id));
    expect(saved).toMatchObject({ taxId, kpp: "770101001", phone: "+74951234567", notes: "VIP" });
    const audits = await db.select().from(auditLog).where(and(eq(auditLog.entityId, mine.id), eq(auditLog.action, "organisation.updated")));
    expect(audits).toHaveLength(1);
    expect(audits[0]!.after).toMatchObject({ taxId, phone: "+74951234567" });
    // Saving the same values again changes nothing and writes no second audit entry.
    await updateOrganisation(lead, mine.id, parsed.values);
    expect(await db.select().from(auditLog).where(and(eq(auditLog.entityId, mine.id), eq(auditLog.action, "organisation.updated")))).toHaveLength(1);
    // An engineer may read but not edit.
    await expect(updateOrganisation(await staff("engineer"), mine.id, parsed.values)).rejects.toBeInstanceOf(AppError);

    // Through the route: a bad check digit is a 400 with everything typed kept, never a 5xx.
    const cookie = await cookieFor(admin.id);
    const bad = unwrap<{ ok: boolean; fieldErrors: Record<string, { code: string }>; values: Record<string, string> }>(
      await orgAction({
        request: new Request(`http://keydesk.test/desk/organisations/${mine.id}`, { method: "POST", body: form({ name: "Romashka", taxId: taxId.slice(0, 9) + ((Number(taxId[9]) + 1) % 10), phones: "not a phone" }), headers: { Cookie: cookie } }),
        params: { orgId: mine.id },
        context: {},
      }),
    );
    expect(bad.status).toBe(400);
    expect(bad.body.fieldErrors).toMatchObject({ taxId: { code: "inn_checksum" }, phones: { code: "phone_invalid" } });
    expect(bad.body.values.phones).toBe("not a phone");
    const page = unwrap<{ duplicates: Array<{ id: string }> }>(await orgLoader({ request: new Request(`http://keydesk.test/desk/organisations/${mine.id}`, { headers: { Cookie: cookie } }), params: { orgId: mine.id }, context: {} }));
    expect(page.body.duplicates.map((d) => d.id).sort()).toEqual([other.id, third.id].sort());
  });

  it("merges one organisation into another in one step: every organisation_id row moves (counts per table), twins stay, the old page redirects", async () => {
    const { organisation: gone, customer, licence } = await customerWithLicence();
    const second = await createUser("customer", { organisationId: gone.id });
    await createTestLicence(gone.id);
    const ticket = await fileTestTicket(customer, licence);
    const [ticketRow] = await db.select().from(tickets).where(eq(tickets.id, ticket.id));
    const engineer = await staff("engineer");
    await addTimeEntry(ticketRow!, engineer.id, { minutes: 30 });
    await addTimeEntry(ticketRow!, engineer.id, { minutes: 15 });
    await createPrepaidOrder(gone.id, 5);
    await db.insert(complaints).values({ organisationId: gone.id, authorId: customer.id, subject: "Slow answers", description: "We waited two days." });
    await db.insert(reviews).values({ organisationId: gone.id, productId: licence.productId, authorId: customer.id, before: "b", why: "w", after: "a", productRating: 5, supportRating: 5 });
    await db.insert(contracts).values({ organisationId: gone.id, freeMinutesPerDay: 30 });
    await db.update(organisations).set({ taxId: inn("500100732"), phone: "+74957654321", notes: "old notes" }).where(eq(organisations.id, gone.id));
    const keep = await createOrganisation("Keeper LLC");
    await db.insert(contracts).values({ organisationId: keep.id, freeMinutesPerDay: 60 });
    const historyBefore = await db.select().from(ticketEvents).where(eq(ticketEvents.ticketId, ticket.id));

    const preview = await previewOrganisationMerge(admin, keep.id, gone.id);
    const counts = Object.fromEntries(preview.counts.map((c) => [c.table, c.rows]));
    expect(counts).toMatchObject({ users: 2, licences: 2, tickets: 1, time_entries: 2, orders: 1, complaints: 1, reviews: 1, contracts: 1 });
    await expect(mergeOrganisations(lead, keep.id, gone.id)).rejects.toMatchObject({ code: "forbidden" });

    const result = await mergeOrganisations(admin, keep.id, gone.id, T0);
    const moved = Object.fromEntries(result.moved.map((c) => [c.table, c.rows]));
    expect(moved).toMatchObject({ users: 2, licences: 2, tickets: 1, time_entries: 2, orders: 1, complaints: 1, reviews: 1 });
    expect(moved.contracts).toBeUndefined();
    expect(result.keptBehind).toEqual([{ table: "contracts", rows: 1 }]);
    for (const [table, rows] of Object.entries({ users: 2, licences: 2, tickets: 1, time_entries: 2, orders: 1, complaints: 1, reviews: 1, contracts: 1 })) {
      expect([table, await countByOrg(table, keep.id)]).toEqual([table, rows]);
    }
    for (const table of ["users", "licences", "tickets", "time_entries", "orders", "complaints", "reviews"]) expect([table, await countByOrg(table, gone.id)]).toEqual([table, 0]);
    expect(await db.select().from(ticketEvents).where(eq(ticketEvents.ticketId, ticket.id))).toHaveLength(historyBefore.length);
    const [contract] = await db.select().from(contracts).where(eq(contracts.organisationId, keep.id));
    expect(contract!.freeMinutesPerDay).toBe(60);

    const [kept] = await db.select().from(organisations).where(eq(organisations.id, keep.id));
    expect(kept).toMatchObject({ taxId: inn("500100732"), phone: "+74957654321" });
    expect(kept!.notes).toContain("old notes");
    const [merged] = await db.select().from(organisations).where(eq(organisations.id, gone.id));
    expect(merged!.mergedIntoId).toBe(keep.id);
    expect((await db.select().from(auditLog).where(eq(auditLog.action, "organisation.merged"))).map((a) => a.entityId)).toEqual([keep.id]);
    expect(await db.select({ id: users.id }).from(users).where(eq(users.id, second.id))).toHaveLength(1);

    const redirect = await orgLoader({ request: new Request(`http://keydesk.test/desk/organisations/${gone.id}`, { headers: { Cookie: await cookieFor(admin.id) } }), params: { orgId: gone.id }, context: {} }).catch((r: unknown) => r);
    expect(redirect).toBeInstanceOf(Response);
    expect((redirect as Response).headers.get("Location")).toBe(`/desk/organisations/${keep.id}?merged=1`);
    await expect(mergeOrganisations(admin, keep.id, gone.id)).rejects.toMatchObject({ code: "conflict" });
  });
});

describe('"site is down"', () => {
  let lead: Awaited<ReturnType<typeof staff>>;
  let quietLead: Awaited<ReturnType<typeof staff>>;
  let onCall: Awaited<ReturnType<typeof staff>>;
  beforeAll(async () => {
    lead = await staff("team_lead");
    quietLead = await staff("team_lead");
    onCall = await staff("engineer");
    // Everything optional turned off, and even a stored opt-out row for site_down (the form
    // cannot write one), do not silence a site-down email.
    await saveNotificationPreferences(quietLead, ["sla_breach"]);
    await saveNotificationPreferences(onCall, []);
    await db.insert(notificationOptOuts).values([quietLead, onCall].map((u) => ({ userId: u.id, kind: "site_down" })));
    await db.insert(settings).values({ key: "tickets", value: { onCallEmail: onCall.email.toUpperCase() } }).onConflictDoUpdate({ target: settings.key, set: { value: { onCallEmail: onCall.email.toUpperCase() } } });
    forgetCachedSettings();
  });

  it("is urgent on a plan that allows it, high (with the upsell) otherwise; clocks start on that priority; on-call and every lead are emailed", async () => {
    const standard = await customerWithLicence();
    const priorityOrg = await customerWithLicence();
    const [priorityPlan] = await db.select().from(supportPlans).where(eq(supportPlans.slug, "priority"));
    expect(priorityPlan!.allowsUrgent).toBe(true);
    await db.update(organisations).set({ planId: priorityPlan!.id }).where(eq(organisations.id, priorityOrg.organisation.id));

    const urgent = await fileTestTicket(priorityOrg.customer, priorityOrg.licence, { input: { siteDown: true } });
    const high = await fileTestTicket(standard.customer, standard.licence, { input: { siteDown: true } });
    const plain = await fileTestTicket(standard.customer, standard.licence);
    const byId = async (id: string) => (await db.select().from(tickets).where(eq(tickets.id, id)))[0]!;
    const [u, h, p] = [await byId(urgent.id), await byId(high.id), await byId(plain.id)];
    expect([u.priority, h.priority, p.priority]).toEqual(["urgent", "high", "normal"]);
    // The customer on Standard is shown the upsell naming their plan; on Priority, the urgent note.
    expect((await customerTicketView(standard.customer, high.number, T0)).siteDownUpsell).toBe("Standard");
    expect((await customerTicketView(priorityOrg.customer, urgent.number, T0)).siteDownUpsell).toBeNull();
    // Monday 10:00 MSK: the Priority plan's urgent first response is 30 business minutes.
    expect(u.slaDueAt!.toISOString()).toBe(new Date(T0.getTime() + 30 * 60_000).toISOString());

    const siteDownMails = await db.select().from(emails).where(eq(emails.template, "tickets.site-down"));
    const to = (ticketId: string) => siteDownMails.filter((e) => e.ticketId === ticketId).map((e) => e.toAddress).sort();
    expect(to(urgent.id)).toEqual(expect.arrayContaining([lead.email, quietLead.email, onCall.email.toLowerCase()]));
    expect(to(urgent.id)).toHaveLength(new Set(to(urgent.id)).size);
    expect(to(high.id)).toEqual(to(urgent.id));
    expect(to(plain.id)).toEqual([]);
    expect(siteDownMails.find((e) => e.ticketId === urgent.id && e.toAddress === onCall.email.toLowerCase())!.subject).toContain(`#${urgent.number}`);
  });

  it("staff clear a misused flag with a required reason (history and audit), and the backlog report counts flags by organisation", async () => {
    const { organisation, customer, licence } = await customerWithLicence();
    const engineer = await staff("engineer");
    const first = await fileTestTicket(customer, licence, { input: { siteDown: true } });
    await fileTestTicket(customer, licence, { input: { siteDown: true } });
    await fileTestTicket(customer, licence);

    await expect(clearSiteDown(engineer, first.number, "  ")).rejects.toMatchObject({ code: "invalid" });
    await clearSiteDown(engineer, first.number, "The site works; the customer meant a slow page", T0);
    await expect(clearSiteDown(engineer, first.number, "again")).rejects.toMatchObject({ code: "conflict" });
    const [row] = await db.select().from(tickets).where(eq(tickets.id, first.id));
    expect(row).toMatchObject({ siteDown: false, siteDownClearedBy: engineer.id, siteDownClearReason: "The site works; the customer meant a slow page" });
    const [event] = await db.select().from(ticketEvents).where(and(eq(ticketEvents.ticketId, first.id), eq(ticketEvents.type, "site_down_cleared")));
    expect(event!.data).toEqual({ reason: "The site works; the customer meant a slow page" });
    expect(await db.select().from(auditLog).where(and(eq(auditLog.entityId, first.id), eq(auditLog.action, "ticket.site_down_cleared")))).toHaveLength(1);

    const filters = parseReportFilters(new URLSearchParams({ from: "2026-03-01", to: "2026-03-03", organisation: organisation.id }), "Europe/Moscow", new Date("2026-03-04T00:00:00Z"));
    const { result } = await runReport(lead, "backlog", filters, new Date("2026-03-04T00:00:00Z"), (k) => k, "en");
    const table = result.tables.find((t) => t.name === "siteDown")!;
    expect(table.rows).toEqual([[organisation.name, 2, 1]]);
  });
});
