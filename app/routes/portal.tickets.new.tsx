import { pageTitle } from "~/utils/i18n";
import { data, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { GENERIC_ISSUE, issueMessage, type FieldErrors, type FormMessage } from "~/utils/messages";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { AppForm, SubmitButton } from "~/components/app-form";
import { useAppForm } from "~/components/form-context";
import { FormError, FormKeyField, SelectField, TextAreaField, TextField } from "~/components/forms";
import { useI18n } from "~/components/i18n";
import { AccessDetailsFieldset } from "~/components/tickets/access-details";
import { AttachmentPicker, type RejectedFile } from "~/components/tickets/ticket-ui";
import { DeflectionPanel, type Suggestion } from "~/components/knowledge/deflection-panel";
import { newDraftId, rememberFiledDraft, suggestionsForForm, wantsSuggestions } from "~/modules/knowledge/deflection-step.server";
import ticketStyles from "../components/tickets/tickets.css?url";
import type { MessageKey } from "~/locales/en";
import { renderEligibilityMessage } from "~/modules/licensing/eligibility-messages";
import { formatResponsePromise } from "~/modules/sla/promise";
import { fileTicket, filingFailure, filingLicences, filingVerdict } from "~/modules/tickets/filing.server";
import { filingChoiceSchema, newTicketSchema, TICKET_TYPES, type TicketType } from "~/modules/tickets/schemas";
import { parseUploadForm } from "~/modules/tickets/uploads.server";
import { accessDetailsFormSchema, accessDetailsSchema, ACCESS_DETAIL_FIELDS } from "~/modules/tickets/access-details";
import { requireCustomer, type SessionUser } from "~/modules/accounts/auth.server";
import { AppError, handleAppError } from "~/utils/errors.server";
import { parseForm } from "~/utils/forms";
import { IDEMPOTENCY_FIELD, idempotencyKeyOf, newFormKey } from "~/utils/idempotency.server";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "title.newTicket") }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: ticketStyles }];

type NextStepLink = { to: string; label: MessageKey };

function nextStepLink(step: string, licenceId: string | null): NextStepLink | null {
  const licencePage = licenceId ? `/portal/licences/${licenceId}` : "/portal";
  switch (step) {
    case "renew":
      return { to: licenceId ? licencePage : "/renew", label: "filing.next.renew" };
    case "activate":
      return { to: licencePage, label: "filing.next.activate" };
    case "request_source_check":
      return { to: licencePage, label: "filing.next.request_source_check" };
    case "update_platform_licence":
      return { to: licencePage, label: "filing.next.update_platform_licence" };
    case "contact_billing":
      return { to: `/portal/tickets/new?${new URLSearchParams({ licence: licenceId ?? "", type: "billing" })}`, label: "filing.next.contact_billing" };
    case "report_bug":
      return { to: `/portal/tickets/new?${new URLSearchParams({ licence: licenceId ?? "", type: "bug_report" })}`, label: "filing.next.report_bug" };
    default:
      return null;
  }
}

async function verdictFor(user: SessionUser & { organisationId: string }, licenceId: string | null, type: TicketType, locale: "en" | "ru", timeZone: string) {
  const now = new Date();
  const verdict = await filingVerdict(user, { licenceId, type }, now);
  if (verdict.kind === "licence_required") return { allowed: false as const, message: null, licenceRequired: true, next: null, promise: null, siteAddress: "" };
  const { eligibility } = verdict;
  const message = renderEligibilityMessage(eligibility, locale, timeZone);
  const promise = eligibility.allowed
    ? eligibility.noResponseCommitment
      ? formatResponsePromise({ kind: "no_commitment" }, { locale, timeZone })
      : verdict.promise
        ? formatResponsePromise({ kind: "answer_by", clock: "first_response", ...verdict.promise }, { locale, timeZone, now })
        : null
    : null;
  return {
    allowed: eligibility.allowed,
    message,
    licenceRequired: false,
    next: eligibility.allowed ? null : nextStepLink(eligibility.nextStep, licenceId),
    promise,
    siteAddress: verdict.licence?.productionHost ?? "",
  };
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireCustomer(request);
  const url = new URL(request.url);
  const licences = await filingLicences(user);
  const choiceParsed = filingChoiceSchema.safeParse({ licenceId: url.searchParams.get("licence") ?? "", type: url.searchParams.get("type") ?? "" });
  const choice = choiceParsed.success ? choiceParsed.data : null;
  let verdict = null;
  if (choice) {
    try {
      verdict = await verdictFor(user, choice.licenceId, choice.type, user.locale, user.timeZone);
    } catch (error) {
      if (error instanceof AppError && error.code === "not_found") throw new Response("Not found", { status: 404 });
      throw error;
    }
  }
  return {
    licences: licences.map((l) => ({ id: l.id, productName: l.productName, host: l.productionHost, keyEnding: l.keyEnding })),
    choice: choice ? { licenceId: choice.licenceId ?? "", type: choice.type } : { licenceId: url.searchParams.get("licence") ?? "", type: "" },
    verdict,
    formKey: newFormKey(),
    draftId: newDraftId(),
  };
}

