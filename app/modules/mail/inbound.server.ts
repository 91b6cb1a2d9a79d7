import { createHash } from "node:crypto";
import { and, eq, gt, inArray, isNull, sql } from "drizzle-orm";
import { simpleParser, type ParsedMail } from "mailparser";
import { bouncingAddresses, emails, inboundEmails, licences, products, tickets, users, type MailNote } from "#db/schema";
import { recordAudit } from "~/utils/audit.server";
import { db, type Executor } from "~/utils/db.server";
import { messageIdDomain, queueEmail } from "~/utils/email.server";
import { getEnv } from "~/utils/env.server";
import { deleteStoredFile, storeFile } from "~/utils/files.server";
import type { Locale } from "~/utils/i18n";
import type { Actor } from "../accounts/permissions";
import type { EligibilityAllowed, EligibilityRefused } from "../licensing/eligibility";
import { renderEligibilityMessage } from "../licensing/eligibility-messages";
import { displayLicenceKey, parseLicenceKey } from "../licensing/licence-key";
import { discardStoredUploads, storeUploads, type StoredUpload } from "../tickets/attachments.server";
import { replyAsCustomerWithin } from "../tickets/conversation.server";
import { checkAttachment, MAX_ATTACHMENTS_PER_MESSAGE, MB } from "../tickets/file-types";
import { createTicketRecord, EligibilityRefusedError, filingVerdictWithin, type FilingVerdict } from "../tickets/filing.server";
import type { Upload } from "../tickets/uploads.server";
import { accessDetailsSchema, decryptAccessDetails, encryptAccessDetails } from "../tickets/vault.server";
import {
  classifyAutomation,
  cleanSubject,
  extractAccessLines,
  extractAddress,
  licenceKeyCandidates,
  mayAutoReply,
  normaliseMessageId,
  saysSiteDown,
  stripQuotedReply,
  threadMessageIds,
  ticketIdFromThread,
  ticketNumberFromSubject,
  type AutomationVerdict,
} from "./rules";
import { getMailSettings, ownAddresses } from "./settings.server";
import { getSettings } from "~/modules/settings/settings.server";

/**
 * Receiving one email (from the IMAP poller, Resend's inbound webhook or the MTA pipe): one use
 * case behind all three ways in. The message is parsed, recognised as a bounce or automated
 * mail, threaded onto its ticket (our Message-ID in In-Reply-To/References, else the `[#1234]`
 * tag in the subject) or filed as a new ticket through the same eligibility gate as the portal.
 * The dedupe key (the Message-ID, else a hash of the bytes) is inserted in the same
 * transaction as the ticket change, so the same message delivered twice — or by two instances
 * at once — is stored once.
 */

export type InboundSource = "imap" | "resend" | "pipe";
export type InboundOutcome = (typeof inboundEmails.$inferSelect)["outcome"];
export type ReceiveResult = { outcome: InboundOutcome | "duplicate"; inboundId: string | null; ticketNumber: number | null };

type RefusedAttachment = { fileName: string; reason: Extract<MailNote, { kind: "attachment_refused" }>["reason"] };

type Prepared = {
  parsed: ParsedMail | null;
  dedupeKey: string;
  messageId: string;
  from: string;
  fromName: string;
  subject: string;
  body: string;
  quoted: boolean;
  /** Lines with access details lifted out of the body (they go to the ticket's vault). */
  secrets: string[];
  uploads: Upload[];
  refused: RefusedAttachment[];
  contentType: string;
};

const MAX_BODY_CHARS = 100_000;
/** Stands where access details were lifted out; becomes a note said in the reader's words (bodyAndNotes). */
const ACCESS_MARKER = "[[keydesk:access-details-moved]]";

