import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { attachments, auditLog, complaints, csatResponses, emails, ticketEvents, ticketMessages, tickets } from "#db/schema";
import { portalSearch } from "~/modules/knowledge/search.server";
import { attachmentDownload } from "~/modules/tickets/attachments.server";
import { replyAsCustomer, replyAsStaff, setTicketStatus, updateAccessDetails } from "~/modules/tickets/conversation.server";
import { customerTicketView, listOrganisationTickets } from "~/modules/tickets/customer.server";
import { AlreadyClaimedError, assignTicket, claimTicket, revealAccessDetails, staffTicketView } from "~/modules/tickets/desk.server";
import { EligibilityRefusedError, filingVerdict } from "~/modules/tickets/filing.server";
import { customerPanel } from "~/modules/tickets/customer-panel.server";
import { closeSolvedTickets, eraseExpiredAccessDetails } from "~/modules/tickets/lifecycle.server";
import { queueCounts } from "~/modules/tickets/queue-counts.server";
import { listQueue } from "~/modules/tickets/queue.server";
import { parseUploadForm } from "~/modules/tickets/uploads.server";
import { MB } from "~/modules/tickets/file-types";

const MAX_ATTACHMENT_BYTES = 25 * MB;
import { db } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { AppError } from "~/utils/errors.server";
import { createOrganisation, createUser } from "../factories/accounts";
import {
  createTestLicence,
  createTestProduct,
  customerWithLicence,
  daysAfter,
  emailsTo,
  EXE_BYTES,
  fileTestTicket,
  minutesAfter,
  MONDAY_10_MSK,
  PNG_BYTES,
  ticketInput,
  someAccess,
  staff,
} from "../factories/tickets";

const T0 = MONDAY_10_MSK;

async function ticketRow(number: number) {
  const [row] = await db.select().from(tickets).where(eq(tickets.number, number));
  return row!;
}

function filesInStorage(): number {
  const root = path.join(getEnv().DATA_DIR, "files", "attachments");
  if (!existsSync(root)) return 0;
  return readdirSync(root, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile()).length;
}

