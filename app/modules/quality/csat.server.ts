import { and, asc, desc, eq, exists, gte, inArray, isNotNull, lte, notExists, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { auditLog, complaints, complaintTickets, csatResponses, organisations, tickets, users, type Ticket } from "#db/schema";
import { recordAudit } from "~/utils/audit.server";
import { db, type Executor } from "~/utils/db.server";
import { queueEmail } from "~/utils/email.server";
import { AppError } from "~/utils/errors.server";
import { msg } from "~/utils/messages";
import { isUuid } from "~/utils/pagination";
import { can, type Actor } from "../accounts/permissions";
import { csatInvitesReview } from "../reviews/invitations";
import { inviteReviewAfterCsat } from "../reviews/invitations.server";
import { canEditCsat, CSAT_ALERT_THRESHOLD, CSAT_RATING_KEYS, needsQualityAlert, type Csat, type CsatRatingKey } from "./csat";
import { alertQualityTeam, appUrl } from "./shared.server";
import { emailWanted } from "../notifications/notifications.server";

/**
 * CSAT (SPEC §6): when a ticket is solved the requester is asked (email and a prompt on the
 * ticket page) for four ratings and a comment; one response per ticket, editable for 7 days.
 * A rating of 2 or lower alerts the quality team and offers the customer the complaint form.
 */

const RATEABLE = new Set(["solved", "closed"]);

/**
 * Asks the requester to rate a solved ticket: one email per solve (a ticket reopened and solved
 * again is asked again, unless somebody already rated it). The request is recorded in the audit
 * log as `csat.requested` with the solve time it belongs to — that record is what makes the
 * job below send each request once (docs/decisions/040).
 */
export async function requestCsat(tx: Executor, ticket: Pick<Ticket, "id" | "number" | "subject" | "requesterId" | "solvedAt">): Promise<boolean> {
  const [rated] = await tx.select({ id: csatResponses.id }).from(csatResponses).where(eq(csatResponses.ticketId, ticket.id)).limit(1);
  if (rated || !ticket.solvedAt) return false;
  const solvedAt = ticket.solvedAt.toISOString();
  const [asked] = await tx
    .select({ id: auditLog.id })
    .from(auditLog)
    .where(and(eq(auditLog.entityType, "ticket"), eq(auditLog.entityId, ticket.id), eq(auditLog.action, "csat.requested"), sql`${auditLog.after}->>'solvedAt' = ${solvedAt}`))
    .limit(1);
  if (asked) return false;
  const [requester] = await tx
    .select({ name: users.name, email: users.email, locale: users.locale, deactivatedAt: users.deactivatedAt, role: users.role })
    .from(users)
    .where(eq(users.id, ticket.requesterId))
    .limit(1);
  const send =
    !!requester && !requester.deactivatedAt && requester.role === "customer" && (await emailWanted(tx, { id: ticket.requesterId, role: requester.role }, "csat_request"));
  if (send) {
    await queueEmail(tx, {
      to: requester.email,
      template: "quality.csat-request",
      props: { locale: requester.locale, name: requester.name, number: ticket.number, subject: ticket.subject, url: appUrl(`/portal/csat/${ticket.number}`) },
    });
  }
  await recordAudit(tx, { actorId: null, action: "csat.requested", entityType: "ticket", entityId: ticket.id, after: { solvedAt, emailed: send } });
  return send;
}

/** How far back the job looks for solved tickets (a solved ticket closes by itself after 7 days). */
export const CSAT_REQUEST_LOOKBACK_MS = 8 * 24 * 60 * 60 * 1000;

/**
 * The CSAT request job: tickets solved recently (still solved, or already closed) and not yet
 * asked for this solve. Runs every minute, so the email follows the solve within a minute;
 * each ticket is handled in its own transaction with its row locked (SKIP LOCKED), so two app
 * instances never ask twice. Kept out of the tickets module's status change on purpose: the
 * tickets module does not depend on quality (docs/decisions/040).
 */
export async function runCsatRequests(now = new Date(), batchSize = 200): Promise<number> {
  const since = new Date(now.getTime() - CSAT_REQUEST_LOOKBACK_MS);
  const candidates = await db
    .select({ id: tickets.id })
    .from(tickets)
    .where(
      and(
        or(and(eq(tickets.status, "solved"), gte(tickets.solvedAt, since)), and(eq(tickets.status, "closed"), gte(tickets.closedAt, since), isNotNull(tickets.solvedAt))),
        lte(tickets.solvedAt, now),
        notExists(db.select({ one: sql`1` }).from(csatResponses).where(eq(csatResponses.ticketId, tickets.id))),
        notExists(
          db
            .select({ one: sql`1` })
            .from(auditLog)
            .where(
              and(
                eq(auditLog.entityType, "ticket"),
                eq(auditLog.entityId, sql`${tickets.id}::text`),
                eq(auditLog.action, "csat.requested"),
                sql`${auditLog.after}->>'solvedAt' = to_char(${tickets.solvedAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`,
              ),
            ),
        ),
      ),
    )
    .orderBy(asc(tickets.solvedAt))
    .limit(batchSize);
  let sent = 0;
  for (const { id } of candidates) {
    const asked = await db.transaction(async (tx) => {
      const [ticket] = await tx.select().from(tickets).where(eq(tickets.id, id)).for("update", { skipLocked: true });
      if (!ticket || (ticket.status !== "solved" && ticket.status !== "closed")) return false;
      return requestCsat(tx, ticket);
    });
    if (asked) sent++;
  }
  return sent;
}

async function customerTicket(executor: Executor, actor: Actor, number: number, lock = false) {
  if (actor.role !== "customer" || !actor.organisationId) throw AppError.notFound();
  if (!Number.isSafeInteger(number) || number <= 0) throw AppError.notFound();
  const query = executor.select().from(tickets).where(eq(tickets.number, number)).limit(1);
  const [ticket] = lock ? await query.for("update") : await query;
  if (!ticket || ticket.organisationId !== actor.organisationId) throw AppError.notFound();
  return ticket;
}

export type CsatView = {
  ratings: Record<CsatRatingKey, number>;
  comment: string;
  submittedAt: Date;
  authorName: string;
  canEdit: boolean;
  low: boolean;
};

async function csatView(executor: Executor, ticketId: string, now: Date): Promise<CsatView | null> {
  const [row] = await executor
    .select({ csat: csatResponses, authorName: users.name })
    .from(csatResponses)
    .innerJoin(users, eq(users.id, csatResponses.authorId))
    .where(eq(csatResponses.ticketId, ticketId))
    .limit(1);
  if (!row) return null;
  const ratings = Object.fromEntries(CSAT_RATING_KEYS.map((k) => [k, row.csat[k]])) as Record<CsatRatingKey, number>;
  return { ratings, comment: row.csat.comment, submittedAt: row.csat.submittedAt, authorName: row.authorName, canEdit: canEditCsat(row.csat.submittedAt, now), low: needsQualityAlert(ratings) };
}

/** The CSAT form for a customer's ticket (by number). */
export async function csatFormFor(actor: Actor, number: number, now = new Date()) {
  const ticket = await customerTicket(db, actor, number);
  const csat = await csatView(db, ticket.id, now);
  return {
    ticket: { id: ticket.id, number: ticket.number, subject: ticket.subject, status: ticket.status },
    rateable: RATEABLE.has(ticket.status),
    csat,
  };
}

/** What the customer ticket page's CsatPrompt shows (null while the ticket is not solved). */
export async function csatPromptFor(actor: Actor, ticket: Pick<Ticket, "id" | "number" | "status" | "organisationId">, now = new Date()) {
  if (actor.role !== "customer" || actor.organisationId !== ticket.organisationId) return null;
  if (!RATEABLE.has(ticket.status)) return null;
  return { number: ticket.number, ticketId: ticket.id, csat: await csatView(db, ticket.id, now) };
}

/** The same, by ticket number (for the customer ticket page, whose view does not carry ids). */
export async function csatPromptByNumber(actor: Actor, number: number, now = new Date()) {
  if (actor.role !== "customer" || !Number.isSafeInteger(number)) return null;
  const [ticket] = await db
    .select({ id: tickets.id, number: tickets.number, status: tickets.status, organisationId: tickets.organisationId })
    .from(tickets)
    .where(eq(tickets.number, number))
    .limit(1);
  return ticket ? csatPromptFor(actor, ticket, now) : null;
}

export type CsatPromptData = Awaited<ReturnType<typeof csatPromptFor>>;

export async function submitCsat(actor: Actor, number: number, input: Csat, now = new Date()) {
  if (actor.role !== "customer" || !can(actor, "reply:ticket:own")) throw AppError.notFound();
  return db.transaction(async (tx) => {
    const ticket = await customerTicket(tx, actor, number, true);
    if (!RATEABLE.has(ticket.status)) throw AppError.conflict("csat.error.notSolved");
    const [existing] = await tx.select().from(csatResponses).where(eq(csatResponses.ticketId, ticket.id)).for("update").limit(1);
    if (existing && !canEditCsat(existing.submittedAt, now)) throw AppError.conflict(msg("csat.error.editWindow", { days: 7 }));
    const ratings = { speedToReach: input.speedToReach, speedToUnderstand: input.speedToUnderstand, answerQuality: input.answerQuality, comfort: input.comfort };
    const values = { ...ratings, comment: input.comment, updatedAt: now };
    const [row] = existing
      ? await tx.update(csatResponses).set(values).where(eq(csatResponses.id, existing.id)).returning()
      : await tx
          .insert(csatResponses)
          .values({ ticketId: ticket.id, authorId: actor.id, engineerId: ticket.assigneeId, submittedAt: now, ...values })
          .returning();
    await recordAudit(tx, {
      actorId: actor.id,
      action: existing ? "csat.updated" : "csat.submitted",
      entityType: "csat_response",
      entityId: row!.id,
      before: existing ? Object.fromEntries(CSAT_RATING_KEYS.map((k) => [k, existing[k]])) : undefined,
      after: { ticket: ticket.number, ...ratings },
    });
    const low = needsQualityAlert(ratings);
    const wasLow = existing ? needsQualityAlert(existing) : false;
    if (low && !wasLow) await alertLowCsat(tx, ticket, ratings, input.comment);
    const invited = csatInvitesReview(ratings) ? await inviteReviewAfterCsat(tx, ticket, actor.id, now) : false;
    return { csat: row!, low, invited };
  });
}

const CRITERION_LABELS: Record<"en" | "ru", Record<CsatRatingKey, string>> = {
  en: { speedToReach: "How fast we got to you", speedToUnderstand: "How fast the engineer understood", answerQuality: "Speed and quality of the answer", comfort: "How comfortable it was" },
  ru: { speedToReach: "Как быстро мы взялись", speedToUnderstand: "Как быстро специалист понял проблему", answerQuality: "Скорость и качество ответа", comfort: "Комфортность работы" },
};

async function alertLowCsat(tx: Executor, ticket: Ticket, ratings: Record<CsatRatingKey, number>, comment: string) {
  const [org] = await tx.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, ticket.organisationId)).limit(1);
  await alertQualityTeam(tx, (person) => ({
    kind: "low_csat",
    title: `#${ticket.number} ${ticket.subject}`,
    organisationName: org?.name ?? "—",
    details: [
      ...CSAT_RATING_KEYS.map((k) => `${CRITERION_LABELS[person.locale][k]}: ${ratings[k]}/5`),
      ...(comment ? [`${person.locale === "ru" ? "Комментарий" : "Comment"}: ${comment}`] : []),
    ],
    url: appUrl("/desk/quality/csat"),
  }));
}

