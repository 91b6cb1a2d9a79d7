import { and, asc, count, desc, eq, gte, inArray, lt, ne, or, sql, type SQL } from "drizzle-orm";
import {
  attachments,
  complaintAnswers,
  complaints,
  complaintTickets,
  organisations,
  remedies,
  tickets,
  users,
  type Complaint,
} from "#db/schema";
import { recordAudit } from "~/utils/audit.server";
import { db, type Executor } from "~/utils/db.server";
import { queueEmail } from "~/utils/email.server";
import { AppError } from "~/utils/errors.server";
import { msg, type UserMessage } from "~/utils/messages";
import { once, type IdempotencyKey } from "~/utils/idempotency.server";
import { isUuid } from "~/utils/pagination";
import { can, type Actor } from "../accounts/permissions";
import { formatDueMoment } from "../sla/promise";
import { discardStoredUploads, withStoredUploads, type StoredUpload } from "../tickets/attachments.server";
import type { Upload } from "../tickets/uploads.server";
import { complaintSubject, complaintSubjectIn } from "./complaint-form";
import { answerRowChanges, complaintRecordFromState, complaintStateFromRecord } from "./complaint-record";
import {
  allowedComplaintActions,
  newComplaint,
  transitionComplaint,
  type ComplaintAction,
  type ComplaintOutcome,
  type ComplaintState,
  type ComplaintStatus,
  type ComplaintTransitionError,
} from "./complaint-state";
import { complaintDeadlines, deadlineStatus, nextDeadline, type ComplaintDeadline } from "./deadlines";
import { describeRemedy, remedySchema, type Remedy } from "./remedies";
import { alertQualityTeam, appUrl, loadPerson, loadRootCauses, qualityCalendar } from "./shared.server";
import { getSettings } from "~/modules/settings/settings.server";

/**
 * Complaints to quality (SPEC §6): filed by a customer on their organisation's tickets or
 * escalated by staff, worked through received → acknowledged → investigating → answered →
 * closed on business-time targets. Customers see only their organisation's complaints (and
 * not internal escalations); engineers see none (only quality notes shared on a ticket).
 */

/* ------------------------------------------------------------------------------------------ */
/* Access                                                                                      */
/* ------------------------------------------------------------------------------------------ */

export function canWorkComplaints(actor: Pick<Actor, "role" | "isPrimaryContact">): boolean {
  return can(actor, "read:complaint:any");
}

function requireQuality(actor: Actor, permission: "read:complaint:any" | "update:complaint:any" = "update:complaint:any") {
  if (!can(actor, permission)) throw AppError.forbidden();
}

/**
 * The one way to reach a complaint: customers within their organisation (and never an
 * internal escalation) — anything else is "not found"; staff need `read:complaint:any`.
 */
export async function loadComplaintFor(actor: Actor, complaintId: string, options: { executor?: Executor; lock?: boolean } = {}): Promise<Complaint> {
  if (actor.role === "customer") {
    if (!can(actor, "read:complaint:own")) throw AppError.notFound();
  } else if (!can(actor, "read:complaint:any")) {
    throw AppError.forbidden("complaint.error.staffOnly");
  }
  if (!isUuid(complaintId)) throw AppError.notFound();
  const query = (options.executor ?? db).select().from(complaints).where(eq(complaints.id, complaintId));
  const [row] = options.lock ? await query.for("update") : await query;
  if (!row) throw AppError.notFound();
  if (actor.role === "customer" && (row.organisationId !== actor.organisationId || row.raisedByStaff)) throw AppError.notFound();
  return row;
}

/** The pure state of each complaint row: its columns and its answers (one query for all of them). */
export async function complaintStates(executor: Executor, rows: readonly Complaint[]): Promise<Map<string, ComplaintState>> {
  const answers = new Map<string, Array<typeof complaintAnswers.$inferSelect>>();
  if (rows.length > 0) {
    const answerRows = await executor
      .select()
      .from(complaintAnswers)
      .where(inArray(complaintAnswers.complaintId, rows.map((r) => r.id)))
      .orderBy(asc(complaintAnswers.complaintId), asc(complaintAnswers.ordinal));
    for (const a of answerRows) answers.set(a.complaintId, [...(answers.get(a.complaintId) ?? []), a]);
  }
  return new Map(rows.map((row) => [row.id, complaintStateFromRecord(row, answers.get(row.id) ?? [])]));
}