function headerGetter(parsed: ParsedMail | null) {
  return {
    get(name: string): string | undefined {
      const value = parsed?.headers.get(name.toLowerCase());
      if (value === undefined || value === null) return undefined;
      if (typeof value === "string") return value;
      if (value instanceof Date) return value.toISOString();
      if (typeof value === "object" && "value" in value && typeof (value as { value: unknown }).value === "string") {
        const v = value as { value: string; params?: Record<string, string> };
        return [v.value, ...Object.entries(v.params ?? {}).map(([k, p]) => `${k}="${p}"`)].join("; ");
      }
      if (typeof value === "object" && "text" in value) return String((value as { text: unknown }).text);
      return String(value);
    },
  };
}

export async function prepareMessage(raw: Uint8Array): Promise<Prepared> {
  const hash = createHash("sha256").update(raw).digest("hex");
  let parsed: ParsedMail | null = null;
  try {
    parsed = await simpleParser(Buffer.from(raw), { skipImageLinks: true, skipTextToHtml: true, skipTextLinks: true });
  } catch {
    parsed = null;
  }
  const messageId = normaliseMessageId(parsed?.messageId);
  const fromValue = parsed?.from?.value[0];
  const from = (fromValue?.address ?? "").toLowerCase() || extractAddress(parsed?.from?.text ?? "");
  const text = (parsed?.text ?? "").replaceAll("\u0000", "").slice(0, MAX_BODY_CHARS);
  const { reply, quoted } = stripQuotedReply(text);
  const access = extractAccessLines(reply, ACCESS_MARKER);
  const uploads: Upload[] = [];
  const refused: RefusedAttachment[] = [];
  const maxBytes = (await getSettings()).tickets.maxUploadMb * MB;
  for (const attachment of parsed?.attachments ?? []) {
    // Delivery reports carry their parts as attachments: they are read, not stored.
    if (/^(message\/delivery-status|message\/rfc822-headers|text\/rfc822-headers)/i.test(attachment.contentType)) continue;
    const fileName = cleanFileName(attachment.filename ?? (attachment.contentType.startsWith("image/") ? "image" : "attachment"));
    const bytes = new Uint8Array(attachment.content);
    if (uploads.length >= MAX_ATTACHMENTS_PER_MESSAGE) refused.push({ fileName, reason: "too_many" });
    else if (bytes.length > maxBytes) refused.push({ fileName, reason: "too_large" });
    else {
      const check = checkAttachment(bytes, maxBytes);
      if (check.ok) uploads.push({ fileName, bytes, mime: check.type.mime });
      else refused.push({ fileName, reason: check.reason === "too_large" ? "too_large" : check.reason });
    }
  }
  return {
    parsed,
    dedupeKey: messageId ? `mid:${messageId}` : `sha256:${hash}`,
    messageId,
    from,
    fromName: (fromValue?.name ?? "").slice(0, 200),
    subject: (parsed?.subject ?? "").replaceAll("\u0000", "").slice(0, 500),
    body: access.text,
    quoted,
    secrets: access.secrets,
    uploads,
    refused,
    contentType: headerGetter(parsed).get("content-type") ?? "",
  };
}

function cleanFileName(name: string): string {
  const cleaned = Array.from(name, (c) => (c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f || c === "/" || c === "\\" ? "_" : c))
    .join("")
    .trim()
    .slice(0, 200);
  return cleaned || "file";
}

