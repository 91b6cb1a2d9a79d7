import { beforeAll, describe, expect, it } from "vitest";
import { advanceComplaint, fileComplaint } from "~/modules/quality/complaints.server";
import { submitCsat } from "~/modules/quality/csat.server";
import { qualityReport } from "~/modules/quality/reports.server";
import { publishReview, submitReview } from "~/modules/reviews/reviews.server";
import { loader as oldReportCsv } from "~/routes/desk.reports.quality[.csv]";
import { loader as csvRoute } from "~/routes/desk.reports.$name_.csv";
import { loader as reportPage } from "~/routes/desk.reports.quality";
import { loader as workspaceLoader } from "~/routes/desk.quality.complaints.$complaintId";
import { action as newComplaintAction } from "~/routes/portal.complaints.new";
import { loader as customerComplaintLoader } from "~/routes/portal.complaints.$complaintId";
import { action as csatAction } from "~/routes/portal.csat.$number";
import { action as reviewAction } from "~/routes/portal.reviews.$productSlug";
import { createSession } from "~/modules/accounts/auth.server";
import { renderMessage, type UserMessage } from "~/utils/messages";
import { createUser, customerWithActivatedLicence, FACTS, solvedTicketScenario } from "../factories/quality";

async function cookieFor(userId: string) {
  return (await createSession(userId, new Request("http://keydesk.test/"))).split(";")[0]!;
}

function request(path: string, cookie: string, form?: Record<string, string | string[]>) {
  if (!form) return new Request(`http://keydesk.test${path}`, { headers: { Cookie: cookie } });
  const body = new FormData();
  for (const [k, v] of Object.entries(form)) for (const item of Array.isArray(v) ? v : [v]) body.append(k, item);
  return new Request(`http://keydesk.test${path}`, { method: "POST", body, headers: { Cookie: cookie } });
}

async function outcome(promise: Promise<unknown>) {
  try {
    const value = await promise;
    if (value instanceof Response) return { status: value.status, location: value.headers.get("Location"), body: null as unknown };
    const wrapped = value as { data?: unknown; init?: { status?: number } | null };
    if (wrapped && typeof wrapped === "object" && "data" in wrapped && "init" in wrapped) return { status: wrapped.init?.status ?? 200, location: null, body: wrapped.data };
    return { status: 200, location: null, body: value };
  } catch (e) {
    if (e instanceof Response) return { status: e.status, location: e.headers.get("Location"), body: null };
    throw e;
  }
}

let quality: Awaited<ReturnType<typeof createUser>>;

beforeAll(async () => {
  quality = await createUser("quality");
});