export async function complaintState(executor: Executor, row: Complaint): Promise<ComplaintState> {
  return (await complaintStates(executor, [row])).get(row.id)!;
}

const TRANSITION_MESSAGES: Record<ComplaintTransitionError["code"], UserMessage> = {
  invalid_transition: "complaint.error.movedOn",
  reply_already_used: "complaint.error.replyUsed",
  text_required: "complaint.error.textRequired",
  text_too_long: msg("validation.tooLong", { maximum: 10_000 }),
};

function transitionOrThrow(state: ComplaintState, action: ComplaintAction, now: Date): ComplaintState {
  const result = transitionComplaint(state, action, now);
  if (result.ok) return result.state;
  const field = action.type === "answer" ? "text" : action.type === "customerReply" ? "text" : undefined;
  const message = TRANSITION_MESSAGES[result.error.code];
  throw result.error.code === "invalid_transition" ? AppError.conflict(message) : AppError.invalid(message, field ? { [field]: [message] } : undefined);
}

/**
 * Writes a new state — the row's columns, the answers that changed, the due times — in the
 * caller's transaction (the row is locked) and returns the row.
 */
async function saveState(tx: Executor, row: Complaint, before: ComplaintState, state: ComplaintState, now: Date, extra: Partial<typeof complaints.$inferInsert> = {}) {
  const calendar = await qualityCalendar(tx);
  const [ack, answer] = complaintDeadlines(state, calendar, (await getSettings(tx)).quality.complaintAcknowledgeBusinessDays);
  // The receipt time (created_at) never changes.
  const { createdAt: _receivedAt, ...columns } = complaintRecordFromState(state).columns;
  const changes = answerRowChanges(before, state);
  if (changes.deleteFrom !== null) {
    await tx.delete(complaintAnswers).where(and(eq(complaintAnswers.complaintId, row.id), gte(complaintAnswers.ordinal, changes.deleteFrom)));
  }
  if (changes.write.length > 0) {
    await tx
      .insert(complaintAnswers)
      .values(changes.write.map((a) => ({ complaintId: row.id, ...a })))
      .onConflictDoUpdate({
        target: [complaintAnswers.complaintId, complaintAnswers.ordinal],
        set: { outcome: sql`excluded.outcome`, text: sql`excluded.text`, answeredAt: sql`excluded.answered_at` },
      });
  }
  const [updated] = await tx
    .update(complaints)
    .set({
      ...columns,
      acknowledgeDueAt: ack!.dueAt,
      answerDueAt: answer!.dueAt,
      updatedAt: now,
      ...extra,
    })
    .where(eq(complaints.id, row.id))
    .returning();
  return updated!;
}

async function organisationName(executor: Executor, organisationId: string): Promise<string> {
  const [org] = await executor.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, organisationId)).limit(1);
  return org?.name ?? "—";
}

/* ------------------------------------------------------------------------------------------ */
/* Filing                                                                                      */
/* ------------------------------------------------------------------------------------------ */

/** Tickets a customer may complain about: their organisation's, newest first. */
export async function complaintTicketChoices(actor: Actor, limit = 200) {
  if (actor.role !== "customer" || !actor.organisationId || !can(actor, "create:complaint:own")) throw AppError.notFound();
  return db
    .select({ id: tickets.id, number: tickets.number, subject: tickets.subject, status: tickets.status, createdAt: tickets.createdAt })
    .from(tickets)
    .where(eq(tickets.organisationId, actor.organisationId))
    .orderBy(desc(tickets.createdAt), desc(tickets.id))
    .limit(limit);
}

/**
 * A customer's complaint on one or more of their organisation's tickets, with files (checked
 * and stored by the tickets module's upload helpers; removed again if the filing fails).
 */