/** Receives one RFC 822 message. Safe to call again with the same message (a no-op then). */
export async function receiveEmail(raw: Uint8Array, source: InboundSource, now = new Date(), hints: { licenceId?: string } = {}): Promise<ReceiveResult> {
  const message = await prepareMessage(raw);
  const [seen] = await db.select({ id: inboundEmails.id }).from(inboundEmails).where(eq(inboundEmails.dedupeKey, message.dedupeKey)).limit(1);
  if (seen) return { outcome: "duplicate", inboundId: seen.id, ticketNumber: null };

  const mail = await getMailSettings();
  const domain = messageIdDomain();
  const ownMessageId = message.messageId.endsWith(`@${domain}`)
    ? (await db.select({ id: emails.id }).from(emails).where(eq(emails.messageId, message.messageId)).limit(1)).length > 0
    : false;
  const verdict: AutomationVerdict = message.parsed
    ? classifyAutomation({ headers: headerGetter(message.parsed), from: message.from, contentType: message.contentType, ownAddresses: ownAddresses(mail), ownMessageId })
    : { kind: "automated", reason: "system_sender" };

  // A message carrying passwords is not kept whole: its access details go to the vault only.
  const rawFile = message.secrets.length > 0 ? null : await storeFile("mail", raw);
  const stored = verdict.kind === "human" && message.parsed ? await storeUploads(message.uploads).catch(() => [] as StoredUpload[]) : [];
  let usedUploads = false;
  try {
    const result = await db.transaction(async (tx) => {
      const [row] = await tx
        .insert(inboundEmails)
        .values({
          dedupeKey: message.dedupeKey,
          source,
          fromAddress: message.from,
          fromName: message.fromName,
          subject: message.subject,
          outcome: "malformed",
          rawStoragePath: rawFile?.storagePath ?? null,
          rawSha256: rawFile?.sha256 ?? null,
          rawSize: rawFile?.size ?? 0,
          receivedAt: now,
        })
        .onConflictDoNothing({ target: inboundEmails.dedupeKey })
        .returning({ id: inboundEmails.id });
      if (!row) return null;
      const decided = await decide(tx, message, verdict, mail.unknownSenders, stored, raw, now, hints);
      usedUploads = decided.usedUploads;
      await tx
        .update(inboundEmails)
        .set({
          outcome: decided.outcome,
          detail: { ...decided.detail, quoted: message.quoted, refusedAttachments: message.refused, accessDetailsMoved: message.secrets.length > 0 },
          organisationId: decided.organisationId,
          ticketId: decided.ticketId,
        })
        .where(eq(inboundEmails.id, row.id));
      await recordAudit(tx, {
        actorId: null,
        action: "mail.received",
        entityType: "inbound_email",
        entityId: row.id,
        after: { source, from: message.from, outcome: decided.outcome, ticketId: decided.ticketId },
      });
      return { outcome: decided.outcome, inboundId: row.id, ticketNumber: decided.ticketNumber };
    });
    if (!result) {
      if (rawFile) await deleteStoredFile(rawFile.storagePath).catch(() => {});
      await discardStoredUploads(stored);
      return { outcome: "duplicate", inboundId: null, ticketNumber: null };
    }
    if (!usedUploads) await discardStoredUploads(stored);
    return result;
  } catch (error) {
    if (rawFile) await deleteStoredFile(rawFile.storagePath).catch(() => {});
    await discardStoredUploads(stored);
    throw error;
  }
}

type Decision = {
  outcome: InboundOutcome;
  detail: Record<string, unknown>;
  organisationId: string | null;
  ticketId: string | null;
  ticketNumber: number | null;
  usedUploads: boolean;
};

const decision = (outcome: InboundOutcome, extra: Partial<Decision> = {}): Decision => ({
  outcome,
  detail: {},
  organisationId: null,
  ticketId: null,
  ticketNumber: null,
  usedUploads: false,
  ...extra,
});

