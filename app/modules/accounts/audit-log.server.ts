import { and, desc, eq, gte, lt, lte, or, type SQL } from "drizzle-orm";
import { auditLog, users } from "#db/schema";
import { db } from "~/utils/db.server";
import { AppError } from "~/utils/errors.server";
import { can, type Actor } from "./permissions";

export const AUDIT_PAGE_SIZE = 50;

export type AuditFilter = {
  entityType?: string;
  entityId?: string;
  action?: string;
  actorEmail?: string;
  from?: Date;
  to?: Date;
  before?: { at: Date; id: string };
};

/** The audit log newest first, filtered, paged by keyset on (at, id). */
export async function listAuditEntries(actor: Actor, filter: AuditFilter) {
  if (!can(actor, "read:audit:any")) throw AppError.forbidden();
  const where: SQL[] = [];
  if (filter.entityType) where.push(eq(auditLog.entityType, filter.entityType));
  if (filter.entityId) where.push(eq(auditLog.entityId, filter.entityId));
  if (filter.action) where.push(eq(auditLog.action, filter.action));
  if (filter.actorEmail) where.push(eq(users.email, filter.actorEmail));
  if (filter.from) where.push(gte(auditLog.at, filter.from));
  if (filter.to) where.push(lte(auditLog.at, filter.to));
  if (filter.before) {
    where.push(or(lt(auditLog.at, filter.before.at), and(eq(auditLog.at, filter.before.at), lt(auditLog.id, filter.before.id)))!);
  }
  const rows = await db
    .select({
      id: auditLog.id,
      at: auditLog.at,
      action: auditLog.action,
      entityType: auditLog.entityType,
      entityId: auditLog.entityId,
      before: auditLog.before,
      after: auditLog.after,
      actorName: users.name,
      actorEmail: users.email,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(AUDIT_PAGE_SIZE + 1);
  const page = rows.slice(0, AUDIT_PAGE_SIZE);
  const last = page.at(-1);
  return { entries: page, next: rows.length > AUDIT_PAGE_SIZE && last ? { at: last.at, id: last.id } : null };
}