export async function fileComplaint(actor: Actor, input: { ticketIds: string[]; description: string }, uploads: Upload[] = [], now = new Date(), key: IdempotencyKey | null = null) {
  if (actor.role !== "customer" || !actor.organisationId || !can(actor, "create:complaint:own")) throw AppError.forbidden();
  const organisationId = actor.organisationId;
  if (!input.ticketIds.every(isUuid)) throw AppError.invalid("complaint.error.chooseRequests", { ticketIds: ["complaint.error.chooseRequests"] });
  return withStoredUploads(uploads, (files) => db.transaction(async (tx) => {
    // The same form sent twice (double click, retry) files one complaint.
    const filed = await once(tx, "complaint.file", key, async () => {
    const chosen = await tx
      .select({ id: tickets.id, number: tickets.number })
      .from(tickets)
      .where(and(inArray(tickets.id, input.ticketIds), eq(tickets.organisationId, organisationId)));
    if (chosen.length !== new Set(input.ticketIds).size) {
      throw AppError.invalid("complaint.error.chooseRequests", { ticketIds: ["complaint.error.chooseRequests"] });
    }
    const author = (await loadPerson(tx, actor.id))!;
    const complaint = await insertComplaint(tx, {
      organisationId,
      authorId: actor.id,
      raisedByStaff: false,
      subject: complaintSubject(chosen.map((t) => t.number), author.locale),
      description: input.description,
      ticketIds: chosen.map((t) => t.id),
      files,
      now,
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "complaint.filed",
      entityType: "complaint",
      entityId: complaint.id,
      after: { subject: complaint.subject, tickets: chosen.map((t) => t.number), files: files.map((f) => f.fileName) },
    });
    await queueEmail(tx, {
      to: author.email,
      template: "quality.complaint-received",
      props: {
        locale: author.locale,
        name: author.name,
        subject: complaintSubjectIn(complaint.subject, author.locale),
        acknowledgeBy: formatDueMoment(complaint.acknowledgeDueAt!, author.timeZone, author.locale, now),
        answerBy: formatDueMoment(complaint.answerDueAt!, author.timeZone, author.locale, now),
        url: appUrl(`/portal/complaints/${complaint.id}`),
      },
    });
    const orgName = await organisationName(tx, organisationId);
    await alertQualityTeam(tx, (person) => ({
      kind: "new_complaint",
      title: complaintSubjectIn(complaint.subject, person.locale),
      organisationName: orgName,
      details: [input.description],
      url: appUrl(`/desk/quality/complaints/${complaint.id}`),
    }));
    return { id: complaint.id };
    }, () => discardStoredUploads(files));
    const [complaint] = await tx.select().from(complaints).where(eq(complaints.id, filed.id));
    return complaint!;
  }));
}

async function insertComplaint(
  tx: Executor,
  input: { organisationId: string; authorId: string; raisedByStaff: boolean; subject: string; description: string; ticketIds: string[]; files: StoredUpload[]; now: Date },
) {
  const state = newComplaint(input.now);
  const [ack, answer] = complaintDeadlines(state, await qualityCalendar(tx), (await getSettings(tx)).quality.complaintAcknowledgeBusinessDays);
  // A new complaint has no answers yet: its columns are the whole record.
  const [complaint] = await tx
    .insert(complaints)
    .values({
      organisationId: input.organisationId,
      authorId: input.authorId,
      raisedByStaff: input.raisedByStaff,
      subject: input.subject,
      description: input.description,
      ...complaintRecordFromState(state).columns,
      acknowledgeDueAt: ack!.dueAt,
      answerDueAt: answer!.dueAt,
      updatedAt: input.now,
    })
    .returning();
  await tx.insert(complaintTickets).values(input.ticketIds.map((ticketId) => ({ complaintId: complaint!.id, ticketId })));
  if (input.files.length > 0) {
    await tx.insert(attachments).values(
      input.files.map((f) => ({
        complaintId: complaint!.id,
        uploaderId: input.authorId,
        fileName: f.fileName,
        contentType: f.mime,
        size: f.size,
        sha256: f.sha256,
        storagePath: f.storagePath,
        createdAt: input.now,
      })),
    );
  }
  return complaint!;
}

