import { Link } from "@remix-run/react";
import { useI18n } from "~/components/i18n";

export type QualityNoteItem = { id: string; body: string; authorName: string; createdAt: Date | string };

/**
 * Notes the quality team shared on a ticket, for the engineer's workspace. Give it
 * `await qualityNotesForTicket(user, ticket.id)`; it renders nothing when there are none.
 * Engineers see only these notes, never the complaint behind them.
 */
export function QualityNotes({ notes }: { notes: QualityNoteItem[] | null | undefined }) {
  const { t, dateTime } = useI18n();
  if (!notes || notes.length === 0) return null;
  return (
    <section className="card quality-notes" aria-labelledby="quality-notes-title">
      <h2 id="quality-notes-title">{t("notes.title")}</h2>
      <ul style={{ listStyle: "none", padding: 0, margin: 0 }}>
        {notes.map((note) => (
          <li key={note.id}>
            <p style={{ whiteSpace: "pre-wrap", margin: "0 0 4px" }}>{note.body}</p>
            <p className="muted">{t("notes.by", { name: note.authorName, date: dateTime(note.createdAt) })}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The "Escalate to quality" link for the engineer's workspace (the form is the quality module's page). */
export function EscalateToQualityLink({ number }: { number: number }) {
  const { t } = useI18n();
  return (
    <Link className="button secondary" to={`/desk/tickets/${number}/escalate`}>
      {t("escalate.button")}
    </Link>
  );
}
