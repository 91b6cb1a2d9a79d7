import { pageTitle } from "~/utils/i18n";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import type { FieldErrors, ActionResult } from "~/utils/messages";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { AppForm, SubmitButton } from "~/components/app-form";
import { Notice, SelectField, TextField } from "~/components/forms";
import { useI18n } from "~/components/i18n";
import type { MessageKey } from "~/locales/en";
import { attachHeldSender, checkMailboxNow, dismissHeldMessage, fileHeldOnLicence, mailAdminView } from "~/modules/mail/admin.server";
import { mailSettingsFormSchema } from "~/modules/mail/schemas";
import { updateMailSettings } from "~/modules/mail/settings.server";
import { requirePermission } from "~/modules/accounts/auth.server";
import { handleAppError } from "~/utils/errors.server";
import { parseForm } from "~/utils/forms";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "title.mail") }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "manage:settings:any");
  return mailAdminView(user);
}

/** `id`: the held message a failed attach/file/dismiss was about (its forms repeat per message). */
type Result = ActionResult<{ intent: string; values: Record<string, string>; check?: string; id?: string }>;

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "manage:settings:any");
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "settings");
  const id = String(formData.get("id") ?? "");
  const empty = { formError: "", fieldErrors: {} as FieldErrors, values: {} as Record<string, string> };
  try {
    if (intent === "check") {
      const result = await checkMailboxNow(user);
      return { ok: true, intent, ...empty, check: result.status } satisfies Result;
    }
    if (intent === "attach") {
      await attachHeldSender(user, id, { organisationId: String(formData.get("organisationId") ?? ""), name: String(formData.get("name") ?? "").trim().slice(0, 200) });
      return redirect("/admin/mail");
    }
    if (intent === "file") {
      await fileHeldOnLicence(user, id, String(formData.get("licenceId") ?? ""));
      return redirect("/admin/mail");
    }
    if (intent === "dismiss") {
      await dismissHeldMessage(user, id);
      return redirect("/admin/mail");
    }
    const parsed = parseForm(mailSettingsFormSchema, formData);
    if (!parsed.ok) return data({ ok: false, intent, formError: "", fieldErrors: parsed.fieldErrors, values: parsed.values } satisfies Result, { status: 400 });
    await updateMailSettings(user, parsed.data);
    return { ok: true, intent, ...empty, values: parsed.values } satisfies Result;
  } catch (error) {
    const failure = handleAppError(error);
    return data({ ...failure.data, intent, values: failure.data.values ?? {}, id } satisfies Result, failure.init ?? undefined);
  }
}

const OUTCOMES: Record<string, MessageKey> = {
  ticket_created: "mail.outcome.ticket_created",
  reply_added: "mail.outcome.reply_added",
  follow_up_created: "mail.outcome.follow_up_created",
  refused: "mail.outcome.refused",
  unknown_rejected: "mail.outcome.unknown_rejected",
  unknown_held: "mail.outcome.unknown_held",
  needs_triage: "mail.outcome.needs_triage",
  auto_ignored: "mail.outcome.auto_ignored",
  bounce: "mail.outcome.bounce",
  malformed: "mail.outcome.malformed",
  released: "mail.outcome.released",
};