async function decide(
  tx: Executor,
  message: Prepared,
  verdict: AutomationVerdict,
  unknownSenders: "reject" | "hold",
  stored: StoredUpload[],
  raw: Uint8Array,
  now: Date,
  hints: { licenceId?: string },
): Promise<Decision> {
  if (!message.parsed) return decision("malformed");
  if (verdict.kind === "bounce") return recordBounce(tx, raw, now);
  if (verdict.kind === "automated") return decision("auto_ignored", { detail: { reason: verdict.reason } });

  const [contact] = await tx
    .select({ id: users.id, organisationId: users.organisationId, isPrimaryContact: users.isPrimaryContact, locale: users.locale, timeZone: users.timeZone })
    .from(users)
    .where(and(eq(users.email, message.from), eq(users.role, "customer"), isNull(users.deactivatedAt)))
    .limit(1);
  if (!contact?.organisationId) {
    if (unknownSenders === "hold") return decision("unknown_held");
    await autoReply(tx, message, verdict, "en", { kind: "unknown_sender" }, now);
    return decision("unknown_rejected");
  }
  const actor: Actor & { organisationId: string } = { id: contact.id, role: "customer", organisationId: contact.organisationId, isPrimaryContact: contact.isPrimaryContact };
  const locale: Locale = contact.locale;
  const { body, mailNotes } = bodyAndNotes(message);
  const base = { organisationId: contact.organisationId };

  const ticket = await threadedTicket(tx, message, contact.organisationId);
  if (ticket) {
    try {
      const reply = await tx.transaction((sp) => replyAsCustomerWithin(sp, actor, ticket.number, body, stored, now, mailNotes));
      if (message.secrets.length > 0) await addToVault(tx, reply.ticketId, message.secrets);
      return decision(reply.followUp ? "follow_up_created" : "reply_added", { ...base, ticketId: reply.ticketId, ticketNumber: reply.number, usedUploads: true });
    } catch (error) {
      if (!(error instanceof EligibilityRefusedError) || error.eligibility.allowed) throw error;
      await autoReply(tx, message, verdict, locale, { kind: "refused", eligibility: error.eligibility, timeZone: contact.timeZone, renewUrl: null }, now);
      return decision("refused", { ...base, ticketId: ticket.id, detail: { code: error.eligibility.code } });
    }
  }

  const pick = await pickLicence(tx, actor, `${message.subject}\n${message.body}`, now, hints.licenceId);
  if (pick.kind === "triage") return decision("needs_triage", { ...base, detail: { reason: pick.reason } });
  if (pick.kind === "refused") {
    await autoReply(tx, message, verdict, locale, { kind: "refused", eligibility: pick.eligibility, timeZone: contact.timeZone, renewUrl: pick.renewUrl }, now);
    return decision("refused", { ...base, detail: { code: pick.eligibility.code, licenceId: pick.licenceId } });
  }
  const created = await createTicketRecord(
    tx,
    actor,
    {
      type: pick.type,
      subject: subjectOf(message.subject, body),
      description: body,
      mailNotes,
      stepsToReproduce: "",
      siteAddress: "",
      siteDown: saysSiteDown(message.subject),
      licence: pick.verdict.licence,
      eligibility: pick.verdict.eligibility,
      access: message.secrets.length > 0 ? accessDetailsSchema.parse({ notes: message.secrets.join("\n").slice(0, 2000) }) : null,
      followUpOfId: null,
    },
    stored,
    now,
  );
  return decision("ticket_created", { ...base, ticketId: created.id, ticketNumber: created.number, usedUploads: true });
}

/** Access details from an emailed reply join the ticket's vault (encrypted), never its conversation. */
async function addToVault(tx: Executor, ticketId: string, secrets: string[]): Promise<void> {
  const key = getEnv().ENCRYPTION_KEY;
  const [row] = await tx.select({ ciphertext: tickets.accessDetailsCiphertext }).from(tickets).where(eq(tickets.id, ticketId)).limit(1);
  const current = row?.ciphertext ? decryptAccessDetails(row.ciphertext, key, ticketId) : accessDetailsSchema.parse({});
  const notes = [current.notes, ...secrets].filter(Boolean).join("\n").slice(-2000);
  await tx
    .update(tickets)
    .set({ accessDetailsCiphertext: encryptAccessDetails({ ...current, notes }, key, ticketId), accessDetailsErasedAt: null })
    .where(eq(tickets.id, ticketId));
}

/**
 * The text a customer wrote, and what the channel did to it as notes put into words for each
 * reader (docs/decisions/132): where access details were lifted out, which files were refused.
 */
function bodyAndNotes(message: Prepared): { body: string; mailNotes: MailNote[] | null } {
  const lines = message.body.split("\n");
  const kept = lines.filter((line) => line !== ACCESS_MARKER);
  const notes: MailNote[] = [
    ...(kept.length < lines.length ? [{ kind: "access_moved" as const }] : []),
    ...message.refused.map((r) => ({ kind: "attachment_refused" as const, fileName: r.fileName, reason: r.reason })),
  ];
  const body = kept.join("\n").trim() || message.subject.trim() || "—";
  return { body, mailNotes: notes.length > 0 ? notes : null };
}

