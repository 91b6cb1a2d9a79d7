import { randomUUID } from "node:crypto";
import { asc, eq } from "drizzle-orm";
import { licences, products, tickets, type MailNote, type Ticket } from "#db/schema";
import { recordAudit } from "~/utils/audit.server";
import { db, type Executor } from "~/utils/db.server";
import { queueEmail } from "~/utils/email.server";
import { getEnv } from "~/utils/env.server";
import { AppError, type FieldErrors } from "~/utils/errors.server";
import { once, type IdempotencyKey } from "~/utils/idempotency.server";
import { can, type Actor } from "../accounts/permissions";
import { emailSiteDown, emailWanted } from "../notifications/notifications.server";
import { getSettings } from "../settings/settings.server";
import type { Eligibility, EligibilityAllowed, TicketType } from "../licensing/eligibility";
import { getSupportEligibility, type EligibilityLicenceSummary } from "../licensing/eligibility.server";
import { renderEligibilityMessage } from "../licensing/eligibility-messages";
import { addBusinessMinutes } from "../sla/business-hours";
import { recomputeTicketSla, ticketClocks } from "../sla/clocks.server";
import { planForOrganisation } from "../sla/plans.server";
import { formatResponsePromise, promiseFromClocks } from "../sla/promise";
import { discardStoredUploads, insertAttachments, withStoredUploads, type StoredUpload } from "./attachments.server";
import { siteDownPriority, type NewTicketInput } from "./schemas";
import { customerTicketUrl, recordTicketEvent, userContact } from "./tickets.server";
import type { Upload } from "./uploads.server";
import { encryptAccessDetails, isEmptyAccessDetails, type AccessDetails } from "./vault.server";

/**
 * Filing a ticket behind the eligibility gate (SPEC §2, §3). The customer first picks a
 * licence and a type; the verdict (and the response promise) is shown before they write.
 * The gate runs again inside the filing transaction, so a licence that lapsed meanwhile is
 * still refused — with everything typed kept by the form.
 */

export class EligibilityRefusedError extends AppError {
  constructor(readonly eligibility: Eligibility) {
    super("invalid", "tickets.error.notEligible");
  }
}

/**
 * What a filing form shows when filing failed for a reason the customer can act on: the
 * gate's refusal in words, or the invalid / conflicting input. Anything else is not ours: null.
 */
export function filingFailure(
  error: unknown,
  locale: "en" | "ru",
  timeZone: string,
): { formError: string; fieldErrors: FieldErrors; refused?: string; status: number } | null {
  if (error instanceof EligibilityRefusedError) return { formError: "", fieldErrors: {}, refused: renderEligibilityMessage(error.eligibility, locale, timeZone), status: 400 };
  if (error instanceof AppError && (error.code === "invalid" || error.code === "conflict")) {
    return { formError: error.message, fieldErrors: error.fieldErrors ?? {}, status: error.code === "conflict" ? 409 : 400 };
  }
  return null;
}

function requireFilingCustomer(actor: Actor): asserts actor is Actor & { organisationId: string } {
  if (actor.role !== "customer" || !actor.organisationId || !can(actor, "create:ticket:own")) throw AppError.forbidden();
}

/** The organisation's licences to choose from (product, site, key ending). */
export async function filingLicences(actor: Actor) {
  requireFilingCustomer(actor);
  const rows = await db
    .select({
      id: licences.id,
      productName: products.name,
      free: products.free,
      productionHost: licences.productionHost,
      supportUntil: licences.supportUntil,
      keyCanonical: licences.keyCanonical,
    })
    .from(licences)
    .innerJoin(products, eq(products.id, licences.productId))
    .where(eq(licences.organisationId, actor.organisationId))
    .orderBy(asc(products.name), asc(licences.createdAt))
    .limit(500);
  return rows.map(({ keyCanonical, ...rest }) => ({ ...rest, keyEnding: keyCanonical.slice(-5) }));
}

export type FilingVerdict =
  | { kind: "licence_required" }
  | {
      kind: "verdict";
      licence: EligibilityLicenceSummary | null;
      eligibility: Eligibility;
      /** What the customer is promised if they file now (null: no commitment or refused). */
      promise: { targetMinutes: number; dueAt: Date } | null;
    };

