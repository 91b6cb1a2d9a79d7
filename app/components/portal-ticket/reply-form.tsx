import { AppForm, SubmitButton } from "~/components/app-form";
import { FormError, FormKeyField, TextAreaField } from "~/components/forms";
import { useI18n } from "~/components/i18n";
import { AttachmentPicker, useResultCounter } from "~/components/tickets/ticket-ui";
import { replySchema } from "~/modules/tickets/schemas";
import type { PortalTicket, PortalTicketAnswer } from "./types";

/** The customer's reply (on a closed ticket: a follow-up ticket), with files. */
export function PortalReplyForm({ view, result }: { view: PortalTicket; result: PortalTicketAnswer }) {
  const { ticket, formKey } = view;
  const { t } = useI18n();
  const replyFailed = result && !result.ok && result.intent === "reply";
  // A sent reply empties the box; any answer to the reply form empties the file picker.
  const sentReplies = useResultCounter(result, (r) => r.ok && r.intent === "reply");
  const replyResults = useResultCounter(result, (r) => r.intent === "reply");
  const closed = ticket.status === "closed";
  return (
    <section className="card" style={{ marginTop: 16 }}>
      <h2 style={{ marginTop: 0 }}>{closed ? t("ticket.replyClosed") : t("ticket.reply")}</h2>
      {closed ? <p className="hint">{t("ticket.replyClosedHint", { number: ticket.number })}</p> : null}
      {ticket.status === "pending" || ticket.status === "solved" ? <p className="hint">{t("ticket.replyReopens")}</p> : null}
      {replyFailed && result?.refused ? (
        <div className="verdict refused" role="alert">
          <strong>{t("filing.refused")}</strong> {result.refused}
        </div>
      ) : null}
      <FormError message={replyFailed ? result?.formError || t("filing.fixErrors") : null} />
      <AppForm method="post" encType="multipart/form-data" intent="reply" schema={replySchema} result={result} formError="none">
        <FormKeyField value={formKey} />
        <TextAreaField
          label={t("ticket.message")}
          name="body"
          rows={6}
          required
          defaultValue={replyFailed ? result?.values.body : undefined}
          key={`reply-${sentReplies}`}
        />
        <AttachmentPicker rejected={replyFailed ? result?.rejectedFiles : undefined} resetKey={replyResults} />
        {replyFailed ? <p className="hint">{t("attachments.chooseAgain")}</p> : null}
        <SubmitButton>{closed ? t("ticket.sendFollowUp") : t("ticket.send")}</SubmitButton>
      </AppForm>
    </section>
  );
}