describe("filing behind the eligibility gate", () => {
  it("files a ticket with encrypted access details and a screenshot, and emails the promise", async () => {
    const { customer, licence } = await customerWithLicence();
    const filed = await fileTestTicket(customer, licence, {
      access: someAccess(),
      uploads: [{ fileName: "checkout.png", bytes: PNG_BYTES, mime: "image/png" }],
    });
    expect(filed.number).toBeGreaterThanOrEqual(1001);
    const row = await ticketRow(filed.number);
    expect(row).toMatchObject({ status: "new", priority: "normal", licenceId: licence.id, siteAddress: "shop.example.ru", slaState: "ok" });
    // Ciphertext only: neither password nor login appears in the row.
    expect(row.accessDetailsCiphertext).toMatch(/^v1:/);
    expect(JSON.stringify(row)).not.toContain("Tr0ub4dor");
    expect(JSON.stringify(row)).not.toContain("correct-horse");
    // Filed Monday 10:00 MSK on the Standard plan: first response within 4 business hours, by 14:00.
    expect(row.slaDueAt?.toISOString()).toBe("2026-03-02T11:00:00.000Z");
    expect(row.slaWarnAt?.toISOString()).toBe("2026-03-02T10:00:00.000Z");
    const files = await db.select().from(attachments).where(eq(attachments.ticketId, row.id));
    expect(files).toMatchObject([{ fileName: "checkout.png", contentType: "image/png", size: PNG_BYTES.length, messageId: null }]);
    const [mail] = await emailsTo(customer.email);
    expect(mail?.template).toBe("tickets.received");
    expect(mail?.text).toContain("We answer within 4 business hours — by Mon 14:00 MSK");
    const [audit] = await db.select().from(auditLog).where(and(eq(auditLog.entityId, row.id), eq(auditLog.action, "ticket.filed")));
    expect(JSON.stringify(audit?.after)).not.toContain("Tr0ub4dor");
  });

  it("refuses an expired licence with the renewal quote, writes nothing and keeps no file", async () => {
    const { customer, licence } = await customerWithLicence({ state: "expired" });
    const verdict = await filingVerdict(customer, { licenceId: licence.id, type: "question" }, T0);
    expect(verdict).toMatchObject({ kind: "verdict", eligibility: { allowed: false, code: "SUPPORT_EXPIRED", nextStep: "renew" }, promise: null });
    const before = filesInStorage();
    const error = await fileTestTicket(customer, licence, { uploads: [{ fileName: "log.txt", bytes: new TextEncoder().encode("boom"), mime: "" }] }).catch((e) => e);
    expect(error).toBeInstanceOf(EligibilityRefusedError);
    expect(error.eligibility.code).toBe("SUPPORT_EXPIRED");
    expect(await db.select().from(tickets).where(eq(tickets.licenceId, licence.id))).toHaveLength(0);
    expect(filesInStorage()).toBe(before);
  });

  it("always accepts billing questions, with or without a licence", async () => {
    const { customer, licence } = await customerWithLicence({ state: "expired" });
    const withLicence = await fileTestTicket(customer, licence, { input: { type: "billing" } });
    const without = await fileTestTicket(customer, null);
    expect((await ticketRow(withLicence.number)).type).toBe("billing");
    expect((await ticketRow(without.number)).licenceId).toBeNull();
    expect(await filingVerdict(customer, { licenceId: null, type: "question" })).toEqual({ kind: "licence_required" });
  });

  it("accepts only bug reports for a free product, without a response-time commitment", async () => {
    const product = await createTestProduct({ free: true, listPriceMinor: 0 });
    const { customer, licence } = await customerWithLicence({ product });
    await expect(fileTestTicket(customer, licence, { input: { type: "question" } })).rejects.toBeInstanceOf(EligibilityRefusedError);
    const filed = await fileTestTicket(customer, licence, { input: { type: "bug_report" } });
    const row = await ticketRow(filed.number);
    expect(row).toMatchObject({ noResponseCommitment: true, slaDueAt: null, slaState: "none" });
    const view = await customerTicketView(customer, filed.number, T0);
    expect(view.promise).toEqual({ kind: "no_commitment" });
  });

  it("numbers tickets uniquely when many are filed at once", async () => {
    const { customer, licence } = await customerWithLicence();
    const filed = await Promise.all(Array.from({ length: 12 }, () => fileTestTicket(customer, licence)));
    const numbers = filed.map((f) => f.number);
    expect(new Set(numbers).size).toBe(12);
  });
});

describe("attachment type checks", () => {
  function multipart(parts: Array<{ name: string; value: string } | { name: string; fileName: string; bytes: Uint8Array }>) {
    const form = new FormData();
    for (const part of parts) {
      if ("bytes" in part) form.append(part.name, new Blob([new Uint8Array(part.bytes)]), part.fileName);
      else form.append(part.name, part.value);
    }
    return new Request("http://keydesk.test/portal/tickets/new", { method: "POST", body: form });
  }

  it("keeps text fields, accepts real images and explains refused files", async () => {
    const request = multipart([
      { name: "subject", value: "Broken cart" },
      { name: "attachments", fileName: "screen.png", bytes: PNG_BYTES },
      { name: "attachments", fileName: "invoice.pdf.exe", bytes: EXE_BYTES },
      { name: "attachments", fileName: "renamed.png", bytes: EXE_BYTES },
      { name: "attachments", fileName: "huge.mp4", bytes: new Uint8Array(MAX_ATTACHMENT_BYTES + 1) },
      { name: "attachments", fileName: "server.log", bytes: new TextEncoder().encode("PHP Fatal error: Allowed memory size exhausted\n") },
      { name: "description", value: "Typed after the files" },
    ]);
    const { formData, uploads, rejected } = await parseUploadForm(request);
    expect(formData.get("subject")).toBe("Broken cart");
    expect(formData.get("description")).toBe("Typed after the files");
    expect(uploads.map((u) => [u.fileName, u.mime])).toEqual([
      ["screen.png", "image/png"],
      ["server.log", "text/plain; charset=utf-8"],
    ]);
    expect(rejected).toEqual([
      { fileName: "invoice.pdf.exe", size: EXE_BYTES.length, reason: "type_not_accepted" },
      { fileName: "renamed.png", size: EXE_BYTES.length, reason: "type_not_accepted" },
      { fileName: "huge.mp4", size: MAX_ATTACHMENT_BYTES + 1, reason: "too_large" },
    ]);
  });

  it("re-checks content inside the use case", async () => {
    const { customer, licence } = await customerWithLicence();
    const error = await fileTestTicket(customer, licence, { uploads: [{ fileName: "x.png", bytes: EXE_BYTES, mime: "image/png" }] }).catch((e) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error.code).toBe("invalid");
  });
});