const BILLING_WITHOUT_LICENCE: Eligibility = { allowed: true, code: "BILLING_ALWAYS_ALLOWED", params: {}, noResponseCommitment: false };

/** The gate's answer for this licence and type, shown before the customer writes anything. */
export async function filingVerdict(actor: Actor, choice: { licenceId: string | null; type: TicketType }, now = new Date()): Promise<FilingVerdict> {
  requireFilingCustomer(actor);
  return filingVerdictWithin(db, actor, choice, now);
}

export async function filingVerdictWithin(executor: Executor, actor: Actor & { organisationId: string }, choice: { licenceId: string | null; type: TicketType }, now: Date): Promise<FilingVerdict> {
  let licence: EligibilityLicenceSummary | null = null;
  let eligibility: Eligibility;
  if (choice.licenceId) {
    ({ licence, eligibility } = await getSupportEligibility(actor, choice.licenceId, choice.type, now, executor));
  } else if (choice.type === "billing") {
    eligibility = BILLING_WITHOUT_LICENCE;
  } else {
    return { kind: "licence_required" };
  }
  let promise: { targetMinutes: number; dueAt: Date } | null = null;
  if (eligibility.allowed && !eligibility.noResponseCommitment) {
    const plan = await planForOrganisation(executor, actor.organisationId);
    const targetMinutes = plan.targets.normal.firstResponse;
    promise = { targetMinutes, dueAt: addBusinessMinutes(now, targetMinutes, plan.calendar) };
  }
  return { kind: "verdict", licence, eligibility, promise };
}

export type FileTicketResult = Pick<Ticket, "id" | "number">;

/**
 * Files a ticket: gate, plan, encrypted access details, attachments, the `created` fact and
 * the clocks, the "ticket received" email and the audit entry — one transaction. Uploaded
 * files are written first and removed again if the transaction fails. `alsoWithin` lets a
 * use case built on filing (a paid service request) write its own rows in that transaction.
 */
export async function fileTicket(
  actor: Actor,
  input: NewTicketInput,
  access: AccessDetails,
  uploads: Upload[],
  now = new Date(),
  key: IdempotencyKey | null = null,
  alsoWithin?: (tx: Executor, ticket: FileTicketResult) => Promise<void>,
): Promise<FileTicketResult> {
  requireFilingCustomer(actor);
  if (!input.licenceId && input.type !== "billing") {
    throw AppError.invalid("tickets.error.licenceFor", { licenceId: ["tickets.error.chooseLicence"] });
  }
  return withStoredUploads(uploads, (stored) =>
    db.transaction((tx) =>
      // The same form sent twice (double click, retry) files one ticket and answers with it.
      once(
        tx,
        "ticket.file",
        key,
        async () => {
          const verdict = await filingVerdictWithin(tx, actor, { licenceId: input.licenceId, type: input.type }, now);
          if (verdict.kind !== "verdict") throw AppError.invalid("tickets.error.licenceFor", { licenceId: ["tickets.error.chooseLicence"] });
          if (!verdict.eligibility.allowed) throw new EligibilityRefusedError(verdict.eligibility);
          const ticket = await createTicketRecord(tx, actor, { ...input, licence: verdict.licence, eligibility: verdict.eligibility, access, followUpOfId: null }, stored, now);
          if (alsoWithin) await alsoWithin(tx, ticket);
          return ticket;
        },
        () => discardStoredUploads(stored),
      ),
    ),
  );
}

