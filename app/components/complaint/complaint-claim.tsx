import { useI18n } from "~/components/i18n";
import { OutcomeText } from "~/components/quality/complaint-badges";
import { formatFileSize } from "~/modules/tickets/file-types";
import type { ComplaintData } from "./types";

/** What the customer (or a colleague) claimed, with the files they attached. */
export function ComplaintClaim({ d }: { d: ComplaintData }) {
  const { t, dateTime } = useI18n();
  return (
    <section className="card" aria-labelledby="claim-title">
      <h2 id="claim-title" style={{ marginTop: 0 }}>
        {t("workspace.claim")}
      </h2>
      <p className="muted">
        {t("workspace.from")}: {d.author?.name ?? "—"} ({d.organisation.name}) · {dateTime(d.complaint.createdAt)}
      </p>
      <p className="pre-wrap">{d.complaint.description}</p>
      {d.files.length > 0 ? (
        <ul className="attachment-list" aria-label={t("workspace.files")}>
          {d.files.map((f) => (
            <li key={f.id}>
              <a href={`/desk/quality/complaints/${d.complaint.id}/files/${f.id}`}>
                {f.fileName} <span className="muted">({formatFileSize(f.size)})</span>
              </a>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

/** The answers given so far, and the customer's one reply. */
export function ComplaintAnswers({ state }: { state: ComplaintData["state"] }) {
  const { t, dateTime } = useI18n();
  if (!(state.answers.length > 0 || state.customerReply)) return null;
  return (
    <section className="card" aria-labelledby="answers-title">
      <h2 id="answers-title" style={{ marginTop: 0 }}>
        {t("workspace.answers")}
      </h2>
      {state.answers.map((a, i) => (
        <div key={i} className="answer-box">
          <p>
            <strong>
              <OutcomeText outcome={a.outcome} />
            </strong>{" "}
            <span className="muted">{dateTime(a.answeredAt)}</span>
          </p>
          <p className="pre-wrap">{a.text}</p>
        </div>
      ))}
      {state.customerReply ? (
        <div className="reply-box">
          <p>
            <strong>{t("workspace.customerReply")}</strong> <span className="muted">{dateTime(state.customerReply.repliedAt)}</span>
          </p>
          <p className="pre-wrap">{state.customerReply.text}</p>
        </div>
      ) : null}
    </section>
  );
}
