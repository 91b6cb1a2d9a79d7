import { and, asc, eq } from "drizzle-orm";
import { DateTime } from "luxon";
import { beforeAll, describe, expect, it } from "vitest";
import { auditLog, serviceRequests, tickets, timeEntries } from "#db/schema";
import { serviceItemFormSchema } from "~/modules/services/catalogue";
import { createServiceItem, listActiveServices, setServiceItemActive } from "~/modules/services/catalogue.server";
import { reclassifyTicket, ticketServiceInfo } from "~/modules/services/requests.server";
import { setContract } from "~/modules/time-tracking/contracts.server";
import { addManualEntry, getTicketTimeSummary } from "~/modules/time-tracking/entries.server";
import { creditPrepaidMinutes } from "~/modules/time-tracking/prepaid.server";
import { action as adminServicesAction, loader as adminServicesLoader } from "~/routes/admin.services._index";
import { action as requestAction } from "~/routes/portal.services.$serviceId";
import { action as typeAction } from "~/routes/desk.tickets.$number_.type";
import { createSession } from "~/modules/accounts/auth.server";
import { db } from "~/utils/db.server";
import { AppError } from "~/utils/errors.server";
import { customerWithLicence, fileTestTicket, staff } from "../factories/tickets";

/** Paid services: the catalogue, a request that files a paid-service ticket, and reclassification re-splitting time. */

const ZONE = "Europe/Moscow";
const msk = (local: string) => DateTime.fromISO(local, { zone: ZONE }).toJSDate();
const LOGGED_AT = msk("2026-11-20T12:00");

async function cookieFor(userId: string) {
  return (await createSession(userId, new Request("http://keydesk.test/"))).split(";")[0]!;
}

type DataResult<T> = { data: T; init: { status?: number } | null };
const unwrap = <T,>(result: unknown): { body: T; status: number } =>
  result && typeof result === "object" && "data" in result && "init" in result
    ? { body: (result as DataResult<T>).data, status: (result as DataResult<T>).init?.status ?? 200 }
    : { body: result as T, status: 200 };

const post = (path: string, cookie: string, fields: Record<string, string>) =>
  new Request(`http://keydesk.test${path}`, { method: "POST", body: new URLSearchParams(fields), headers: { Cookie: cookie } });

async function settle(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    (value) => value,
    (thrown: unknown) => thrown,
  );
}

type TestUser = Awaited<ReturnType<typeof staff>>;
let admin: TestUser;
let engineer: TestUser;
let customer: TestUser;
let licenceId: string;
let organisationId: string;
let itemId: string;

beforeAll(async () => {
  // Routes run on the real clock: the licence is active today.
  const setup = await customerWithLicence({ now: new Date() });
  customer = setup.customer;
  licenceId = setup.licence.id;
  organisationId = setup.organisation.id;
  admin = await staff("admin");
  engineer = await staff("engineer");
  const item = await createServiceItem(
    admin,
    serviceItemFormSchema.parse({ nameEn: "Data migration", nameRu: "Перенос данных", descriptionEn: "Orders and customers", unit: "hour", currency: "RUB", price: "3500", active: "on" }),
  );
  itemId = item.id;
});

