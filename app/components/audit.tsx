import { Link } from "@remix-run/react";
import { Fragment } from "react";
import { useI18n } from "~/components/i18n";
import { auditChanges, type AuditRefs } from "~/modules/accounts/audit-readable";
import { auditWords, type AuditPart } from "~/modules/accounts/audit-words";

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
  /** Shown when the actor has no name (the audit page has it; a licence's history does not). */
  actorEmail?: string | null;
};

function Parts({ parts }: { parts: AuditPart | AuditPart[] }) {
  return (
    <>
      {(Array.isArray(parts) ? parts : [parts]).map((p, i) => (
        <Fragment key={i}>{typeof p === "string" ? p : p.href ? <Link to={p.href}>{p.label}</Link> : p.label}</Fragment>
      ))}
    </>
  );
}

function useWords(refs: AuditRefs) {
  const { locale, dateTime } = useI18n();
  return auditWords(locale, refs, dateTime);
}

/** The changed fields of an entry as "field: old → new", names instead of ids. */
export function AuditChangeList({ entry, refs }: { entry: AuditEntryView; refs: AuditRefs }) {
  const words = useWords(refs);
  const changes = auditChanges(entry.before, entry.after);
  if (changes.length === 0) return <>—</>;
  const hasBefore = entry.before !== null && entry.before !== undefined;
  return (
    <ul className="audit-changes">
      {changes.map((c) => (
        <li key={c.field}>
          <span className="muted">{words.fieldName(c.field)}:</span>{" "}
          {hasBefore ? (
            <>
              <Parts parts={words.value(entry.entityType, c.field, c.from)} /> →{" "}
            </>
          ) : null}
          <Parts parts={words.value(entry.entityType, c.field, c.to)} />
        </li>
      ))}
    </ul>
  );
}

export function AuditSentence({ entry, refs }: { entry: AuditEntryView; refs: AuditRefs }) {
  return <Parts parts={useWords(refs).sentence(entry)} />;
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
              <td>{e.actorName ?? e.actorEmail ?? t("audit.system")}</td>
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
