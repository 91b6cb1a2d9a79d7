import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { tickets } from "#db/schema";
import { action as workspaceAction, loader as workspaceLoader } from "~/routes/desk.tickets.$number";
import { loader as queueLoader } from "~/routes/desk.tickets._index";
import { loader as customerTicketLoader } from "~/routes/portal.tickets.$number";
import { action as filingAction, loader as filingLoader } from "~/routes/portal.tickets.new";
import { createSession } from "~/modules/accounts/auth.server";
import { db } from "~/utils/db.server";
import { createOrganisation, createUser } from "../factories/accounts";
import { customerWithLicence, EXE_BYTES, fileTestTicket, PNG_BYTES, staff } from "../factories/tickets";

/** The ticket routes as the browser reaches them: sessions, multipart forms, status codes. */

async function cookieFor(userId: string) {
  return (await createSession(userId, new Request("http://keydesk.test/"))).split(";")[0]!;
}

type DataResult<T> = { data: T; init: { status?: number; headers?: HeadersInit } | null };
const unwrap = <T,>(result: unknown): { body: T; status: number } =>
  result && typeof result === "object" && "data" in result && "init" in result
    ? { body: (result as DataResult<T>).data, status: (result as DataResult<T>).init?.status ?? 200 }
    : { body: result as T, status: 200 };

async function outcome(promise: Promise<unknown>): Promise<Response | unknown> {
  return promise.then(
    (value) => value,
    (thrown: unknown) => thrown,
  );
}

describe("filing through the route", () => {
  it("shows the verdict before writing, keeps every typed field when a file is refused, then files", async () => {
    // Routes run on the real clock: the licence must be active today.
    const { customer, licence } = await customerWithLicence({ now: new Date() });
    const cookie = await cookieFor(customer.id);
    const url = `http://keydesk.test/portal/tickets/new?licence=${licence.id}&type=question`;

    const page = unwrap<Awaited<ReturnType<typeof filingLoader>>>(await filingLoader({ request: new Request(url, { headers: { Cookie: cookie } }), params: {}, context: {} }));
    expect(page.body.verdict).toMatchObject({ allowed: true, siteAddress: "shop.example.ru" });
    expect(page.body.verdict?.promise).toMatch(/^We answer within 4 business hours — by /);

    const form = new FormData();
    form.set("licenceId", licence.id);
    form.set("type", "question");
    form.set("subject", "Cart is empty after login");
    form.set("description", "Items disappear from the cart after signing in.");
    form.set("access.siteAdminPassword", "typed-secret");
    form.append("attachments", new Blob([new Uint8Array(EXE_BYTES)]), "tool.exe");
    form.append("attachments", new Blob([new Uint8Array(PNG_BYTES)]), "cart.png");
    const refused = unwrap<{ ok: false; values: Record<string, string>; rejectedFiles: unknown[] }>(
      await filingAction({ request: new Request(url, { method: "POST", body: form, headers: { Cookie: cookie } }), params: {}, context: {} }),
    );
    expect(refused.status).toBe(400);
    expect(refused.body.rejectedFiles).toEqual([{ fileName: "tool.exe", size: EXE_BYTES.length, reason: "type_not_accepted" }]);
    expect(refused.body.values).toMatchObject({ subject: "Cart is empty after login", "access.siteAdminPassword": "typed-secret" });
    expect(await db.select().from(tickets).where(eq(tickets.subject, "Cart is empty after login"))).toHaveLength(0);

    form.delete("attachments");
    form.append("attachments", new Blob([new Uint8Array(PNG_BYTES)]), "cart.png");
    const filed = await outcome(filingAction({ request: new Request(url, { method: "POST", body: form, headers: { Cookie: cookie } }), params: {}, context: {} }));
    expect(filed).toBeInstanceOf(Response);
    expect((filed as Response).status).toBe(302);
    expect((filed as Response).headers.get("Location")).toMatch(/^\/portal\/tickets\/\d+\?filed=1$/);
  });

  it("answers 404 for another organisation's licence and ticket", async () => {
    const { customer, licence } = await customerWithLicence();
    const filed = await fileTestTicket(customer, licence);
    const outsider = await createUser("customer", { organisationId: (await createOrganisation()).id });
    const cookie = await cookieFor(outsider.id);
    const verdict = await outcome(
      filingLoader({ request: new Request(`http://keydesk.test/portal/tickets/new?licence=${licence.id}&type=question`, { headers: { Cookie: cookie } }), params: {}, context: {} }),
    );
    expect((verdict as Response).status).toBe(404);
    const page = await outcome(
      customerTicketLoader({ request: new Request(`http://keydesk.test/portal/tickets/${filed.number}`, { headers: { Cookie: cookie } }), params: { number: String(filed.number) }, context: {} }),
    );
    expect((page as Response).status).toBe(404);
    // Customers never reach the desk either.
    const desk = await outcome(
      workspaceLoader({ request: new Request(`http://keydesk.test/desk/tickets/${filed.number}`, { headers: { Cookie: await cookieFor(customer.id) } }), params: { number: String(filed.number) }, context: {} }),
    );
    expect((desk as Response).status).toBe(404);
  });
});