/** The ticket's subject: the email's, else the first words of its text (never a sentence of ours). */
function subjectOf(emailSubject: string, body: string): string {
  const subject = cleanSubject(emailSubject);
  if (subject) return subject;
  const firstLine = body.split("\n").find((line) => line.trim() !== "")?.trim() ?? "—";
  return firstLine.length > 120 ? `${firstLine.slice(0, 119)}…` : firstLine;
}

/** The ticket this message answers: our thread root or Message-ID, else the subject tag; only the sender's organisation's. */
async function threadedTicket(tx: Executor, message: Prepared, organisationId: string) {
  const parsed = message.parsed!;
  const ids = threadMessageIds(headerGetter(parsed).get("in-reply-to"), parsed.references ?? null);
  let ticketId = ticketIdFromThread(ids, messageIdDomain());
  if (!ticketId && ids.length > 0) {
    const [sent] = await tx
      .select({ ticketId: emails.ticketId })
      .from(emails)
      .where(and(inArray(emails.messageId, ids.slice(0, 50)), sql`${emails.ticketId} is not null`))
      .limit(1);
    ticketId = sent?.ticketId ?? null;
  }
  const number = ticketNumberFromSubject(message.subject);
  const condition = ticketId ? eq(tickets.id, ticketId) : number !== null ? eq(tickets.number, number) : null;
  if (!condition) return null;
  const [ticket] = await tx
    .select({ id: tickets.id, number: tickets.number })
    .from(tickets)
    .where(and(condition, eq(tickets.organisationId, organisationId)))
    .limit(1);
  return ticket ?? null;
}

type LicencePick =
  | { kind: "ticket"; type: "question" | "bug_report"; verdict: { licence: Extract<FilingVerdict, { kind: "verdict" }>["licence"]; eligibility: EligibilityAllowed } }
  | { kind: "refused"; eligibility: EligibilityRefused; licenceId: string; renewUrl: string | null }
  | { kind: "triage"; reason: "no_licence" | "several_licences" };

/**
 * The licence a new emailed ticket is about: a key quoted in the message, else a product named
 * in it, else the organisation's only eligible licence. Several eligible → staff pick (triage).
 */
async function pickLicence(tx: Executor, actor: Actor & { organisationId: string }, text: string, now: Date, chosenId?: string): Promise<LicencePick> {
  const owned = await tx
    .select({ id: licences.id, keyCanonical: licences.keyCanonical, productName: products.name })
    .from(licences)
    .innerJoin(products, eq(products.id, licences.productId))
    .where(chosenId ? and(eq(licences.organisationId, actor.organisationId), eq(licences.id, chosenId)) : eq(licences.organisationId, actor.organisationId))
    .limit(200);
  if (owned.length === 0) return { kind: "triage", reason: "no_licence" };
  const keys = new Set(licenceKeyCandidates(text).flatMap((k) => {
    const parsed = parseLicenceKey(k);
    return parsed.ok ? [parsed.canonical] : [];
  }));
  const lower = text.toLowerCase();
  const byKey = owned.filter((l) => keys.has(l.keyCanonical));
  const byName = owned.filter((l) => lower.includes(l.productName.toLowerCase()));
  const candidates = byKey.length > 0 ? byKey : byName.length > 0 ? byName : owned;
  const allowed: Extract<LicencePick, { kind: "ticket" }>[] = [];
  let firstRefusal: Extract<LicencePick, { kind: "refused" }> | null = null;
  for (const licence of candidates) {
    for (const type of ["question", "bug_report"] as const) {
      const verdict = await filingVerdictWithin(tx, actor, { licenceId: licence.id, type }, now);
      if (verdict.kind !== "verdict") continue;
      if (verdict.eligibility.allowed) {
        allowed.push({ kind: "ticket", type, verdict: { licence: verdict.licence, eligibility: verdict.eligibility } });
        break;
      }
      // A free product takes bug reports only: try that before refusing.
      if (verdict.eligibility.code === "FREE_PRODUCT_BUG_REPORTS_ONLY") continue;
      firstRefusal ??= {
        kind: "refused",
        eligibility: verdict.eligibility,
        licenceId: licence.id,
        renewUrl: verdict.eligibility.nextStep === "renew" ? `${getEnv().APP_URL}/renew?key=${encodeURIComponent(displayLicenceKey(licence.keyCanonical))}` : null,
      };
      break;
    }
  }
  if (allowed.length === 1) return allowed[0]!;
  if (allowed.length > 1) return { kind: "triage", reason: "several_licences" };
  return firstRefusal ?? { kind: "triage", reason: "no_licence" };
}