describe("paid services catalogue and requests", () => {
  it("validates the admin form without a 5xx and keeps what was typed", async () => {
    const cookie = await cookieFor(admin.id);
    const bad = unwrap<{ ok: boolean; fieldErrors: Record<string, string[]>; values: Record<string, string> }>(
      await adminServicesAction({ request: post("/admin/services", cookie, { nameEn: "Training", nameRu: "", unit: "hour", currency: "RUB", price: "-5" }), params: {}, context: {} }),
    );
    expect(bad.status).toBe(400);
    expect(bad.body.fieldErrors).toMatchObject({ nameRu: [{ key: "services.error.name" }], price: [{ key: "services.error.price" }] });
    expect(bad.body.values).toMatchObject({ nameEn: "Training", price: "-5" });
    const list = await adminServicesLoader({ request: new Request("http://keydesk.test/admin/services", { headers: { Cookie: cookie } }), params: {}, context: {} });
    expect(list.items.map((i) => i.nameEn)).toContain("Data migration");
    // A customer never reaches the admin page.
    const denied = await settle(adminServicesLoader({ request: new Request("http://keydesk.test/admin/services", { headers: { Cookie: await cookieFor(customer.id) } }), params: {}, context: {} }));
    expect(denied).toBeInstanceOf(Response);
    expect((denied as Response).status).toBe(404);
  });

  it("files a paid-service ticket with the item and the estimate; a deactivated item cannot be requested", async () => {
    const cookie = await cookieFor(customer.id);
    const invalid = unwrap<{ ok: boolean; fieldErrors: Record<string, string[]> }>(
      await requestAction({ request: post(`/portal/services/${itemId}`, cookie, { licenceId, quantity: "0", description: "short" }), params: { serviceId: itemId }, context: {} }),
    );
    expect(invalid.status).toBe(400);
    expect(invalid.body.fieldErrors).toMatchObject({ quantity: [{ key: "services.error.quantity" }], description: [{ key: "services.error.description" }] });

    const response = (await requestAction({
      request: post(`/portal/services/${itemId}`, cookie, { licenceId, quantity: "3", description: "Move the 2025 orders from the old shop." }),
      params: { serviceId: itemId },
      context: {},
    })) as Response;
    expect(response.status).toBe(302);
    const number = Number(/\/portal\/tickets\/(\d+)/.exec(response.headers.get("Location") ?? "")![1]);
    const [ticket] = await db.select().from(tickets).where(eq(tickets.number, number));
    expect(ticket).toMatchObject({ type: "paid_service", organisationId, licenceId, subject: "Data migration", description: "Move the 2025 orders from the old shop." });
    const [request] = await db.select().from(serviceRequests).where(eq(serviceRequests.ticketId, ticket!.id));
    expect(request).toMatchObject({ serviceItemId: itemId, unit: "hour", quantity: 3, unitPriceMinor: 350_000, currency: "RUB", estimateMinor: 1_050_000 });
    expect((await ticketServiceInfo(customer, number)).request).toMatchObject({ nameRu: "Перенос данных", quantity: 3, estimateMinor: 1_050_000 });
    const audits = await db.select().from(auditLog).where(and(eq(auditLog.entityId, ticket!.id), eq(auditLog.action, "service.requested")));
    expect(audits).toHaveLength(1);

    await setServiceItemActive(admin, itemId, false);
    expect((await listActiveServices(customer)).map((i) => i.id)).not.toContain(itemId);
    const gone = await settle(
      requestAction({ request: post(`/portal/services/${itemId}`, cookie, { licenceId, quantity: "1", description: "One more migration please." }), params: { serviceId: itemId }, context: {} }),
    );
    expect((gone as Response).status).toBe(404);
    await setServiceItemActive(admin, itemId, true);
  });
});