describe("organisation isolation", () => {
  it("gives a customer of another organisation not found, everywhere", async () => {
    const { customer, licence } = await customerWithLicence();
    const filed = await fileTestTicket(customer, licence, { uploads: [{ fileName: "a.png", bytes: PNG_BYTES, mime: "image/png" }] });
    const outsider = await createUser("customer", { organisationId: (await createOrganisation()).id });
    const [file] = await db.select().from(attachments).where(eq(attachments.uploaderId, customer.id));
    const notFound = (promise: Promise<unknown>) => expect(promise).rejects.toMatchObject({ code: "not_found" });
    await notFound(customerTicketView(outsider, filed.number));
    await notFound(replyAsCustomer(outsider, filed.number, "hello", []));
    await notFound(setTicketStatus(outsider, filed.number, "solved"));
    await notFound(updateAccessDetails(outsider, filed.number, someAccess()));
    await notFound(attachmentDownload(outsider, file!.id));
    await notFound(filingVerdict(outsider, { licenceId: licence.id, type: "question" }));
    const list = await listOrganisationTickets(outsider, { status: "all" });
    expect(list.tickets).toHaveLength(0);
    // Search (/portal/search): neither the words of the ticket nor its number reach it.
    const words = ticketInput().subject;
    const own = await portalSearch(customer, { q: words });
    expect(own.tickets.map((t) => t.number)).toContain(filed.number);
    expect(await portalSearch(outsider, { q: words })).toEqual({ jump: null, tickets: [] });
    expect(await portalSearch(outsider, { q: `#${filed.number}` })).toEqual({ jump: null, tickets: [] });
    // Staff-only use cases refuse customers outright.
    await expect(revealAccessDetails(customer, filed.number)).rejects.toMatchObject({ code: "forbidden" });
    await expect(claimTicket(customer, filed.number)).rejects.toMatchObject({ code: "forbidden" });
  });

  it("never shows internal notes (or their files) to the customer, nor emails them", async () => {
    const { customer, licence } = await customerWithLicence();
    const engineer = await staff();
    const filed = await fileTestTicket(customer, licence);
    await replyAsStaff(engineer, filed.number, { body: "Looks like the payment module; ask the vendor", visibility: "internal" }, [
      { fileName: "trace.txt", bytes: new TextEncoder().encode("stack trace"), mime: "" },
    ]);
    const view = await customerTicketView(customer, filed.number);
    expect(view.messages).toHaveLength(0);
    expect(view.attachments).toHaveLength(0);
    const [internalFile] = await db.select().from(attachments).where(eq(attachments.uploaderId, engineer.id));
    await expect(attachmentDownload(customer, internalFile!.id)).rejects.toMatchObject({ code: "not_found" });
    expect((await emailsTo(customer.email)).map((e) => e.template)).toEqual(["tickets.received"]);
    const staffView = await staffTicketView(engineer, filed.number, { locale: "en", timeZone: "Europe/Moscow" });
    expect(staffView.messages.map((m) => m.visibility)).toEqual(["internal"]);
  });
});

