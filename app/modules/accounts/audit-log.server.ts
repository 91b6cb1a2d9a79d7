import { and, desc, eq, gte, ilike, inArray, lt, lte, or, type SQL } from "drizzle-orm";
import {
  auditLog,
  businessCalendars,
  complaints,
  importRuns,
  kbArticles,
  licences,
  orders,
  organisations,
  products,
  releases,
  serviceItems,
  supportPlans,
  tickets,
  users,
} from "#db/schema";
import { displayLicenceKey } from "~/modules/licensing/licence-key";
import { complaintSubjectIn } from "~/modules/quality/complaint-form";
import { db } from "~/utils/db.server";
import { AppError } from "~/utils/errors.server";
import { idsToResolve, refKey, type AuditRefs, type RefKind } from "./audit-readable";
import { can, type Actor } from "./permissions";
import { escapeLike } from "./users.server";

export const AUDIT_PAGE_SIZE = 50;

export type AuditFilter = {
  entityType?: string;
  entityId?: string;
  action?: string;
  /** Part of the actor's name or email. */
  actor?: string;
  from?: Date;
  to?: Date;
  before?: { at: Date; id: string };
};

const entryColumns = {
  id: auditLog.id,
  at: auditLog.at,
  action: auditLog.action,
  entityType: auditLog.entityType,
  entityId: auditLog.entityId,
  before: auditLog.before,
  after: auditLog.after,
  actorName: users.name,
  actorEmail: users.email,
};

/** The audit log newest first, filtered, paged by keyset on (at, id), with its ids resolved to names. */
export async function listAuditEntries(actor: Actor, filter: AuditFilter, locale: "en" | "ru" = "en") {
  if (!can(actor, "read:audit:any")) throw AppError.forbidden();
  const where: SQL[] = [];
  if (filter.entityType) where.push(eq(auditLog.entityType, filter.entityType));
  if (filter.entityId) where.push(eq(auditLog.entityId, filter.entityId));
  if (filter.action) where.push(eq(auditLog.action, filter.action));
  if (filter.actor) {
    const like = `%${escapeLike(filter.actor)}%`;
    where.push(or(ilike(users.name, like), ilike(users.email, like))!);
  }
  if (filter.from) where.push(gte(auditLog.at, filter.from));
  if (filter.to) where.push(lte(auditLog.at, filter.to));
  if (filter.before) {
    where.push(or(lt(auditLog.at, filter.before.at), and(eq(auditLog.at, filter.before.at), lt(auditLog.id, filter.before.id)))!);
  }
  const rows = await db
    .select(entryColumns)
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(AUDIT_PAGE_SIZE + 1);
  const page = rows.slice(0, AUDIT_PAGE_SIZE);
  const last = page.at(-1);
  return {
    entries: page,
    refs: await resolveAuditRefs(page, locale),
    next: rows.length > AUDIT_PAGE_SIZE && last ? { at: last.at, id: last.id } : null,
  };
}

/** One entity's history (e.g. a licence's), newest first, with its ids resolved; the caller authorises. */
export async function entityHistory(entityType: string, entityId: string, locale: "en" | "ru" = "en", limit = 200) {
  const entries = await db
    .select(entryColumns)
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(and(eq(auditLog.entityType, entityType), eq(auditLog.entityId, entityId)))
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(limit);
  return { entries, refs: await resolveAuditRefs(entries, locale) };
}

type Resolver = (ids: string[], locale: "en" | "ru") => Promise<Array<{ id: string; label: string; href: string | null }>>;

