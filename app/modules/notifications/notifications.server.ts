import { and, asc, eq, gte, inArray, isNull, lt, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { digestDays, notificationOptOuts, organisations, tickets, users } from "#db/schema";
import { recordAudit } from "~/utils/audit.server";
import { db, type Executor } from "~/utils/db.server";
import { queueEmail } from "~/utils/email.server";
import { getEnv } from "~/utils/env.server";
import { AppError } from "~/utils/errors.server";
import { formatDate, type Locale } from "~/utils/i18n";
import { formatDueMoment } from "../sla/promise";
import {
  assignmentNotices,
  digestDayDue,
  endOfLocalDay,
  isMandatory,
  notificationKindsFor,
  turnedOffFromForm,
  wantsEmail,
  type NotificationKind,
  type NotificationRole,
} from "./rules";

/**
 * Per-user email preferences, the assignment emails that follow an "assigned" ticket event, and
 * the team leads' daily digest job. Every optional email asks `emailWanted` first; the rules
 * (which kinds exist for a role, which cannot be turned off) are in ./rules.ts.
 */

type Person = { id: string; role: NotificationRole };

/** Whether this user gets an optional email of this kind (mandatory kinds always; others unless turned off). */
export async function emailWanted(executor: Executor, person: Person, kind: NotificationKind): Promise<boolean> {
  if (isMandatory(person.role, kind)) return true;
  const rows = await executor
    .select({ kind: notificationOptOuts.kind })
    .from(notificationOptOuts)
    .where(and(eq(notificationOptOuts.userId, person.id), eq(notificationOptOuts.kind, kind)))
    .limit(1);
  return wantsEmail(person.role, rows.map((r) => r.kind), kind);
}

/** Of these people, the ids who want an email of this kind (one query for a whole list). */
export async function peopleWanting<P extends Person>(executor: Executor, people: P[], kind: NotificationKind): Promise<P[]> {
  if (people.length === 0) return [];
  const off = await executor
    .select({ userId: notificationOptOuts.userId })
    .from(notificationOptOuts)
    .where(and(inArray(notificationOptOuts.userId, people.map((p) => p.id)), eq(notificationOptOuts.kind, kind)));
  const offIds = new Set(off.map((r) => r.userId));
  return people.filter((p) => wantsEmail(p.role, offIds.has(p.id) ? [kind] : [], kind));
}

export type NotificationPreference = { kind: NotificationKind; enabled: boolean; mandatory: boolean };

/** The preferences page: every kind the user's role receives, on or off, and which are locked on. */
export async function notificationPreferences(user: Person): Promise<NotificationPreference[]> {
  const off = await db.select({ kind: notificationOptOuts.kind }).from(notificationOptOuts).where(eq(notificationOptOuts.userId, user.id));
  const turnedOff = off.map((r) => r.kind);
  return notificationKindsFor(user.role).map((kind) => ({ kind, enabled: wantsEmail(user.role, turnedOff, kind), mandatory: isMandatory(user.role, kind) }));
}

/**
 * Saves which kinds are on (`enabled`: the ticked boxes). A form that tries to turn off a kind the
 * role may not (a team lead's SLA breach emails) is refused as a whole: nothing changes.
 */
export async function saveNotificationPreferences(user: Person, enabled: string[]): Promise<void> {
  const { off, refused } = turnedOffFromForm(user.role, enabled);
  if (refused.length > 0) throw AppError.invalid("notifications.refused", Object.fromEntries(refused.map((k) => [k, ["notifications.refused"]])));
  await db.transaction(async (tx) => {
    const before = (await tx.select({ kind: notificationOptOuts.kind }).from(notificationOptOuts).where(eq(notificationOptOuts.userId, user.id))).map((r) => r.kind).sort();
    await tx.delete(notificationOptOuts).where(eq(notificationOptOuts.userId, user.id));
    if (off.length > 0) await tx.insert(notificationOptOuts).values(off.map((kind) => ({ userId: user.id, kind })));
    const after = [...off].sort();
    if (before.join() !== after.join()) {
      await recordAudit(tx, { actorId: user.id, action: "user.notifications_changed", entityType: "user", entityId: user.id, before: { off: before }, after: { off: after } });
    }
  });
}

/**
 * Emails that follow an "assigned" ticket event (recorded by claim, assign and remedies alike):
 * the new assignee hears it was assigned or reassigned to them, the previous one that it moved
 * away. Nobody is told about their own action. Runs in the event's transaction.
 */
export async function emailAssignmentChange(
  tx: Executor,
  event: { ticketId: string; from: string | null; to: string | null; actorId: string | null; at: Date },
): Promise<void> {
  const notices = assignmentNotices(event);
  if (notices.length === 0) return;
  const ids = [...new Set([...notices.map((n) => n.userId), event.from, event.to, event.actorId].filter((x): x is string => Boolean(x)))];
  const people = await tx
    .select({ id: users.id, name: users.name, email: users.email, locale: users.locale, timeZone: users.timeZone, role: users.role, deactivatedAt: users.deactivatedAt })
    .from(users)
    .where(inArray(users.id, ids));
  const byId = new Map(people.map((p) => [p.id, p]));
  const [ticket] = await tx
    .select({ id: tickets.id, number: tickets.number, subject: tickets.subject, slaDueAt: tickets.slaDueAt, organisationName: organisations.name })
    .from(tickets)
    .innerJoin(organisations, eq(organisations.id, tickets.organisationId))
    .where(eq(tickets.id, event.ticketId))
    .limit(1);
  if (!ticket) return;
  for (const notice of notices) {
    const person = byId.get(notice.userId);
    if (!person || person.deactivatedAt || person.role === "customer") continue;
    if (!(await emailWanted(tx, person, "ticket_assigned"))) continue;
    await queueEmail(tx, {
      to: person.email,
      template: "tickets.assigned",
      ticketId: ticket.id,
      props: {
        locale: person.locale,
        name: person.name,
        kind: notice.kind,
        number: ticket.number,
        subject: ticket.subject,
        organisationName: ticket.organisationName,
        actorName: event.actorId ? (byId.get(event.actorId)?.name ?? "") : "",
        previousName: event.from ? (byId.get(event.from)?.name ?? null) : null,
        assigneeName: event.to ? (byId.get(event.to)?.name ?? null) : null,
        due: ticket.slaDueAt ? formatDueMoment(ticket.slaDueAt, person.timeZone, person.locale, event.at) : null,
        url: `${getEnv().APP_URL}/desk/tickets/${ticket.number}`,
      },
    });
  }
}

/**
 * A customer's "site is down" on a new ticket: the on-call engineer (the `tickets.onCallEmail`
 * setting; a user with that address gets it in their language) and every active team lead are
 * emailed at once, in the filing transaction. Preferences cannot turn this off (`site_down` is
 * mandatory for staff), so nobody's opt-outs are read. Each address gets one email.
 */
export async function emailSiteDown(
  tx: Executor,
  ticket: { id: string; number: number; subject: string; priority: "high" | "urgent"; slaDueAt: Date | null; organisationId: string },
  onCallEmail: string,
  now: Date,
): Promise<string[]> {
  const onCall = onCallEmail.trim().toLowerCase();
  const people = await tx
    .select({ email: users.email, name: users.name, locale: users.locale, timeZone: users.timeZone })
    .from(users)
    .where(and(isNull(users.deactivatedAt), onCall ? sql`(${users.role} = 'team_lead' or lower(${users.email}) = ${onCall})` : eq(users.role, "team_lead")))
    .orderBy(asc(users.email));
  const recipients = new Map(people.map((p) => [p.email.toLowerCase(), p]));
  if (onCall && !recipients.has(onCall)) recipients.set(onCall, { email: onCall, name: onCall, locale: "en", timeZone: "Europe/Moscow" });
  const [org] = await tx.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, ticket.organisationId)).limit(1);
  for (const person of recipients.values()) {
    await queueEmail(tx, {
      to: person.email,
      template: "tickets.site-down",
      ticketId: ticket.id,
      props: {
        locale: person.locale,
        name: person.name,
        number: ticket.number,
        subject: ticket.subject,
        organisationName: org?.name ?? "",
        priority: ticket.priority,
        due: ticket.slaDueAt ? formatDueMoment(ticket.slaDueAt, person.timeZone, person.locale, now) : null,
        url: `${getEnv().APP_URL}/desk/tickets/${ticket.number}`,
      },
    });
  }
  return [...recipients.keys()];
}

