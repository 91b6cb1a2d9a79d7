import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { kbViewer, recordFeedback, saveArticle } from "~/modules/knowledge/articles.server";
import { linkDraftToTicket, markDraftSolved, markSuggestionOpened, suggestArticlesForDraft } from "~/modules/knowledge/deflection.server";
import { parse } from "csv-parse/sync";
import { orders, reviews, supportEntries, timeEntries } from "#db/schema";
import { refreshSupportUntil } from "~/modules/licensing/ledger.server";
import { sendRenewalReminderNow } from "~/modules/licensing/reminders.server";
import { backlogFigures, defaultCalendar, engineerFigures, expiringLicences, renewalFigures } from "~/modules/reports/core-reports.server";
import { parseReportFilters } from "~/modules/reports/filters";
import { renewalCounts } from "~/modules/reports/renewals";
import { slaFigures } from "~/modules/reports/sla-report.server";
import { replyAsCustomer, replyAsStaff, setTicketStatus } from "~/modules/tickets/conversation.server";
import { assignTicket, claimTicket } from "~/modules/tickets/desk.server";
import { loader as reportLoader } from "~/routes/desk.reports.$name";
import { loader as csvLoader } from "~/routes/desk.reports.$name_.csv";
import { createSession } from "~/modules/accounts/auth.server";
import { db } from "~/utils/db.server";
import { createUser } from "../factories/accounts";
import { createLicence, createProduct } from "../factories/licensing";
import { customerWithActivatedLicence } from "../factories/quality";
import { createTestProduct, customerWithLicence, fileTestTicket, staff } from "../factories/tickets";

const ZONE = "Europe/Moscow";
const msk = (local: string) => new Date(`${local}+03:00`);
const filtersFor = (params: Record<string, string>, now = msk("2026-04-01T12:00:00")) => parseReportFilters(new URLSearchParams(params), ZONE, now);

