import { useFetcher } from "@remix-run/react";
import { AppForm, SubmitButton } from "~/components/app-form";
import { TextField } from "~/components/forms";
import { useI18n } from "~/components/i18n";
import type { MessageKey } from "~/locales/en";
import { CONFIRM_FIELD } from "~/modules/security/two-factor";
import type { AccessDetails } from "~/modules/tickets/access-details";
import type { DeskTicketResult } from "~/modules/tickets/ticket-forms";
import type { Workspace } from "./types";

/** The customer's access details: revealed on request (re-confirming who one is), and who saw them. */
export function AccessPanel({ view }: { view: Workspace }) {
  const { ticket, reveals, permissions } = view;
  const { t, dateTime, date } = useI18n();
  const reveal = useFetcher<DeskTicketResult>();
  const revealed = reveal.data && reveal.data.ok && reveal.data.details ? reveal.data.details : null;
  return (
    <section className="card">
      <h2>{t("access.title")}</h2>
      {ticket.accessDetailsErasedAt ? (
        <p>{t("access.erasedOn", { date: date(ticket.accessDetailsErasedAt) })}</p>
      ) : ticket.hasAccessDetails ? (
        <>
          {ticket.accessDetailsEraseAt ? <p className="hint">{t("access.willErase", { date: date(ticket.accessDetailsEraseAt) })}</p> : null}
          {revealed ? (
            <dl className="facts">
              {(Object.entries(revealed) as Array<[keyof AccessDetails, string]>)
                .filter(([, value]) => value)
                .map(([key, value]) => (
                  <div key={key} style={{ display: "contents" }}>
                    <dt>{t(`access.${key}` as MessageKey)}</dt>
                    <dd>
                      <span className="secret-value">{value}</span>
                    </dd>
                  </div>
                ))}
            </dl>
          ) : permissions.reveal ? (
            <AppForm method="post" fetcher={reveal} result={reveal.data} intent="reveal">
              <p className="hint">{t("access.revealHint")}</p>
              {reveal.data && !reveal.data.ok && reveal.data.fieldErrors[CONFIRM_FIELD] ? (
                <TextField
                  label={t("security.reconfirm.label")}
                  name={CONFIRM_FIELD}
                  type="password"
                  autoComplete="current-password"
                  hint={t("security.reconfirm.hint")}
                />
              ) : null}
              <SubmitButton className="secondary">{t("access.reveal")}</SubmitButton>
            </AppForm>
          ) : null}
        </>
      ) : (
        <p className="muted">{t("access.none")}</p>
      )}
      {reveals.length > 0 ? (
        <details>
          <summary>{t("access.revealLog", { count: reveals.length })}</summary>
          <ul className="history">
            {reveals.map((r) => (
              <li key={r.id}>
                {dateTime(r.at)} — {r.actorName ?? t("audit.system")}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </section>
  );
}