describe("claiming and assignment", () => {
  it("lets exactly one of two simultaneous claims win and tells the other who has it", async () => {
    const { customer, licence } = await customerWithLicence();
    const filed = await fileTestTicket(customer, licence);
    const egor = await staff("engineer", "Egor Race");
    const ivan = await staff("engineer", "Ivan Race");
    const results = await Promise.allSettled([claimTicket(egor, filed.number), claimTicket(ivan, filed.number)]);
    const won = results.filter((r) => r.status === "fulfilled");
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(lost[0]!.reason).toBeInstanceOf(AlreadyClaimedError);
    const row = await ticketRow(filed.number);
    const winner = row.assigneeId === egor.id ? egor : ivan;
    expect([egor.id, ivan.id]).toContain(row.assigneeId);
    expect((lost[0]!.reason as AlreadyClaimedError).claimedBy).toBe(winner.name);
    const claims = await db.select().from(ticketEvents).where(and(eq(ticketEvents.ticketId, row.id), eq(ticketEvents.type, "assigned")));
    expect(claims).toHaveLength(1);
    // Claiming your own ticket again is a no-op, not an error.
    await expect(claimTicket(winner, filed.number)).resolves.toBeUndefined();
  });

  it("lets team leads assign; engineers may only release their own", async () => {
    const { customer, licence } = await customerWithLicence();
    const filed = await fileTestTicket(customer, licence);
    const engineer = await staff();
    const lead = await staff("team_lead");
    await expect(assignTicket(engineer, filed.number, lead.id)).rejects.toMatchObject({ code: "forbidden" });
    await assignTicket(lead, filed.number, engineer.id);
    expect((await ticketRow(filed.number)).assigneeId).toBe(engineer.id);
    await assignTicket(engineer, filed.number, null);
    expect((await ticketRow(filed.number)).assigneeId).toBeNull();
    await expect(assignTicket(lead, filed.number, customer.id)).rejects.toMatchObject({ code: "invalid" });
  });
});

describe("access-detail vault", () => {
  it("reveals to staff only, with an audit entry and a ticket event each time", async () => {
    const { customer, licence } = await customerWithLicence();
    const engineer = await staff();
    const quality = await staff("quality");
    const filed = await fileTestTicket(customer, licence, { access: someAccess() });
    const revealed = await revealAccessDetails(engineer, filed.number, minutesAfter(T0, 5));
    expect(revealed.details).toMatchObject({ siteAdminLogin: "admin", siteAdminPassword: "Tr0ub4dor&3", serverProtocol: "ssh" });
    await expect(revealAccessDetails(quality, filed.number)).rejects.toMatchObject({ code: "forbidden" });
    const row = await ticketRow(filed.number);
    const audits = await db.select().from(auditLog).where(and(eq(auditLog.entityId, row.id), eq(auditLog.action, "ticket.access_details_revealed")));
    expect(audits).toHaveLength(1);
    expect(audits[0]!.actorId).toBe(engineer.id);
    expect(JSON.stringify(audits[0])).not.toContain("Tr0ub4dor");
    const events = await db.select().from(ticketEvents).where(and(eq(ticketEvents.ticketId, row.id), eq(ticketEvents.type, "access_details_revealed")));
    expect(events).toHaveLength(1);
  });

  it("erases the access details 7 days after closing, not a minute earlier", async () => {
    const { customer, licence } = await customerWithLicence();
    const engineer = await staff();
    const filed = await fileTestTicket(customer, licence, { access: someAccess() });
    await replyAsStaff(engineer, filed.number, { body: "Fixed the module settings.", visibility: "public", status: "solved" }, [], minutesAfter(T0, 30));
    const solvedAt = minutesAfter(T0, 30);
    expect(await closeSolvedTickets(daysAfter(solvedAt, 6))).toBe(0);
    expect(await closeSolvedTickets(daysAfter(solvedAt, 7))).toBeGreaterThanOrEqual(1);
    const closed = await ticketRow(filed.number);
    expect(closed.status).toBe("closed");
    const closedAt = closed.closedAt!;
    await eraseExpiredAccessDetails(minutesAfter(daysAfter(closedAt, 7), -1));
    expect((await ticketRow(filed.number)).accessDetailsCiphertext).not.toBeNull();
    await eraseExpiredAccessDetails(daysAfter(closedAt, 7));
    const erased = await ticketRow(filed.number);
    expect(erased.accessDetailsCiphertext).toBeNull();
    expect(erased.accessDetailsErasedAt?.toISOString()).toBe(daysAfter(closedAt, 7).toISOString());
    await expect(revealAccessDetails(engineer, filed.number)).rejects.toMatchObject({ code: "conflict" });
    const view = await customerTicketView(customer, filed.number);
    expect(view.ticket.accessDetailsErasedAt?.toISOString()).toBe(erased.accessDetailsErasedAt?.toISOString());
  });

  it("lets the customer add access details later, still encrypted", async () => {
    const { customer, licence } = await customerWithLicence();
    const filed = await fileTestTicket(customer, licence);
    await updateAccessDetails(customer, filed.number, someAccess());
    const row = await ticketRow(filed.number);
    expect(row.accessDetailsCiphertext).toMatch(/^v1:/);
    expect(row.accessDetailsCiphertext).not.toContain("admin");
  });
});

