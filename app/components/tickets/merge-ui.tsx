import { Form, Link } from "@remix-run/react";
import type { FieldErrors, FormMessage } from "~/utils/messages";
import { FormError, Notice, SelectField, TextField } from "~/components/forms";
import { useI18n } from "~/components/i18n";

/** Merge / split links of a ticket, for the desk (`/desk/tickets`) or the portal (`/portal/tickets`). */
export type TicketLinks = { mergedInto: number | null; splitFrom: number | null; mergedFrom: number[]; splitInto: number[] };

export function TicketLinksNotice({ links, base }: { links: TicketLinks; base: "/desk/tickets" | "/portal/tickets" }) {
  const { t } = useI18n();
  const list = (numbers: number[]) =>
    numbers.map((n) => (
      <Link key={n} to={`${base}/${n}`} style={{ marginRight: 8 }}>
        #{n}
      </Link>
    ));
  return (
    <>
      {links.mergedInto ? (
        <div className="alert alert-warn" role="status" data-testid="merged-pointer">
          {t("merge.mergedIntoNotice", { number: links.mergedInto })}{" "}
          <Link to={`${base}/${links.mergedInto}`}>
            {t("merge.mergedInto")} #{links.mergedInto}
          </Link>
        </div>
      ) : null}
      {links.mergedFrom.length > 0 ? (
        <p>
          {t("merge.mergedFrom")} {list(links.mergedFrom)}
        </p>
      ) : null}
      {links.splitFrom ? (
        <p>
          {t("merge.splitFrom")} <Link to={`${base}/${links.splitFrom}`}>#{links.splitFrom}</Link>
        </p>
      ) : null}
      {links.splitInto.length > 0 ? (
        <p>
          {t("merge.splitInto")} {list(links.splitInto)}
        </p>
      ) : null}
    </>
  );
}

type MergeResultShape = {
  intent: string;
  ok: boolean;
  formError: FormMessage;
  fieldErrors: FieldErrors;
  values: Record<string, string>;
  mergePreview?: { source: { number: number; subject: string }; target: { number: number; subject: string } };
  merged?: { source: number; messages: number; attachments: number; timeEntries: number };
  split?: number;
};

/** Merge this ticket into another: a number, then a confirmation naming both tickets. */
export function MergePanel({ result }: { result: MergeResultShape | undefined }) {
  const { t } = useI18n();
  const mine = result && (result.intent === "merge-preview" || result.intent === "merge") ? result : null;
  const preview = mine?.ok ? mine.mergePreview : undefined;
  return (
    <section className="card" aria-labelledby="merge-title">
      <h2 id="merge-title">{t("merge.title")}</h2>
      <FormError message={mine && !mine.ok ? mine.formError : null} />
      {preview ? (
        <Form method="post">
          <input type="hidden" name="intent" value="merge" />
          <input type="hidden" name="target" value={preview.target.number} />
          <p role="alert">
            {t("merge.confirm", { source: preview.source.number, sourceSubject: preview.source.subject, target: preview.target.number, targetSubject: preview.target.subject })}
          </p>
          <div className="toolbar">
            <button type="submit" className="danger">
              {t("merge.confirmButton", { source: preview.source.number, target: preview.target.number })}
            </button>
            <Link to="." className="button secondary">
              {t("merge.cancel")}
            </Link>
          </div>
        </Form>
      ) : (
        <Form method="post">
          <input type="hidden" name="intent" value="merge-preview" />
          <TextField
            label={t("merge.target")}
            name="target"
            inputMode="numeric"
            pattern="[0-9]*"
            required
            defaultValue={mine && !mine.ok ? (mine.values.target ?? "") : ""}
            errors={mine && !mine.ok ? mine.fieldErrors.target : undefined}
          />
          <p className="hint">{t("merge.hint")}</p>
          <button type="submit" className="secondary">
            {t("merge.check")}
          </button>
        </Form>
      )}
    </section>
  );
}

export function MergeDoneNotice({ result }: { result: MergeResultShape | undefined }) {
  const { t } = useI18n();
  if (!result?.ok) return null;
  if (result.merged) {
    return <Notice>{t("merge.done", { source: result.merged.source, messages: result.merged.messages, files: result.merged.attachments, entries: result.merged.timeEntries })}</Notice>;
  }
  if (result.split) {
    return (
      <Notice>
        {t("split.done", { number: result.split })} <Link to={`/desk/tickets/${result.split}`}>#{result.split}</Link>
      </Notice>
    );
  }
  return null;
}