/** Inserts a ticket that passed the gate, with its facts, clocks, email and audit entry. */
export async function createTicketRecord(
  tx: Executor,
  actor: Actor & { organisationId: string },
  input: Omit<NewTicketInput, "licenceId"> & {
    licence: EligibilityLicenceSummary | null;
    eligibility: EligibilityAllowed;
    access: AccessDetails | null;
    followUpOfId: string | null;
    /** What the mail channel did to the opening email (an emailed ticket only). */
    mailNotes?: MailNote[] | null;
    /** Staff filed it for the customer (on behalf, or a split message): staff are the audit's actor. */
    filedBy?: { staffId: string; overrideReason: string | null; splitFromId: string | null };
  },
  stored: StoredUpload[],
  now: Date,
): Promise<FileTicketResult> {
  const plan = await planForOrganisation(tx, actor.organisationId);
  // "Site is down" (SPEC §3): urgent where the plan allows it, otherwise high (the customer is
  // shown the plan's upsell); the clocks start on that priority's targets below.
  const priority = siteDownPriority(input.siteDown, plan.plan.allowsUrgent);
  const id = randomUUID();
  const ciphertext = !input.access || isEmptyAccessDetails(input.access) ? null : encryptAccessDetails(input.access, getEnv().ENCRYPTION_KEY, id);
  const [ticket] = await tx
    .insert(tickets)
    .values({
      id,
      organisationId: actor.organisationId,
      licenceId: input.licence?.id ?? null,
      productId: input.licence?.productId ?? null,
      requesterId: actor.id,
      planId: plan.plan.id,
      type: input.type,
      subject: input.subject,
      description: input.description,
      mailNotes: input.mailNotes ?? null,
      stepsToReproduce: input.stepsToReproduce,
      siteAddress: input.siteAddress || input.licence?.productionHost || null,
      siteDown: input.siteDown,
      ...(priority ? { priority } : {}),
      noResponseCommitment: input.eligibility.noResponseCommitment,
      accessDetailsCiphertext: ciphertext,
      followUpOfId: input.followUpOfId,
      filedByStaffId: input.filedBy?.staffId ?? null,
      eligibilityOverrideReason: input.filedBy?.overrideReason ?? null,
      splitFromId: input.filedBy?.splitFromId ?? null,
      lastCustomerMessageAt: now,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  await insertAttachments(tx, stored, { ticketId: id, messageId: null, uploaderId: actor.id });
  await recordTicketEvent(tx, {
    ticketId: id,
    type: "created",
    at: now,
    actorId: actor.id,
    data: { priority: ticket!.priority, targets: plan.targets, planId: plan.plan.id, followUpOfId: input.followUpOfId },
  });
  await recomputeTicketSla(tx, id, now);
  await emailTicketReceived(tx, ticket!, now);
  if (priority) {
    const [fresh] = await tx.select({ slaDueAt: tickets.slaDueAt }).from(tickets).where(eq(tickets.id, id)).limit(1);
    await emailSiteDown(tx, { ...ticket!, priority, slaDueAt: fresh?.slaDueAt ?? null }, (await getSettings(tx)).tickets.onCallEmail, now);
  }
  await recordAudit(tx, {
    actorId: input.filedBy?.staffId ?? actor.id,
    action: input.filedBy?.splitFromId ? "ticket.split_filed" : input.filedBy ? "ticket.filed_on_behalf" : input.followUpOfId ? "ticket.follow_up_filed" : "ticket.filed",
    entityType: "ticket",
    entityId: id,
    after: {
      ...(input.filedBy ? { requesterId: actor.id, eligibilityOverrideReason: input.filedBy.overrideReason, splitFromId: input.filedBy.splitFromId } : {}),
      number: ticket!.number,
      type: input.type,
      licenceId: ticket!.licenceId,
      subject: input.subject,
      followUpOfId: input.followUpOfId,
      siteDown: input.siteDown,
      priority: ticket!.priority,
      accessDetails: ciphertext ? "provided" : "none",
      attachments: stored.map((s) => s.fileName),
    },
  });
  return { id, number: ticket!.number };
}

async function emailTicketReceived(tx: Executor, ticket: Ticket, now: Date): Promise<void> {
  const requester = await userContact(tx, ticket.requesterId);
  if (requester?.deactivatedAt) return;
  if (!requester || !(await emailWanted(tx, requester, "ticket_received"))) return;
  const [fresh] = await tx.select().from(tickets).where(eq(tickets.id, ticket.id)).limit(1);
  const { clocks } = await ticketClocks(tx, fresh!, now);
  const promise = formatResponsePromise(promiseFromClocks(clocks, fresh!), { locale: requester.locale, timeZone: requester.timeZone, now });
  await queueEmail(tx, {
    to: requester.email,
    template: "tickets.received",
    ticketId: ticket.id,
    props: {
      locale: requester.locale,
      name: requester.name,
      number: ticket.number,
      subject: ticket.subject,
      promise,
      url: customerTicketUrl(ticket.number),
    },
  });
}