describe("the desk routes", () => {
  it("remembers an engineer's queue filters, per user", async () => {
    const engineer = await staff();
    const other = await staff();
    const cookie = await cookieFor(engineer.id);
    const filtered = await queueLoader({ request: new Request("http://keydesk.test/desk/tickets?queue=mine&priority=urgent", { headers: { Cookie: cookie } }), params: {}, context: {} });
    const init = (filtered as unknown as DataResult<unknown>).init;
    const setCookie = new Headers(init?.headers).get("Set-Cookie")!;
    expect(setCookie).toMatch(/^kd_queue=/);
    const remembered = `${cookie}; ${setCookie.split(";")[0]}`;
    const back = (await outcome(queueLoader({ request: new Request("http://keydesk.test/desk/tickets", { headers: { Cookie: remembered } }), params: {}, context: {} }))) as Response;
    expect(back.status).toBe(302);
    expect(back.headers.get("Location")).toBe("/desk/tickets?queue=mine&priority=urgent");
    const otherCookie = `${await cookieFor(other.id)}; ${setCookie.split(";")[0]}`;
    const fresh = (await outcome(queueLoader({ request: new Request("http://keydesk.test/desk/tickets", { headers: { Cookie: otherCookie } }), params: {}, context: {} }))) as Response;
    expect(fresh.headers.get("Location")).toBe("/desk/tickets?queue=open");
  });

  it("tells the losing engineer who claimed the ticket (409)", async () => {
    const { customer, licence } = await customerWithLicence();
    const filed = await fileTestTicket(customer, licence);
    const first = await staff("engineer", "Nadia First");
    const second = await staff("engineer", "Oleg Second");
    const claim = async (userId: string) =>
      unwrap<{ ok: boolean; claimedBy?: string }>(
        await workspaceAction({
          request: new Request(`http://keydesk.test/desk/tickets/${filed.number}`, {
            method: "POST",
            body: new URLSearchParams({ intent: "claim" }),
            headers: { Cookie: await cookieFor(userId), "Content-Type": "application/x-www-form-urlencoded" },
          }),
          params: { number: String(filed.number) },
          context: {},
        }),
      );
    expect((await claim(first.id)).body.ok).toBe(true);
    const lost = await claim(second.id);
    expect(lost).toMatchObject({ status: 409, body: { ok: false, claimedBy: "Nadia First", formError: { key: "tickets.error.alreadyClaimed", params: { name: "Nadia First" } } } });
  });

  it("names both tickets when a merge crosses organisations, and refuses a typed target that is not a number", async () => {
    const one = await customerWithLicence();
    const other = await customerWithLicence();
    const ticket = await fileTestTicket(one.customer, one.licence);
    const foreign = await fileTestTicket(other.customer, other.licence);
    const cookie = await cookieFor((await staff("engineer")).id);
    const preview = async (target: string) =>
      unwrap<{ ok: boolean; formError: unknown; fieldErrors: Record<string, unknown[]>; values: Record<string, string> }>(
        await workspaceAction({
          request: new Request(`http://keydesk.test/desk/tickets/${ticket.number}`, {
            method: "POST",
            body: new URLSearchParams({ intent: "merge-preview", target }),
            headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" },
          }),
          params: { number: String(ticket.number) },
          context: {},
        }),
      );
    // The message keeps its parameters, so the page can say both numbers.
    expect(await preview(`#${foreign.number}`)).toMatchObject({
      status: 400,
      body: {
        ok: false,
        formError: { key: "merge.error.otherOrganisation", params: { source: String(ticket.number), target: String(foreign.number) } },
        fieldErrors: { target: ["merge.error.chooseSameOrganisation"] },
      },
    });
    expect(await preview("twelve")).toMatchObject({ status: 400, body: { formError: "merge.target", fieldErrors: { target: ["merge.target"] }, values: { target: "twelve" } } });
  });
});