describe("SLA report", () => {
  it("counts compliance, median and p90 in business minutes, over a public holiday (9 March 2026)", async () => {
    const product = await createTestProduct();
    const { customer, licence } = await customerWithLicence({ product, now: msk("2026-03-02T10:00:00") });
    const engineer = await staff("engineer");
    const other = await staff("engineer");

    // A: Friday 17:00 → Tuesday 11:00 across the Monday holiday: 60 + 0 + 60 = 120 business minutes, met.
    const a = await fileTestTicket(customer, licence, { now: msk("2026-03-06T17:00:00") });
    await claimTicket(engineer, a.number, msk("2026-03-06T17:05:00"));
    await replyAsStaff(engineer, a.number, { body: "On it", visibility: "public" }, [], msk("2026-03-10T11:00:00"));
    // B: Monday 10:00 → 15:00 = 300 > 240, breached.
    const b = await fileTestTicket(customer, licence, { now: msk("2026-03-02T10:00:00") });
    await claimTicket(other, b.number, msk("2026-03-02T10:01:00"));
    await replyAsStaff(other, b.number, { body: "Sorry for the wait", visibility: "public" }, [], msk("2026-03-02T15:00:00"));
    // C: 30 minutes, met; then a customer message answered 2 business hours later (next response, met).
    const c = await fileTestTicket(customer, licence, { now: msk("2026-03-03T10:00:00") });
    await claimTicket(engineer, c.number, msk("2026-03-03T10:01:00"));
    await replyAsStaff(engineer, c.number, { body: "Try this", visibility: "public" }, [], msk("2026-03-03T10:30:00"));
    await replyAsCustomer(customer, c.number, "Did not help", [], msk("2026-03-03T11:00:00"));
    await replyAsStaff(engineer, c.number, { body: "Fixed", visibility: "public", status: "solved" }, [], msk("2026-03-03T13:00:00"));

    const figures = await slaFigures(filtersFor({ period: "custom", from: "2026-03-01", to: "2026-03-31", product: product.id, groupBy: "week" }));
    const line = (dim: string, clock: string, key: string | null = null) => figures.find((f) => f.dim === dim && f.line.clock === clock && f.key === key)?.line;
    expect(line("all", "first_response")).toEqual({ clock: "first_response", settled: 3, met: 2, compliance: 66.7, median: 120, p90: 264 });
    expect(line("all", "next_response")).toEqual({ clock: "next_response", settled: 1, met: 1, compliance: 100, median: 120, p90: 120 });
    expect(line("engineer", "first_response", engineer.id)).toMatchObject({ settled: 2, met: 2, compliance: 100, median: 75 });
    expect(line("engineer", "first_response", other.id)).toMatchObject({ settled: 1, met: 0, compliance: 0, median: 300 });
    expect(line("priority", "first_response", "normal")).toMatchObject({ settled: 3, met: 2 });
    // Weeks start on Monday in the viewer's zone: B and C settle in the week of 2 March, A in the week of 9 March.
    expect(line("bucket", "first_response", "2026-03-02")).toMatchObject({ settled: 2, met: 1 });
    expect(line("bucket", "first_response", "2026-03-09")).toMatchObject({ settled: 1, met: 1, median: 120 });

    // The page and its CSV at the same URL: the CSV parses back to the same numbers.
    const lead = await createUser("team_lead", { locale: "en" });
    const cookie = (await createSession(lead.id, new Request("http://keydesk.test/"))).split(";")[0]!;
    const query = `period=custom&from=2026-03-01&to=2026-03-31&product=${product.id}`;
    const call = (path: string, who = cookie) => reportLoader({ request: new Request(`http://keydesk.test${path}`, { headers: { Cookie: who } }), params: { name: "sla" }, context: {} });
    const page = (await call(`/desk/reports/sla?${query}`)) as { result: { tables: Array<{ name: string; rows: unknown[][] }> } };
    expect(page.result.tables.find((t) => t.name === "overall")!.rows[0]).toEqual(["First response", 3, 2, { percent: 66.7 }, { minutes: 120 }, { minutes: 264 }]);
    const csvCall = (path: string, who = cookie) => csvLoader({ request: new Request(`http://keydesk.test${path}`, { headers: { Cookie: who } }), params: { name: "sla" }, context: {} });
    const csv = await csvCall(`/desk/reports/sla/csv?${query}&table=overall`);
    expect(csv.headers.get("Content-Disposition")).toContain("keydesk-sla-overall-2026-03-01-2026-03-31.csv");
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(await csv.arrayBuffer());
    expect(text.startsWith("\uFEFF")).toBe(true);
    const lines = text.slice(1).trim().split("\r\n").map((l) => l.split(","));
    expect(lines[0]).toEqual(["Clock", "Settled", "Met", "Met (%)", "Median (business time)", "p90 (business time)"]);
    expect(lines[1]!.slice(1).map(Number)).toEqual([3, 2, 66.7, 120, 264]);
    const russian = await createUser("team_lead", { locale: "ru" });
    const ruCookie = (await createSession(russian.id, new Request("http://keydesk.test/"))).split(";")[0]!;
    const ruText = new TextDecoder().decode(await (await csvCall(`/desk/reports/sla/csv?${query}&table=overall`, ruCookie)).arrayBuffer());
    expect(ruText.split("\r\n")[1]).toBe("Первый ответ;3;2;66.7;120;264");
    const customer2 = await createUser("customer");
    const customerCookie = (await createSession(customer2.id, new Request("http://keydesk.test/"))).split(";")[0]!;
    await expect(call(`/desk/reports/sla?${query}`, customerCookie)).rejects.toMatchObject({ status: 404 });

    // Handing B to the first engineer moves its settled cycle with it (the cycles carry the assignee).
    await assignTicket(await staff("team_lead"), b.number, engineer.id, msk("2026-03-20T10:00:00"));
    const moved = await slaFigures(filtersFor({ period: "custom", from: "2026-03-01", to: "2026-03-31", product: product.id, engineer: engineer.id }));
    expect(moved.find((f) => f.dim === "all" && f.line.clock === "first_response")?.line).toMatchObject({ settled: 3, met: 2 });

    // Outside the period nothing counts.
    const april = await slaFigures(filtersFor({ period: "custom", from: "2026-04-01", to: "2026-04-30", product: product.id }));
    expect(april).toEqual([]);
  });
});

