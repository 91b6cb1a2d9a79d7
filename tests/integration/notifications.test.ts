import { and, eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { digestDays, emails, notificationOptOuts, settings, tickets } from "#db/schema";
import { notificationPreferences, saveNotificationPreferences, sendTeamLeadDigests } from "~/modules/notifications/notifications.server";
import { runSlaAlerts } from "~/modules/sla/clocks.server";
import { replyAsStaff } from "~/modules/tickets/conversation.server";
import { assignTicket, claimTicket } from "~/modules/tickets/desk.server";
import { action as preferencesAction } from "~/routes/profile_.notifications";
import { createSession } from "~/modules/accounts/auth.server";
import { db } from "~/utils/db.server";
import { AppError } from "~/utils/errors.server";
import { createUser } from "../factories/accounts";
import { customerWithLicence, fileTestTicket, minutesAfter, MONDAY_10_MSK as T0, staff } from "../factories/tickets";

/**
 * Notification emails: assignment and reassignment (following the recorded "assigned" event),
 * per-user preferences (honoured, and the one mandatory kind refused), and the team leads'
 * daily digest (content, send time in the lead's zone, once per day, nothing when empty).
 * One file, one database: each test sets up what it needs once.
 */

async function emailsOf(template: string, to: string) {
  return db.select().from(emails).where(and(eq(emails.template, template), eq(emails.toAddress, to)));
}

describe("assignment emails", () => {
  it("tell the new assignee, and the previous one when someone else moves the ticket; never about one's own claim", async () => {
    await db.insert(settings).values({ key: "mail", value: { supportAddress: "support@keydesk.test" } }).onConflictDoNothing();
    const { customer, licence } = await customerWithLicence();
    const lead = await staff("team_lead", "Tatiana Lead");
    const egor = await staff("engineer", "Egor Engineer");
    const ivan = await staff("engineer", "Ivan Engineer");
    const filed = await fileTestTicket(customer, licence);

    await claimTicket(egor, filed.number, minutesAfter(T0, 1));
    expect(await emailsOf("tickets.assigned", egor.email)).toHaveLength(0);

    await assignTicket(lead, filed.number, ivan.id, minutesAfter(T0, 5));
    const [toIvan] = await emailsOf("tickets.assigned", ivan.email);
    expect(toIvan!.subject).toMatch(new RegExp(`^\\[#${filed.number}\\] Reassigned to you: `));
    expect(toIvan!.text).toContain("Tatiana Lead reassigned ticket");
    expect(toIvan!.text).toContain("from Egor Engineer");
    // Threading as every ticket email: our Message-ID, the ticket's thread root, Reply-To the support address.
    expect(toIvan!.ticketId).toBe(filed.id);
    expect(toIvan!.messageId).toMatch(/@/);
    expect(toIvan!.headers!["In-Reply-To"]).toMatch(new RegExp(`^<ticket-${filed.id}@`));
    expect(toIvan!.headers).toMatchObject({ "Reply-To": "support@keydesk.test" });
    const [toEgor] = await emailsOf("tickets.assigned", egor.email);
    expect(toEgor!.subject).toMatch(new RegExp(`^\\[#${filed.number}\\] Reassigned to Ivan Engineer: `));
    expect(toEgor!.text).toContain("You need not act on it any more");
    expect(await emailsOf("tickets.assigned", lead.email)).toHaveLength(0);

    // Unassigning tells nobody new; assigning an unassigned ticket says "assigned to you".
    await assignTicket(lead, filed.number, null, minutesAfter(T0, 6));
    await assignTicket(lead, filed.number, egor.id, minutesAfter(T0, 7));
    const egorNow = await emailsOf("tickets.assigned", egor.email);
    expect(egorNow).toHaveLength(2);
    expect(egorNow.map((e) => e.subject)).toEqual(expect.arrayContaining([expect.stringMatching(new RegExp(`^\\[#${filed.number}\\] Assigned to you: `))]));
    expect(await emailsOf("tickets.assigned", ivan.email)).toHaveLength(1);
  });

  it("are written in the engineer's language and follow their preference", async () => {
    const { customer, licence } = await customerWithLicence();
    const lead = await staff("team_lead");
    const olga = await createUser("engineer", { name: "Ольга", locale: "ru" });
    const quiet = await staff("engineer");
    await saveNotificationPreferences(quiet, ["customer_replied", "sla_warning", "sla_breach"]);
    const first = await fileTestTicket(customer, licence);
    const second = await fileTestTicket(customer, licence);
    await assignTicket(lead, first.number, olga.id, minutesAfter(T0, 2));
    await assignTicket(lead, second.number, quiet.id, minutesAfter(T0, 2));
    const [russian] = await emailsOf("tickets.assigned", olga.email);
    expect(russian!.subject).toMatch(new RegExp(`^\\[#${first.number}\\] Назначено вам: `));
    expect(await emailsOf("tickets.assigned", quiet.email)).toHaveLength(0);
  });
});

describe("notification preferences", () => {
  it("a customer who turned replies off gets no reply email, but still hears of a status change", async () => {
    const { customer, licence } = await customerWithLicence();
    const engineer = await staff("engineer");
    const filed = await fileTestTicket(customer, licence);
    const kinds = (await notificationPreferences(customer)).map((p) => p.kind);
    expect(kinds).toEqual(["ticket_received", "ticket_replied", "ticket_status_changed", "csat_request", "review_invitation"]);
    await saveNotificationPreferences(customer, kinds.filter((k) => k !== "ticket_replied"));
    await replyAsStaff(engineer, filed.number, { body: "Please send the log", visibility: "public", status: "pending" }, [], minutesAfter(T0, 30));
    expect(await emailsOf("tickets.replied", customer.email)).toHaveLength(0);
    const [status] = await emailsOf("tickets.status-changed", customer.email);
    expect(status!.ticketId).toBe(filed.id);
    // Turned back on: the next reply is emailed again.
    await saveNotificationPreferences(customer, kinds);
    await replyAsStaff(engineer, filed.number, { body: "Any news?", visibility: "public" }, [], minutesAfter(T0, 40));
    expect(await emailsOf("tickets.replied", customer.email)).toHaveLength(1);
  });

  it("a team lead cannot turn SLA breach emails off: the use case and the page refuse, and breaches still arrive", async () => {
    const lead = await staff("team_lead");
    const prefs = await notificationPreferences(lead);
    expect(prefs.find((p) => p.kind === "sla_breach")).toEqual({ kind: "sla_breach", enabled: true, mandatory: true });
    expect(prefs.map((p) => p.kind)).toContain("daily_digest");

    await expect(saveNotificationPreferences(lead, ["ticket_assigned"])).rejects.toBeInstanceOf(AppError);
    expect(await db.select().from(notificationOptOuts).where(eq(notificationOptOuts.userId, lead.id))).toHaveLength(0);

    const refused = await postPreferences(lead, ["ticket_assigned"]);
    expect(refused.status).toBe(400);
    const saved = await postPreferences(lead, ["sla_breach", "daily_digest"]);
    expect(saved.status).toBe(200);
    const off = (await db.select().from(notificationOptOuts).where(eq(notificationOptOuts.userId, lead.id))).map((r) => r.kind).sort();
    expect(off).toEqual(["customer_replied", "sla_warning", "ticket_assigned"]);

    // Warnings are off for this lead, breaches are not; an engineer may turn both off.
    const engineer = await staff("engineer");
    await saveNotificationPreferences(engineer, ["ticket_assigned"]);
    const { customer, licence } = await customerWithLicence();
    const filed = await fileTestTicket(customer, licence);
    await assignTicket(lead, filed.number, engineer.id, minutesAfter(T0, 1));
    await runSlaAlerts(minutesAfter(T0, 181));
    await runSlaAlerts(minutesAfter(T0, 241));
    const about = (rows: Array<{ subject: string }>) => rows.filter((r) => r.subject.startsWith(`[#${filed.number}]`));
    expect(about(await emailsOf("sla.warning", lead.email))).toHaveLength(0);
    expect(about(await emailsOf("sla.breach", lead.email))).toHaveLength(1);
    expect(about(await emailsOf("sla.warning", engineer.email))).toHaveLength(0);
    expect(about(await emailsOf("sla.breach", engineer.email))).toHaveLength(0);
  });
});

/** Posts the preferences form through the route as a signed-in user. */
async function postPreferences(user: { id: string }, enabled: string[]) {
  const cookie = (await createSession(user.id, new Request("http://keydesk.test/"))).split(";")[0]!;
  const body = new URLSearchParams(enabled.map((k) => ["enabled", k]));
  const request = new Request("http://keydesk.test/profile/notifications", { method: "POST", headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" }, body });
  const result: unknown = await preferencesAction({ request, params: {}, context: {} });
  const init = result && typeof result === "object" && "init" in result ? (result as { init: { status?: number } | null }).init : null;
  return { status: init?.status ?? 200 };
}

describe("team leads' daily digest", () => {
  // Tuesday 3 March 2026: 07:30, 08:30 and 09:00 in Moscow.
  const TUE_0730_MSK = new Date("2026-03-03T04:30:00Z");
  const TUE_0830_MSK = new Date("2026-03-03T05:30:00Z");
  const TUE_0900_MSK = new Date("2026-03-03T06:00:00Z");

  it("lists overdue tickets and those breaching today, once a day from 08:00 in the lead's zone, and nothing when there is nothing", async () => {
    const { customer, licence } = await customerWithLicence();
    const egor = await staff("engineer", "Egor Digest");
    const moscowLead = await createUser("team_lead", { name: "Lead Moscow", timeZone: "Europe/Moscow" });
    const farLead = await createUser("team_lead", { name: "Lead Vladivostok", timeZone: "Asia/Vladivostok" });
    const quietLead = await createUser("team_lead", { name: "Lead Quiet", timeZone: "Europe/Moscow" });
    await saveNotificationPreferences(quietLead, ["sla_breach"]);

    // Filed Monday 10:00 MSK: first response due Monday 14:00 — overdue on Tuesday morning.
    const overdue = await fileTestTicket(customer, licence, { input: { subject: "Export is empty" } });
    await assignTicket(moscowLead, overdue.number, egor.id, minutesAfter(T0, 1));
    // Filed Monday 17:00 MSK: due Tuesday 13:00 MSK — breaching today.
    const today = await fileTestTicket(customer, licence, { now: minutesAfter(T0, 420), input: { subject: "Licence will not activate" } });
    // Answered: no running clock, not in the digest.
    const answered = await fileTestTicket(customer, licence, { input: { subject: "Answered already" } });
    await replyAsStaff(egor, answered.number, { body: "Done", visibility: "public", status: "solved" }, [], minutesAfter(T0, 10));

    expect(await sendTeamLeadDigests(TUE_0730_MSK)).toMatchObject({ sent: 0 });
    const run = await sendTeamLeadDigests(TUE_0830_MSK);
    expect(run.sent).toBeGreaterThanOrEqual(1);
    const [digest, ...more] = await emailsOf("tickets.digest", moscowLead.email);
    expect(more).toHaveLength(0);
    expect(digest!.subject).toMatch(/^Daily digest: \d+ tickets? needs? attention/);
    // The plain-text part shows headings in capitals.
    const text = digest!.text.toLowerCase();
    expect(text).toMatch(/overdue: \d+ tickets?/);
    expect(text).toMatch(/breaching today: 1 ticket\b/);
    const overdueAt = text.indexOf("overdue:");
    const todayAt = text.indexOf("breaching today:");
    const at = (subject: string) => text.indexOf(subject.toLowerCase());
    expect(at("Export is empty")).toBeGreaterThan(overdueAt);
    expect(at("Export is empty")).toBeLessThan(todayAt);
    expect(digest!.text).toContain("Egor Digest");
    expect(at("Licence will not activate")).toBeGreaterThan(todayAt);
    expect(digest!.text).not.toContain("Answered already");
    expect(digest!.text).toContain(`/desk/tickets/${today.number}`);
    // Not yet morning in Vladivostok's sense (15:30 there: past the window); turned off: none.
    expect(await emailsOf("tickets.digest", farLead.email)).toHaveLength(0);
    expect(await emailsOf("tickets.digest", quietLead.email)).toHaveLength(0);

    // Later runs the same day, even two at once, send nothing more.
    await Promise.all([sendTeamLeadDigests(TUE_0900_MSK), sendTeamLeadDigests(TUE_0900_MSK)]);
    expect(await emailsOf("tickets.digest", moscowLead.email)).toHaveLength(1);
    // 08:30 in Vladivostok (Wednesday there): that lead's digest comes in their own morning.
    await sendTeamLeadDigests(new Date("2026-03-03T22:30:00Z"));
    expect(await emailsOf("tickets.digest", farLead.email)).toHaveLength(1);

    // Nothing to report on Wednesday (every active ticket is dealt with): no email, the day is still decided once.
    await db.update(tickets).set({ status: "solved", slaDueAt: null }).where(inArray(tickets.status, ["new", "open", "pending", "on_hold"]));
    const wednesday = new Date("2026-03-04T05:30:00Z");
    const quiet = await sendTeamLeadDigests(wednesday);
    expect(quiet.sent).toBe(0);
    expect(await emailsOf("tickets.digest", moscowLead.email)).toHaveLength(1);
    const [decided] = await db.select().from(digestDays).where(and(eq(digestDays.userId, moscowLead.id), eq(digestDays.day, "2026-03-04")));
    expect(decided).toMatchObject({ tickets: 0, emailId: null });
  });
});
