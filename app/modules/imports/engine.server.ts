import { randomBytes } from "node:crypto";
import { and, eq, inArray, isNull, or, sql } from "drizzle-orm";
import { activations, licences, organisations, products, supportEntries, supportPlans, users } from "#db/schema";
import { rowsOf, type Executor } from "~/utils/db.server";
import { isDevelopmentHost } from "../licensing/host";
import { refreshSupportUntil } from "../licensing/ledger.server";
import { generateLicenceKey, parseLicenceKey } from "../licensing/licence-key";
import type { ImportKind, ImportPolicy, Mapping, Outcome } from "./fields";
import { nameKey } from "./normalise";
import type { SourceRow } from "./read.server";
import { checkRow, decideUpdate, matchKeys, type Issue, type RowValues } from "./rows";
import { dateToInstant } from "./values";

/**
 * The row engine shared by the dry run, the one-transaction import and the background job:
 * a batch of rows → one outcome each, with the writes done only when `write` is set. The
 * dry run and the import therefore cannot disagree about what a row will do.
 */

export type RowResult = {
  rowNumber: number;
  cells: string[];
  outcome: Outcome;
  matchedBy: string | null;
  matchedId: string | null;
  matchedRow: number | null;
  matchedLabel: string | null;
  errors: Issue[];
  warnings: Issue[];
  values: RowValues;
  raw: Record<string, string>;
};

type OrgRecord = typeof organisations.$inferSelect;
type UserKey = { id: string; email: string; phone: string | null };

export type EngineContext = {
  kind: ImportKind;
  policy: ImportPolicy;
  mapping: Mapping;
  headers: string[];
  defaultCountry: string;
  actorId: string | null;
  now: Date;
  /** `by:key` → the first row of this file that carried it. */
  seen: Map<string, number>;
  orgsById: Map<string, OrgRecord>;
  orgByTaxId: Map<string, string>;
  orgsByName: Map<string, string[]>;
  planByName: Map<string, string>;
  productByKey: Map<string, typeof products.$inferSelect>;
  /**
   * Contacts: every user's email and phone, read once per file (one set-based query instead of
   * a look-up per batch) and kept up to date with this import's own writes. The full records
   * are read only for the rows that match.
   */
  usersByEmail: Map<string, UserKey>;
  usersByPhone: Map<string, UserKey>;
};

export async function createContext(
  executor: Executor,
  input: { kind: ImportKind; policy: ImportPolicy; mapping: Mapping; headers: string[]; defaultCountry: string; actorId: string | null; now: Date },
): Promise<EngineContext> {
  const ctx: EngineContext = {
    ...input,
    seen: new Map(),
    orgsById: new Map(),
    orgByTaxId: new Map(),
    orgsByName: new Map(),
    planByName: new Map(),
    productByKey: new Map(),
    usersByEmail: new Map(),
    usersByPhone: new Map(),
  };
  // A merged organisation is no longer a target: its rows moved to the one it was merged into.
  for (const org of await executor.select().from(organisations).where(isNull(organisations.mergedIntoId))) indexOrganisation(ctx, org);
  for (const plan of await executor.select({ id: supportPlans.id, name: supportPlans.name, slug: supportPlans.slug }).from(supportPlans)) {
    ctx.planByName.set(nameKey(plan.name), plan.id);
    ctx.planByName.set(nameKey(plan.slug), plan.id);
  }
  if (input.kind === "licences") {
    for (const product of await executor.select().from(products)) {
      ctx.productByKey.set(nameKey(product.slug), product);
      ctx.productByKey.set(nameKey(product.name), product);
    }
  }
  if (input.kind === "contacts") {
    const keys = await executor.select({ id: users.id, email: users.email, phone: users.phone }).from(users).orderBy(users.createdAt, users.id);
    for (const user of keys) indexUser(ctx, user);
  }
  return ctx;
}

