import type { ReactNode } from "react";
import { mailNoteText, type MailNote } from "~/modules/mail/notes";
import { useI18n } from "~/components/i18n";
import { RelativeTime } from "~/components/relative-time";
import { AttachmentLinks } from "~/components/tickets/ticket-ui";

type File = { id: string; fileName: string; size: number; messageId: string | null };
type Message = { id: string; authorName: string; body: string; mailNotes: MailNote[] | null; createdAt: string | Date };

/**
 * A ticket's conversation, as the desk and the portal both show it: the opening post (its author,
 * description, steps to reproduce and files, plus what the page adds) and every message after it
 * with its files. The page says how a message is marked (`classOf`, `badgeOf`).
 */
export function TicketConversation<M extends Message>({
  opening,
  messages,
  attachments,
  classOf,
  badgeOf,
}: {
  opening: { author: ReactNode; createdAt: string | Date; description: string; mailNotes: MailNote[] | null; stepsToReproduce: string | null; extra?: ReactNode };
  messages: readonly M[];
  attachments: readonly File[];
  classOf: (message: M) => string;
  badgeOf: (message: M) => ReactNode;
}) {
  const { t } = useI18n();
  const filesOf = new Map<string | null, File[]>();
  for (const file of attachments) filesOf.set(file.messageId, [...(filesOf.get(file.messageId) ?? []), file]);
  return (
    <ol className="conversation" aria-label={t("ticket.conversation")}>
      <li className="message">
        <header>
          <strong>{opening.author}</strong>
          <span className="muted">
            <RelativeTime value={opening.createdAt} />
          </span>
        </header>
        <p className="body">{opening.description}</p>
        <MailNotes notes={opening.mailNotes} />
        {opening.stepsToReproduce ? (
          <>
            <h3 style={{ fontSize: "1rem", marginBottom: 4 }}>{t("ticket.steps")}</h3>
            <p className="body">{opening.stepsToReproduce}</p>
          </>
        ) : null}
        {opening.extra}
        <AttachmentLinks files={filesOf.get(null) ?? []} />
      </li>
      {messages.map((m) => (
        <li key={m.id} className={`message${classOf(m)}`}>
          <header>
            <strong>{m.authorName}</strong>
            {badgeOf(m)}
            <span className="muted">
              <RelativeTime value={m.createdAt} />
            </span>
          </header>
          <p className="body">{m.body}</p>
          <MailNotes notes={m.mailNotes} />
          <AttachmentLinks files={filesOf.get(m.id) ?? []} />
        </li>
      ))}
    </ol>
  );
}

/** What the mail channel did to an emailed message, in the reader's language (docs/decisions/132). */
function MailNotes({ notes }: { notes: MailNote[] | null }) {
  const { t, locale } = useI18n();
  if (!notes || notes.length === 0) return null;
  return (
    <ul className="mail-notes muted" aria-label={t("mail.notes")}>
      {notes.map((note, i) => (
        <li key={i}>{mailNoteText(locale, note)}</li>
      ))}
    </ul>
  );
}
