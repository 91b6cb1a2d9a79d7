import { and, asc, eq, gt, ilike, inArray, isNull, ne, or, sql, type SQL } from "drizzle-orm";
import { organisations, supportPlans, users, type Organisation } from "#db/schema";
import { recordAudit } from "~/utils/audit.server";
import { db, rowsOf, toNumber, type Executor } from "~/utils/db.server";
import { AppError } from "~/utils/errors.server";
import { decideUpdate } from "../imports/rows";
import { moveOpenTicketsToPlan } from "../sla/admin.server";
import { duplicateKeys, matchingKeys, type DuplicateKey, type OrganisationValues } from "./organisation-form";
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
  const filters: SQL[] = [isNull(organisations.mergedIntoId)];
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
  return db.select({ id: organisations.id, name: organisations.name }).from(organisations).where(isNull(organisations.mergedIntoId)).orderBy(asc(organisations.name)).limit(1000);
}

/* ------------------------------------------------------------------------------------------ */
/* Editing, duplicates, merging                                                               */
/* ------------------------------------------------------------------------------------------ */

export type DuplicateOrganisation = { id: string; name: string; taxId: string | null; matches: DuplicateKey[] };

/**
 * Other live organisations sharing a tax ID, phone or email with these values (the keys of
 * `duplicateKeys`, the same ones the import matches by). A warning, never a refusal.
 */
export async function findDuplicateOrganisations(executor: Executor, values: OrganisationValues, exceptId: string | null): Promise<DuplicateOrganisation[]> {
  const keys = duplicateKeys(values);
  if (keys.length === 0) return [];
  const phones = keys.filter((k) => k.by === "phone").map((k) => k.key);
  const emails = keys.filter((k) => k.by === "email").map((k) => k.key);
  const textArray = (items: string[]) => sql`array[${sql.join(items.map((i) => sql`${i}`), sql`, `)}]::text[]`;
  const anyMatch: SQL[] = [];
  if (values.taxId) anyMatch.push(eq(organisations.taxId, values.taxId));
  if (phones.length) anyMatch.push(inArray(organisations.phone, phones), sql`${organisations.extraPhones} && ${textArray(phones)}`);
  if (emails.length) anyMatch.push(inArray(sql`lower(${organisations.email})`, emails), sql`${organisations.extraEmails} && ${textArray(emails)}`);
  const rows = await executor
    .select()
    .from(organisations)
    .where(and(isNull(organisations.mergedIntoId), exceptId ? ne(organisations.id, exceptId) : undefined, or(...anyMatch)))
    .orderBy(asc(organisations.name))
    .limit(20);
  return rows
    .map((row) => ({ id: row.id, name: row.name, taxId: row.taxId, matches: matchingKeys(keys, { ...row, email: row.email?.toLowerCase() ?? null }) }))
    .filter((row) => row.matches.length > 0);
}

const EDITABLE = ["name", "legalForm", "taxId", "kpp", "phone", "extraPhones", "email", "extraEmails", "address", "planId", "notes"] as const;

/**
 * Saves the staff form. Values are already normalised by `parseOrganisationForm`; the plan
 * must exist. Duplicates are returned as warnings (the organisation is saved regardless). A
 * plan change re-targets the open tickets' clocks as the admin's plan switch does.
 */
export async function updateOrganisation(actor: Actor, organisationId: string, values: OrganisationValues, now = new Date()): Promise<{ duplicates: DuplicateOrganisation[] }> {
  if (!can(actor, "update:organisation:any")) throw AppError.forbidden();
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(organisations).where(eq(organisations.id, organisationId)).for("update").limit(1);
    if (!before || before.mergedIntoId) throw AppError.notFound();
    if (values.planId) {
      const [plan] = await tx.select({ id: supportPlans.id }).from(supportPlans).where(eq(supportPlans.id, values.planId)).limit(1);
      if (!plan) throw AppError.invalid("orgs.error.plan_unknown", { planId: ["orgs.error.plan_unknown"] });
    }
    const changedBefore: Record<string, unknown> = {};
    const changedAfter: Record<string, unknown> = {};
    for (const field of EDITABLE) {
      if (JSON.stringify(before[field]) !== JSON.stringify(values[field])) {
        changedBefore[field] = before[field];
        changedAfter[field] = values[field];
      }
    }
    if (Object.keys(changedAfter).length > 0) {
      // Staff choosing a plan here, like an admin's assignment, ends a bought term (no end date).
      const endsTerm = "planId" in changedAfter && before.planUntil !== null;
      if (endsTerm) {
        changedBefore.planUntil = before.planUntil;
        changedAfter.planUntil = null;
      }
      await tx.update(organisations).set({ ...values, ...(endsTerm ? { planUntil: null } : {}), updatedAt: now }).where(eq(organisations.id, organisationId));
      await recordAudit(tx, { actorId: actor.id, action: "organisation.updated", entityType: "organisation", entityId: organisationId, before: changedBefore, after: changedAfter });
      if ("planId" in changedAfter) await moveOpenTicketsToPlan(tx, organisationId, actor.id, now);
    }
    return { duplicates: await findDuplicateOrganisations(tx, values, organisationId) };
  });
}