function SettingsForm() {
  const { settings } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as Result | undefined;
  const { t } = useI18n();
  const mine = result?.intent === "settings" ? result : undefined;
  const values = mine && !mine.ok ? mine.values : {};
  const checked = (name: string, stored: boolean) => (mine && !mine.ok ? values[name] === "on" : stored);
  return (
    <section className="card" aria-labelledby="mail-settings">
      <h2 id="mail-settings">{t("mail.settings.title")}</h2>
      {mine?.ok ? <Notice>{t("common.saved")}</Notice> : null}
      <AppForm method="post" schema={mailSettingsFormSchema} result={result} intent="settings">
        <TextField
          label={t("mail.settings.supportAddress")}
          name="supportAddress"
          type="email"
          hint={t("mail.settings.supportAddressHint")}
          defaultValue={values.supportAddress ?? settings.supportAddress}
        />
        <SelectField label={t("mail.settings.unknownSenders")} name="unknownSenders" defaultValue={values.unknownSenders ?? settings.unknownSenders}>
          <option value="reject">{t("mail.settings.unknownReject")}</option>
          <option value="hold">{t("mail.settings.unknownHold")}</option>
        </SelectField>
        <fieldset>
          <legend>{t("mail.settings.imap")}</legend>
          <div className="field">
            <label>
              <input type="checkbox" name="imapEnabled" defaultChecked={checked("imapEnabled", settings.imap.enabled)} /> {t("mail.settings.imapEnabled")}
            </label>
          </div>
          <TextField label={t("mail.settings.host")} name="imapHost" defaultValue={values.imapHost ?? settings.imap.host} autoComplete="off" />
          <TextField label={t("mail.settings.port")} name="imapPort" inputMode="numeric" defaultValue={values.imapPort ?? String(settings.imap.port)} />
          <div className="field">
            <label>
              <input type="checkbox" name="imapSecure" defaultChecked={checked("imapSecure", settings.imap.secure)} /> {t("mail.settings.tls")}
            </label>
          </div>
          <TextField label={t("mail.settings.user")} name="imapUser" defaultValue={values.imapUser ?? settings.imap.user} autoComplete="off" />
          <TextField
            label={t("mail.settings.password")}
            name="imapPassword"
            type="password"
            autoComplete="new-password"
            hint={settings.imap.passwordSet ? t("mail.settings.passwordKept") : undefined}
          />
          <TextField label={t("mail.settings.folder")} name="imapFolder" defaultValue={values.imapFolder ?? settings.imap.folder} />
          <TextField
            label={t("mail.settings.processedFolder")}
            name="imapProcessedFolder"
            hint={t("mail.settings.processedFolderHint")}
            defaultValue={values.imapProcessedFolder ?? settings.imap.processedFolder}
          />
        </fieldset>
        <SubmitButton>{t("common.save")}</SubmitButton>
      </AppForm>
    </section>
  );
}

function MailboxStatus() {
  const { status, settings, pipeQueue } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as Result | undefined;
  const { t, dateTime } = useI18n();
  return (
    <section className="card" aria-labelledby="mailbox-status">
      <h2 id="mailbox-status">{t("mail.status.title")}</h2>
      {!settings.imap.enabled ? (
        <p>{t("mail.status.off")}</p>
      ) : status?.lastError ? (
        <div className="alert alert-error" role="status">
          <p>{t("mail.status.failing", { count: status.failures })}</p>
          <p>
            <code>{status.lastError}</code>
          </p>
          {status.nextAttemptAt ? <p>{t("mail.status.nextAttempt", { at: dateTime(status.nextAttemptAt) })}</p> : null}
        </div>
      ) : status?.lastSuccessAt ? (
        <p>{t("mail.status.ok", { at: dateTime(status.lastSuccessAt), count: status.lastImported })}</p>
      ) : (
        <p>{t("mail.status.never")}</p>
      )}
      {pipeQueue.queued + pipeQueue.failed > 0 ? <p>{t("mail.status.pipeQueue", { queued: pipeQueue.queued, failed: pipeQueue.failed })}</p> : null}
      {result?.intent === "check" ? <Notice>{t("mail.status.checked", { status: result.check ?? "" })}</Notice> : null}
      {settings.imap.enabled ? (
        <AppForm method="post" intent="check" result={result}>
          <SubmitButton>{t("mail.status.checkNow")}</SubmitButton>
        </AppForm>
      ) : null}
    </section>
  );
}