/** The first user with a phone keeps it (the look-up by phone is a fallback after the email). */
function indexUser(ctx: EngineContext, user: UserKey) {
  ctx.usersByEmail.set(user.email, user);
  if (user.phone && !ctx.usersByPhone.has(user.phone)) ctx.usersByPhone.set(user.phone, user);
}

function unindexUser(ctx: EngineContext, user: UserKey) {
  if (ctx.usersByEmail.get(user.email)?.id === user.id) ctx.usersByEmail.delete(user.email);
  if (user.phone && ctx.usersByPhone.get(user.phone)?.id === user.id) ctx.usersByPhone.delete(user.phone);
}

function indexOrganisation(ctx: EngineContext, org: OrgRecord) {
  const previous = ctx.orgsById.get(org.id);
  ctx.orgsById.set(org.id, org);
  if (org.taxId) ctx.orgByTaxId.set(org.taxId, org.id);
  const key = nameKey(org.name);
  if (previous && nameKey(previous.name) !== key) {
    const old = ctx.orgsByName.get(nameKey(previous.name))?.filter((id) => id !== org.id) ?? [];
    ctx.orgsByName.set(nameKey(previous.name), old);
  }
  const ids = ctx.orgsByName.get(key) ?? [];
  if (!ids.includes(org.id)) ctx.orgsByName.set(key, [...ids, org.id]);
}

/** Marks a row's keys as seen without any database work (a resumed job catching up). */
export function registerSeen(ctx: EngineContext, row: SourceRow): void {
  const check = checkRow(ctx.kind, row.cells, ctx.mapping, ctx.headers, { defaultCountry: ctx.defaultCountry });
  if (check.errors.length > 0) return;
  for (const { by, key } of matchKeys(ctx.kind, check.values)) if (!ctx.seen.has(`${by}:${key}`)) ctx.seen.set(`${by}:${key}`, row.rowNumber);
}

type Pending = RowResult & { existing: Record<string, unknown> | null; targetId: string | null; refs: { organisationId?: string; productId?: string; planId?: string | null } };

export async function processBatch(executor: Executor, ctx: EngineContext, rows: SourceRow[], write: boolean): Promise<RowResult[]> {
  const pending: Pending[] = rows.map((row) => {
    const check = checkRow(ctx.kind, row.cells, ctx.mapping, ctx.headers, { defaultCountry: ctx.defaultCountry });
    return {
      rowNumber: row.rowNumber,
      cells: row.cells,
      outcome: "create",
      matchedBy: null,
      matchedId: null,
      matchedRow: null,
      matchedLabel: null,
      errors: check.errors,
      warnings: check.warnings,
      values: check.values,
      raw: check.raw,
      existing: null,
      targetId: null,
      refs: {},
    };
  });
  for (const row of pending) resolveReferences(ctx, row);
  // Within the file: the first row carrying a key wins; later ones are duplicates of it.
  for (const row of pending) {
    if (row.errors.length > 0) continue;
    const keys = matchKeys(ctx.kind, row.values);
    const hit = keys.find(({ by, key }) => ctx.seen.has(`${by}:${key}`));
    if (hit) {
      row.outcome = "duplicate";
      row.matchedBy = hit.by;
      row.matchedRow = ctx.seen.get(`${hit.by}:${hit.key}`)!;
      continue;
    }
    for (const { by, key } of keys) ctx.seen.set(`${by}:${key}`, row.rowNumber);
  }
  const live = pending.filter((row) => row.errors.length === 0 && row.outcome !== "duplicate");
  if (ctx.kind === "organisations") matchOrganisations(ctx, live);
  else if (ctx.kind === "contacts") await matchContacts(executor, ctx, live);
  else await matchLicences(executor, ctx, live);
  for (const row of pending) {
    if (row.errors.length > 0) {
      row.outcome = "error";
      continue;
    }
    if (row.outcome === "duplicate" && row.matchedRow !== null) continue;
    if (!row.existing) {
      row.outcome = "create";
      continue;
    }
    const decision = decideUpdate(ctx.policy, row.existing, comparable(ctx.kind, row));
    row.outcome = decision.outcome;
    (row as Pending & { patch?: Record<string, unknown> }).patch = decision.patch;
  }
  if (write) await applyWrites(executor, ctx, pending);
  return pending.map(({ existing: _e, targetId: _t, refs: _r, ...result }) => {
    delete (result as { patch?: unknown }).patch;
    return result;
  });
}

