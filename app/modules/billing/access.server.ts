import { and, eq } from "drizzle-orm";
import { contactRoles, users } from "#db/schema";
import { recordAudit } from "~/utils/audit.server";
import { db, type Executor } from "~/utils/db.server";
import { AppError } from "~/utils/errors.server";
import { can, type Actor } from "../accounts/permissions";

/**
 * Who sees an organisation's orders and documents: its primary contact and contacts holding the
 * "billing" role (which only the primary contact grants). Everyone else is answered "not found".
 */
export async function hasBillingAccess(actor: Actor, executor: Executor = db): Promise<boolean> {
  if (actor.role !== "customer" || !actor.organisationId) return false;
  if (actor.isPrimaryContact) return true;
  const [row] = await executor
    .select({ role: contactRoles.role })
    .from(contactRoles)
    .where(and(eq(contactRoles.userId, actor.id), eq(contactRoles.role, "billing")))
    .limit(1);
  return Boolean(row);
}

export async function requireBillingAccess(actor: Actor): Promise<Actor & { organisationId: string }> {
  if (!(await hasBillingAccess(actor))) throw AppError.notFound();
  return actor as Actor & { organisationId: string };
}

/** The contacts of the actor's organisation that hold the billing role. */
export async function billingContactIds(actor: Actor): Promise<string[]> {
  if (actor.role !== "customer" || !actor.organisationId) return [];
  const rows = await db
    .select({ id: contactRoles.userId })
    .from(contactRoles)
    .innerJoin(users, eq(users.id, contactRoles.userId))
    .where(and(eq(users.organisationId, actor.organisationId), eq(contactRoles.role, "billing")));
  return rows.map((r) => r.id);
}

/** The primary contact grants or withdraws the billing role of a colleague (audited). */
export async function setBillingRole(actor: Actor, userId: string, granted: boolean, now = new Date()): Promise<void> {
  if (!can(actor, "manage:contact:own")) throw AppError.notFound();
  await db.transaction(async (tx) => {
    const [target] = await tx.select({ id: users.id, organisationId: users.organisationId }).from(users).where(eq(users.id, userId)).limit(1);
    if (!target || target.organisationId !== actor.organisationId) throw AppError.notFound();
    if (granted) {
      const inserted = await tx.insert(contactRoles).values({ userId, role: "billing", grantedBy: actor.id, grantedAt: now }).onConflictDoNothing().returning({ userId: contactRoles.userId });
      if (inserted.length) await recordAudit(tx, { actorId: actor.id, action: "contact.billing_role_granted", entityType: "user", entityId: userId });
    } else {
      const removed = await tx.delete(contactRoles).where(and(eq(contactRoles.userId, userId), eq(contactRoles.role, "billing"))).returning({ userId: contactRoles.userId });
      if (removed.length) await recordAudit(tx, { actorId: actor.id, action: "contact.billing_role_revoked", entityType: "user", entityId: userId });
    }
  });
}