describe("backlog report", () => {
  it("buckets open tickets by age in business days (holiday skipped) and counts created vs solved", async () => {
    const product = await createTestProduct();
    const { customer, licence } = await customerWithLicence({ product, now: msk("2026-02-01T10:00:00") });
    const now = msk("2026-03-11T12:00:00"); // Wednesday
    const at = async (local: string) => fileTestTicket(customer, licence, { now: msk(local) });
    await at("2026-03-11T11:00:00"); // 60 min → under 1 day
    await at("2026-03-10T13:00:00"); // 300 + 120 = 420 → under 1 day
    await at("2026-03-06T12:00:00"); // 360 + 0 (holiday) + 480 + 120 = 960 = 2 days → 1–3
    await at("2026-03-06T10:00:00"); // 480 + 0 + 480 + 120 = 1080 → 1–3
    await at("2026-03-02T10:00:00"); // 5 × 480 + 480 + 120 = 3000 → 3–10
    await at("2026-02-10T10:00:00"); // → over 10
    const solved = await at("2026-03-04T10:00:00");
    const engineer = await staff("engineer");
    await claimTicket(engineer, solved.number, msk("2026-03-04T10:05:00"));
    await setTicketStatus(engineer, solved.number, "solved", msk("2026-03-05T10:00:00"));

    const f = await backlogFigures(filtersFor({ period: "custom", from: "2026-03-01", to: "2026-03-31", product: product.id, groupBy: "month" }, now), now, await defaultCalendar());
    const all = Object.fromEntries(f.open.filter((r) => r.dim === "all").map((r) => [r.bucket, r.n]));
    expect(all).toEqual({ lt1: 2, "1to3": 2, "3to10": 1, gt10: 1 });
    expect(f.open.filter((r) => r.dim === "status").reduce((s, r) => s + r.n, 0)).toBe(6);
    expect(f.created.get("2026-03-01")).toBe(6);
    expect(f.solved.get("2026-03-01")).toBe(1);
  });
});

describe("engineers report", () => {
  it("counts open assigned, public replies, solved, time by category and SLA met per engineer", async () => {
    const product = await createTestProduct();
    const { customer, licence } = await customerWithLicence({ product, now: msk("2026-02-01T10:00:00") });
    const engineer = await staff("engineer");
    const one = await fileTestTicket(customer, licence, { now: msk("2026-03-02T10:00:00") });
    const two = await fileTestTicket(customer, licence, { now: msk("2026-03-02T11:00:00") });
    await claimTicket(engineer, one.number, msk("2026-03-02T10:01:00"));
    await claimTicket(engineer, two.number, msk("2026-03-02T11:01:00"));
    await replyAsStaff(engineer, one.number, { body: "Answer", visibility: "public" }, [], msk("2026-03-02T10:30:00"));
    await replyAsStaff(engineer, one.number, { body: "Internal", visibility: "internal" }, [], msk("2026-03-02T10:40:00"));
    await replyAsStaff(engineer, two.number, { body: "Answer", visibility: "public", status: "solved" }, [], msk("2026-03-02T17:00:00"));
    const base = { ticketId: one.id, organisationId: customer.organisationId!, engineerId: engineer.id, source: "manual" as const, startedAt: msk("2026-03-03T10:00:00") };
    await db.insert(timeEntries).values([
      { ...base, minutes: 30, freeMinutes: 15, prepaidMinutes: 10, billableMinutes: 5 },
      { ...base, minutes: 20, notChargedMinutes: 20 },
      { ...base, minutes: 99, billableMinutes: 99, deletedAt: msk("2026-03-04T10:00:00") },
    ]);

    const lines = await engineerFigures(filtersFor({ period: "custom", from: "2026-03-01", to: "2026-03-31", product: product.id }));
    expect(lines).toEqual([
      {
        id: engineer.id,
        assignedOpen: 1,
        replies: 2,
        solved: 1,
        free: 15,
        prepaid: 10,
        billable: 5,
        notCharged: 20,
        // first response of one (30 min) met; two: 360 > 240 breached (its resolution has no target).
        slaSettled: 2,
        slaMet: 1,
        slaCompliance: 50,
      },
    ]);
  });
});

