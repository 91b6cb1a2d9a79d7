import { and, asc, desc, eq, inArray, isNull } from "drizzle-orm";
import { bouncingAddresses, inboundEmails, licences, organisations, products, tickets } from "#db/schema";
import { recordAudit } from "~/utils/audit.server";
import { db } from "~/utils/db.server";
import { AppError } from "~/utils/errors.server";
import { openStoredFile } from "~/utils/files.server";
import { isUuid } from "~/utils/pagination";
import { can, type Actor } from "../accounts/permissions";
import { inviteUser } from "../accounts/users.server";
import { receiveEmail } from "./inbound.server";
import { mailboxStatus, pollMailbox } from "./mailbox.server";
import { mailSettingsForAdmin } from "./settings.server";
import { inboundQueueCounts } from "./queue.server";

/**
 * The admin's mail page: settings, the mailbox's state (the server's last error included), the
 * latest received messages with what each did, the queue of held messages (unknown senders and
 * messages waiting for staff to pick a licence), and addresses that bounce.
 */

const RECENT = 50;

function requireAdmin(actor: Actor): void {
  if (!can(actor, "manage:settings:any")) throw AppError.forbidden();
}

export async function mailAdminView(actor: Actor) {
  requireAdmin(actor);
  const [settings, status, pipeQueue, recent, held, bouncing, orgs] = await Promise.all([
    mailSettingsForAdmin(actor),
    mailboxStatus(),
    inboundQueueCounts(),
    db
      .select({
        id: inboundEmails.id,
        receivedAt: inboundEmails.receivedAt,
        source: inboundEmails.source,
        fromAddress: inboundEmails.fromAddress,
        subject: inboundEmails.subject,
        outcome: inboundEmails.outcome,
        ticketNumber: tickets.number,
      })
      .from(inboundEmails)
      .leftJoin(tickets, eq(tickets.id, inboundEmails.ticketId))
      .orderBy(desc(inboundEmails.receivedAt), desc(inboundEmails.id))
      .limit(RECENT),
    db
      .select({
        id: inboundEmails.id,
        receivedAt: inboundEmails.receivedAt,
        fromAddress: inboundEmails.fromAddress,
        fromName: inboundEmails.fromName,
        subject: inboundEmails.subject,
        outcome: inboundEmails.outcome,
        organisationId: inboundEmails.organisationId,
      })
      .from(inboundEmails)
      .where(and(inArray(inboundEmails.outcome, ["unknown_held", "needs_triage"]), isNull(inboundEmails.resolvedAt)))
      .orderBy(asc(inboundEmails.receivedAt))
      .limit(RECENT),
    db.select().from(bouncingAddresses).orderBy(desc(bouncingAddresses.lastBounceAt)).limit(RECENT),
    db.select({ id: organisations.id, name: organisations.name }).from(organisations).orderBy(asc(organisations.name)).limit(1000),
  ]);
  const triageOrgs = [...new Set(held.flatMap((h) => (h.outcome === "needs_triage" && h.organisationId ? [h.organisationId] : [])))];
  const triageLicences =
    triageOrgs.length === 0
      ? []
      : await db
          .select({ id: licences.id, organisationId: licences.organisationId, productName: products.name, keyCanonical: licences.keyCanonical })
          .from(licences)
          .innerJoin(products, eq(products.id, licences.productId))
          .where(inArray(licences.organisationId, triageOrgs))
          .orderBy(asc(products.name))
          .limit(500);
  return {
    settings,
    status,
    pipeQueue,
    recent,
    held: held.map((h) => ({
      ...h,
      licences: triageLicences.filter((l) => l.organisationId === h.organisationId).map((l) => ({ id: l.id, label: `${l.productName} · …${l.keyCanonical.slice(-5)}` })),
    })),
    bouncing,
    organisations: orgs,
  };
}

/** "Check now": one poll without waiting for new mail. */
export async function checkMailboxNow(actor: Actor) {
  requireAdmin(actor);
  return pollMailbox({ watchSeconds: 0 });
}

async function readRaw(row: { rawStoragePath: string | null; rawSha256: string | null; rawSize: number }): Promise<Uint8Array> {
  if (!row.rawStoragePath || !row.rawSha256) throw AppError.conflict("mail.error.rawMissing");
  const { stream } = await openStoredFile(row.rawStoragePath, { sha256: row.rawSha256, size: row.rawSize });
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return new Uint8Array(Buffer.concat(chunks));
}

/**
 * A held message from an unknown sender: staff add the sender as a contact of an organisation
 * (an invitation is emailed), then the message is received again as theirs and proceeds.
 */
export async function attachHeldSender(actor: Actor & { name: string }, inboundId: string, input: { organisationId: string; name: string }, now = new Date()) {
  requireAdmin(actor);
  if (!isUuid(inboundId)) throw AppError.notFound();
  const [row] = await db.select().from(inboundEmails).where(eq(inboundEmails.id, inboundId)).limit(1);
  if (!row || row.resolvedAt || row.outcome !== "unknown_held") throw AppError.notFound();
  const raw = await readRaw(row);
  await inviteUser(actor, { email: row.fromAddress, name: input.name || row.fromName || row.fromAddress, role: "customer", organisationId: input.organisationId }, now);
  return releaseAndReceive(actor, row, raw, now);
}

/** A message waiting for triage: staff pick the licence, and it files through the gate on it. */
export async function fileHeldOnLicence(actor: Actor, inboundId: string, licenceId: string, now = new Date()) {
  requireAdmin(actor);
  if (!isUuid(inboundId) || !isUuid(licenceId)) throw AppError.notFound();
  const [row] = await db.select().from(inboundEmails).where(eq(inboundEmails.id, inboundId)).limit(1);
  if (!row || row.resolvedAt || row.outcome !== "needs_triage") throw AppError.notFound();
  return releaseAndReceive(actor, row, await readRaw(row), now, { licenceId });
}

async function releaseAndReceive(actor: Actor, row: typeof inboundEmails.$inferSelect, raw: Uint8Array, now: Date, hints: { licenceId?: string } = {}) {
  await db.transaction(async (tx) => {
    // The old row keeps its history under another key, so the message can be received again.
    await tx
      .update(inboundEmails)
      .set({ outcome: "released", dedupeKey: `${row.dedupeKey}#released-${row.id}`, resolvedAt: now, resolvedById: actor.id })
      .where(eq(inboundEmails.id, row.id));
    await recordAudit(tx, { actorId: actor.id, action: "mail.released", entityType: "inbound_email", entityId: row.id, before: { outcome: row.outcome } });
  });
  return receiveEmail(raw, row.source, now, hints);
}

/** Held messages nobody will act on can be dismissed. */
export async function dismissHeldMessage(actor: Actor, inboundId: string, now = new Date()) {
  requireAdmin(actor);
  if (!isUuid(inboundId)) throw AppError.notFound();
  await db.transaction(async (tx) => {
    const [row] = await tx
      .update(inboundEmails)
      .set({ resolvedAt: now, resolvedById: actor.id })
      .where(and(eq(inboundEmails.id, inboundId), isNull(inboundEmails.resolvedAt)))
      .returning({ id: inboundEmails.id, outcome: inboundEmails.outcome });
    if (!row) throw AppError.notFound();
    await recordAudit(tx, { actorId: actor.id, action: "mail.dismissed", entityType: "inbound_email", entityId: row.id, before: { outcome: row.outcome } });
  });
}