function resolveReferences(ctx: EngineContext, row: Pending) {
  const v = row.values;
  if (ctx.kind !== "organisations" && row.errors.length === 0) {
    let organisationId: string | undefined;
    if (v.organisationTaxId) organisationId = ctx.orgByTaxId.get(String(v.organisationTaxId));
    if (!organisationId && v.organisationName) {
      const ids = ctx.orgsByName.get(nameKey(String(v.organisationName))) ?? [];
      if (ids.length > 1) row.errors.push({ code: "organisation_ambiguous", field: "organisationName", raw: String(v.organisationName) });
      organisationId = ids.length === 1 ? ids[0] : undefined;
    }
    if (organisationId) row.refs.organisationId = organisationId;
    else if (row.errors.length === 0) {
      row.errors.push({ code: "organisation_not_found", field: v.organisationTaxId ? "organisationTaxId" : "organisationName", raw: String(v.organisationTaxId ?? v.organisationName ?? "") });
    }
  }
  if (ctx.kind === "licences" && v.product) {
    const product = ctx.productByKey.get(nameKey(String(v.product)));
    if (product) row.refs.productId = product.id;
    else row.errors.push({ code: "product_not_found", field: "product", raw: String(v.product) });
    if (product?.free && v.supportUntil) row.warnings.push({ code: "free_product_no_term", field: "supportUntil" });
  }
  if (v.plan) {
    const planId = ctx.planByName.get(nameKey(String(v.plan)));
    if (planId) row.refs.planId = planId;
    else row.warnings.push({ code: "plan_unknown", field: "plan", raw: String(v.plan) });
  }
}

const ORG_FIELDS = ["name", "legalForm", "taxId", "kpp", "phone", "email", "address", "notes", "planId"] as const;
const CONTACT_FIELDS = ["name", "jobTitle", "email", "phone", "locale", "timeZone", "notes", "organisationId"] as const;

/** The row's values under the database's column names, for comparing with an existing record. */
function comparable(kind: ImportKind, row: Pending): Record<string, unknown> {
  const v = row.values;
  if (kind === "organisations") {
    return { name: v.name, legalForm: v.legalForm, taxId: v.taxId, kpp: v.kpp, phone: v.phone, email: v.email, address: v.address, notes: v.notes, planId: row.refs.planId ?? null };
  }
  if (kind === "contacts") {
    return { name: v.name, jobTitle: v.jobTitle, email: v.email, phone: v.phone, locale: v.language, timeZone: v.timeZone, notes: v.notes, organisationId: row.refs.organisationId };
  }
  return { activatedAt: v.activatedAt, supportUntil: v.supportUntil, productionHost: v.productionHost };
}

function matchOrganisations(ctx: EngineContext, rows: Pending[]) {
  for (const row of rows) {
    const [match] = matchKeys("organisations", row.values);
    if (!match) continue;
    const ids = match.by === "taxId" ? [ctx.orgByTaxId.get(match.key)].filter(Boolean) : (ctx.orgsByName.get(match.key) ?? []).filter((id) => !ctx.orgsById.get(id)!.taxId);
    const org = ids.length > 0 ? ctx.orgsById.get(ids[0]!) : undefined;
    if (!org) continue;
    row.existing = Object.fromEntries(ORG_FIELDS.map((f) => [f, org[f]]));
    row.targetId = org.id;
    row.matchedBy = match.by;
    row.matchedId = org.id;
    row.matchedLabel = org.name;
  }
}