/** At most this many tickets are listed per group; the rest are counted. */
export const DIGEST_LIST_LIMIT = 25;
const ACTIVE = sql`${tickets.status} in ('new', 'open', 'pending', 'on_hold')`;

export type DigestRun = { leads: number; sent: number; empty: number };

/**
 * The daily digest job (run every quarter hour): each active team lead whose morning it is (from
 * 08:00 in their time zone) gets one email with the desk's overdue tickets and those breaching
 * before the end of their day. The (lead, local day) row is inserted first, so a day is decided
 * once whatever the number of runs or instances; a day with nothing to report sends nothing.
 * Keydesk has one desk: a lead's team is every engineer, so the digest covers every active ticket.
 */
export async function sendTeamLeadDigests(now: Date = new Date()): Promise<DigestRun> {
  const leads = await db
    .select({ id: users.id, name: users.name, email: users.email, locale: users.locale, timeZone: users.timeZone, role: users.role })
    .from(users)
    .where(and(eq(users.role, "team_lead"), isNull(users.deactivatedAt)))
    .orderBy(asc(users.id));
  const run: DigestRun = { leads: 0, sent: 0, empty: 0 };
  for (const lead of leads) {
    const day = digestDayDue(now, lead.timeZone);
    if (!day) continue;
    await db.transaction(async (tx) => {
      const [claimed] = await tx
        .insert(digestDays)
        .values({ userId: lead.id, day, decidedAt: now })
        .onConflictDoNothing()
        .returning({ userId: digestDays.userId });
      if (!claimed) return;
      run.leads++;
      if (!(await emailWanted(tx, lead, "daily_digest"))) return;
      const content = await digestContent(tx, now, lead.timeZone, lead.locale);
      const total = content.overdueTotal + content.todayTotal;
      if (total === 0) {
        run.empty++;
        return;
      }
      const emailId = await queueEmail(tx, {
        to: lead.email,
        template: "tickets.digest",
        props: {
          locale: lead.locale,
          name: lead.name,
          day: formatDate(now, lead.locale, lead.timeZone),
          ...content,
          queueUrl: `${getEnv().APP_URL}/desk/tickets?queue=breaching`,
          preferencesUrl: `${getEnv().APP_URL}/profile/notifications`,
        },
      });
      await tx.update(digestDays).set({ tickets: total, emailId }).where(and(eq(digestDays.userId, lead.id), eq(digestDays.day, day)));
      run.sent++;
    });
  }
  return run;
}