/** The tables that hold an `organisation_id`, found in the database itself so a table added later moves too. */
async function organisationTables(executor: Executor): Promise<Array<{ table: string; uniques: string[][] }>> {
  const tables = rowsOf<{ table_name: string }>(
    await executor.execute(sql`select c.table_name from information_schema.columns c
      join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name and t.table_type = 'BASE TABLE'
      where c.table_schema = current_schema() and c.column_name = 'organisation_id' and c.table_name <> 'organisations'
      order by c.table_name`),
  );
  // Unique keys that include organisation_id: a row whose twin already belongs to the survivor stays behind.
  const uniques = rowsOf<{ table_name: string; cols: string }>(
    await executor.execute(sql`select cl.relname as table_name, string_agg(a.attname::text, ',' order by a.attname) as cols
      from pg_index i
      join pg_class cl on cl.oid = i.indrelid
      join pg_namespace n on n.oid = cl.relnamespace
      join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey)
      where i.indisunique and n.nspname = current_schema()
      group by cl.relname, i.indexrelid
      having bool_or(a.attname = 'organisation_id')`),
  );
  return tables.map(({ table_name }) => ({
    table: table_name,
    uniques: uniques.filter((u) => u.table_name === table_name).map((u) => u.cols.split(",").filter((c) => c !== "organisation_id")),
  }));
}

const ident = (name: string) => sql.raw(`"${name.replace(/"/g, '""')}"`);

export type MergePreview = {
  keep: Organisation;
  merge: Organisation;
  /** Rows per table that belong to the organisation being merged (only tables with rows). */
  counts: Array<{ table: string; rows: number }>;
};

function requireMerger(actor: Actor) {
  if (!can(actor, "manage:organisation:any")) throw AppError.forbidden();
}

async function mergePair(executor: Executor, keepId: string, mergeId: string, lock: boolean) {
  if (keepId === mergeId) throw AppError.invalid("orgs.error.merge_same", { keepId: ["orgs.error.merge_same"] });
  const query = executor.select().from(organisations).where(inArray(organisations.id, [keepId, mergeId])).orderBy(asc(organisations.id));
  const rows = lock ? await query.for("update") : await query;
  const keep = rows.find((r) => r.id === keepId);
  const merge = rows.find((r) => r.id === mergeId);
  if (!keep || !merge) throw AppError.notFound();
  if (keep.mergedIntoId || merge.mergedIntoId) throw AppError.conflict("orgs.error.already_merged");
  return { keep, merge };
}

async function rowCounts(executor: Executor, tables: Array<{ table: string }>, organisationId: string) {
  const counts: Array<{ table: string; rows: number }> = [];
  for (const { table } of tables) {
    const [row] = rowsOf<{ n: number | string }>(await executor.execute(sql`select count(*)::int as n from ${ident(table)} where organisation_id = ${organisationId}`));
    const rows = toNumber(row?.n ?? 0);
    if (rows > 0) counts.push({ table, rows });
  }
  return counts;
}

/** What a merge would move: the confirmation page. */
export async function previewOrganisationMerge(actor: Actor, keepId: string, mergeId: string): Promise<MergePreview> {
  requireMerger(actor);
  const { keep, merge } = await mergePair(db, keepId, mergeId, false);
  return { keep, merge, counts: await rowCounts(db, await organisationTables(db), merge.id) };
}

export type MergeResult = { keepId: string; moved: Array<{ table: string; rows: number }>; keptBehind: Array<{ table: string; rows: number }> };

