/**
 * The audit log in the reader's words (pure: catalogue lookups only). A sentence or value is a
 * list of parts: text, or a reference (label + link) the page renders as a link.
 */
import { en, type MessageKey } from "~/locales/en";
import { translate, type Locale } from "~/utils/i18n";
import { complaintSubjectIn } from "../quality/complaint-form";
import { humaniseField, isUuid, looksLikeDateTime, refKey, refKindOfEntity, refKindOfField, type AuditRef, type AuditRefs } from "./audit-readable";

export type AuditPart = string | AuditRef;
export type AuditEntryLike = { action: string; entityType: string; entityId: string; before: unknown; after: unknown };

const SLOT = "\u0001";

export function isMessageKey(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(en, key);
}

/**
 * A message the system stored in an entry (`msg(key, params)`: a reason such as "payment dispute
 * opened"), or null for any other value. Only a catalogue key with text or number parameters counts.
 */
export function storedMessage(v: unknown): { key: MessageKey; params?: Record<string, string | number> } | null {
  if (!v || typeof v !== "object" || Array.isArray(v)) return null;
  const { key, params, ...rest } = v as Record<string, unknown>;
  if (Object.keys(rest).length > 0 || typeof key !== "string" || !isMessageKey(key)) return null;
  if (params === undefined) return { key };
  if (!params || typeof params !== "object" || Array.isArray(params)) return null;
  const entries = Object.entries(params as Record<string, unknown>);
  if (!entries.every(([, p]) => typeof p === "string" || typeof p === "number")) return null;
  return { key, params: Object.fromEntries(entries) as Record<string, string | number> };
}

export function auditWords(locale: Locale, refs: AuditRefs, dateTime: (value: string) => string = (v) => v) {
  const t = (key: MessageKey, params?: Record<string, string | number>) => translate(locale, key, params);
  const codeLabel = (prefix: string, value: unknown): string | null => {
    const key = `${prefix}${String(value)}`;
    return value !== null && value !== undefined && isMessageKey(key) ? t(key) : null;
  };
  const entity = (e: Pick<AuditEntryLike, "entityType" | "entityId">): AuditPart => {
    const kind = refKindOfEntity(e.entityType);
    const ref = kind && isUuid(e.entityId) ? refs[refKey(kind, e.entityId.toLowerCase())] : undefined;
    if (ref) return ref;
    // Ids that are names already (a backup file, a settings area) read as they are.
    if (!isUuid(e.entityId)) return e.entityId;
    const typeKey = `auditEntity.${e.entityType}`;
    const type = isMessageKey(typeKey) ? t(typeKey) : e.entityType;
    return t("auditUi.entityLabel", { type, id: e.entityId.slice(0, 8) });
  };
  /** A value in words: a referenced id by its name, a code by its label, a date in the reader's zone. */
  const value = (entityType: string, field: string, v: unknown): AuditPart => {
    if (v === null || v === undefined || v === "") return t("auditUi.none");
    if (typeof v === "boolean") return v ? t("auditUi.yes") : t("auditUi.no");
    const kind = refKindOfField(field);
    if (kind && isUuid(v)) return refs[refKey(kind, v.toLowerCase())] ?? v.slice(0, 8);
    if (field === "status") return codeLabel(`${entityType}.status.`, v) ?? String(v);
    if (field === "priority") return codeLabel("ticket.priority.", v) ?? String(v);
    if (field === "role") return codeLabel("role.", v) ?? String(v);
    if (entityType === "complaint" && field === "subject" && typeof v === "string") return complaintSubjectIn(v, locale);
    if (looksLikeDateTime(v)) return dateTime(v);
    const stored = storedMessage(v);
    if (stored) return t(stored.key, stored.params);
    if (typeof v === "object") return JSON.stringify(v);
    return String(v);
  };
  const fieldName = (field: string): string => {
    const key = `auditField.${field}`;
    return isMessageKey(key) ? t(key) : humaniseField(field);
  };
  /** The action as a sentence naming the entity (and the assignee, status or priority set). */
  const sentence = (e: AuditEntryLike): AuditPart[] => {
    const after = (e.after && typeof e.after === "object" ? e.after : {}) as Record<string, unknown>;
    const assignee = isUuid(after.assigneeId) ? (refs[refKey("user", after.assigneeId.toLowerCase())]?.label ?? after.assigneeId.slice(0, 8)) : t("auditUi.nobody");
    const params = {
      entity: SLOT,
      assignee,
      status: codeLabel(`${e.entityType}.status.`, after.status) ?? String(after.status ?? ""),
      priority: codeLabel("ticket.priority.", after.priority) ?? String(after.priority ?? ""),
    };
    const key = `auditAction.${e.action}`;
    const text = isMessageKey(key) ? t(key, params) : t("auditUi.unknownAction", { code: e.action, entity: SLOT });
    const named = entity(e);
    return text.split(SLOT).flatMap((part, i) => (i > 0 ? [named, part] : [part])).filter((p) => p !== "");
  };
  return { sentence, value, fieldName, entity };
}

/** Parts as plain text (for tests, titles and exports). */
export function partsText(parts: AuditPart | AuditPart[]): string {
  return (Array.isArray(parts) ? parts : [parts]).map((p) => (typeof p === "string" ? p : p.label)).join("");
}