type FilingFailure = {
  ok: false;
  formError: FormMessage;
  fieldErrors: FieldErrors;
  values: Record<string, string>;
  rejectedFiles: RejectedFile[];
  refused?: string;
  suggestions?: Suggestion[];
};

const ACCESS_FIELD_NAMES = ACCESS_DETAIL_FIELDS.map((f) => `access.${f}`);

/** What the action checks, as one schema for the browser: the ticket and its access details. */
const newTicketFormSchema = newTicketSchema.extend(accessDetailsFormSchema.shape);

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireCustomer(request);
  const { formData, uploads, rejected } = await parseUploadForm(request);
  // Everything typed comes back on any error, the access details included (this response
  // goes only to the person who typed them and is never cached).
  const values: Record<string, string> = {};
  for (const [key, value] of formData.entries()) if (typeof value === "string") values[key] = value;
  const headers = { "Cache-Control": "no-store" };
  const fail = (failure: Omit<FilingFailure, "ok" | "values" | "rejectedFiles">, status = 400) =>
    data<FilingFailure>({ ok: false, values, rejectedFiles: rejected, ...failure }, { status, headers });

  // "Check these articles first" (the form without JavaScript): nothing is filed, everything typed comes back.
  if (wantsSuggestions(formData)) return fail({ formError: "", fieldErrors: {}, suggestions: await suggestionsForForm(user, formData) }, 200);
  const parsed = parseForm(newTicketSchema, formData, ACCESS_FIELD_NAMES);
  const access = accessDetailsSchema.safeParse(
    Object.fromEntries(ACCESS_DETAIL_FIELDS.map((f) => [f, String(formData.get(`access.${f}`) ?? "")])),
    { error: () => GENERIC_ISSUE },
  );
  if (!parsed.ok || !access.success || rejected.length > 0) {
    const fieldErrors: Record<string, FormMessage[]> = parsed.ok ? {} : { ...parsed.fieldErrors };
    if (!access.success) for (const issue of access.error.issues) (fieldErrors[`access.${String(issue.path[0])}`] ??= []).push(issueMessage(issue));
    return fail({ formError: "", fieldErrors });
  }
  try {
    const ticket = await fileTicket(user, parsed.data, access.data, uploads, new Date(), idempotencyKeyOf(formData.get(IDEMPOTENCY_FIELD), user.id));
    await rememberFiledDraft(user, formData, ticket.id);
    return redirect(`/portal/tickets/${ticket.number}?filed=1`);
  } catch (error) {
    const failure = filingFailure(error, user.locale, user.timeZone);
    if (failure) {
      const { status: _status, ...shown } = failure;
      return fail(shown);
    }
    handleAppError(error); // not found / forbidden become responses; anything else is a bug
    throw error;
  }
}

/** The filing form's own button: it says so while the ticket is on its way. */
function FileTicketButton() {
  const { t } = useI18n();
  const sending = useAppForm()?.pending;
  return <SubmitButton>{sending ? t("filing.sending") : t("filing.submit")}</SubmitButton>;
}

