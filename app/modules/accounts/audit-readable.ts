/**
 * The audit log in words (pure: no database, no clock). An entry names its entity by type and
 * id and may carry ids in its before/after values (`assigneeId`, `licenceId`…); this works out
 * which ids a page needs resolved to human identifiers, and lists the changed fields.
 */

/** The kinds of record an id in the audit log can be resolved to (one query per kind per page). */
export const REF_KINDS = [
  "ticket",
  "licence",
  "organisation",
  "user",
  "product",
  "support_plan",
  "business_calendar",
  "order",
  "complaint",
  "service_item",
  "kb_article",
  "release",
  "import",
] as const;
export type RefKind = (typeof REF_KINDS)[number];

/** A resolved record: what people call it and, when it has a page, where that page is. */
export type AuditRef = { label: string; href: string | null };
export type AuditRefs = Record<string, AuditRef>;

const FIELD_KINDS: Record<string, RefKind> = {
  assigneeId: "user",
  engineerId: "user",
  userId: "user",
  authorId: "user",
  contactId: "user",
  requesterId: "user",
  ownerId: "user",
  organisationId: "organisation",
  intoOrganisationId: "organisation",
  fromOrganisationId: "organisation",
  productId: "product",
  licenceId: "licence",
  ticketId: "ticket",
  planId: "support_plan",
  supportPlanId: "support_plan",
  calendarId: "business_calendar",
  orderId: "order",
  complaintId: "complaint",
  serviceItemId: "service_item",
  articleId: "kb_article",
  releaseId: "release",
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: unknown): value is string {
  return typeof value === "string" && UUID.test(value);
}

/** The kind of record a field's value names, if it names one (`assigneeId` → user). */
export function refKindOfField(field: string): RefKind | null {
  return FIELD_KINDS[field] ?? null;
}

export function refKindOfEntity(entityType: string): RefKind | null {
  return (REF_KINDS as readonly string[]).includes(entityType) ? (entityType as RefKind) : null;
}

export function refKey(kind: RefKind, id: string): string {
  return `${kind}:${id}`;
}

export type AuditChange = { field: string; from: unknown; to: unknown };

function asRecord(value: unknown): Record<string, unknown> {
  return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** The fields whose value differs between before and after, in the order they were written. */
export function auditChanges(before: unknown, after: unknown): AuditChange[] {
  const b = asRecord(before);
  const a = asRecord(after);
  const fields = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  return fields
    .map((field) => ({ field, from: b[field] ?? null, to: a[field] ?? null }))
    .filter((c) => JSON.stringify(c.from) !== JSON.stringify(c.to));
}

/** Every (kind, id) a page of entries mentions, grouped by kind, for one query per kind. */
export function idsToResolve(entries: ReadonlyArray<{ entityType: string; entityId: string; before: unknown; after: unknown }>): Map<RefKind, Set<string>> {
  const wanted = new Map<RefKind, Set<string>>();
  const add = (kind: RefKind | null, id: unknown) => {
    if (!kind || !isUuid(id)) return;
    if (!wanted.has(kind)) wanted.set(kind, new Set());
    wanted.get(kind)!.add(id.toLowerCase());
  };
  for (const e of entries) {
    add(refKindOfEntity(e.entityType), e.entityId);
    for (const value of [e.before, e.after]) {
      for (const [field, v] of Object.entries(asRecord(value))) add(refKindOfField(field), v);
    }
  }
  return wanted;
}

/** A field name in words when the catalogue has none: `supportUntil` → `support until`. */
export function humaniseField(field: string): string {
  return field
    .replace(/Id$/, "")
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/_/g, " ")
    .toLowerCase();
}

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

export function looksLikeDateTime(value: unknown): value is string {
  return typeof value === "string" && ISO_DATE_TIME.test(value);
}