async function matchContacts(executor: Executor, ctx: EngineContext, rows: Pending[]) {
  const hits: Array<{ row: Pending; id: string; by: "email" | "phone" }> = [];
  for (const row of rows) {
    const email = row.values.email as string | null;
    const phone = row.values.phone as string | null;
    const byEmail = email ? ctx.usersByEmail.get(email) : undefined;
    const user = byEmail ?? (phone ? ctx.usersByPhone.get(phone) : undefined);
    if (user) hits.push({ row, id: user.id, by: byEmail ? "email" : "phone" });
  }
  if (hits.length === 0) return;
  const ids = [...new Set(hits.map((hit) => hit.id))];
  const found = await executor
    .select({ id: users.id, role: users.role, name: users.name, jobTitle: users.jobTitle, email: users.email, phone: users.phone, locale: users.locale, timeZone: users.timeZone, notes: users.notes, organisationId: users.organisationId })
    .from(users)
    // One array parameter (uuids need no quoting) rather than one parameter per id.
    .where(sql`${users.id} = any(${`{${ids.join(",")}}`}::uuid[])`);
  const byId = new Map(found.map((u) => [u.id, u]));
  for (const { row, id, by } of hits) {
    const user = byId.get(id);
    if (!user) continue;
    if (user.role !== "customer") {
      row.errors.push({ code: "email_is_staff", field: by, raw: String(row.values[by]) });
      continue;
    }
    row.existing = Object.fromEntries(CONTACT_FIELDS.map((f) => [f, user[f]]));
    row.targetId = user.id;
    row.matchedBy = by;
    row.matchedId = user.id;
    row.matchedLabel = `${user.name} <${user.email}>`;
  }
}

async function matchLicences(executor: Executor, ctx: EngineContext, rows: Pending[]) {
  const keys = rows.map((r) => r.values.key).filter((k): k is string => typeof k === "string");
  const orgIds = [...new Set(rows.filter((r) => !r.values.key).map((r) => r.refs.organisationId!))];
  const conditions = [keys.length ? inArray(licences.keyCanonical, keys) : undefined, orgIds.length ? inArray(licences.organisationId, orgIds) : undefined].filter(Boolean);
  if (conditions.length === 0) return;
  const found = await executor.select().from(licences).where(or(...conditions));
  const byKey = new Map(found.map((l) => [l.keyCanonical, l]));
  for (const row of rows) {
    const key = row.values.key as string | null;
    const licence = key
      ? byKey.get(key)
      : found.find((l) => l.organisationId === row.refs.organisationId && l.productId === row.refs.productId && l.productionHost === (row.values.productionHost ?? null));
    if (!licence) continue;
    if (key && (licence.organisationId !== row.refs.organisationId || licence.productId !== row.refs.productId)) {
      row.errors.push({ code: "key_belongs_elsewhere", field: "key", raw: String(row.raw.key ?? "") });
      continue;
    }
    row.existing = {
      activatedAt: licence.firstActivatedAt?.toISOString().slice(0, 10) ?? null,
      supportUntil: licence.supportUntil?.toISOString().slice(0, 10) ?? null,
      productionHost: licence.productionHost,
    };
    row.targetId = licence.id;
    row.matchedBy = key ? "key" : "organisation+product";
    row.matchedId = licence.id;
    row.matchedLabel = licence.keyCanonical;
  }
}

/* ------------------------------------------------------------------------------------------ */
/* Writes                                                                                      */
/* ------------------------------------------------------------------------------------------ */