describe("quality routes", () => {
  it("a customer files a complaint through the form; another organisation gets 404; an engineer 403", async () => {
    const { customer, ticket, engineer } = await solvedTicketScenario();
    const cookie = await cookieFor(customer.id);
    const short = await outcome(newComplaintAction({ request: request("/portal/complaints/new", cookie, { ticketIds: [ticket.id], description: "Too slow!" }), params: {}, context: {} }));
    expect(short.status).toBe(400);
    expect(short.body).toMatchObject({ fieldErrors: { description: [{ key: "complaint.error.describeFacts", params: { minimum: 30 } }] }, ticketIds: [ticket.id], values: { description: "Too slow!" } });
    const said = (short.body as { fieldErrors: { description: [UserMessage] } }).fieldErrors.description[0];
    expect(renderMessage("ru", said)).toContain("не короче 30 символов");
    expect(renderMessage("en", said)).toContain("at least 30 characters");
    const filed = await outcome(newComplaintAction({ request: request("/portal/complaints/new", cookie, { ticketIds: [ticket.id], description: FACTS }), params: {}, context: {} }));
    expect(filed.status).toBe(302);
    const complaintId = filed.location!.split("/").pop()!.split("?")[0]!;

    const own = await outcome(customerComplaintLoader({ request: request(`/portal/complaints/${complaintId}`, cookie), params: { complaintId }, context: {} }));
    expect(own.status).toBe(200);
    const stranger = (await customerWithActivatedLicence()).customer;
    const strangerCookie = await cookieFor(stranger.id);
    expect((await outcome(customerComplaintLoader({ request: request(`/portal/complaints/${complaintId}`, strangerCookie), params: { complaintId }, context: {} }))).status).toBe(404);
    const engineerCookie = await cookieFor(engineer.id);
    expect((await outcome(workspaceLoader({ request: request(`/desk/quality/complaints/${complaintId}`, engineerCookie), params: { complaintId }, context: {} }))).status).toBe(403);
    expect((await outcome(workspaceLoader({ request: request(`/desk/quality/complaints/${complaintId}`, await cookieFor(quality.id)), params: { complaintId }, context: {} }))).status).toBe(200);
  });

  it("rates through the CSAT form; a low rating says so", async () => {
    const { customer, ticket } = await solvedTicketScenario();
    const cookie = await cookieFor(customer.id);
    const fields = { speedToReach: "1", speedToUnderstand: "2", answerQuality: "2", comfort: "3", comment: "Slow" };
    const rated = await outcome(csatAction({ request: request(`/portal/csat/${ticket.number}`, cookie, fields), params: { number: String(ticket.number) }, context: {} }));
    expect(rated.body).toMatchObject({ ok: true, low: true });
    const missing = await outcome(csatAction({ request: request(`/portal/csat/${ticket.number}`, cookie, { speedToReach: "1" }), params: { number: String(ticket.number) }, context: {} }));
    expect(missing.status).toBe(400);
  });

  it("offers the complaint route before a review with support rated 2 or lower", async () => {
    const { customer, product } = await customerWithActivatedLicence();
    const cookie = await cookieFor(customer.id);
    const fields = {
      before: "We exported orders by hand from the shop every evening.",
      why: "It was the only module with two-way stock synchronisation.",
      after: "Orders arrive in the accounting system within a minute.",
      "metrics.0.label": "Order processing",
      "metrics.0.before": "2 days",
      "metrics.0.after": "2 hours",
      "metrics.1.label": "",
      "metrics.1.before": "",
      "metrics.1.after": "",
      support: "",
      productRating: "5",
      supportRating: "2",
    };
    const call = (extra: Record<string, string> = {}) =>
      outcome(reviewAction({ request: request(`/portal/reviews/${product.slug}`, cookie, { ...fields, ...extra }), params: { productSlug: product.slug }, context: {} }));
    expect((await call()).body).toMatchObject({ ok: false, complaintFirst: true });
    expect((await call({ confirmed: "yes" })).body).toMatchObject({ ok: true });
    const halfRow = await call({ confirmed: "yes", "metrics.1.label": "Errors" });
    expect(halfRow.status).toBe(400);
  });

  it("reports CSAT, complaints and reviews, and exports each table as CSV", async () => {
    const { customer, ticket, product, engineer } = await solvedTicketScenario();
    await submitCsat(customer, ticket.number, { speedToReach: 1, speedToUnderstand: 3, answerQuality: 4, comfort: 5, comment: "" });
    const complaint = await fileComplaint(customer, { ticketIds: [ticket.id], description: FACTS });
    await advanceComplaint(quality, complaint.id, { type: "acknowledge" });
    await advanceComplaint(quality, complaint.id, { type: "startInvestigation" });
    await advanceComplaint(quality, complaint.id, { type: "answer", outcome: "upheld", text: "Yes." });
    const saved = await submitReview(customer, product.slug, {
      before: "A story that is long enough to pass.",
      why: "A story that is long enough to pass.",
      after: "A story that is long enough to pass.",
      metrics: [],
      support: "",
      productRating: 4,
      supportRating: 5,
      showOrganisation: false,
    });
    await publishReview(quality, saved.id);

    const period = { from: new Date(Date.now() - 86_400_000), to: new Date(Date.now() + 86_400_000) };
    const report = await qualityReport(quality, period, "Europe/Moscow");
    expect(report.csat.byEngineer.find((l) => l.engineerId === engineer.id)).toMatchObject({ count: 1, overall: 3.25 });
    expect(report.complaints.byOutcome.find((l) => l.outcome === "upheld")!.count).toBeGreaterThanOrEqual(1);
    expect(report.complaints.timeToAnswer.answered).toBeGreaterThanOrEqual(1);
    expect(report.reviews.byProduct.find((l) => l.productId === product.id)).toMatchObject({ published: 1, averageProduct: 4, averageSupport: 5 });
    await expect(qualityReport(engineer, period, "UTC")).rejects.toMatchObject({ code: "forbidden" });

    const cookie = await cookieFor(quality.id);
    const reportCsv = (path: string, who: string) => csvRoute({ request: request(path, who), params: { name: "quality" }, context: {} });
    const csv = await reportCsv("/desk/reports/quality/csv?table=reviews-product", cookie);
    expect(csv.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // a BOM, so spreadsheets read UTF-8
    const text = new TextDecoder().decode(bytes);
    expect(text.split("\r\n")[0]).toBe("Product,Published,Pending,Rejected,Product rating,Support rating");
    expect(text).toContain(`${product.name},1,0,0,4,5`);
    const unknown = await outcome(reportCsv("/desk/reports/quality/csv?table=nope", cookie));
    expect(unknown.status).toBe(404);
    const customerCsv = await outcome(reportCsv("/desk/reports/quality/csv?table=csat-month", await cookieFor(customer.id)));
    expect(customerCsv.status).toBe(404);
    // The older addresses (quality.csv, ?format=csv on the page) redirect to the CSV route.
    const moved = (await oldReportCsv({ request: request("/desk/reports/quality.csv?table=csat-month&from=2026-01-01", cookie), params: {}, context: {} })) as Response;
    expect([moved.status, moved.headers.get("Location")]).toEqual([301, "/desk/reports/quality/csv?table=csat-month&from=2026-01-01"]);
    const fromPage = await outcome(reportPage({ request: request("/desk/reports/quality?format=csv&table=csat-month", cookie), params: {}, context: {} }));
    expect([fromPage.status, fromPage.location]).toEqual([301, "/desk/reports/quality/csv?table=csat-month"]);
  });
});