export default function NewTicket() {
  const { licences, choice, verdict, formKey, draftId: newDraftId } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useI18n();
  const values = result?.values ?? {};
  const errors = result?.fieldErrors ?? {};
  const suggestions = result && !result.ok ? (result.suggestions ?? null) : null;
  const failed = Boolean(result && !result.ok && !suggestions);
  const draftId = values.draftId || newDraftId;
  const v = (name: string, fallback = "") => values[name] ?? fallback;

  return (
    <>
      <p>
        <Link to="/portal/tickets">← {t("tickets.title")}</Link>
      </p>
      <h1>{t("filing.title")}</h1>
      <section className="card">
        <h2 style={{ marginTop: 0 }}>{t("filing.step1")}</h2>
        <p className="muted">{t("filing.step1.hint")}</p>
        <Form method="get" className="toolbar">
          <SelectField label={t("filing.licence")} name="licence" defaultValue={choice.licenceId}>
            <option value="">{t("filing.noLicence")}</option>
            {licences.map((l) => (
              <option key={l.id} value={l.id}>
                {l.productName}
                {l.host ? ` — ${l.host}` : ""} (…{l.keyEnding})
              </option>
            ))}
          </SelectField>
          <SelectField label={t("filing.type")} name="type" defaultValue={choice.type} required>
            <option value="" disabled>
              {t("filing.chooseType")}
            </option>
            {TICKET_TYPES.map((type) => (
              <option key={type} value={type}>
                {t(`ticket.type.${type}` as MessageKey)}
              </option>
            ))}
          </SelectField>
          <button type="submit">{t("filing.check")}</button>
        </Form>
        {licences.length === 0 ? <p className="hint">{t("filing.noLicences")}</p> : null}
        <p className="hint">{t("filing.billingAlwaysOpen")}</p>
      </section>

      {verdict ? (
        verdict.allowed ? (
          <div className="verdict allowed" role="status">
            <strong>{t("filing.allowed")}</strong> {verdict.message}
          </div>
        ) : (
          <div className="verdict refused" role="alert">
            <strong>{t("filing.refused")}</strong> {verdict.licenceRequired ? t("filing.licenceRequired") : verdict.message}
            {verdict.next ? (
              <p style={{ marginBottom: 0 }}>
                <Link className="button" to={verdict.next.to}>
                  {t(verdict.next.label)}
                </Link>{" "}
                <Link to={`/portal/tickets/new?${new URLSearchParams({ licence: choice.licenceId, type: "billing" })}`}>{t("filing.askBilling")}</Link>
              </p>
            ) : null}
          </div>
        )
      ) : null}

      {verdict?.allowed || failed || suggestions ? (
        <section className="card">
          <h2 style={{ marginTop: 0 }}>{t("filing.step2")}</h2>
          {verdict?.promise ? <p className="promise">{verdict.promise}</p> : null}
          {result?.refused ? (
            <div className="verdict refused" role="alert">
              <strong>{t("filing.refused")}</strong> {result.refused} {t("filing.keptText")}
            </div>
          ) : null}
          <FormError message={failed ? result?.formError || t("filing.fixErrors") : null} />
          <DeflectionPanel formId="new-ticket-form" draftId={draftId} initial={suggestions} />
          <AppForm method="post" encType="multipart/form-data" id="new-ticket-form" schema={newTicketFormSchema} result={result} formError="none">
            <FormKeyField value={formKey} />
            <input type="hidden" name="draftId" value={draftId} />
            <input type="hidden" name="licenceId" value={choice.licenceId} />
            <input type="hidden" name="type" value={choice.type} />
            <TextField label={t("ticket.subject")} name="subject" required maxLength={200} defaultValue={v("subject")} />
            <TextAreaField
              label={t("ticket.description")}
              name="description"
              required
              rows={8}
              hint={t("filing.descriptionHint")}
              defaultValue={v("description")}
            />
            <p>
              <SubmitButton name="intent" value="suggest" className="secondary" formNoValidate>
                {t("deflection.check")}
              </SubmitButton>
            </p>
            <TextAreaField label={t("ticket.steps")} name="stepsToReproduce" rows={5} hint={t("filing.stepsHint")} defaultValue={v("stepsToReproduce")} />
            <TextField
              label={t("ticket.siteAddress")}
              name="siteAddress"
              hint={t("filing.siteHint")}
              defaultValue={v("siteAddress", verdict?.siteAddress ?? "")}
            />
            <div className="field">
              <label>
                <input type="checkbox" name="siteDown" aria-describedby="site-down-hint" defaultChecked={values.siteDown === "on"} /> {t("ticket.siteDown")}
              </label>
              <p className="hint" id="site-down-hint">
                {t("siteDown.hint")}
              </p>
            </div>
            <AccessDetailsFieldset values={values} errors={errors} />
            <AttachmentPicker rejected={result?.rejectedFiles} resetKey={result} />
            {failed ? <p className="hint">{t("attachments.chooseAgain")}</p> : null}
            <p>
              <FileTicketButton />
            </p>
          </AppForm>
        </section>
      ) : null}
    </>
  );
}