type AutoReplyReason =
  | { kind: "unknown_sender" }
  | { kind: "refused"; eligibility: EligibilityRefused; timeZone: string; renewUrl: string | null };

/**
 * At most `email.autoRepliesPerSenderPerHour` (a setting, 5 by default) auto-replies per sender per hour, never to automated mail. The count is taken
 * under a transaction lock on the address, so instances answering at once cannot exceed it.
 */
async function autoReply(tx: Executor, message: Prepared, verdict: AutomationVerdict, locale: Locale, reason: AutoReplyReason, now: Date): Promise<boolean> {
  if (!message.from) return false;
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`mail.auto-reply:${message.from}`}))`);
  const [counted] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(emails)
    .where(and(eq(emails.toAddress, message.from), eq(emails.template, "mail.auto-reply"), gt(emails.createdAt, new Date(now.getTime() - 3600_000))));
  if (!mayAutoReply(Number(counted?.n ?? 0), verdict, (await getSettings(tx)).email.autoRepliesPerSenderPerHour)) return false;
  const reference = message.messageId ? `<${message.messageId}>` : null;
  await queueEmail(tx, {
    to: message.from,
    template: "mail.auto-reply",
    props: {
      locale,
      kind: reason.kind,
      subject: message.subject,
      reason: reason.kind === "refused" ? renderEligibilityMessage(reason.eligibility, locale, reason.timeZone) : null,
      renewUrl: reason.kind === "refused" ? reason.renewUrl : null,
      portalUrl: `${getEnv().APP_URL}/portal`,
    },
    headers: { "Auto-Submitted": "auto-replied", ...(reference ? { "In-Reply-To": reference, References: reference } : {}) },
  });
  return true;
}

/** A delivery report: the failed recipient's address is marked as bouncing (no ticket). */
async function recordBounce(tx: Executor, raw: Uint8Array, now: Date): Promise<Decision> {
  const text = Buffer.from(raw).toString("latin1");
  const recipient = extractAddress(/^Final-Recipient:\s*rfc822;\s*(.+)$/im.exec(text)?.[1] ?? /^Original-Recipient:\s*rfc822;\s*(.+)$/im.exec(text)?.[1] ?? "");
  const status = /^Status:\s*([245]\.\d+\.\d+)/im.exec(text)?.[1] ?? "";
  const diagnostic = (/^Diagnostic-Code:\s*(.+)$/im.exec(text)?.[1] ?? "").trim();
  const detail = { recipient, status, diagnostic: diagnostic.slice(0, 300) };
  if (!recipient || status.startsWith("2")) return decision("bounce", { detail });
  const [known] = await tx.select({ id: users.id, organisationId: users.organisationId }).from(users).where(eq(users.email, recipient)).limit(1);
  if (known && !status.startsWith("4")) {
    const note = [status, diagnostic].filter(Boolean).join(" ").slice(0, 300);
    await tx
      .insert(bouncingAddresses)
      .values({ address: recipient, lastBounceAt: now, diagnostic: note })
      .onConflictDoUpdate({ target: bouncingAddresses.address, set: { lastBounceAt: now, diagnostic: note, bounces: sql`${bouncingAddresses.bounces} + 1` } });
  }
  return decision("bounce", { detail, organisationId: known?.organisationId ?? null });
}