async function applyWrites(executor: Executor, ctx: EngineContext, rows: Pending[]) {
  const creates = rows.filter((r) => r.outcome === "create");
  const updates = rows.filter((r) => r.outcome === "update") as Array<Pending & { patch: Record<string, unknown> }>;
  if (ctx.kind === "organisations") {
    if (creates.length > 0) {
      const inserted = await executor
        .insert(organisations)
        .values(creates.map((r) => ({ ...orgColumns(r), createdAt: ctx.now, updatedAt: ctx.now })))
        .returning();
      inserted.forEach((org, i) => {
        indexOrganisation(ctx, org);
        creates[i]!.matchedId = org.id;
      });
    }
    for (const row of updates) {
      const [org] = await executor.update(organisations).set({ ...row.patch, updatedAt: ctx.now }).where(eq(organisations.id, row.targetId!)).returning();
      if (org) indexOrganisation(ctx, org);
    }
  } else if (ctx.kind === "contacts") {
    if (creates.length > 0) {
      const inserted = await insertContacts(executor, ctx, creates);
      const idByEmail = new Map(inserted.map((u) => [u.email, u.id]));
      for (const row of creates) {
        const id = idByEmail.get(row.values.email as string);
        if (id) {
          row.matchedId = id;
          indexUser(ctx, { id, email: row.values.email as string, phone: (row.values.phone as string | null) ?? null });
        } else {
          // Taken between the look-up and the insert (another import or an invitation).
          row.outcome = "error";
          row.errors.push({ code: "email_taken", field: "email", raw: String(row.values.email) });
        }
      }
    }
    for (const row of updates) {
      await executor.update(users).set({ ...row.patch, updatedAt: ctx.now }).where(eq(users.id, row.targetId!));
      const before = { id: row.targetId!, email: row.existing!.email as string, phone: (row.existing!.phone as string | null) ?? null };
      unindexUser(ctx, before);
      indexUser(ctx, { ...before, ...(row.patch.email ? { email: row.patch.email as string } : {}), ...(row.patch.phone ? { phone: row.patch.phone as string } : {}) });
    }
  } else {
    for (const row of creates) row.matchedId = await createLicence(executor, ctx, row);
    for (const row of updates) await updateLicence(executor, ctx, row);
  }
}

function orgColumns(row: Pending) {
  const v = row.values as Record<string, string | null>;
  return { name: v.name!, legalForm: v.legalForm, taxId: v.taxId, kpp: v.kpp, phone: v.phone, email: v.email, address: v.address, notes: v.notes, planId: row.refs.planId ?? null };
}

/**
 * One statement per batch: the rows travel as one JSON parameter and are spread by
 * `jsonb_to_recordset` (a few hundred rows × columns as separate parameters cost more to build
 * and to parse than to insert). Locale and time zone fall back to the columns' defaults.
 */
async function insertContacts(executor: Executor, ctx: EngineContext, rows: Pending[]): Promise<Array<{ id: string; email: string }>> {
  const payload = rows.map((row) => {
    const v = row.values as Record<string, string | null>;
    return {
      email: v.email!,
      name: v.name!,
      organisation_id: row.refs.organisationId!,
      job_title: v.jobTitle,
      phone: v.phone,
      notes: v.notes,
      locale: v.language ?? users.locale.default,
      time_zone: v.timeZone ?? users.timeZone.default,
    };
  });
  const result = await executor.execute(sql`
    insert into ${users} (email, name, organisation_id, job_title, phone, notes, locale, time_zone, role, created_at, updated_at)
    select t.email, t.name, t.organisation_id, t.job_title, t.phone, t.notes, t.locale, t.time_zone, 'customer', ${ctx.now.toISOString()}::timestamptz, ${ctx.now.toISOString()}::timestamptz
    from jsonb_to_recordset(${JSON.stringify(payload)}::jsonb)
      as t(email text, name text, organisation_id uuid, job_title text, phone text, notes text, locale locale, time_zone text)
    on conflict do nothing
    returning id, email`);
  return rowsOf<{ id: string; email: string }>(result);
}