/**
 * Staff escalate a ticket to quality with a note: a complaint marked as raised by staff. It
 * is internal — the customer does not see it in the portal and gets no emails about it.
 */
export async function escalateTicket(actor: Actor, ticketNumber: number, note: string, now = new Date()) {
  if (!can(actor, "escalate:ticket:any") && !can(actor, "update:complaint:any")) throw AppError.forbidden();
  const text = note.trim();
  if (text.length < 10) throw AppError.invalid(msg("complaint.error.noteTooShort", { minimum: 10 }), { note: [msg("complaint.error.noteTooShort", { minimum: 10 })] });
  if (text.length > 10_000) throw AppError.invalid(msg("validation.tooLong", { maximum: 10_000 }), { note: [msg("validation.tooLong", { maximum: 10_000 })] });
  return db.transaction(async (tx) => {
    const [ticket] = await tx.select().from(tickets).where(eq(tickets.number, ticketNumber)).limit(1);
    if (!ticket) throw AppError.notFound();
    const [open] = await tx
      .select({ id: complaints.id })
      .from(complaintTickets)
      .innerJoin(complaints, eq(complaints.id, complaintTickets.complaintId))
      .where(and(eq(complaintTickets.ticketId, ticket.id), ne(complaints.status, "closed")))
      .limit(1);
    if (open) throw AppError.conflict("complaint.error.alreadyOpen");
    const person = (await loadPerson(tx, actor.id))!;
    const complaint = await insertComplaint(tx, {
      organisationId: ticket.organisationId,
      authorId: actor.id,
      raisedByStaff: true,
      subject: complaintSubject([ticket.number], person.locale),
      description: text,
      ticketIds: [ticket.id],
      files: [],
      now,
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "complaint.escalated",
      entityType: "complaint",
      entityId: complaint.id,
      after: { ticket: ticket.number, note: text },
    });
    const orgName = await organisationName(tx, ticket.organisationId);
    await alertQualityTeam(tx, () => ({
      kind: "escalated",
      title: `#${ticket.number} ${ticket.subject}`,
      organisationName: orgName,
      details: [`${person.name}: ${text}`],
      url: appUrl(`/desk/quality/complaints/${complaint.id}`),
    }));
    return { complaintId: complaint.id, ticketNumber: ticket.number };
  });
}

/* ------------------------------------------------------------------------------------------ */
/* The customer's side                                                                         */
/* ------------------------------------------------------------------------------------------ */

export const COMPLAINTS_PAGE_SIZE = 50;

async function ticketNumbersOf(executor: Executor, complaintIds: string[]) {
  if (complaintIds.length === 0) return new Map<string, number[]>();
  const rows = await executor
    .select({ complaintId: complaintTickets.complaintId, number: tickets.number })
    .from(complaintTickets)
    .innerJoin(tickets, eq(tickets.id, complaintTickets.ticketId))
    .where(inArray(complaintTickets.complaintId, complaintIds))
    .orderBy(asc(tickets.number));
  const map = new Map<string, number[]>();
  for (const r of rows) map.set(r.complaintId, [...(map.get(r.complaintId) ?? []), r.number]);
  return map;
}

export async function listOrganisationComplaints(actor: Actor, options: { before?: { at: Date; id: string } } = {}) {
  if (actor.role !== "customer" || !actor.organisationId || !can(actor, "read:complaint:own")) throw AppError.notFound();
  const filters: SQL[] = [eq(complaints.organisationId, actor.organisationId), eq(complaints.raisedByStaff, false)];
  if (options.before) {
    filters.push(or(lt(complaints.createdAt, options.before.at), and(eq(complaints.createdAt, options.before.at), lt(complaints.id, options.before.id)))!);
  }
  const rows = await db
    .select({
      id: complaints.id,
      subject: complaints.subject,
      status: complaints.status,
      outcome: complaints.outcome,
      createdAt: complaints.createdAt,
      answeredAt: complaints.answeredAt,
      authorName: users.name,
    })
    .from(complaints)
    .innerJoin(users, eq(users.id, complaints.authorId))
    .where(and(...filters))
    .orderBy(desc(complaints.createdAt), desc(complaints.id))
    .limit(COMPLAINTS_PAGE_SIZE + 1);
  const page = rows.slice(0, COMPLAINTS_PAGE_SIZE);
  const numbers = await ticketNumbersOf(db, page.map((r) => r.id));
  const last = page.at(-1);
  return {
    complaints: page.map((r) => ({ ...r, ticketNumbers: numbers.get(r.id) ?? [] })),
    next: rows.length > COMPLAINTS_PAGE_SIZE && last ? { at: last.createdAt, id: last.id } : null,
  };
}

