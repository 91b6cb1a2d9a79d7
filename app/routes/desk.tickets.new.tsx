import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import type { ActionResult } from "~/utils/messages";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { AppForm, SubmitButton } from "~/components/app-form";
import { FormError, SelectField, TextAreaField, TextField } from "~/components/forms";
import { useI18n } from "~/components/i18n";
import type { MessageKey } from "~/locales/en";
import { renderEligibilityMessage } from "~/modules/licensing/eligibility-messages";
import { EligibilityRefusedError } from "~/modules/tickets/filing.server";
import { fileTicketOnBehalf, onBehalfChoices, onBehalfOrganisations } from "~/modules/tickets/on-behalf.server";
import { onBehalfSchema, TICKET_TYPES } from "~/modules/tickets/schemas";
import { requirePermission } from "~/modules/accounts/auth.server";
import { AppError, handleAppError } from "~/utils/errors.server";
import { parseForm } from "~/utils/forms";
import { pageTitle } from "~/utils/i18n";

/**
 * A ticket filed by staff on a customer's behalf (docs/decisions/182): find the organisation
 * (search, then choose), then the contact, the licence and the ticket as the customer would
 * write it. The eligibility gate runs as in the portal; a refusal can be overridden with a reason.
 */

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "onBehalf.title") }];

const UUID = /^[0-9a-f-]{36}$/i;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "update:ticket:any");
  const url = new URL(request.url);
  const q = (url.searchParams.get("q") ?? "").slice(0, 100);
  const org = url.searchParams.get("org") ?? "";
  try {
    return {
      q,
      organisations: await onBehalfOrganisations(user, q),
      choices: UUID.test(org) ? await onBehalfChoices(user, org) : null,
    };
  } catch (error) {
    throw handleAppError(error);
  }
}

type Result = Omit<ActionResult<{ values: Record<string, string>; refused?: string }>, "ok">;

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "update:ticket:any");
  const formData = await request.formData();
  const values: Record<string, string> = {};
  for (const [key, value] of formData.entries()) if (typeof value === "string") values[key] = value;
  const fail = (r: Partial<Result>, status = 400) => data<Result>({ formError: "", fieldErrors: {}, values, ...r }, { status, headers: { "Cache-Control": "no-store" } });
  const parsed = parseForm(onBehalfSchema, formData);
  if (!parsed.ok) return fail({ fieldErrors: parsed.fieldErrors });
  try {
    const filed = await fileTicketOnBehalf(user, parsed.data);
    return redirect(`/desk/tickets/${filed.number}`);
  } catch (error) {
    if (error instanceof EligibilityRefusedError) return fail({ refused: renderEligibilityMessage(error.eligibility, user.locale, user.timeZone) });
    if (error instanceof AppError && (error.code === "invalid" || error.code === "conflict")) return fail({ formError: error.userMessage, fieldErrors: error.fieldErrors ?? {} });
    handleAppError(error);
    throw error;
  }
}

export default function NewTicketOnBehalf() {
  const { q, organisations, choices } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useI18n();
  const values = result?.values ?? {};
  const v = (name: string) => values[name] ?? "";
  return (
    <>
      <p>
        <Link to="/desk/tickets">← {t("queue.title")}</Link>
      </p>
      <h1>{t("onBehalf.title")}</h1>
      <p className="hint">{t("onBehalf.intro")}</p>

      <section className="card">
        <Form method="get" className="toolbar">
          <TextField label={t("onBehalf.search")} name="q" type="search" defaultValue={q} />
          <button type="submit" className="secondary">
            {t("onBehalf.searchButton")}
          </button>
        </Form>
        {organisations.length === 0 ? (
          <p className="muted">{t("onBehalf.noOrganisations")}</p>
        ) : (
          <Form method="get" className="toolbar">
            <input type="hidden" name="q" value={q} />
            <SelectField label={t("onBehalf.organisation")} name="org" defaultValue={choices?.organisation.id ?? ""} required>
              <option value="">{t("onBehalf.chooseOrganisation")}</option>
              {organisations.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </SelectField>
            <button type="submit" className="secondary">
              {t("onBehalf.next")}
            </button>
          </Form>
        )}
      </section>

      {choices ? (
        <section className="card" aria-labelledby="on-behalf-form">
          <h2 id="on-behalf-form">{choices.organisation.name}</h2>
          {result?.refused ? (
            <div className="verdict refused" role="alert">
              <strong>{t("onBehalf.refused")}</strong> {result.refused}
            </div>
          ) : null}
          {/* Above the form: what was refused, or (when only fields are wrong) to fix them. */}
          <FormError message={result && !result.refused ? result.formError || t("filing.fixErrors") : null} />
          <AppForm method="post" schema={onBehalfSchema} result={result} formError="none">
            <input type="hidden" name="organisationId" value={choices.organisation.id} />
            <SelectField label={t("onBehalf.contact")} name="contactId" defaultValue={v("contactId")} required>
              <option value="">{t("onBehalf.chooseContact")}</option>
              {choices.contacts.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name} ({c.email})
                </option>
              ))}
            </SelectField>
            <SelectField label={t("onBehalf.licence")} name="licenceId" defaultValue={v("licenceId")}>
              <option value="">{t("onBehalf.noLicence")}</option>
              {choices.licences.map((l) => (
                <option key={l.id} value={l.id}>
                  {l.productName} · {l.productionHost ?? "—"} · …{l.keyEnding}
                </option>
              ))}
            </SelectField>
            <SelectField label={t("filing.type")} name="type" defaultValue={v("type")} required>
              <option value="">{t("filing.chooseType")}</option>
              {TICKET_TYPES.map((type) => (
                <option key={type} value={type}>
                  {t(`ticket.type.${type}` as MessageKey)}
                </option>
              ))}
            </SelectField>
            <TextField label={t("ticket.subject")} name="subject" required maxLength={200} defaultValue={v("subject")} />
            <TextAreaField label={t("ticket.description")} name="description" rows={6} required defaultValue={v("description")} />
            <TextAreaField label={t("ticket.steps")} name="stepsToReproduce" rows={4} defaultValue={v("stepsToReproduce")} />
            <TextField label={t("ticket.siteAddress")} name="siteAddress" defaultValue={v("siteAddress")} />
            <div className="field">
              <label>
                <input type="checkbox" name="siteDown" defaultChecked={values.siteDown === "on"} /> {t("ticket.siteDown")}
              </label>
            </div>
            <TextAreaField label={t("onBehalf.override")} name="overrideReason" rows={2} hint={t("onBehalf.overrideHint")} defaultValue={v("overrideReason")} />
            <SubmitButton>{t("onBehalf.file")}</SubmitButton>
          </AppForm>
        </section>
      ) : null}
    </>
  );
}