async function createLicence(executor: Executor, ctx: EngineContext, row: Pending): Promise<string> {
  const v = row.values;
  const product = [...ctx.productByKey.values()].find((p) => p.id === row.refs.productId)!;
  const firstActivatedAt = v.activatedAt ? dateToInstant(String(v.activatedAt)) : null;
  let licenceId: string | null = null;
  for (let attempt = 0; attempt < 5 && !licenceId; attempt++) {
    const key = (v.key as string | null) ?? (parseLicenceKey(generateLicenceKey((n) => randomBytes(n))) as { canonical: string }).canonical;
    const [licence] = await executor
      .insert(licences)
      .values({ keyCanonical: key, productId: product.id, organisationId: row.refs.organisationId!, firstActivatedAt, productionHost: (v.productionHost as string | null) ?? null, createdAt: ctx.now, updatedAt: ctx.now })
      .onConflictDoNothing({ target: licences.keyCanonical })
      .returning({ id: licences.id, keyCanonical: licences.keyCanonical });
    if (licence) {
      licenceId = licence.id;
      row.matchedLabel = licence.keyCanonical;
    } else if (v.key) break;
  }
  if (!licenceId) throw new Error("Could not store the imported licence key");
  for (const host of (v.hosts as string[]) ?? []) {
    const production = host === v.productionHost;
    if (!production && !isDevelopmentHost(host)) continue;
    await executor.insert(activations).values({ licenceId, host, kind: production ? "production" : "development", activatedAt: firstActivatedAt ?? ctx.now, activatedBy: ctx.actorId });
  }
  if (!product.free) {
    await executor.insert(supportEntries).values({
      licenceId,
      kind: "imported",
      recordedAt: ctx.now,
      endsAt: v.supportUntil ? dateToInstant(String(v.supportUntil)) : null,
      pricePaidMinor: (v.pricePaid as number | null) ?? null,
      createdBy: ctx.actorId,
    });
    await refreshSupportUntil(executor, licenceId);
  }
  if (row.refs.planId) await setPlanIfUnset(executor, row.refs.organisationId!, row.refs.planId);
  return licenceId;
}

async function updateLicence(executor: Executor, ctx: EngineContext, row: Pending & { patch: Record<string, unknown> }) {
  const licenceId = row.targetId!;
  const set: Partial<typeof licences.$inferInsert> = { updatedAt: ctx.now };
  if (row.patch.activatedAt) set.firstActivatedAt = dateToInstant(String(row.patch.activatedAt));
  if (row.patch.productionHost) {
    set.productionHost = String(row.patch.productionHost);
    await executor
      .update(activations)
      .set({ releasedAt: ctx.now })
      .where(and(eq(activations.licenceId, licenceId), eq(activations.kind, "production"), isNull(activations.releasedAt)));
    await executor.insert(activations).values({ licenceId, host: set.productionHost, kind: "production", activatedAt: ctx.now, activatedBy: ctx.actorId });
  }
  await executor.update(licences).set(set).where(eq(licences.id, licenceId));
  if (row.patch.supportUntil) {
    const endsAt = dateToInstant(String(row.patch.supportUntil));
    const [entry] = await executor
      .select({ id: supportEntries.id })
      .from(supportEntries)
      .where(and(eq(supportEntries.licenceId, licenceId), eq(supportEntries.kind, "imported"), isNull(supportEntries.removedAt)))
      .limit(1);
    if (entry) await executor.update(supportEntries).set({ endsAt }).where(eq(supportEntries.id, entry.id));
    else await executor.insert(supportEntries).values({ licenceId, kind: "imported", recordedAt: ctx.now, endsAt, createdBy: ctx.actorId });
  }
  await refreshSupportUntil(executor, licenceId);
}

async function setPlanIfUnset(executor: Executor, organisationId: string, planId: string) {
  await executor.update(organisations).set({ planId }).where(and(eq(organisations.id, organisationId), isNull(organisations.planId)));
}