/** One query per kind of record: what people call it and where its page is. */
const RESOLVERS: Record<RefKind, Resolver> = {
  ticket: async (ids) =>
    (await db.select({ id: tickets.id, number: tickets.number }).from(tickets).where(inArray(tickets.id, ids))).map((r) => ({
      id: r.id,
      label: `#${r.number}`,
      href: `/desk/tickets/${r.number}`,
    })),
  licence: async (ids) =>
    (await db.select({ id: licences.id, key: licences.keyCanonical }).from(licences).where(inArray(licences.id, ids))).map((r) => ({
      id: r.id,
      label: displayLicenceKey(r.key),
      href: `/desk/licences/${r.id}`,
    })),
  organisation: async (ids) =>
    (await db.select({ id: organisations.id, name: organisations.name }).from(organisations).where(inArray(organisations.id, ids))).map((r) => ({
      id: r.id,
      label: r.name,
      href: `/desk/organisations/${r.id}`,
    })),
  user: async (ids) =>
    (await db.select({ id: users.id, name: users.name, email: users.email, organisationId: users.organisationId }).from(users).where(inArray(users.id, ids))).map((r) => ({
      id: r.id,
      label: r.name || r.email,
      href: r.organisationId ? `/desk/organisations/${r.organisationId}` : `/admin/users?q=${encodeURIComponent(r.email)}`,
    })),
  product: async (ids) =>
    (await db.select({ id: products.id, name: products.name }).from(products).where(inArray(products.id, ids))).map((r) => ({
      id: r.id,
      label: r.name,
      href: `/admin/products/${r.id}`,
    })),
  support_plan: async (ids) =>
    (await db.select({ id: supportPlans.id, name: supportPlans.name }).from(supportPlans).where(inArray(supportPlans.id, ids))).map((r) => ({
      id: r.id,
      label: r.name,
      href: `/admin/plans/${r.id}`,
    })),
  business_calendar: async (ids) =>
    (await db.select({ id: businessCalendars.id, name: businessCalendars.name }).from(businessCalendars).where(inArray(businessCalendars.id, ids))).map((r) => ({
      id: r.id,
      label: r.name,
      href: `/admin/calendars/${r.id}`,
    })),
  order: async (ids) =>
    (await db.select({ id: orders.id, number: orders.number }).from(orders).where(inArray(orders.id, ids))).map((r) => ({
      id: r.id,
      label: `№ ${r.number}`,
      href: `/orders/${r.id}`,
    })),
  complaint: async (ids, locale) =>
    (await db.select({ id: complaints.id, subject: complaints.subject }).from(complaints).where(inArray(complaints.id, ids))).map((r) => ({
      id: r.id,
      label: `«${complaintSubjectIn(r.subject, locale)}»`,
      href: `/desk/quality/complaints/${r.id}`,
    })),
  service_item: async (ids, locale) =>
    (await db.select({ id: serviceItems.id, en: serviceItems.nameEn, ru: serviceItems.nameRu }).from(serviceItems).where(inArray(serviceItems.id, ids))).map((r) => ({
      id: r.id,
      label: locale === "ru" ? r.ru : r.en,
      href: `/admin/services/${r.id}`,
    })),
  kb_article: async (ids) =>
    (await db.select({ id: kbArticles.id, title: kbArticles.title }).from(kbArticles).where(inArray(kbArticles.id, ids))).map((r) => ({
      id: r.id,
      label: `«${r.title}»`,
      href: `/desk/kb/${r.id}`,
    })),
  release: async (ids) =>
    (
      await db
        .select({ id: releases.id, version: releases.version, productId: releases.productId, product: products.name })
        .from(releases)
        .innerJoin(products, eq(products.id, releases.productId))
        .where(inArray(releases.id, ids))
    ).map((r) => ({ id: r.id, label: `${r.product} ${r.version}`, href: `/admin/products/${r.productId}/releases/${r.id}` })),
  import: async (ids) =>
    (await db.select({ id: importRuns.id, fileName: importRuns.fileName }).from(importRuns).where(inArray(importRuns.id, ids))).map((r) => ({
      id: r.id,
      label: r.fileName,
      href: `/admin/imports/${r.id}`,
    })),
};

/** Resolves every id a page of entries mentions, in one query per kind (never one per row). */
export async function resolveAuditRefs(
  entries: ReadonlyArray<{ entityType: string; entityId: string; before: unknown; after: unknown }>,
  locale: "en" | "ru" = "en",
): Promise<AuditRefs> {
  const wanted = idsToResolve(entries);
  const refs: AuditRefs = {};
  await Promise.all(
    [...wanted].map(async ([kind, ids]) => {
      for (const row of await RESOLVERS[kind]([...ids], locale)) refs[refKey(kind, row.id)] = { label: row.label, href: row.href };
    }),
  );
  return refs;
}