describe("renewals report", () => {
  it("classifies terms ending in the period as on time, late or lapsed, and sums paid revenue", async () => {
    const product = await createProduct({ listPriceMinor: 1_000_000 });
    const now = msk("2026-04-01T12:00:00");
    const licence = async (activated: string, renewals: string[]) => {
      const l = await createLicence({ product, activatedAt: msk(activated), host: "shop.example.ru" });
      for (const r of renewals) await db.insert(supportEntries).values({ licenceId: l.id, kind: "renewal", recordedAt: msk(r) });
      await db.transaction((tx) => refreshSupportUntil(tx, l.id));
      return l;
    };
    await licence("2025-03-01T10:00:00", ["2026-02-20T10:00:00"]); // ends 1 March, renewed before: on time
    await licence("2025-03-10T10:00:00", ["2026-03-20T10:00:00"]); // ends 10 March, renewed 20 March: late
    await licence("2025-03-15T10:00:00", []); // ends 15 March: lapsed
    await licence("2025-05-01T10:00:00", []); // ends in May: not in the period
    const org = (await createLicence({ product })).organisationId;
    const order = { kind: "renewal" as const, status: "paid" as const, organisationId: org, buyerEmail: "buyer@example.com", productId: product.id, listPriceMinor: 1_000_000, percentage: 50, amountMinor: 500_000, currency: "RUB" };
    await db.insert(orders).values([
      { ...order, method: "card", paidAt: msk("2026-03-20T10:00:00") },
      { ...order, method: "invoice", paidAt: msk("2026-03-21T10:00:00") },
      { ...order, method: "invoice", paidAt: msk("2026-02-21T10:00:00") },
      { ...order, method: "card", status: "pending", paidAt: null },
    ]);

    const f = await renewalFigures(filtersFor({ period: "custom", from: "2026-03-01", to: "2026-03-31", product: product.id }, now), now);
    expect(f.ends.map((e) => e.outcome).sort()).toEqual(["lapsed", "late", "on_time"]);
    expect(renewalCounts(f.ends.map((e) => e.outcome))).toEqual({ ended: 3, onTime: 1, late: 1, lapsed: 1, rate: 66.7, onTimeRate: 33.3 });
    expect(f.revenue.map((r) => [r.bucket, r.method, r.orders, r.amount])).toEqual([
      ["2026-03-01", "card", 1, 500_000],
      ["2026-03-01", "invoice", 1, 500_000],
    ]);
  });
});

describe("licences expiring report", () => {
  it("lists support ending within 30 / 60 / 90 days with the renewal price, and sends a reminder once", async () => {
    const product = await createProduct({ listPriceMinor: 1_234_567 });
    const free = await createProduct({ listPriceMinor: 0, free: true });
    const now = new Date();
    const org = await customerWithLicence({ product: await createTestProduct() });
    const contact = await createUser("customer", { organisationId: org.organisation.id, isPrimaryContact: true, email: `primary-${Date.now()}@example.com` });
    const make = async (days: number, p = product) => {
      const l = await createLicence({ product: p, organisationId: org.organisation.id, activatedAt: new Date(now.getTime() - 300 * 86_400_000), host: "shop.example.ru" });
      await db.update((await import("#db/schema")).licences).set({ supportUntil: new Date(now.getTime() + days * 86_400_000) }).where(eq((await import("#db/schema")).licences.id, l.id));
      return l;
    };
    const soon = await make(10);
    await make(45);
    await make(80);
    await make(100);
    await make(-3);
    await make(20, free);

    const list = await expiringLicences(filtersFor({ organisation: org.organisation.id }, now), now);
    expect(list.map((l) => [l.window, l.daysLeft])).toEqual([
      [30, 10],
      [60, 45],
      [90, 80],
    ]);
    expect(list[0]!.renewal).toEqual({ listPriceMinor: 1_234_567, percentage: 50, amountMinor: 617_284, currency: "RUB" });

    const lead = await staff("team_lead");
    expect(await sendRenewalReminderNow(lead, soon.id, now)).toEqual({ recipients: 1 });
    await expect(sendRenewalReminderNow(lead, soon.id, now)).rejects.toMatchObject({ code: "conflict" });
    await expect(sendRenewalReminderNow(await staff("engineer"), soon.id, now)).rejects.toMatchObject({ code: "forbidden" });
    const again = await expiringLicences(filtersFor({ organisation: org.organisation.id }, now), now);
    expect(again[0]!.lastReminderAt?.getTime()).toBe(now.getTime());
    void contact;
  });
});