function HeldMessages() {
  const { held, organisations } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as Result | undefined;
  const { t, dateTime } = useI18n();
  return (
    <section className="card" aria-labelledby="held-mail">
      <h2 id="held-mail">{t("mail.held.title")}</h2>
      {held.length === 0 ? <p>{t("mail.held.empty")}</p> : null}
      {held.map((message) => {
        const mine = result?.id === message.id ? result : undefined;
        return (
          <article key={message.id} className="card" aria-label={message.subject || message.fromAddress}>
            <p>
              <strong>{message.subject || t("mail.noSubject")}</strong> — {message.fromName ? `${message.fromName} <${message.fromAddress}>` : message.fromAddress} ·{" "}
              {dateTime(message.receivedAt)} · {t(OUTCOMES[message.outcome]!)}
            </p>
            {message.outcome === "unknown_held" ? (
              <AppForm method="post" intent="attach" result={mine}>
                <input type="hidden" name="id" value={message.id} />
                <SelectField label={t("mail.held.organisation")} name="organisationId" required>
                  {organisations.map((o) => (
                    <option key={o.id} value={o.id}>
                      {o.name}
                    </option>
                  ))}
                </SelectField>
                <TextField label={t("mail.held.contactName")} name="name" defaultValue={message.fromName} />
                <SubmitButton>{t("mail.held.attach")}</SubmitButton>
              </AppForm>
            ) : (
              <AppForm method="post" intent="file" result={mine}>
                <input type="hidden" name="id" value={message.id} />
                <SelectField label={t("mail.held.licence")} name="licenceId" required>
                  {message.licences.map((l) => (
                    <option key={l.id} value={l.id}>
                      {l.label}
                    </option>
                  ))}
                </SelectField>
                <SubmitButton>{t("mail.held.file")}</SubmitButton>
              </AppForm>
            )}
            <AppForm method="post" intent="dismiss" result={mine}>
              <input type="hidden" name="id" value={message.id} />
              <SubmitButton className="secondary">{t("mail.held.dismiss")}</SubmitButton>
            </AppForm>
          </article>
        );
      })}
    </section>
  );
}

function RecentMessages() {
  const { recent, bouncing } = useLoaderData<typeof loader>();
  const { t, dateTime } = useI18n();
  return (
    <>
      <section className="card" aria-labelledby="recent-mail">
        <h2 id="recent-mail">{t("mail.recent.title")}</h2>
        {recent.length === 0 ? (
          <p>{t("mail.recent.empty")}</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">{t("mail.recent.received")}</th>
                <th scope="col">{t("mail.recent.from")}</th>
                <th scope="col">{t("mail.recent.subject")}</th>
                <th scope="col">{t("mail.recent.outcome")}</th>
              </tr>
            </thead>
            <tbody>
              {recent.map((m) => (
                <tr key={m.id}>
                  <td>{dateTime(m.receivedAt)}</td>
                  <td>{m.fromAddress}</td>
                  <td>{m.subject}</td>
                  <td>
                    {t(OUTCOMES[m.outcome]!)}
                    {m.ticketNumber ? (
                      <>
                        {" "}
                        <Link to={`/desk/tickets/${m.ticketNumber}`}>#{m.ticketNumber}</Link>
                      </>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section className="card" aria-labelledby="bouncing">
        <h2 id="bouncing">{t("mail.bouncing.title")}</h2>
        {bouncing.length === 0 ? (
          <p>{t("mail.bouncing.empty")}</p>
        ) : (
          <ul>
            {bouncing.map((b) => (
              <li key={b.address}>
                {b.address} — {b.diagnostic} ({dateTime(b.lastBounceAt)})
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

export default function AdminMail() {
  const { t } = useI18n();
  return (
    <>
      <h1>{t("mail.title")}</h1>
      <p>{t("mail.intro")}</p>
      <div className="grid-2">
        <SettingsForm />
        <MailboxStatus />
      </div>
      <HeldMessages />
      <RecentMessages />
    </>
  );
}