async function remediesOf(executor: Executor, complaintId: string) {
  return executor.select().from(remedies).where(eq(remedies.complaintId, complaintId)).orderBy(asc(remedies.appliedAt));
}

/** A stored remedy row as the pure `Remedy` (details hold the applied input). */
export function remedyFromRow(row: { type: string; details: unknown }): Remedy | null {
  const parsed = remedySchema.safeParse({ ...(row.details as object), type: row.type });
  return parsed.success ? parsed.data : null;
}

async function complaintFiles(executor: Executor, complaintId: string) {
  return executor
    .select({ id: attachments.id, fileName: attachments.fileName, size: attachments.size, contentType: attachments.contentType, createdAt: attachments.createdAt })
    .from(attachments)
    .where(eq(attachments.complaintId, complaintId))
    .orderBy(asc(attachments.createdAt));
}

export async function getCustomerComplaint(actor: Actor, complaintId: string, locale: "en" | "ru" = "en") {
  if (actor.role !== "customer") throw AppError.notFound();
  const row = await loadComplaintFor(actor, complaintId);
  const state = await complaintState(db, row);
  const [ticketRows, files, remedyRows, author] = await Promise.all([
    db
      .select({ number: tickets.number, subject: tickets.subject, status: tickets.status })
      .from(complaintTickets)
      .innerJoin(tickets, eq(tickets.id, complaintTickets.ticketId))
      .where(eq(complaintTickets.complaintId, row.id))
      .orderBy(asc(tickets.number)),
    complaintFiles(db, row.id),
    remediesOf(db, row.id),
    loadPerson(db, row.authorId),
  ]);
  const answered = state.answers.length > 0;
  const allowed = allowedComplaintActions(state);
  return {
    id: row.id,
    subject: row.subject,
    description: row.description,
    status: row.status,
    authorName: author?.name ?? "—",
    createdAt: row.createdAt,
    acknowledgedAt: row.acknowledgedAt,
    acknowledgeDueAt: row.acknowledgeDueAt,
    answerDueAt: row.answerDueAt,
    closedAt: row.closedAt,
    answers: state.answers,
    customerReply: state.customerReply,
    tickets: ticketRows,
    files,
    // Remedies are part of the answer: shown once there is one.
    remedies: answered
      ? remedyRows.map((r) => {
          const remedy = remedyFromRow(r);
          const effect = (r.details as { effect?: { supportUntil?: unknown } }).effect;
          return {
            id: r.id,
            appliedAt: r.appliedAt,
            text: remedy ? describeRemedy(remedy, locale) : r.type,
            // For a support extension: the end of support it led to (as of the remedy).
            supportUntil: r.type === "extend_support" && typeof effect?.supportUntil === "string" ? new Date(effect.supportUntil) : null,
          };
        })
      : [],
    canReply: allowed.includes("customerReply"),
    canAccept: allowed.includes("close"),
  };
}

