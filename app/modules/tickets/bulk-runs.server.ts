import { randomUUID } from "node:crypto";
import { and, eq, inArray, lt, or, sql } from "drizzle-orm";
import { bulkRuns, macros, tickets, users, type BulkRun } from "#db/schema";
import { db } from "~/utils/db.server";
import { AppError } from "~/utils/errors.server";
import { enqueueJob } from "~/utils/jobs.server";
import type { Actor } from "../accounts/permissions";
import {
  applyBulk,
  BULK_COLUMNS,
  bulkTickets,
  emptySummary,
  prepareBulk,
  sortSummary,
  type BulkOperationName,
  type BulkReason,
  type BulkSelection,
  type BulkSummary,
} from "./bulk.server";

/**
 * Large bulk actions run as a background job (ADR 176). Up to BULK_INLINE_MAX tickets are
 * changed inside the request as before; more become a bulk run: the tickets chosen at
 * confirmation, handled by the job in chunks whose outcomes and progress are written after each
 * chunk, so the progress page can follow and a job taken over after a crash resumes where the
 * last one stopped.
 */
export const BULK_RUN_JOB = "tickets.bulk-run";
/** More tickets than this run in the background. */
export const BULK_INLINE_MAX = 50;
/** Tickets handled between two progress writes. */
const CHUNK = 10;
/** A job that has not written progress for this long is taken to be gone; another may take the run over. */
const LEASE_SECONDS = 120;
const LEASE = sql.raw(`interval '${LEASE_SECONDS} seconds'`);

export type BulkStart = { kind: "done"; summary: BulkSummary } | { kind: "queued"; runId: string; total: number };

/**
 * Runs a confirmed bulk action: inline when small, else as a queued run for the background job.
 * Authorisation and input are checked here, before anything is queued.
 */
export async function startBulk(
  actor: Actor,
  name: BulkOperationName,
  values: Record<string, unknown>,
  selection: BulkSelection,
  now = new Date(),
  options: { inlineMax?: number } = {},
): Promise<BulkStart> {
  const prepared = await prepareBulk(actor, name, values);
  const selected = await bulkTickets(actor, selection, now);
  if (selected.length <= (options.inlineMax ?? BULK_INLINE_MAX)) {
    const summary = emptySummary();
    await applyBulk(actor, prepared, selected, summary, now);
    return { kind: "done", summary: sortSummary(summary) };
  }
  const [run] = await db
    .insert(bulkRuns)
    .values({
      actorId: actor.id,
      operation: name,
      input: prepared.input as Record<string, unknown>,
      change: `${name}:${String(Object.values(prepared.input as Record<string, unknown>)[0] ?? "")}`,
      numbers: selected.map((t) => t.number),
      total: selected.length,
    })
    .returning({ id: bulkRuns.id });
  await enqueueJob(BULK_RUN_JOB, { runId: run!.id });
  return { kind: "queued", runId: run!.id, total: selected.length };
}

/**
 * Takes the run if it is waiting, or if the job that had it stopped writing progress (its
 * lease ran out). One UPDATE decides: of two workers asking at once, one gets the row.
 */
async function claimRun(runId: string, token: string): Promise<BulkRun | null> {
  const [run] = await db
    .update(bulkRuns)
    .set({ status: "running", leaseToken: token, leaseUntil: sql`now() + ${LEASE}`, startedAt: sql`coalesce(${bulkRuns.startedAt}, now())` })
    .where(and(eq(bulkRuns.id, runId), or(eq(bulkRuns.status, "queued"), and(eq(bulkRuns.status, "running"), lt(bulkRuns.leaseUntil, sql`now()`)))))
    .returning();
  return run ?? null;
}

const jsonb = (value: unknown) => sql`${JSON.stringify(value)}::jsonb`;

export type BulkRunOutcome = { claimed: boolean; changed: number };

/**
 * The background job: handles the run's remaining tickets a chunk at a time. Each chunk's
 * outcomes are appended and the lease renewed in one write that holds only while this job
 * still owns the run; a job that lost the run stops there.
 */
