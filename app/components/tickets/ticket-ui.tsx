import { Link } from "@remix-run/react";
import { useEffect, useRef, useState, type DragEvent, type ReactNode } from "react";
import { useI18n, useRootData } from "~/components/i18n";
import { formatDuration } from "~/utils/i18n";
import type { MessageKey } from "~/locales/en";
import { businessMinutesBetween, type BusinessCalendar } from "~/modules/sla/business-hours";
import { formatFileSize, MAX_ATTACHMENTS_PER_MESSAGE, MB } from "~/modules/tickets/file-types";

export function StatusBadge({ status }: { status: string }) {
  const { t } = useI18n();
  const tone = status === "solved" || status === "closed" ? "ok" : status === "pending" || status === "on_hold" ? "warn" : "";
  return <span className={`badge ${tone}`}>{t(`ticket.status.${status}` as MessageKey)}</span>;
}

/** A ticket's page heading: its number, subject and status, then what the page adds (priority, SLA…). */
export function TicketTitle({ ticket, children }: { ticket: { number: number; subject: string; status: string }; children?: ReactNode }) {
  return (
    <div className="ticket-head">
      <h1>
        #{ticket.number} {ticket.subject}
      </h1>
      <StatusBadge status={ticket.status} />
      {children}
    </div>
  );
}

export function PriorityBadge({ priority }: { priority: string }) {
  const { t } = useI18n();
  const tone = priority === "urgent" ? "danger" : priority === "high" ? "warn" : "";
  return <span className={`badge ${tone}`}>{t(`ticket.priority.${priority}` as MessageKey)}</span>;
}

/** Ticks every `intervalMs` on the client; the first render uses the server's clock (no hydration mismatch). */
export function useNow(serverNow: string | Date, intervalMs = 15_000): Date {
  const [now, setNow] = useState(() => new Date(serverNow));
  useEffect(() => {
    setNow(new Date());
    const timer = window.setInterval(() => setNow(new Date()), intervalMs);
    return () => window.clearInterval(timer);
  }, [intervalMs]);
  return now;
}

/**
 * A live SLA countdown: business time left until the due moment (calendar-aware when the
 * calendar is known, else wall-clock), coloured at the warning threshold (75 %) and breach.
 */
export function SlaCountdown({
  dueAt,
  warnAt,
  state,
  now,
  calendar,
}: {
  dueAt: string | Date | null;
  warnAt: string | Date | null;
  state: string;
  now: Date;
  calendar?: BusinessCalendar | null;
}) {
  const { t, locale, dateTime } = useI18n();
  if (state === "paused") return <span className="sla paused">{t("sla.paused")}</span>;
  if (!dueAt) return <span className="sla none">—</span>;
  const due = new Date(dueAt);
  const overdue = now.getTime() >= due.getTime();
  let minutes: number;
  if (calendar) {
    minutes = overdue ? -businessMinutesBetween(due, now, calendar) : businessMinutesBetween(now, due, calendar);
  } else {
    minutes = (due.getTime() - now.getTime()) / 60_000;
  }
  const warning = warnAt ? now.getTime() >= new Date(warnAt).getTime() : false;
  const tone = overdue || state === "breached" ? "breached" : warning || state === "warning" ? "warning" : "ok";
  const text = overdue ? formatDuration(Math.min(minutes, -1 / 60), locale) : t("sla.left", { time: formatDuration(minutes, locale) });
  return (
    <span className={`sla ${tone}`} title={`${t("sla.due")}: ${dateTime(due)}`}>
      {tone === "breached" ? `${t("sla.breached")}: ` : tone === "warning" ? `${t("sla.warning")}: ` : ""}
      {text}
    </span>
  );
}

export type RejectedFile = { fileName: string; size: number; reason: "too_large" | "empty" | "type_not_accepted" | "too_many" };

/** The upload limit (the `tickets.maxUploadMb` setting) from the root loader; SPEC's 25 MB until it is known. */
export function useMaxUploadBytes(): number {
  return useRootData()?.maxUploadBytes ?? 25 * MB;
}

export function rejectionText(t: (key: MessageKey, params?: Record<string, string | number>) => string, file: RejectedFile, maxBytes: number): string {
  const params = { name: file.fileName, size: formatFileSize(file.size), max: formatFileSize(maxBytes), count: MAX_ATTACHMENTS_PER_MESSAGE };
  return t(`attachments.rejected.${file.reason}` as MessageKey, params);
}

