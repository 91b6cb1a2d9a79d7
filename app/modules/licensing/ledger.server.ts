import { and, asc, eq, isNull } from "drizzle-orm";
import { licences, orders, products, supportEntries } from "#db/schema";
import type { Executor } from "~/utils/db.server";
import { deriveSupportTerm, type SupportEntry, type SupportTerm } from "./support-ledger";

/** Ledger rows as the pure fold wants them. */
export function toLedgerEntry(row: typeof supportEntries.$inferSelect): SupportEntry {
  return {
    id: row.id,
    kind: row.kind,
    orderId: row.orderId,
    recordedAt: row.recordedAt,
    ...(row.kind === "compensation" ? { days: row.days ?? 1 } : {}),
    ...(row.kind !== "compensation" && row.termMonths ? { months: row.termMonths } : {}),
    ...(row.kind === "imported" && row.endsAt ? { endsAt: row.endsAt } : {}),
    ...(row.reason ? { reason: row.reason } : {}),
    removedAt: row.removedAt,
  };
}

export async function loadLedgerEntries(executor: Executor, licenceId: string): Promise<SupportEntry[]> {
  const rows = await executor.select().from(supportEntries).where(eq(supportEntries.licenceId, licenceId)).orderBy(asc(supportEntries.recordedAt));
  return rows.map(toLedgerEntry);
}

/**
 * Recomputes `licences.support_until` from the ledger. Every change to the ledger or to the
 * first activation calls this in the same transaction; it locks the licence row first, so two
 * concurrent ledger changes are folded one after the other. Free products have no term.
 */
export async function refreshSupportUntil(tx: Executor, licenceId: string): Promise<SupportTerm> {
  const [row] = await tx
    .select({ firstActivatedAt: licences.firstActivatedAt, free: products.free })
    .from(licences)
    .innerJoin(products, eq(products.id, licences.productId))
    .where(eq(licences.id, licenceId))
    .for("update", { of: licences });
  if (!row) throw new Error(`Licence ${licenceId} does not exist`);
  const term = deriveSupportTerm(await loadLedgerEntries(tx, licenceId), row.firstActivatedAt);
  const supportUntil = row.free ? null : term.supportUntil;
  await tx.update(licences).set({ supportUntil, updatedAt: new Date() }).where(eq(licences.id, licenceId));
  return { ...term, supportUntil };
}

/** The ledger with each period's order number, for the portal and the desk. */
export async function ledgerView(executor: Executor, licenceId: string, firstActivatedAt: Date | null) {
  const rows = await executor
    .select({ entry: supportEntries, orderNumber: orders.number })
    .from(supportEntries)
    .leftJoin(orders, eq(orders.id, supportEntries.orderId))
    .where(eq(supportEntries.licenceId, licenceId))
    .orderBy(asc(supportEntries.recordedAt));
  const term = deriveSupportTerm(rows.map((r) => toLedgerEntry(r.entry)), firstActivatedAt);
  const periodById = new Map(term.periods.map((p) => [p.entry.id, p]));
  return rows.map(({ entry, orderNumber }) => ({
    id: entry.id,
    kind: entry.kind,
    orderId: entry.orderId,
    orderNumber,
    recordedAt: entry.recordedAt,
    days: entry.days,
    reason: entry.reason,
    removedAt: entry.removedAt,
    startsAt: periodById.get(entry.id)?.startsAt ?? null,
    endsAt: periodById.get(entry.id)?.endsAt ?? null,
  }));
}

/** Marks the entries paid by an order as removed (refund); returns how many were live. */
export async function removeEntriesOfOrder(tx: Executor, orderId: string, now: Date): Promise<number> {
  const removed = await tx
    .update(supportEntries)
    .set({ removedAt: now })
    .where(and(eq(supportEntries.orderId, orderId), isNull(supportEntries.removedAt)))
    .returning({ id: supportEntries.id });
  return removed.length;
}