describe("statuses and the conversation", () => {
  it("runs new → open → pending → (customer) open → solved → (customer) open → solved → closed → follow-up", async () => {
    const { customer, licence } = await customerWithLicence();
    const engineer = await staff();
    const filed = await fileTestTicket(customer, licence);
    const n = filed.number;
    await replyAsStaff(engineer, n, { body: "Which PHP version?", visibility: "public", status: "pending" }, [], minutesAfter(T0, 20));
    expect((await ticketRow(n)).status).toBe("pending");
    await replyAsCustomer(customer, n, "PHP 8.2", [], minutesAfter(T0, 40));
    expect((await ticketRow(n)).status).toBe("open");
    await replyAsStaff(engineer, n, { body: "Fixed.", visibility: "public", status: "solved" }, [], minutesAfter(T0, 60));
    expect((await ticketRow(n)).solvedAt?.toISOString()).toBe(minutesAfter(T0, 60).toISOString());
    await replyAsCustomer(customer, n, "Still broken on mobile", [], minutesAfter(T0, 90));
    const reopened = await ticketRow(n);
    expect(reopened).toMatchObject({ status: "open", solvedAt: null });
    await replyAsStaff(engineer, n, { body: "Mobile fixed too.", visibility: "public", status: "solved" }, [], minutesAfter(T0, 120));
    // The customer's reply reset the 7 days: they count from the second solve.
    expect(await closeSolvedTickets(daysAfter(minutesAfter(T0, 119), 7))).toBe(0);
    await closeSolvedTickets(daysAfter(minutesAfter(T0, 120), 7));
    expect((await ticketRow(n)).status).toBe("closed");
    await expect(replyAsStaff(engineer, n, { body: "late", visibility: "public" }, [])).rejects.toMatchObject({ code: "conflict" });
    const followUp = await replyAsCustomer(customer, n, "It broke again after the update", [], daysAfter(T0, 10));
    expect(followUp.followUp).toBe(true);
    const next = await ticketRow(followUp.number);
    expect(next).toMatchObject({ followUpOfId: reopened.id, description: "It broke again after the update", status: "new", licenceId: licence.id });
    // Customer emails: received, 3 replies (one with "pending", two with "solved"), closed, and the follow-up's received.
    const templates = (await emailsTo(customer.email)).map((e) => e.template).sort();
    expect(templates).toEqual(
      ["tickets.received", "tickets.received", "tickets.replied", "tickets.replied", "tickets.replied", "tickets.status-changed"].sort(),
    );
  });

  it("lets the customer mark solved, reopen, and confirm closed, but nothing else", async () => {
    const { customer, licence } = await customerWithLicence();
    const filed = await fileTestTicket(customer, licence);
    await expect(setTicketStatus(customer, filed.number, "pending")).rejects.toMatchObject({ code: "conflict" });
    await setTicketStatus(customer, filed.number, "solved");
    await setTicketStatus(customer, filed.number, "open");
    await setTicketStatus(customer, filed.number, "solved");
    await setTicketStatus(customer, filed.number, "closed");
    expect((await ticketRow(filed.number)).status).toBe("closed");
    const statusEvents = await db.select().from(ticketEvents).where(eq(ticketEvents.type, "status_changed"));
    expect(statusEvents.filter((e) => e.actorId === customer.id)).toHaveLength(4);
  });

  it("stores messages with their attachments", async () => {
    const { customer, licence } = await customerWithLicence();
    const filed = await fileTestTicket(customer, licence);
    await replyAsCustomer(customer, filed.number, "Here is the log", [{ fileName: "error.log", bytes: new TextEncoder().encode("ERROR 1\n"), mime: "" }]);
    const view = await customerTicketView(customer, filed.number);
    expect(view.messages).toHaveLength(1);
    expect(view.attachments).toMatchObject([{ messageId: view.messages[0]!.id, fileName: "error.log", contentType: "text/plain; charset=utf-8" }]);
    const response = await attachmentDownload(customer, view.attachments[0]!.id);
    expect(response.headers.get("Content-Disposition")).toMatch(/^attachment;/);
    expect(response.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(await response.text()).toBe("ERROR 1\n");
    const [message] = await db.select().from(ticketMessages).where(eq(ticketMessages.id, view.messages[0]!.id));
    expect(message?.fromStaff).toBe(false);
  });
});

describe("queues", () => {
  it("orders by SLA due time (none last) and pages by keyset without gaps or repeats", async () => {
    const engineer = await staff();
    const { customer, licence } = await customerWithLicence();
    const free = await createTestLicence(customer.organisationId!, { product: await createTestProduct({ free: true, listPriceMinor: 0 }) });
    const made: number[] = [];
    for (let i = 0; i < 7; i++) made.push((await fileTestTicket(customer, licence, { now: minutesAfter(T0, i * 10) })).number);
    const noDue = (await fileTestTicket(customer, free, { input: { type: "bug_report" } })).number;
    const filters = { queue: "open" as const, organisationId: customer.organisationId! };
    const seen: number[] = [];
    let after = null;
    for (let page = 0; page < 10; page++) {
      const result: Awaited<ReturnType<typeof listQueue>> = await listQueue(engineer, filters, { after, pageSize: 3, now: T0 });
      seen.push(...result.rows.map((r) => r.number));
      if (!result.next) break;
      after = result.next;
    }
    expect(seen).toEqual([...made, noDue]);
  });

  it("counts each queue and applies the filters", async () => {
    const { customer, licence } = await customerWithLicence();
    const engineer = await staff();
    const a = await fileTestTicket(customer, licence);
    const b = await fileTestTicket(customer, licence);
    await claimTicket(engineer, a.number);
    await replyAsStaff(engineer, a.number, { body: "Waiting for you", visibility: "public", status: "pending" }, [], minutesAfter(T0, 5));
    const counts = await queueCounts(engineer, minutesAfter(T0, 200));
    expect(counts.mine).toBe(1);
    expect(counts.pending).toBeGreaterThanOrEqual(1);
    expect(counts.breaching).toBeGreaterThanOrEqual(1); // b passed 75 % of 4 h at 13:00
    // "Breaching soon" holds what is not yet due; "Breached" what is past due.
    const ofOrg = (queue: "breaching" | "breached", minutes: number) =>
      listQueue(engineer, { queue, organisationId: customer.organisationId! }, { now: minutesAfter(T0, minutes) }).then((r) => r.rows.map((row) => row.number));
    expect([await ofOrg("breaching", 200), await ofOrg("breached", 200)]).toEqual([[b.number], []]);
    expect([await ofOrg("breaching", 360), await ofOrg("breached", 360)]).toEqual([[], [b.number]]);
    const later = await queueCounts(engineer, minutesAfter(T0, 360));
    expect(later.breached).toBeGreaterThanOrEqual(1);
    const mine = await listQueue(engineer, { queue: "mine" });
    expect(mine.rows.map((r) => r.number)).toEqual([a.number]);
    const unassigned = await listQueue(engineer, { queue: "unassigned", organisationId: customer.organisationId! });
    expect(unassigned.rows.map((r) => r.number)).toEqual([b.number]);
    const bySearch = await listQueue(engineer, { queue: "all", q: `#${b.number}` });
    expect(bySearch.rows.map((r) => r.number)).toEqual([b.number]);
    const urgent = await listQueue(engineer, { queue: "open", organisationId: customer.organisationId!, priority: "urgent" });
    expect(urgent.rows).toHaveLength(0);
    await expect(listQueue(customer, { queue: "open" })).rejects.toMatchObject({ code: "forbidden" });
  });
});

describe("the customer beside the ticket", () => {
  it("lists the organisation's licences with renewal price, other open tickets, CSAT, complaints (quality) and contacts; 404 for a customer", async () => {
    const { organisation, customer, licence } = await customerWithLicence();
    const cheap = await createTestLicence(organisation.id, { product: await createTestProduct({ listPriceMinor: 99_999 }), state: "expired" });
    const engineer = await staff();
    const here = await fileTestTicket(customer, licence);
    const other = await fileTestTicket(customer, licence);
    await db.insert(csatResponses).values({ ticketId: other.id, authorId: customer.id, engineerId: engineer.id, speedToReach: 5, speedToUnderstand: 4, answerQuality: 4, comfort: 3 });
    await db.insert(complaints).values({ organisationId: organisation.id, authorId: customer.id, subject: "Slow answers", description: "Two days for a first answer." });
    const colleague = await createUser("customer", { organisationId: organisation.id });

    const panel = await customerPanel(engineer, here.id, T0);
    // No plan of its own: the default plan, by name.
    expect(panel.organisation).toMatchObject({ id: organisation.id, name: organisation.name, planName: "Standard" });
    // Soonest end first: the lapsed licence, at half its list price (the default share).
    expect(panel.licences.map((l) => [l.id, l.status, l.renewal?.amountMinor])).toEqual([
      [cheap.id, "expired", 50_000],
      [licence.id, "active", 600_000],
    ]);
    expect(panel.openTickets.map((o) => o.number)).toEqual([other.number]);
    expect(panel.csat).toEqual([expect.objectContaining({ number: other.number, average: 4 })]);
    expect(panel.complaints).toBeNull(); // an engineer does not read complaints
    expect(panel.contacts.map((c) => c.id).sort()).toEqual([customer.id, colleague.id].sort());
    const quality = await customerPanel(await staff("quality"), here.id, T0);
    expect(quality.complaints?.map((c) => c.subject)).toEqual(["Slow answers"]);
    await expect(customerPanel(customer, here.id, T0)).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("emails", () => {
  it("tells the customer about a staff reply in their language", async () => {
    const { customer, licence } = await customerWithLicence({ locale: "ru" });
    const engineer = await staff();
    const filed = await fileTestTicket(customer, licence);
    await replyAsStaff(engineer, filed.number, { body: "Проверьте настройки доставки", visibility: "public" }, [], minutesAfter(T0, 10));
    const mails = await db.select().from(emails).where(and(eq(emails.toAddress, customer.email), eq(emails.template, "tickets.replied")));
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toContain(`[#${filed.number}] Новый ответ`);
    const received = await db.select().from(emails).where(and(eq(emails.toAddress, customer.email), eq(emails.template, "tickets.received")));
    expect(received[0]!.text).toContain("Мы ответим в течение 4 рабочих часов — до пн 14:00 МСК");
  });
});
