import { and, asc, eq, gt, ilike, or, type SQL } from "drizzle-orm";
import { organisations } from "#db/schema";
import { recordAudit } from "~/utils/audit.server";
import { db } from "~/utils/db.server";
import { AppError } from "~/utils/errors.server";
import { can, type Actor } from "./permissions";
import { escapeLike } from "./users.server";

export async function createOrganisation(
  actor: Actor,
  input: { name: string; taxId?: string; email?: string; phone?: string },
) {
  if (!can(actor, "manage:organisation:any")) throw AppError.forbidden();
  return db.transaction(async (tx) => {
    const [org] = await tx.insert(organisations).values(input).returning();
    await recordAudit(tx, { actorId: actor.id, action: "organisation.created", entityType: "organisation", entityId: org!.id, after: input });
    return org!;
  });
}

/** A customer may only ever load their own organisation; anything else is not found. */
export async function getOrganisation(actor: Actor, organisationId: string) {
  if (actor.role === "customer" && actor.organisationId !== organisationId) throw AppError.notFound();
  if (actor.role !== "customer" && !can(actor, "read:organisation:any")) throw AppError.forbidden();
  const [org] = await db.select().from(organisations).where(eq(organisations.id, organisationId)).limit(1);
  if (!org) throw AppError.notFound();
  return org;
}

export const ORGANISATIONS_PAGE_SIZE = 50;

/** Organisations by name, paged by keyset on (name, id). */
export async function listOrganisations(actor: Actor, options: { after?: { name: string; id: string }; q?: string } = {}) {
  if (!can(actor, "read:organisation:any")) throw AppError.forbidden();
  const filters: SQL[] = [];
  if (options.after) {
    filters.push(or(gt(organisations.name, options.after.name), and(eq(organisations.name, options.after.name), gt(organisations.id, options.after.id)))!);
  }
  if (options.q) {
    const q = `%${escapeLike(options.q)}%`;
    filters.push(or(ilike(organisations.name, q), ilike(organisations.taxId, q), ilike(organisations.email, q))!);
  }
  const rows = await db
    .select()
    .from(organisations)
    .where(filters.length ? and(...filters) : undefined)
    .orderBy(asc(organisations.name), asc(organisations.id))
    .limit(ORGANISATIONS_PAGE_SIZE + 1);
  const page = rows.slice(0, ORGANISATIONS_PAGE_SIZE);
  const last = page.at(-1);
  return { organisations: page, next: rows.length > ORGANISATIONS_PAGE_SIZE && last ? { name: last.name, id: last.id } : null };
}

/** All organisations for a select box (small: admin forms). */
export async function organisationChoices() {
  return db.select({ id: organisations.id, name: organisations.name }).from(organisations).orderBy(asc(organisations.name)).limit(1000);
}