/** The customer's one "not satisfied" reply: back to investigation with a fresh answer target. */
export async function replyToComplaint(actor: Actor, complaintId: string, text: string, now = new Date()) {
  if (actor.role !== "customer" || !can(actor, "create:complaint:own")) throw AppError.notFound();
  return db.transaction(async (tx) => {
    const row = await loadComplaintFor(actor, complaintId, { executor: tx, lock: true });
    const state = await complaintState(tx, row);
    const next = transitionOrThrow(state, { type: "customerReply", text }, now);
    const updated = await saveState(tx, row, state, next, now);
    await recordAudit(tx, { actorId: actor.id, action: "complaint.customer_replied", entityType: "complaint", entityId: row.id, before: { status: row.status }, after: { status: next.status, reply: next.customerReply?.text } });
    const orgName = await organisationName(tx, row.organisationId);
    await alertQualityTeam(
      tx,
      (person) => ({ kind: "customer_reply", title: complaintSubjectIn(row.subject, person.locale), organisationName: orgName, details: [next.customerReply!.text], url: appUrl(`/desk/quality/complaints/${row.id}`) }),
      [row.assigneeId],
    );
    return updated;
  });
}

/** The customer accepts the answer: the complaint closes. */
export async function acceptComplaintAnswer(actor: Actor, complaintId: string, now = new Date()) {
  if (actor.role !== "customer" || !can(actor, "create:complaint:own")) throw AppError.notFound();
  return db.transaction(async (tx) => {
    const row = await loadComplaintFor(actor, complaintId, { executor: tx, lock: true });
    const state = await complaintState(tx, row);
    const next = transitionOrThrow(state, { type: "close" }, now);
    const updated = await saveState(tx, row, state, next, now);
    await recordAudit(tx, { actorId: actor.id, action: "complaint.accepted_by_customer", entityType: "complaint", entityId: row.id, before: { status: row.status }, after: { status: "closed" } });
    return updated;
  });
}

export async function complaintFileFor(actor: Actor, complaintId: string, fileId: string) {
  const row = await loadComplaintFor(actor, complaintId);
  if (!isUuid(fileId)) throw AppError.notFound();
  const [file] = await db
    .select()
    .from(attachments)
    .where(and(eq(attachments.id, fileId), eq(attachments.complaintId, row.id)))
    .limit(1);
  if (!file) throw AppError.notFound();
  return file;
}

/* ------------------------------------------------------------------------------------------ */
/* The quality desk                                                                            */
/* ------------------------------------------------------------------------------------------ */

export type QueueFilter = ComplaintStatus | "open" | "all";

export async function complaintQueue(actor: Actor, filter: QueueFilter = "open", now = new Date()) {
  requireQuality(actor, "read:complaint:any");
  const countRows = await db.select({ status: complaints.status, n: count() }).from(complaints).groupBy(complaints.status);
  const counts = Object.fromEntries(countRows.map((r) => [r.status, Number(r.n)])) as Partial<Record<ComplaintStatus, number>>;
  const where =
    filter === "all" ? undefined : filter === "open" ? ne(complaints.status, "closed") : eq(complaints.status, filter as ComplaintStatus);
  // Open complaints are few; closed ones are listed newest first and capped.
  const rows = await db
    .select({ complaint: complaints, organisationName: organisations.name, assigneeName: users.name })
    .from(complaints)
    .innerJoin(organisations, eq(organisations.id, complaints.organisationId))
    .leftJoin(users, eq(users.id, complaints.assigneeId))
    .where(where)
    .orderBy(desc(complaints.createdAt))
    .limit(500);
  const calendar = await qualityCalendar(db);
  const ackDays = (await getSettings()).quality.complaintAcknowledgeBusinessDays;
  const numbers = await ticketNumbersOf(db, rows.map((r) => r.complaint.id));
  const states = await complaintStates(db, rows.map((r) => r.complaint));
  const items = rows.map(({ complaint, organisationName, assigneeName }) => {
    const state = states.get(complaint.id)!;
    const deadlines = complaintDeadlines(state, calendar, ackDays);
    const next = nextDeadline(deadlines);
    return {
      id: complaint.id,
      subject: complaint.subject,
      status: complaint.status,
      outcome: complaint.outcome,
      raisedByStaff: complaint.raisedByStaff,
      organisationName,
      assigneeName,
      createdAt: complaint.createdAt,
      ticketNumbers: numbers.get(complaint.id) ?? [],
      reopened: state.customerReply !== null,
      due: next ? { clock: next.clock, dueAt: next.dueAt, status: deadlineStatus(next, now) } : null,
    };
  });
  // Running deadlines first, earliest due first; then the rest newest first.
  items.sort((a, b) => {
    if (a.due && b.due) return a.due.dueAt.getTime() - b.due.dueAt.getTime();
    if (a.due) return -1;
    if (b.due) return 1;
    return b.createdAt.getTime() - a.createdAt.getTime();
  });
  return { counts, items };
}