/* ------------------------------------------------------------------------------------------ */
/* The quality team's CSAT alerts queue                                                        */
/* ------------------------------------------------------------------------------------------ */

const noComplaint = () => notExists(db.select({ one: sql`1` }).from(complaintTickets).where(eq(complaintTickets.ticketId, csatResponses.ticketId)));

const lowRating = or(...CSAT_RATING_KEYS.map((k) => lte(csatResponses[k], CSAT_ALERT_THRESHOLD)))!;

/** An alert is handled once a complaint covers its ticket or quality closed it with a note. */
const alertClosed = (csatId: typeof csatResponses.id) =>
  exists(
    db
      .select({ one: sql`1` })
      .from(auditLog)
      .where(and(eq(auditLog.entityType, "csat_response"), eq(auditLog.entityId, sql`${csatId}::text`), eq(auditLog.action, "csat.alert_closed"))),
  );

export async function csatAlertQueue(actor: Actor, show: "open" | "all" = "open") {
  if (!can(actor, "read:csat:any")) throw AppError.forbidden();
  const engineer = alias(users, "engineer");
  const author = alias(users, "author");
  const rows = await db
    .select({
      csat: csatResponses,
      number: tickets.number,
      subject: tickets.subject,
      organisationName: organisations.name,
      engineerName: engineer.name,
      authorName: author.name,
    })
    .from(csatResponses)
    .innerJoin(tickets, eq(tickets.id, csatResponses.ticketId))
    .innerJoin(organisations, eq(organisations.id, tickets.organisationId))
    .innerJoin(author, eq(author.id, csatResponses.authorId))
    .leftJoin(engineer, eq(engineer.id, csatResponses.engineerId))
    .where(show === "open" ? and(lowRating, noComplaint(), sql`not ${alertClosed(csatResponses.id)}`) : lowRating)
    .orderBy(desc(csatResponses.submittedAt))
    .limit(200);
  const ids = rows.map((r) => r.csat.ticketId);
  const links = ids.length
    ? await db
        .select({ ticketId: complaintTickets.ticketId, complaintId: complaints.id, status: complaints.status })
        .from(complaintTickets)
        .innerJoin(complaints, eq(complaints.id, complaintTickets.complaintId))
        .where(inArray(complaintTickets.ticketId, ids))
    : [];
  const closedAlerts = rows.length
    ? await db
        .select({ entityId: auditLog.entityId, after: auditLog.after, at: auditLog.at })
        .from(auditLog)
        .where(and(eq(auditLog.entityType, "csat_response"), eq(auditLog.action, "csat.alert_closed"), inArray(auditLog.entityId, rows.map((r) => r.csat.id))))
    : [];
  return rows.map((r) => ({
    id: r.csat.id,
    ticketId: r.csat.ticketId,
    number: r.number,
    subject: r.subject,
    organisationName: r.organisationName,
    engineerName: r.engineerName,
    authorName: r.authorName,
    ratings: Object.fromEntries(CSAT_RATING_KEYS.map((k) => [k, r.csat[k]])) as Record<CsatRatingKey, number>,
    comment: r.csat.comment,
    submittedAt: r.csat.submittedAt,
    complaints: links.filter((l) => l.ticketId === r.csat.ticketId).map((l) => ({ id: l.complaintId, status: l.status })),
    closed: (() => {
      const found = closedAlerts.find((c) => c.entityId === r.csat.id);
      return found ? { note: String((found.after as { note?: unknown } | null)?.note ?? ""), at: found.at } : null;
    })(),
  }));
}

