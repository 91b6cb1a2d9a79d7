import { describe, expect, it } from "vitest";
import { action as timeAction } from "~/routes/desk.time";
import { loader as statementLoader } from "~/routes/portal.usage.$month.statement[.csv]";
import { loader as oldReportCsvLoader } from "~/routes/desk.reports.time[.csv]";
import { loader as csvRoute } from "~/routes/desk.reports.$name_.csv";
import { loader as staffStatementLoader } from "~/routes/desk.organisations.$orgId_.contract.statement[.csv]";
import type { TimeActionResult } from "~/modules/time-tracking/time-actions";
import { createSession } from "~/modules/accounts/auth.server";
import { createCustomerOrganisation, createTicket, createUser } from "../factories/time";

async function cookieFor(userId: string) {
  return (await createSession(userId, new Request("http://keydesk.test/"))).split(";")[0]!;
}

async function post(cookie: string, fields: Record<string, string>) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  const request = new Request("http://keydesk.test/desk/time", { method: "POST", body: form, headers: { Cookie: cookie } });
  const result = (await timeAction({ request, params: {}, context: {} })) as unknown as { data: TimeActionResult; init: { status?: number } | null } | TimeActionResult;
  return "data" in result ? { body: result.data, status: result.init?.status ?? 200 } : { body: result, status: 200 };
}

async function thrownStatus(promise: Promise<unknown>): Promise<number> {
  const outcome = await promise.then(
    () => 0,
    (e: unknown) => (e instanceof Response ? e.status : -1),
  );
  return outcome;
}

describe("time routes", () => {
  it("runs the timer through /desk/time and says which timer it stopped", async () => {
    const { org, customer } = await createCustomerOrganisation();
    const engineer = await createUser("engineer");
    const first = await createTicket(org.id, customer.id, "question");
    const second = await createTicket(org.id, customer.id, "question");
    const cookie = await cookieFor(engineer.id);

    const started = await post(cookie, { intent: "start", ticketId: first.id });
    expect(started.body).toMatchObject({ ok: true, notices: [{ kind: "started", ticketNumber: first.number }] });
    const moved = await post(cookie, { intent: "start", ticketId: second.id });
    expect(moved.body).toMatchObject({ ok: true, notices: [{ kind: "stoppedOther", ticketNumber: first.number }, { kind: "started" }] });
    const stale = await post(cookie, { intent: "stop", ticketId: first.id });
    expect(stale.body).toMatchObject({ ok: true, notices: [{ kind: "movedElsewhere", ticketNumber: second.number }] });
    const stopped = await post(cookie, { intent: "stop", ticketId: second.id });
    expect(stopped.body).toMatchObject({ ok: true, notices: [{ kind: "stopped", ticketNumber: second.number }] });

    const invalid = await post(cookie, { intent: "add", ticketId: first.id, date: "2026-03-10", minutes: "0", note: "x" });
    expect(invalid.status).toBe(400);
    expect(invalid.body).toMatchObject({ ok: false, fieldErrors: { minutes: [expect.anything()] }, values: { minutes: "0", note: "x" } });
    const added = await post(cookie, { intent: "add", ticketId: first.id, date: "2026-03-10", minutes: "14", note: "call" });
    expect(added.body).toMatchObject({ ok: true, notices: [{ kind: "added" }], ticketNumber: first.number });

    const unknownEntry = await post(cookie, { intent: "delete", entryId: "00000000-0000-4000-8000-000000000000" });
    expect(unknownEntry).toMatchObject({ status: 404, body: { ok: false } });
    const customerCookie = await cookieFor(customer.id);
    const request = new Request("http://keydesk.test/desk/time", { method: "POST", body: new URLSearchParams({ intent: "stop" }), headers: { Cookie: customerCookie } });
    expect(await thrownStatus(timeAction({ request, params: {}, context: {} }))).toBe(404);
  });

  it("serves statements and the report as CSV with a BOM, to the right people only", async () => {
    const { org, customer } = await createCustomerOrganisation();
    const engineer = await createUser("engineer");
    const lead = await createUser("team_lead");
    const cookie = await cookieFor(customer.id);
    const response = (await statementLoader({
      request: new Request("http://keydesk.test/portal/usage/2026-03/statement.csv", { headers: { Cookie: cookie } }),
      params: { month: "2026-03" },
      context: {},
    })) as Response;
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toContain("keydesk-statement-2026-03.csv");
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);

    const bad = statementLoader({ request: new Request("http://keydesk.test/x", { headers: { Cookie: cookie } }), params: { month: "2026-13" }, context: {} });
    expect(await thrownStatus(bad)).toBe(404);

    const staffRequest = (userCookie: string) =>
      new Request(`http://keydesk.test/desk/organisations/${org.id}/contract/statement.csv?month=2026-03`, { headers: { Cookie: userCookie } });
    expect(((await staffStatementLoader({ request: staffRequest(await cookieFor(engineer.id)), params: { orgId: org.id }, context: {} })) as Response).status).toBe(200);
    expect(await thrownStatus(staffStatementLoader({ request: staffRequest(cookie), params: { orgId: org.id }, context: {} }))).toBe(404);

    const reportCsvLoader = (args: { request: Request }) => csvRoute({ ...args, params: { name: "time" }, context: {} });
    const report = await reportCsvLoader({
      request: new Request("http://keydesk.test/desk/reports/time/csv?month=2026-03", { headers: { Cookie: await cookieFor(lead.id) } }),
    });
    // Response.text() drops a leading BOM, as every UTF-8 decoder does: read the bytes.
    const reportText = new TextDecoder("utf-8", { ignoreBOM: true }).decode(await report.arrayBuffer());
    expect(reportText.startsWith("\uFEFFOrganisation,Free time,Prepaid time,")).toBe(true);
    const engineerReport = reportCsvLoader({
      request: new Request("http://keydesk.test/desk/reports/time/csv", { headers: { Cookie: await cookieFor(engineer.id) } }),
    });
    expect(await thrownStatus(engineerReport)).toBe(403);
    const moved = (await oldReportCsvLoader({ request: new Request("http://keydesk.test/desk/reports/time.csv?month=2026-03"), params: {}, context: {} })) as Response;
    expect([moved.status, moved.headers.get("Location")]).toEqual([301, "/desk/reports/time/csv?month=2026-03"]);
  });
});
