import { Link } from "@remix-run/react";
import { useMemo } from "react";
import { AppForm, SubmitButton } from "~/components/app-form";
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
  // A refused merge comes back to the number field: its answer is the number form's to show.
  const typed = useMemo(() => (mine && !mine.ok ? { ...mine, intent: "merge-preview" } : null), [mine]);
  return (
    <section className="card" aria-labelledby="merge-title">
      <h2 id="merge-title">{t("merge.title")}</h2>
      <FormError message={mine && !mine.ok ? mine.formError : null} />
      {preview ? (
        <AppForm method="post" result={result} intent="merge" formError="none">
          <input type="hidden" name="target" value={preview.target.number} />
          <p role="alert">
            {t("merge.confirm", { source: preview.source.number, sourceSubject: preview.source.subject, target: preview.target.number, targetSubject: preview.target.subject })}
          </p>
          <div className="toolbar">
            <SubmitButton className="danger">{t("merge.confirmButton", { source: preview.source.number, target: preview.target.number })}</SubmitButton>
            <Link to="." className="button secondary">
              {t("merge.cancel")}
            </Link>
          </div>
        </AppForm>
      ) : (
        <AppForm method="post" result={typed} intent="merge-preview" formError="none">
          <TextField
            label={t("merge.target")}
            name="target"
            inputMode="numeric"
            pattern="[0-9]*"
            required
            defaultValue={typed?.values.target ?? ""}
          />
          <p className="hint">{t("merge.hint")}</p>
          <SubmitButton className="secondary">{t("merge.check")}</SubmitButton>
        </AppForm>
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
        <AppForm method="post" result={result} intent="split">
          <SelectField label={t("split.message")} name="messageId" defaultValue={mine?.values.messageId ?? candidates[candidates.length - 1]!.id}>
            {candidates.map((m) => (
              <option key={m.id} value={m.id}>
                {m.authorName}: {m.body.length > 40 ? `${m.body.slice(0, 40)}…` : m.body}
              </option>
            ))}
          </SelectField>
          <TextField label={t("split.subject")} name="subject" required minLength={3} maxLength={200} defaultValue={mine?.values.subject ?? ""} />
          <SubmitButton className="secondary">{t("split.button")}</SubmitButton>
        </AppForm>
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
      {/* One place for the errors of all the forms below. */}
      <FormError message={failed?.formError} />
      {staffView ? <h3 style={{ fontSize: "1rem" }}>{t("cc.ccd")}</h3> : null}
      {cc.length === 0 ? <p className="muted">{t("cc.none")}</p> : null}
      <ul>
        {cc.map((p) => (
          <li key={p.userId}>
            <AppForm method="post" className="toolbar" result={result} intent="cc-remove" formError="none">
              <input type="hidden" name="contactId" value={p.userId} />
              {p.name} ({p.email}){" "}
              <SubmitButton className="link" aria-label={t("cc.remove", { name: p.name })}>
                ×
              </SubmitButton>
            </AppForm>
          </li>
        ))}
      </ul>
      {candidates.length > 0 ? (
        <AppForm method="post" className="toolbar" result={result} intent="cc-add" formError="none">
          <SelectField label={t("cc.contact")} name="contactId">
            {candidates.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name} ({c.email})
              </option>
            ))}
          </SelectField>
          <SubmitButton className="secondary">{t("cc.add")}</SubmitButton>
        </AppForm>
      ) : null}
      {followers ? (
        <>
          <h3 style={{ fontSize: "1rem" }}>{t("cc.followers")}</h3>
          {followers.length === 0 ? <p className="muted">{t("cc.noFollowers")}</p> : <p>{followers.map((f) => f.name).join(", ")}</p>}
          <AppForm method="post" result={result} intent="follow" formError="none">
            <input type="hidden" name="follow" value={following ? "no" : "yes"} />
            <SubmitButton className="secondary" aria-pressed={following ?? false}>
              {following ? t("cc.unfollow") : t("cc.follow")}
            </SubmitButton>
          </AppForm>
        </>
      ) : null}
      <p className="hint">{t("cc.hint")}</p>
    </section>
  );
}