describe("knowledge base report", () => {
  it("counts suggestions, opens, deflections (once per draft) and votes per article in the period; CSV parses back to the page", async () => {
    const product = await createTestProduct();
    const word = `feijoa${randomUUID().slice(0, 6)}`;
    const engineer = await staff("engineer");
    const kbArticle = (title: string) =>
      saveArticle(engineer, null, { title, slug: "", summary: "", bodyMarkdown: `What to do about ${word}.`, language: "en", categoryId: null, visibility: "public", status: "published", productIds: [product.id], translationOf: null, sourceTicketId: null });
    const a = await kbArticle(`Alpha ${word}`);
    const b = await kbArticle(`Beta ${word}`);
    const one = await customerWithLicence({ product, now: msk("2026-02-01T10:00:00") });
    const two = await customerWithLicence({ product, now: msk("2026-02-01T10:00:00") });

    // Draft 1 (organisation one): both shown, A opened and solved it — pressed twice, counted once.
    const d1 = randomUUID();
    expect((await suggestArticlesForDraft(one.customer, d1, word, undefined, msk("2026-03-03T10:00:00"))).map((h) => h.id).sort()).toEqual([a.id, b.id].sort());
    await markSuggestionOpened(one.customer, d1, a.id);
    await markDraftSolved(one.customer, d1, a.id, msk("2026-03-03T10:05:00"));
    await markDraftSolved(one.customer, d1, a.id, msk("2026-03-03T10:06:00"));
    // Draft 2 (organisation two): both shown, B opened, then filed as a ticket.
    const d2 = randomUUID();
    await suggestArticlesForDraft(two.customer, d2, word, undefined, msk("2026-03-10T10:00:00"));
    await markSuggestionOpened(two.customer, d2, b.id);
    const filed = await fileTestTicket(two.customer, two.licence, { now: msk("2026-03-10T10:10:00") });
    await linkDraftToTicket(two.customer, d2, filed.id);
    // Draft 3 in April: outside the period.
    const d3 = randomUUID();
    await suggestArticlesForDraft(one.customer, d3, word, undefined, msk("2026-04-02T10:00:00"));
    await markDraftSolved(one.customer, d3, a.id, msk("2026-04-02T10:05:00"));
    await recordFeedback(kbViewer(one.customer), a.id, { helpful: true, comment: "" }, "198.51.100.1", msk("2026-03-04T10:00:00"));
    await recordFeedback(kbViewer(two.customer), b.id, { helpful: false, comment: "" }, "198.51.100.2", msk("2026-03-11T10:00:00"));
    await recordFeedback({ kind: "anonymous" }, a.id, { helpful: false, comment: "" }, "198.51.100.3", msk("2026-02-20T10:00:00"));

    const lead = await createUser("team_lead", { locale: "en", timeZone: ZONE });
    const cookieOf = async (id: string) => (await createSession(id, new Request("http://keydesk.test/"))).split(";")[0]!;
    const cookie = await cookieOf(lead.id);
    const march = `period=custom&from=2026-03-01&to=2026-03-31&product=${product.id}&groupBy=month`;
    type Page = { result: { tables: Array<{ name: string; rows: unknown[][] }>; charts: Array<{ labels: string[] }> } };
    const page = async (query: string, who = cookie) =>
      (await reportLoader({ request: new Request(`http://keydesk.test/desk/reports/knowledge?${query}`, { headers: { Cookie: who } }), params: { name: "knowledge" }, context: {} })) as Page;
    const table = (p: Page, name: string) => p.result.tables.find((t) => t.name === name)!.rows;
    const link = (id: string, title: string) => ({ link: `/desk/kb/${id}`, text: title });

    const all = await page(march);
    expect(table(all, "articles")).toEqual([
      [link(a.id, a.title), "EN", 2, 1, 1, { percent: 50 }, 1, 0],
      [link(b.id, b.title), "EN", 2, 1, 0, { percent: 0 }, 0, 1],
    ]);
    expect(table(all, "drafts")).toEqual([
      ["2026-03-01", 2, 1, 1, { percent: 50 }],
      ["Total", 2, 1, 1, { percent: 50 }],
    ]);
    expect(all.result.charts[0]!.labels).toEqual([a.title]);
    // One organisation's drafts and votes only.
    const ofOne = await page(`${march}&organisation=${one.organisation.id}`);
    expect(table(ofOne, "articles")).toEqual([
      [link(a.id, a.title), "EN", 1, 1, 1, { percent: 100 }, 1, 0],
      [link(b.id, b.title), "EN", 1, 0, 0, { percent: 0 }, 0, 0],
    ]);
    // Sorted by a column through the address (not-helpful votes, most first).
    expect(table(await page(`${march}&sort=7&dir=desc`), "articles").map((r) => (r[0] as { text: string }).text)).toEqual([b.title, a.title]);

    // The CSV of the same address parses back to the page's numbers, in the page's order.
    const csv = await csvLoader({ request: new Request(`http://keydesk.test/desk/reports/knowledge/csv?${march}&sort=7&dir=desc&table=articles`, { headers: { Cookie: cookie } }), params: { name: "knowledge" }, context: {} });
    expect(csv.headers.get("Content-Disposition")).toContain("keydesk-knowledge-articles-2026-03-01-2026-03-31.csv");
    const lines = new TextDecoder().decode(await csv.arrayBuffer()).replace(/^\uFEFF/, "").trim().split("\r\n").map((l) => l.split(","));
    expect(lines).toEqual([
      ["Article", "Language", "Suggested", "Opened", "Solved it (deflections)", "Deflection rate (%)", "Helpful", "Not helpful"],
      [b.title, "EN", "2", "1", "0", "0", "0", "1"],
      [a.title, "EN", "2", "1", "1", "50", "1", "0"],
    ]);

    // Team leads, quality and admins read it; an engineer is refused, a customer does not see it exists.
    for (const role of ["quality", "admin"] as const) expect(table(await page(march, await cookieOf((await createUser(role)).id)), "articles")).toHaveLength(2);
    await expect(page(march, await cookieOf(engineer.id))).rejects.toMatchObject({ status: 403 });
    await expect(page(march, await cookieOf(one.customer.id))).rejects.toMatchObject({ status: 404 });
  });
});

