import { Link } from "@remix-run/react";
import { Fragment, type ReactNode } from "react";
import { useI18n } from "~/components/i18n";
import { en, type MessageKey } from "~/locales/en";
import {
  auditChanges,
  humaniseField,
  isUuid,
  looksLikeDateTime,
  refKey,
  refKindOfEntity,
  refKindOfField,
  type AuditRefs,
} from "~/modules/accounts/audit-readable";

/** An audit entry as the loaders send it (dates may arrive as strings). */
export type AuditEntryView = {
  id: string;
  at: Date | string;
  action: string;
  entityType: string;
  entityId: string;
  before: unknown;
  after: unknown;
  actorName: string | null;
};

const SLOT = "\u0001";

function isKey(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(en, key);
}

function RefLink({ label, href }: { label: string; href: string | null }) {
  return href ? <Link to={href}>{label}</Link> : <>{label}</>;
}

function useAuditWords(refs: AuditRefs) {
  const { t, dateTime } = useI18n();
  const entityNode = (e: Pick<AuditEntryView, "entityType" | "entityId">): ReactNode => {
    const kind = refKindOfEntity(e.entityType);
    const ref = kind && isUuid(e.entityId) ? refs[refKey(kind, e.entityId.toLowerCase())] : undefined;
    if (ref) return <RefLink {...ref} />;
    const typeKey = `auditEntity.${e.entityType}`;
    const type = isKey(typeKey) ? t(typeKey) : e.entityType;
    return t("auditUi.entityLabel", { type, id: isUuid(e.entityId) ? e.entityId.slice(0, 8) : e.entityId });
  };
  const codeLabel = (prefix: string, value: unknown): string | null => {
    const key = `${prefix}${String(value)}`;
    return isKey(key) ? t(key) : null;
  };
  /** A value in words: a referenced id by its name, a code by its label, a date in the reader's zone. */
  const valueNode = (entityType: string, field: string, value: unknown): ReactNode => {
    if (value === null || value === undefined || value === "") return t("auditUi.none");
    if (typeof value === "boolean") return value ? t("auditUi.yes") : t("auditUi.no");
    const kind = refKindOfField(field);
    if (kind && isUuid(value)) {
      const ref = refs[refKey(kind, value.toLowerCase())];
      return ref ? <RefLink {...ref} /> : value.slice(0, 8);
    }
    if (field === "status") return codeLabel(`${entityType}.status.`, value) ?? String(value);
    if (field === "priority") return codeLabel("ticket.priority.", value) ?? String(value);
    if (field === "role") return codeLabel("role.", value) ?? String(value);
    if (looksLikeDateTime(value)) return dateTime(value);
    if (typeof value === "object") return JSON.stringify(value);
    return String(value);
  };
  const fieldName = (field: string) => {
    const key = `auditField.${field}`;
    return isKey(key) ? t(key) : humaniseField(field);
  };
  /** The action as a sentence with the entity (and assignee, status, priority) by name. */
  const sentence = (e: AuditEntryView): ReactNode => {
    const after = (e.after && typeof e.after === "object" ? e.after : {}) as Record<string, unknown>;
    const assignee = isUuid(after.assigneeId) ? refs[refKey("user", after.assigneeId.toLowerCase())]?.label ?? after.assigneeId.slice(0, 8) : t("auditUi.nobody");
    const params = {
      entity: SLOT,
      assignee,
      status: codeLabel(`${e.entityType}.status.`, after.status) ?? String(after.status ?? ""),
      priority: codeLabel("ticket.priority.", after.priority) ?? String(after.priority ?? ""),
    };
    const key = `auditAction.${e.action}`;
    const text = isKey(key) ? t(key, params) : t("auditUi.unknownAction", { code: e.action, entity: SLOT });
    const entity = entityNode(e);
    return text.split(SLOT).map((part, i) => (
      <Fragment key={i}>
        {i > 0 ? entity : null}
        {part}
      </Fragment>
    ));
  };
  return { sentence, valueNode, fieldName, entityNode };
}

/** The changed fields of an entry as "field: old → new", names instead of ids. */
export function AuditChangeList({ entry, refs }: { entry: AuditEntryView; refs: AuditRefs }) {
  const { valueNode, fieldName } = useAuditWords(refs);
  const changes = auditChanges(entry.before, entry.after);
  if (changes.length === 0) return <>—</>;
  const hasBefore = entry.before !== null && entry.before !== undefined;
  return (
    <ul className="audit-changes">
      {changes.map((c) => (
        <li key={c.field}>
          <span className="muted">{fieldName(c.field)}:</span> {hasBefore ? <>{valueNode(entry.entityType, c.field, c.from)} → </> : null}
          {valueNode(entry.entityType, c.field, c.to)}
        </li>
      ))}
    </ul>
  );
}

export function AuditSentence({ entry, refs }: { entry: AuditEntryView; refs: AuditRefs }) {
  const { sentence } = useAuditWords(refs);
  return <>{sentence(entry)}</>;
}

/** An audit or history list in words: who, what (a sentence naming the entity) and what changed. */
export function AuditTable({ entries, refs }: { entries: AuditEntryView[]; refs: AuditRefs }) {
  const { t, dateTime } = useI18n();
  return (
    <div className="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">{t("audit.at")}</th>
            <th scope="col">{t("audit.actor")}</th>
            <th scope="col">{t("audit.action")}</th>
            <th scope="col">{t("audit.changes")}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr key={e.id}>
              <td>{dateTime(e.at)}</td>
              <td>{e.actorName ?? t("audit.system")}</td>
              <td>
                <AuditSentence entry={e} refs={refs} />
              </td>
              <td>
                <AuditChangeList entry={e} refs={refs} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