/**
 * File picker with drag and drop. The server checks every file's content; the client only
 * warns early about sizes. After a failed submission the picker is emptied and says so.
 */
export function AttachmentPicker({ name = "attachments", rejected, resetKey }: { name?: string; rejected?: RejectedFile[]; resetKey?: unknown }) {
  const { t } = useI18n();
  const maxBytes = useMaxUploadBytes();
  const inputRef = useRef<HTMLInputElement>(null);
  const [files, setFiles] = useState<Array<{ name: string; size: number }>>([]);
  const [active, setActive] = useState(false);

  useEffect(() => {
    if (inputRef.current) inputRef.current.value = "";
    setFiles([]);
  }, [resetKey]);

  const sync = () => setFiles(Array.from(inputRef.current?.files ?? []).map((f) => ({ name: f.name, size: f.size })));
  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setActive(false);
    if (!inputRef.current || event.dataTransfer.files.length === 0) return;
    const transfer = new DataTransfer();
    for (const file of Array.from(inputRef.current.files ?? [])) transfer.items.add(file);
    for (const file of Array.from(event.dataTransfer.files)) transfer.items.add(file);
    inputRef.current.files = transfer.files;
    sync();
  };
  const inputId = `${name}-input`;
  return (
    <div
      className={`dropzone${active ? " active" : ""}`}
      onDragOver={(e) => {
        e.preventDefault();
        setActive(true);
      }}
      onDragLeave={() => setActive(false)}
      onDrop={onDrop}
    >
      <div className="field" style={{ marginBottom: 4 }}>
        <label htmlFor={inputId}>{t("attachments.label")}</label>
        <input id={inputId} ref={inputRef} type="file" name={name} multiple onChange={sync} aria-describedby={`${inputId}-hint`} />
        <p className="hint" id={`${inputId}-hint`}>
          {t("attachments.hint", { max: formatFileSize(maxBytes), count: MAX_ATTACHMENTS_PER_MESSAGE })}
        </p>
      </div>
      {files.length > 0 ? (
        <ul aria-label={t("attachments.chosen")}>
          {files.map((f) => (
            <li key={`${f.name}-${f.size}`}>
              {f.name} ({formatFileSize(f.size)}){f.size > maxBytes ? <strong> — {t("attachments.tooLargeClient")}</strong> : null}
            </li>
          ))}
        </ul>
      ) : null}
      {rejected && rejected.length > 0 ? (
        <div className="field-error" role="alert">
          <p style={{ margin: 0 }}>{t("attachments.rejectedIntro")}</p>
          <ul>
            {rejected.map((file) => (
              <li key={`${file.fileName}-${file.size}`}>{rejectionText(t, file, maxBytes)}</li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}

export function AttachmentLinks({ files }: { files: Array<{ id: string; fileName: string; size: number }> }) {
  const { t } = useI18n();
  if (files.length === 0) return null;
  return (
    <ul className="attachment-list" aria-label={t("attachments.list")}>
      {files.map((f) => (
        <li key={f.id}>
          <a href={`/attachments/${f.id}`}>
            {f.fileName} <span className="muted">({formatFileSize(f.size)})</span>
          </a>
        </li>
      ))}
    </ul>
  );
}

/**
 * Counts action results that match `predicate`, as a key that remounts a form part (empties a
 * textarea after a sent reply, the file picker after any reply) without touching what is being
 * typed elsewhere on the page when other actions or revalidations come in.
 */
export function useResultCounter<R>(result: R | undefined, predicate: (result: R) => boolean): number {
  const [count, setCount] = useState(0);
  useEffect(() => {
    if (result !== undefined && predicate(result)) setCount((c) => c + 1);
    // The predicate is a fresh closure each render; only a new result counts.
  }, [result]);
  return count;
}

/** "← #1042 Subject": the way back from a staff page about one ticket (escalate, change type). */
export function BackToTicket({ ticket }: { ticket: { number: number; subject: string } }) {
  return (
    <p>
      <Link to={`/desk/tickets/${ticket.number}`}>
        ← #{ticket.number} {ticket.subject}
      </Link>
    </p>
  );
}
