import { createHash } from "node:crypto";
import { and, asc, eq, inArray, isNull, lt, lte, or, sql } from "drizzle-orm";
import { inboundEmails, inboundQueue } from "#db/schema";
import { db } from "~/utils/db.server";
import { AppError } from "~/utils/errors.server";
import { runJobAfterCommit } from "~/utils/jobs.server";
import { receiveEmail, type InboundSource } from "./inbound.server";
import { HEADER_SCAN_BYTES, scanMessageHeaders } from "./rules";

/**
 * The MTA pipe accepts and queues (ADR 131): the request only checks the message has a header
 * section, stores the raw bytes durably (deduplicated by Message-ID, else by a hash of the
 * bytes) and answers 202; `processInboundQueue` receives each stored message later through the
 * same use case as the other ways in (`receiveEmail`), as of the moment it was accepted.
 */

/** The job that receives queued messages; each accepted message asks for it once stored. */
export const INBOUND_QUEUE_JOB = "mail.inbound";

export type AcceptResult = { outcome: "queued"; queueId: string } | { outcome: "duplicate"; queueId: string | null };

/** The same key receiveEmail uses, so a message seen by any way in is not queued again. */
function dedupeKeyOf(raw: Uint8Array, messageId: string): string {
  return messageId ? `mid:${messageId}` : `sha256:${createHash("sha256").update(raw).digest("hex")}`;
}

export async function acceptInboundEmail(raw: Uint8Array, source: InboundSource, now = new Date()): Promise<AcceptResult> {
  if (raw.length === 0) throw AppError.invalid("mail.error.emptyBody");
  const head = Buffer.from(raw.buffer, raw.byteOffset, Math.min(raw.byteLength, HEADER_SCAN_BYTES)).toString("latin1");
  const scanned = scanMessageHeaders(head);
  if (!scanned.ok) throw AppError.invalid("mail.error.noHeaders");
  const dedupeKey = dedupeKeyOf(raw, scanned.messageId);
  const [seen] = await db.select({ id: inboundEmails.id }).from(inboundEmails).where(eq(inboundEmails.dedupeKey, dedupeKey)).limit(1);
  if (seen) return { outcome: "duplicate", queueId: null };
  const row = await db.transaction(async (tx) => {
    const [inserted] = await tx
      .insert(inboundQueue)
      .values({ dedupeKey, source, raw: Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength), size: raw.byteLength, acceptedAt: now })
      .onConflictDoNothing({ target: inboundQueue.dedupeKey })
      .returning({ id: inboundQueue.id });
    if (inserted) await runJobAfterCommit(tx, INBOUND_QUEUE_JOB);
    return inserted;
  });
  if (row) return { outcome: "queued", queueId: row.id };
  const [queued] = await db.select({ id: inboundQueue.id }).from(inboundQueue).where(eq(inboundQueue.dedupeKey, dedupeKey)).limit(1);
  return { outcome: "duplicate", queueId: queued?.id ?? null };
}

export const INBOUND_MAX_ATTEMPTS = 5;
const LEASE_MS = 5 * 60_000;
/** Processed rows keep their key (not their bytes) this long, so a late redelivery is recognised. */
export const INBOUND_KEEP_DAYS = 30;

export type InboundQueueRun = { processed: number; failed: number; outcomes: Record<string, number> };

/**
 * Receives queued messages until none is waiting (or `maxMs` passed). Each batch is leased
 * (an UPDATE … WHERE id IN (… FOR UPDATE SKIP LOCKED)), so several workers share the queue
 * without taking the same message; a worker that dies leaves a lease that runs out. A message
 * that fails is retried with backoff and set aside as `failed` after 5 attempts.
 */
export async function processInboundQueue(options: { now?: () => Date; batchSize?: number; maxMs?: number } = {}): Promise<InboundQueueRun> {
  const clock = options.now ?? (() => new Date());
  const batchSize = options.batchSize ?? 20;
  const started = Date.now();
  const run: InboundQueueRun = { processed: 0, failed: 0, outcomes: {} };
  while (Date.now() - started < (options.maxMs ?? 50_000)) {
    const now = clock();
    const waiting = db
      .select({ id: inboundQueue.id })
      .from(inboundQueue)
      .where(and(eq(inboundQueue.state, "queued"), or(isNull(inboundQueue.leaseUntil), lte(inboundQueue.leaseUntil, now))))
      .orderBy(asc(inboundQueue.acceptedAt))
      .limit(batchSize)
      .for("update", { skipLocked: true });
    const claimed = await db
      .update(inboundQueue)
      .set({ leaseUntil: new Date(now.getTime() + LEASE_MS) })
      .where(inArray(inboundQueue.id, waiting))
      .returning({ id: inboundQueue.id, acceptedAt: inboundQueue.acceptedAt });
    if (claimed.length === 0) break;
    claimed.sort((a, b) => a.acceptedAt.getTime() - b.acceptedAt.getTime());
    for (const { id } of claimed) {
      const [item] = await db.select().from(inboundQueue).where(eq(inboundQueue.id, id)).limit(1);
      if (!item?.raw) continue;
      try {
        const result = await receiveEmail(new Uint8Array(item.raw), item.source, item.acceptedAt);
        await db
          .update(inboundQueue)
          .set({ state: "done", raw: null, outcome: result.outcome, inboundEmailId: result.inboundId, processedAt: clock(), leaseUntil: null, lastError: null })
          .where(eq(inboundQueue.id, id));
        run.processed++;
        run.outcomes[result.outcome] = (run.outcomes[result.outcome] ?? 0) + 1;
      } catch (error) {
        const attempts = item.attempts + 1;
        const giveUp = attempts >= INBOUND_MAX_ATTEMPTS;
        console.error(`[mail] queued message ${id} could not be received (attempt ${attempts})`, error);
        await db
          .update(inboundQueue)
          .set({
            state: giveUp ? "failed" : "queued",
            attempts,
            lastError: String(error instanceof Error ? error.message : error).slice(0, 1000),
            // Back off 1, 2, 4, 8 minutes.
            leaseUntil: giveUp ? null : new Date(clock().getTime() + 60_000 * 2 ** (attempts - 1)),
          })
          .where(eq(inboundQueue.id, id));
        run.failed++;
      }
    }
  }
  return run;
}

/** Forgets processed messages after INBOUND_KEEP_DAYS (their bytes are gone already). */
export async function sweepInboundQueue(now = new Date()): Promise<number> {
  const rows = await db
    .delete(inboundQueue)
    .where(and(eq(inboundQueue.state, "done"), lt(inboundQueue.processedAt, new Date(now.getTime() - INBOUND_KEEP_DAYS * 86_400_000))))
    .returning({ id: inboundQueue.id });
  return rows.length;
}

/** For the admin page: messages waiting and set aside. */
export async function inboundQueueCounts(): Promise<{ queued: number; failed: number }> {
  const rows = await db
    .select({ state: inboundQueue.state, n: sql<number>`count(*)::int` })
    .from(inboundQueue)
    .where(inArray(inboundQueue.state, ["queued", "failed"]))
    .groupBy(inboundQueue.state);
  return { queued: Number(rows.find((r) => r.state === "queued")?.n ?? 0), failed: Number(rows.find((r) => r.state === "failed")?.n ?? 0) };
}