export async function processBulkRun(runId: string, options: { now?: Date } = {}): Promise<BulkRunOutcome> {
  const token = randomUUID();
  const run = await claimRun(runId, token);
  if (!run) return { claimed: false, changed: 0 };
  const owned = and(eq(bulkRuns.id, runId), eq(bulkRuns.leaseToken, token));
  const finish = async (values: Partial<BulkRun>) => {
    await db
      .update(bulkRuns)
      .set({ ...values, finishedAt: sql`now()`, leaseToken: null, leaseUntil: null })
      .where(owned);
  };
  let changed = 0;
  try {
    const [user] = await db
      .select({ id: users.id, role: users.role, organisationId: users.organisationId, isPrimaryContact: users.isPrimaryContact, deactivatedAt: users.deactivatedAt })
      .from(users)
      .where(eq(users.id, run.actorId));
    if (!user || user.deactivatedAt) {
      await finish({ status: "failed", failure: "bulk.failure.actorGone" });
      return { claimed: true, changed: 0 };
    }
    const actor: Actor = { id: user.id, role: user.role, organisationId: user.organisationId, isPrimaryContact: user.isPrimaryContact };
    let prepared: Awaited<ReturnType<typeof prepareBulk>>;
    try {
      prepared = await prepareBulk(actor, run.operation as BulkOperationName, run.input);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      // The actor's role changed since, or the input no longer holds (a colleague left the team).
      await finish({ status: "failed", failure: "bulk.failure.notAllowed" });
      return { claimed: true, changed: 0 };
    }
    for (let at = run.processed; at < run.numbers.length; at += CHUNK) {
      const chunk = run.numbers.slice(at, at + CHUNK);
      const rows = await db.select(BULK_COLUMNS).from(tickets).where(inArray(tickets.number, chunk));
      const byNumber = new Map(rows.map((r) => [r.number, r]));
      const summary = emptySummary();
      for (const number of chunk) if (!byNumber.has(number)) summary.failed.push({ number, reason: { code: "not_found" } });
      const found = chunk.flatMap((n) => (byNumber.has(n) ? [byNumber.get(n)!] : []));
      await applyBulk(actor, prepared, found, summary, options.now ?? new Date());
      changed += summary.changed.length;
      sortSummary(summary);
      const [kept] = await db
        .update(bulkRuns)
        .set({
          processed: sql`${bulkRuns.processed} + ${chunk.length}`,
          changed: sql`${bulkRuns.changed} || ${jsonb(summary.changed)}`,
          unchanged: sql`${bulkRuns.unchanged} || ${jsonb(summary.unchanged)}`,
          failed: sql`${bulkRuns.failed} || ${jsonb(summary.failed)}`,
          leaseUntil: sql`now() + ${LEASE}`,
        })
        .where(owned)
        .returning({ id: bulkRuns.id });
      if (!kept) return { claimed: true, changed }; // another job took the run over
    }
    await finish({ status: "done" });
  } catch (error) {
    console.error("[bulk]", error);
    await finish({ status: "failed", failure: "bulk.failure.unexpected" });
  }
  return { claimed: true, changed };
}

/**
 * Safety net, every minute: a run whose job was never delivered (jobs were busy or restarting)
 * or whose job stopped writing progress (the instance died) is picked up here.
 */
export async function sweepBulkRuns(): Promise<number> {
  const stale = await db
    .select({ id: bulkRuns.id })
    .from(bulkRuns)
    .where(
      or(
        and(eq(bulkRuns.status, "queued"), lt(bulkRuns.createdAt, sql`now() - interval '30 seconds'`)),
        and(eq(bulkRuns.status, "running"), lt(bulkRuns.leaseUntil, sql`now()`)),
      ),
    )
    .limit(10);
  let changed = 0;
  for (const { id } of stale) changed += (await processBulkRun(id)).changed;
  return changed;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type BulkRunView = {
  id: string;
  status: BulkRun["status"];
  change: string;
  /** The change's value in words when it is a name (a person, a tag, a macro); statuses and priorities are words of the catalogue. */
  valueName: string | null;
  total: number;
  processed: number;
  summary: BulkSummary;
  failure: string | null;
};

/** The run as its progress page shows it; only the person who started it sees it. */
export async function getBulkRun(actor: Actor, runId: string): Promise<BulkRunView> {
  if (!UUID.test(runId)) throw AppError.notFound("bulk.error.runNotFound");
  const [run] = await db.select().from(bulkRuns).where(eq(bulkRuns.id, runId));
  if (!run || run.actorId !== actor.id) throw AppError.notFound("bulk.error.runNotFound");
  return {
    id: run.id,
    status: run.status,
    change: run.change,
    valueName: await valueName(run),
    total: run.total,
    processed: run.processed,
    summary: sortSummary({ changed: [...run.changed], unchanged: [...run.unchanged], failed: run.failed.map((f) => ({ number: f.number, reason: f.reason as BulkReason })) }),
    failure: run.failure,
  };
}

async function valueName(run: BulkRun): Promise<string | null> {
  const value = run.change.slice(run.change.indexOf(":") + 1);
  if (run.operation === "tag") return value;
  if (run.operation === "macro" && UUID.test(value)) {
    const [macro] = await db.select({ title: macros.title }).from(macros).where(eq(macros.id, value));
    return macro?.title ?? null;
  }
  if (run.operation === "assign" && (value === "me" || UUID.test(value))) {
    const [user] = await db.select({ name: users.name }).from(users).where(eq(users.id, value === "me" ? run.actorId : value));
    return user?.name ?? null;
  }
  return null;
}
