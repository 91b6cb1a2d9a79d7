import { AppForm, SubmitButton } from "~/components/app-form";
import { FieldErrorText, FormError, FormKeyField, Notice, SelectField, TextAreaField } from "~/components/forms";
import { useI18n } from "~/components/i18n";
import { DraftKeeper } from "~/components/keyboard";
import { REPLY_FORM_ID, ReplyArticleFinder } from "~/components/knowledge/ticket-panel";
import { MacroPicker } from "~/components/macros/macros-ui";
import { AttachmentPicker, useResultCounter } from "~/components/tickets/ticket-ui";
import type { MessageKey } from "~/locales/en";
import { staffReplyFormSchema } from "~/modules/tickets/schemas";
import type { TicketStatus } from "~/modules/tickets/status";
import type { Workspace, WorkspaceResult } from "./types";

/** The reply form: a public reply or an internal note, a status, files, articles and macros. */
export function ReplyPanel({ view, result }: { view: Workspace; result: WorkspaceResult }) {
  const { ticket, staffStatuses } = view;
  const { t } = useI18n();
  const replyFailed = result && !result.ok && result.intent === "reply";
  // After a knowledge-base button of the reply form (find, insert link) the draft comes back as typed.
  const kbResult = result?.intent === "kb" ? result : null;
  const draft = replyFailed || kbResult ? result?.values : undefined;
  const sentReplies = useResultCounter(result, (r) => r.ok && r.intent === "reply");
  const replyResults = useResultCounter(result, (r) => r.intent === "reply");
  const closed = ticket.status === "closed";
  return (
    <section className="card" style={{ marginTop: 16 }}>
      <h2 style={{ marginTop: 0 }}>{t("desk.replyTitle")}</h2>
      {closed ? <p className="hint">{t("desk.closedHint")}</p> : null}
      {/* Above the form: the reply's own error, or what its knowledge-base buttons answered. */}
      <FormError message={replyFailed ? result?.formError || t("filing.fixErrors") : kbResult?.kbCannotLink ? t("kb.panel.cannotLink") : null} />
      {kbResult?.kbLinked ? <Notice>{t("kb.panel.linked", { title: kbResult.kbLinked })}</Notice> : null}
      <AppForm
        method="post"
        encType="multipart/form-data"
        id={REPLY_FORM_ID}
        data-kbd="reply"
        schema={staffReplyFormSchema}
        result={result}
        intent="reply"
        formError="none"
      >
        <FormKeyField value={view.formKey} />
        <TextAreaField
          label={t("ticket.message")}
          name="body"
          rows={6}
          required
          key={`reply-${sentReplies}`}
          defaultValue={draft?.body}
        />
        <fieldset>
          <legend>{t("desk.visibility")}</legend>
          <label style={{ marginRight: 16 }}>
            <input type="radio" name="visibility" value="public" defaultChecked={!closed && draft?.visibility !== "internal"} disabled={closed} />{" "}
            {t("desk.publicReply")}
          </label>
          <label>
            <input type="radio" name="visibility" value="internal" defaultChecked={closed || draft?.visibility === "internal"} />{" "}
            {t("desk.internalNoteOption")}
          </label>
          <FieldErrorText name="visibility" />
        </fieldset>
        {staffStatuses.length > 0 ? (
          <SelectField label={t("desk.setStatus")} name="status" defaultValue={draft?.status ?? ""}>
            <option value="">{t("desk.keepStatus", { status: t(`ticket.status.${ticket.status === "new" ? "open" : ticket.status}` as MessageKey) })}</option>
            {staffStatuses.map((s: TicketStatus) => (
              <option key={s} value={s}>
                {t(`ticket.status.${s}` as MessageKey)}
              </option>
            ))}
          </SelectField>
        ) : null}
        <AttachmentPicker rejected={replyFailed ? result?.rejectedFiles : undefined} resetKey={replyResults} />
        {replyFailed || kbResult?.hadFiles ? <p className="hint">{t("attachments.chooseAgain")}</p> : null}
        <ReplyArticleFinder query={draft?.kbq ?? ""} found={kbResult?.kbFound ?? null} />
        {view.macros.length > 0 ? <MacroPicker formId={REPLY_FORM_ID} macros={view.macros} /> : null}
        <SubmitButton>{t("desk.send")}</SubmitButton>
      </AppForm>
      <DraftKeeper formId={REPLY_FORM_ID} storageKey={`keydesk:reply:${ticket.number}`} sent={sentReplies} />
    </section>
  );
}