/**
 * Merges `mergeId` into `keepId` in one transaction: every row of every table with an
 * organisation_id moves (contacts, licences, tickets and their history, time, orders,
 * complaints, reviews…), except one whose unique twin already belongs to the survivor (its
 * contract, billing details, a review of the same product), which stays with the merged
 * organisation. The survivor's empty fields are filled from the merged one (the import's
 * "fill" rule), its phones and emails are added; the merged organisation is marked (its URL
 * redirects) and both sides are audited with the counts.
 */
export async function mergeOrganisations(actor: Actor, keepId: string, mergeId: string, now = new Date()): Promise<MergeResult> {
  requireMerger(actor);
  return db.transaction(async (tx) => {
    const { keep, merge } = await mergePair(tx, keepId, mergeId, true);
    const tables = await organisationTables(tx);
    // Two primary contacts in one organisation would be one too many: the survivor's stays.
    const [keepPrimary] = await tx.select({ id: users.id }).from(users).where(and(eq(users.organisationId, keep.id), eq(users.isPrimaryContact, true))).limit(1);
    if (keepPrimary) await tx.update(users).set({ isPrimaryContact: false, updatedAt: now }).where(eq(users.organisationId, merge.id));
    const moved: MergeResult["moved"] = [];
    for (const { table, uniques } of tables) {
      const t = ident(table);
      const twins = uniques.map(
        (cols) =>
          sql` and not exists (select 1 from ${t} y where y.organisation_id = ${keep.id}${sql.join(
            cols.map((c) => sql` and y.${ident(c)} is not distinct from x.${ident(c)}`),
            sql``,
          )})`,
      );
      const [row] = rowsOf<{ n: number | string }>(
        await tx.execute(sql`with moved as (update ${t} x set organisation_id = ${keep.id} where x.organisation_id = ${merge.id}${sql.join(twins, sql``)} returning 1) select count(*)::int as n from moved`),
      );
      const rows = toNumber(row?.n ?? 0);
      if (rows > 0) moved.push({ table, rows });
    }
    const keptBehind = await rowCounts(tx, tables, merge.id);
    const fill = decideUpdate("fill", keep, pick(merge, ["legalForm", "taxId", "kpp", "phone", "email", "address", "planId"]));
    const phones = unique([...keep.extraPhones, ...[merge.phone, ...merge.extraPhones].filter((p): p is string => Boolean(p))]).filter((p) => p !== (fill.patch.phone ?? keep.phone));
    const emails = unique([...keep.extraEmails, ...[merge.email, ...merge.extraEmails].filter((e): e is string => Boolean(e))]).filter((e) => e !== (fill.patch.email ?? keep.email));
    const notes = [keep.notes, merge.notes ? `${merge.name}: ${merge.notes}` : null].filter(Boolean).join("\n\n") || null;
    await tx
      .update(organisations)
      .set({ ...fill.patch, extraPhones: phones, extraEmails: emails, notes, updatedAt: now })
      .where(eq(organisations.id, keep.id));
    await tx.update(organisations).set({ mergedIntoId: keep.id, mergedAt: now, updatedAt: now }).where(eq(organisations.id, merge.id));
    // The merged organisation's open tickets now follow the survivor's plan.
    await moveOpenTicketsToPlan(tx, keep.id, actor.id, now);
    const after = { keepId: keep.id, mergedId: merge.id, mergedName: merge.name, moved, keptBehind, filled: fill.patch };
    await recordAudit(tx, { actorId: actor.id, action: "organisation.merged", entityType: "organisation", entityId: keep.id, after });
    await recordAudit(tx, { actorId: actor.id, action: "organisation.merged_into", entityType: "organisation", entityId: merge.id, after });
    return { keepId: keep.id, moved, keptBehind };
  });
}

function pick<T extends object, K extends keyof T>(value: T, keys: readonly K[]): Pick<T, K> {
  return Object.fromEntries(keys.map((k) => [k, value[k]])) as Pick<T, K>;
}
const unique = (items: string[]) => [...new Set(items)];

/** The organisation page for staff: the record, the plans to choose from and the likely duplicates. */
export async function organisationEditor(actor: Actor, organisationId: string) {
  const organisation = await getOrganisation(actor, organisationId);
  const plans = await db.select({ id: supportPlans.id, name: supportPlans.name, isDefault: supportPlans.isDefault }).from(supportPlans).orderBy(asc(supportPlans.name));
  const duplicates = organisation.mergedIntoId ? [] : await findDuplicateOrganisations(db, { ...organisation, email: organisation.email?.toLowerCase() ?? null }, organisation.id);
  return { organisation, plans, duplicates };
}