describe("reclassifying a ticket", () => {
  it("re-splits the logged time exactly, question → paid service → question, shows it to the customer and audits it", async () => {
    // A contract with 15 free minutes a day and 15 prepaid minutes credited before the work.
    await setContract(admin, organisationId, { freeMinutesPerDay: 15, freeDaysPerWeek: null });
    await creditPrepaidMinutes(admin, { organisationId, minutes: 15, source: "adjustment" }, {}, msk("2026-11-01T09:00"));
    const question = await fileTestTicket(customer, { id: licenceId }, { now: new Date(), input: { type: "question" } });
    const other = await fileTestTicket(customer, { id: licenceId }, { now: new Date(), input: { type: "question", subject: "Another question" } });
    await addManualEntry(engineer, question.id, { date: "2026-11-16", startTime: "10:00", minutes: 20, note: "call" }, LOGGED_AT);
    await addManualEntry(engineer, other.id, { date: "2026-11-16", startTime: "11:00", minutes: 10, note: "mail" }, LOGGED_AT);
    await addManualEntry(engineer, question.id, { date: "2026-11-17", startTime: "10:00", minutes: 10, note: "follow-up" }, LOGGED_AT);

    const totals = async (ticketId: string) => {
      const rows = await db.select().from(timeEntries).where(eq(timeEntries.ticketId, ticketId)).orderBy(asc(timeEntries.startedAt));
      return rows.reduce(
        (s, r) => ({ free: s.free + r.freeMinutes, prepaid: s.prepaid + r.prepaidMinutes, billable: s.billable + r.billableMinutes, notCharged: s.notCharged + r.notChargedMinutes }),
        { free: 0, prepaid: 0, billable: 0, notCharged: 0 },
      );
    };
    // As a question: Monday 15 free + 5 prepaid, Tuesday 10 free; the other question on Monday takes the last 10 prepaid.
    const asQuestion = { free: 25, prepaid: 5, billable: 0, notCharged: 0 };
    expect(await totals(question.id)).toEqual(asQuestion);
    expect(await totals(other.id)).toEqual({ free: 0, prepaid: 10, billable: 0, notCharged: 0 });

    const cookie = await cookieFor(engineer.id);
    const noReason = unwrap<{ ok: boolean; fieldErrors: Record<string, string[]> }>(
      await typeAction({ request: post(`/desk/tickets/${question.number}/type`, cookie, { type: "paid_service", reason: "" }), params: { number: String(question.number) }, context: {} }),
    );
    expect(noReason.status).toBe(400);
    expect(noReason.body.fieldErrors).toMatchObject({ reason: [{ key: "services.error.reason" }] });
    const sameType = unwrap<{ ok: boolean; fieldErrors: Record<string, string[]> }>(
      await typeAction({ request: post(`/desk/tickets/${question.number}/type`, cookie, { type: "question", reason: "no change" }), params: { number: String(question.number) }, context: {} }),
    );
    expect(sameType).toMatchObject({ status: 400, body: { ok: false, fieldErrors: { type: ["services.error.sameType"] } } });

    const toService = unwrap<{ ok: boolean; split: unknown }>(
      await typeAction({ request: post(`/desk/tickets/${question.number}/type`, cookie, { type: "paid_service", reason: "This is a data migration" }), params: { number: String(question.number) }, context: {} }),
    );
    // As a paid service: no allowance; the 15 prepaid go to Monday, the rest is billable — and the other question now gets Monday's free minutes.
    const asService = { free: 0, prepaid: 15, billable: 15, notCharged: 0 };
    expect(toService).toMatchObject({ status: 200, body: { ok: true, split: asService } });
    expect(await totals(question.id)).toEqual(asService);
    expect(await totals(other.id)).toEqual({ free: 10, prepaid: 0, billable: 0, notCharged: 0 });

    const back = await reclassifyTicket(engineer, question.number, { type: "question", reason: "Only a consultation after all" });
    expect(back).toMatchObject({ fromType: "paid_service", toType: "question", splitBefore: asService, splitAfter: asQuestion });
    expect(await totals(question.id)).toEqual(asQuestion);
    expect(await totals(other.id)).toEqual({ free: 0, prepaid: 10, billable: 0, notCharged: 0 });

    // The customer sees both changes with their splits, and the ticket's counter.
    const seen = await ticketServiceInfo(customer, question.number);
    expect(seen.reclassifications.map((c) => [c.fromType, c.toType, c.reason, c.splitBefore, c.splitAfter])).toEqual([
      ["question", "paid_service", "This is a data migration", asQuestion, asService],
      ["paid_service", "question", "Only a consultation after all", asService, asQuestion],
    ]);
    expect((await getTicketTimeSummary(customer, { number: question.number })).totals).toMatchObject({ ...asQuestion, total: 30 });
    const audits = await db.select().from(auditLog).where(and(eq(auditLog.entityId, question.id), eq(auditLog.action, "ticket.reclassified"))).orderBy(asc(auditLog.at), asc(auditLog.id));
    expect(audits.map((a) => [a.actorId, (a.before as { type: string }).type, (a.after as { type: string }).type])).toEqual([
      [engineer.id, "question", "paid_service"],
      [engineer.id, "paid_service", "question"],
    ]);
    expect(audits[0]!.after).toMatchObject({ split: asService, reason: "This is a data migration" });

    // A customer cannot reclassify (not found, nothing changed); another organisation's customer neither sees it.
    const customerCookie = await cookieFor(customer.id);
    const refused = await settle(
      typeAction({ request: post(`/desk/tickets/${question.number}/type`, customerCookie, { type: "bug_report", reason: "free please" }), params: { number: String(question.number) }, context: {} }),
    );
    expect((refused as Response).status).toBe(404);
    const direct = await settle(reclassifyTicket(customer, question.number, { type: "bug_report", reason: "free please" }));
    expect(direct).toBeInstanceOf(AppError);
    expect((direct as AppError).code).toBe("not_found");
    expect((direct as AppError).message).toBe("tickets.error.notFound");
    const stranger = (await customerWithLicence({ now: new Date() })).customer;
    expect(((await settle(ticketServiceInfo(stranger, question.number))) as AppError).code).toBe("not_found");
    const [after] = await db.select().from(tickets).where(eq(tickets.id, question.id));
    expect(after!.type).toBe("question");
  });
});