export async function openCsatAlertCount(): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)` })
    .from(csatResponses)
    .where(and(lowRating, noComplaint(), sql`not ${alertClosed(csatResponses.id)}`));
  return Number(row?.n ?? 0);
}

/** Quality looked at a low rating and needs no complaint: the alert leaves the queue. */
export async function closeCsatAlert(actor: Actor, csatId: string, note: string) {
  if (!can(actor, "update:complaint:any")) throw AppError.forbidden();
  if (!isUuid(csatId)) throw AppError.notFound();
  const text = note.trim();
  if (text.length < 3) throw AppError.invalid("csat.error.noComplaintReason", { note: ["csat.error.noComplaintReason"] });
  await db.transaction(async (tx) => {
    const [row] = await tx.select({ id: csatResponses.id }).from(csatResponses).where(eq(csatResponses.id, csatId)).limit(1);
    if (!row) throw AppError.notFound();
    await recordAudit(tx, { actorId: actor.id, action: "csat.alert_closed", entityType: "csat_response", entityId: row.id, after: { note: text.slice(0, 2000) } });
  });
}

/** The ticket number behind a rating: quality opens a complaint from a low rating through `escalateTicket`. */
export async function ticketNumberOfCsat(csatId: string): Promise<number> {
  if (!isUuid(csatId)) throw AppError.notFound();
  const [row] = await db
    .select({ number: tickets.number })
    .from(csatResponses)
    .innerJoin(tickets, eq(tickets.id, csatResponses.ticketId))
    .where(eq(csatResponses.id, csatId))
    .limit(1);
  if (!row) throw AppError.notFound();
  return row.number;
}
