import { orders, type Order } from "#db/schema";
import { recordAudit } from "~/utils/audit.server";
import type { Executor } from "~/utils/db.server";

/**
 * Inserts a pending order (its prices already snapshotted by the caller) together with its
 * `order.created` audit record, inside the caller's transaction.
 */
export async function insertPendingOrder(
  tx: Executor,
  values: Omit<typeof orders.$inferInsert, "status" | "updatedAt"> & { createdAt: Date },
  audit: Record<string, unknown>,
): Promise<Order> {
  const [order] = await tx
    .insert(orders)
    .values({ ...values, status: "pending", updatedAt: values.createdAt })
    .returning();
  await recordAudit(tx, { actorId: values.createdBy ?? null, action: "order.created", entityType: "order", entityId: order!.id, after: { kind: values.kind, ...audit } });
  return order!;
}