const QUALITY_STAFF_ROLES = ["quality", "admin"] as const;

export async function qualityStaffChoices() {
  return db
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(and(inArray(users.role, [...QUALITY_STAFF_ROLES]), sql`${users.deactivatedAt} is null`))
    .orderBy(asc(users.name));
}

function describeDeadlines(deadlines: ComplaintDeadline[], now: Date) {
  return deadlines.map((d) => ({ ...d, status: deadlineStatus(d, now) }));
}

/** Header data of a complaint for the workspace (the tickets come from investigation.server). */
export async function complaintSummary(actor: Actor, complaintId: string, now = new Date()) {
  requireQuality(actor, "read:complaint:any");
  const row = await loadComplaintFor(actor, complaintId);
  const state = await complaintState(db, row);
  const [org, author, assignee, files, remedyRows, rootCauses, calendar] = await Promise.all([
    db.select({ id: organisations.id, name: organisations.name }).from(organisations).where(eq(organisations.id, row.organisationId)).limit(1),
    loadPerson(db, row.authorId),
    row.assigneeId ? loadPerson(db, row.assigneeId) : Promise.resolve(null),
    complaintFiles(db, row.id),
    db
      .select({ remedy: remedies, appliedByName: users.name })
      .from(remedies)
      .leftJoin(users, eq(users.id, remedies.appliedBy))
      .where(eq(remedies.complaintId, row.id))
      .orderBy(asc(remedies.appliedAt)),
    loadRootCauses(db),
    qualityCalendar(db),
  ]);
  return {
    complaint: row,
    state,
    organisation: org[0]!,
    author: author ? { name: author.name, email: author.email, role: author.role } : null,
    assignee: assignee ? { id: assignee.id, name: assignee.name } : null,
    files,
    remedies: remedyRows.map(({ remedy, appliedByName }) => ({
      id: remedy.id,
      type: remedy.type,
      details: remedy.details as Record<string, unknown>,
      appliedAt: remedy.appliedAt,
      appliedByName,
      remedy: remedyFromRow(remedy),
    })),
    rootCauses,
    deadlines: describeDeadlines(complaintDeadlines(state, calendar, (await getSettings()).quality.complaintAcknowledgeBusinessDays), now),
    allowed: allowedComplaintActions(state).filter((a) => a !== "customerReply"),
    canUpdate: can(actor, "update:complaint:any"),
    canApplyRemedy: can(actor, "apply:remedy:any"),
  };
}

export type StaffComplaintAction = { type: "acknowledge" } | { type: "startInvestigation" } | { type: "answer"; outcome: ComplaintOutcome; text: string } | { type: "close" };

/** Quality moves the complaint on; customers hear about the acknowledgement and the answer. */
export async function advanceComplaint(actor: Actor, complaintId: string, action: StaffComplaintAction, now = new Date()) {
  requireQuality(actor);
  return db.transaction(async (tx) => {
    const row = await loadComplaintFor(actor, complaintId, { executor: tx, lock: true });
    const state = await complaintState(tx, row);
    const next = transitionOrThrow(state, action, now);
    // Whoever acknowledges a complaint nobody owns becomes its owner.
    const extra = action.type === "acknowledge" && !row.assigneeId ? { assigneeId: actor.id } : {};
    const updated = await saveState(tx, row, state, next, now, extra);
    await recordAudit(tx, {
      actorId: actor.id,
      action:
        action.type === "startInvestigation"
          ? "complaint.investigation_started"
          : action.type === "acknowledge"
            ? "complaint.acknowledged"
            : action.type === "answer"
              ? "complaint.answered"
              : "complaint.closed",
      entityType: "complaint",
      entityId: row.id,
      before: { status: row.status },
      after: action.type === "answer" ? { status: next.status, outcome: action.outcome, answer: action.text } : { status: next.status },
    });
    if (!row.raisedByStaff && (action.type === "acknowledge" || action.type === "answer")) {
      const author = await loadPerson(tx, row.authorId);
      if (author) await notifyCustomer(tx, updated, next, action, author, now);
    }
    return updated;
  });
}