/** Split one public message out into a new ticket. */
export function SplitPanel({ messages, result }: { messages: Array<{ id: string; authorName: string; body: string; visibility: string }>; result: MergeResultShape | undefined }) {
  const { t } = useI18n();
  const mine = result && result.intent === "split" && !result.ok ? result : null;
  const candidates = messages.filter((m) => m.visibility === "public");
  return (
    <section className="card" aria-labelledby="split-title">
      <h2 id="split-title">{t("split.title")}</h2>
      {candidates.length === 0 ? (
        <p className="muted">{t("split.none")}</p>
      ) : (
        <Form method="post">
          <input type="hidden" name="intent" value="split" />
          <FormError message={mine?.formError} />
          <SelectField label={t("split.message")} name="messageId" defaultValue={mine?.values.messageId ?? candidates[candidates.length - 1]!.id}>
            {candidates.map((m) => (
              <option key={m.id} value={m.id}>
                {m.authorName}: {m.body.length > 40 ? `${m.body.slice(0, 40)}…` : m.body}
              </option>
            ))}
          </SelectField>
          <TextField label={t("split.subject")} name="subject" required minLength={3} maxLength={200} defaultValue={mine?.values.subject ?? ""} errors={mine?.fieldErrors.subject} />
          <button type="submit" className="secondary">
            {t("split.button")}
          </button>
        </Form>
      )}
    </section>
  );
}

type Person = { userId: string; name: string; email: string };

/** CC'd contacts (add / remove) and followers (follow / unfollow), for staff and the portal. */
export function ParticipantsPanel({
  cc,
  followers,
  candidates,
  following,
  staffView,
  result,
}: {
  cc: Person[];
  followers: Person[] | null;
  candidates: Array<{ id: string; name: string; email: string }>;
  following: boolean | null;
  staffView: boolean;
  result: MergeResultShape | undefined;
}) {
  const { t } = useI18n();
  const failed = result && !result.ok && (result.intent === "cc-add" || result.intent === "cc-remove" || result.intent === "follow") ? result : null;
  return (
    <section className="card" aria-labelledby="cc-title">
      <h2 id="cc-title">{staffView ? t("cc.title") : t("cc.ccd")}</h2>
      <FormError message={failed?.formError} />
      {staffView ? <h3 style={{ fontSize: "1rem" }}>{t("cc.ccd")}</h3> : null}
      {cc.length === 0 ? <p className="muted">{t("cc.none")}</p> : null}
      <ul>
        {cc.map((p) => (
          <li key={p.userId}>
            <Form method="post" className="toolbar">
              <input type="hidden" name="intent" value="cc-remove" />
              <input type="hidden" name="contactId" value={p.userId} />
              {p.name} ({p.email}){" "}
              <button type="submit" className="link" aria-label={t("cc.remove", { name: p.name })}>
                ×
              </button>
            </Form>
          </li>
        ))}
      </ul>
      {candidates.length > 0 ? (
        <Form method="post" className="toolbar">
          <input type="hidden" name="intent" value="cc-add" />
          <SelectField label={t("cc.contact")} name="contactId" errors={failed?.intent === "cc-add" ? failed.fieldErrors.contactId : undefined}>
            {candidates.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name} ({c.email})
              </option>
            ))}
          </SelectField>
          <button type="submit" className="secondary">
            {t("cc.add")}
          </button>
        </Form>
      ) : null}
      {followers ? (
        <>
          <h3 style={{ fontSize: "1rem" }}>{t("cc.followers")}</h3>
          {followers.length === 0 ? <p className="muted">{t("cc.noFollowers")}</p> : <p>{followers.map((f) => f.name).join(", ")}</p>}
          <Form method="post">
            <input type="hidden" name="intent" value="follow" />
            <input type="hidden" name="follow" value={following ? "no" : "yes"} />
            <button type="submit" className="secondary" aria-pressed={following ?? false}>
              {following ? t("cc.unfollow") : t("cc.follow")}
            </button>
          </Form>
        </>
      ) : null}
      <p className="hint">{t("cc.hint")}</p>
    </section>
  );
}