describe("reviews report", () => {
  it("averages numeric before → after answers per product and question, counts text answers, and the CSV parses back to the same numbers", async () => {
    const product = await createProduct({ name: `Exchange ${Date.now()}` });
    const other = await createProduct({ name: `Other ${Date.now()}` });
    const story = "A long enough story for the review form.";
    let minute = 0;
    const review = async (status: "published" | "pending" | "rejected", metrics: Array<[string, string, string]>, p = product) => {
      const { customer, organisationId } = await customerWithActivatedLicence({ product: p });
      await db.insert(reviews).values({
        organisationId, productId: p.id, authorId: customer.id, before: story, why: story, after: story, productRating: 4, supportRating: 5, status,
        metrics: metrics.map(([label, before, after]) => ({ label, before, after })), submittedAt: new Date(msk("2026-03-10T10:00:00").getTime() + ++minute * 60_000),
      });
    };
    await review("published", [["Order processing", "2 days", "2 hours"], ["Errors per month", "10", "2"]]);
    await review("published", [["order processing", "1 день", "4 часа"], ["Errors per month", "30", "4"], ["Manual work", "by hand", "none"]]);
    await review("published", [["Order processing", "manual", "automatic"]]);
    await review("pending", [["Order processing", "10 days", "1 hour"]]); // not published: not averaged
    await review("rejected", []);
    await review("published", [["Order processing", "5 days", "1 day"]], other); // another product: filtered out

    const lead = await createUser("team_lead", { locale: "en" });
    const cookie = (await createSession(lead.id, new Request("http://keydesk.test/"))).split(";")[0]!;
    const query = `period=custom&from=2026-03-01&to=2026-03-31&product=${product.id}`;
    const page = (await reportLoader({ request: new Request(`http://keydesk.test/desk/reports/reviews?${query}`, { headers: { Cookie: cookie } }), params: { name: "reviews" }, context: {} })) as {
      result: { tables: Array<{ name: string; rows: unknown[][] }> };
    };
    const table = (name: string) => page.result.tables.find((t) => t.name === name)!.rows;
    // Submitted, published, pending, rejected, then the average ratings.
    expect(table("reviews-product")).toEqual([[product.name, 5, 3, 1, 1, 4, 5]]);
    expect(table("questions")).toEqual([
      [product.name, "Errors per month", 2, 2, "number", 20, 3, { percent: -85 }, "30 → 4"],
      [product.name, "Manual work", 1, 0, "text answers, not averaged", null, null, { percent: null }, "by hand → none"],
      // (48 + 24) / 2 = 36 hours before, (2 + 4) / 2 = 3 hours after; "manual → automatic" counted, not averaged.
      [product.name, "Order processing", 3, 2, "hours", 36, 3, { percent: -91.7 }, "manual → automatic"],
    ]);

    const csv = await csvLoader({ request: new Request(`http://keydesk.test/desk/reports/reviews/csv?${query}&table=questions`, { headers: { Cookie: cookie } }), params: { name: "reviews" }, context: {} });
    const records = parse(new TextDecoder().decode(await csv.arrayBuffer()), { bom: true }) as string[][];
    expect(records[0]).toEqual(["Product", "Question", "Answers", "Averaged", "Unit", "Average before", "Average after", "Change (%)", "Latest answer"]);
    expect(records.slice(1).map((r) => [r[1], ...r.slice(2, 4).map(Number), r[4], ...r.slice(5, 8).map((v) => (v === "" ? null : Number(v)))])).toEqual([
      ["Errors per month", 2, 2, "number", 20, 3, -85],
      ["Manual work", 1, 0, "text answers, not averaged", null, null, null],
      ["Order processing", 3, 2, "hours", 36, 3, -91.7],
    ]);
  });
});