async function digestContent(tx: Executor, now: Date, timeZone: string, locale: Locale) {
  const assignee = alias(users, "assignee");
  const endOfDay = endOfLocalDay(now, timeZone);
  const list = (condition: ReturnType<typeof and>) =>
    tx
      .select({
        number: tickets.number,
        subject: tickets.subject,
        slaDueAt: tickets.slaDueAt,
        organisationName: organisations.name,
        assigneeName: assignee.name,
      })
      .from(tickets)
      .innerJoin(organisations, eq(organisations.id, tickets.organisationId))
      .leftJoin(assignee, eq(assignee.id, tickets.assigneeId))
      .where(condition)
      .orderBy(asc(tickets.slaDueAt), asc(tickets.id))
      .limit(DIGEST_LIST_LIMIT);
  const count = async (condition: ReturnType<typeof and>) => {
    const [row] = await tx.select({ n: sql<number>`count(*)::int` }).from(tickets).where(condition);
    return Number(row?.n ?? 0);
  };
  const overdueCondition = and(ACTIVE, lt(tickets.slaDueAt, now));
  const todayCondition = and(ACTIVE, gte(tickets.slaDueAt, now), lt(tickets.slaDueAt, endOfDay));
  // One after the other: a transaction is one connection.
  const overdue = await list(overdueCondition);
  const today = await list(todayCondition);
  const overdueTotal = overdue.length < DIGEST_LIST_LIMIT ? overdue.length : await count(overdueCondition);
  const todayTotal = today.length < DIGEST_LIST_LIMIT ? today.length : await count(todayCondition);
  const shape = (rows: Awaited<ReturnType<typeof list>>) =>
    rows.map((r) => ({
      number: r.number,
      subject: r.subject,
      organisationName: r.organisationName,
      due: r.slaDueAt ? formatDueMoment(r.slaDueAt, timeZone, locale, now) : "—",
      assigneeName: r.assigneeName ?? null,
      url: `${getEnv().APP_URL}/desk/tickets/${r.number}`,
    }));
  return { overdue: shape(overdue), overdueTotal, today: shape(today), todayTotal };
}