async function notifyCustomer(
  tx: Executor,
  row: Complaint,
  state: ComplaintState,
  action: StaffComplaintAction,
  author: NonNullable<Awaited<ReturnType<typeof loadPerson>>>,
  now: Date,
) {
  const url = appUrl(`/portal/complaints/${row.id}`);
  if (action.type === "acknowledge") {
    await queueEmail(tx, {
      to: author.email,
      template: "quality.complaint-acknowledged",
      props: { locale: author.locale, name: author.name, subject: complaintSubjectIn(row.subject, author.locale), answerBy: formatDueMoment(row.answerDueAt!, author.timeZone, author.locale, now), url },
    });
    return;
  }
  if (action.type !== "answer") return;
  const applied = (await remediesOf(tx, row.id)).map(remedyFromRow).filter((r): r is Remedy => r !== null);
  await queueEmail(tx, {
    to: author.email,
    template: "quality.complaint-answered",
    props: {
      locale: author.locale,
      name: author.name,
      subject: complaintSubjectIn(row.subject, author.locale),
      outcome: action.outcome,
      answer: action.text.trim(),
      remedies: applied.map((r) => describeRemedy(r, author.locale)),
      canReply: state.customerReply === null,
      url,
    },
  });
}

/** Root causes and corrective actions, editable while the complaint is not closed. */
export async function recordFindings(actor: Actor, complaintId: string, input: { rootCauses: string[]; correctiveActions: string }, now = new Date()) {
  requireQuality(actor);
  if (input.correctiveActions.length > 10_000) throw AppError.invalid(msg("validation.tooLong", { maximum: 10_000 }), { correctiveActions: [msg("validation.tooLong", { maximum: 10_000 })] });
  return db.transaction(async (tx) => {
    const row = await loadComplaintFor(actor, complaintId, { executor: tx, lock: true });
    if (row.status === "closed") throw AppError.conflict("complaint.error.closed");
    const categories = await loadRootCauses(tx);
    const known = new Set([...categories.filter((c) => !c.archived).map((c) => c.code), ...row.rootCauses]);
    const rootCauses = [...new Set(input.rootCauses)].filter((c) => known.has(c));
    if (rootCauses.length !== new Set(input.rootCauses).size) throw AppError.invalid("complaint.error.chooseCauses", { rootCauses: ["complaint.error.chooseCauses"] });
    const correctiveActions = input.correctiveActions.trim();
    await tx.update(complaints).set({ rootCauses, correctiveActions, updatedAt: now }).where(eq(complaints.id, row.id));
    await recordAudit(tx, {
      actorId: actor.id,
      action: "complaint.findings_recorded",
      entityType: "complaint",
      entityId: row.id,
      before: { rootCauses: row.rootCauses, correctiveActions: row.correctiveActions },
      after: { rootCauses, correctiveActions },
    });
  });
}

export async function assignComplaint(actor: Actor, complaintId: string, assigneeId: string | null, now = new Date()) {
  requireQuality(actor);
  return db.transaction(async (tx) => {
    const row = await loadComplaintFor(actor, complaintId, { executor: tx, lock: true });
    if (assigneeId) {
      const person = isUuid(assigneeId) ? await loadPerson(tx, assigneeId) : null;
      if (!person || !(QUALITY_STAFF_ROLES as readonly string[]).includes(person.role)) {
        throw AppError.invalid("complaint.error.chooseQualityMember", { assigneeId: ["complaint.error.chooseQualityMember"] });
      }
    }
    await tx.update(complaints).set({ assigneeId, updatedAt: now }).where(eq(complaints.id, row.id));
    await recordAudit(tx, { actorId: actor.id, action: "complaint.assigned", entityType: "complaint", entityId: row.id, before: { assigneeId: row.assigneeId }, after: { assigneeId } });
  });
}
