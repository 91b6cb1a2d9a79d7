import { randomUUID } from "node:crypto";
import { and, eq, lt } from "drizzle-orm";
import { idempotencyKeys } from "#db/schema";
import { db, type Executor } from "./db.server";
import { AppError } from "./errors.server";
import { isUuid } from "./pagination";

export { IDEMPOTENCY_FIELD } from "./forms";

export type IdempotencyKey = { key: string; actor: string };

/** The key a form or API call carries, if it is a well-formed one (anything else: no key). */
export function idempotencyKeyOf(value: unknown, actorId: string | null): IdempotencyKey | null {
  return typeof value === "string" && isUuid(value) ? { key: value.toLowerCase(), actor: actorId ?? "anonymous" } : null;
}

/**
 * Runs `work` once per key, inside the caller's transaction. The key row is written first: a
 * concurrent second request with the same key waits on its primary key until the first commits,
 * then finds it taken and gets the first result (`onReplay` undoes what it prepared, such as
 * stored uploads). If the first transaction rolls back, the key is free again and the retry runs.
 * The result must survive JSON (ids, numbers, strings).
 */
export async function once<T>(tx: Executor, scope: string, key: IdempotencyKey | null, work: () => Promise<T>, onReplay?: () => Promise<void>): Promise<T> {
  if (!key) return work();
  const claimed = await tx.insert(idempotencyKeys).values({ key: key.key, actor: key.actor, scope }).onConflictDoNothing().returning({ key: idempotencyKeys.key });
  if (claimed.length === 0) {
    const [first] = await tx.select().from(idempotencyKeys).where(and(eq(idempotencyKeys.actor, key.actor), eq(idempotencyKeys.key, key.key)));
    if (!first || first.scope !== scope || first.result === null) throw AppError.conflict("form.error.alreadySent");
    if (onReplay) await onReplay();
    return first.result as T;
  }
  const result = await work();
  await tx.update(idempotencyKeys).set({ result: JSON.parse(JSON.stringify(result ?? null)) }).where(and(eq(idempotencyKeys.actor, key.actor), eq(idempotencyKeys.key, key.key)));
  return result;
}

/** Keys older than a day are forgotten (run hourly with the other sweeps). */
export async function sweepIdempotencyKeys(now = new Date(), executor: Executor = db): Promise<void> {
  await executor.delete(idempotencyKeys).where(lt(idempotencyKeys.createdAt, new Date(now.getTime() - 24 * 3600_000)));
}

/** A fresh key for a form that must not act twice (its loader hands it to the page). */
export function newFormKey(): string {
  return randomUUID();
}
