import { pageTitle } from "~/utils/i18n";
import { data, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import type { ActionResult } from "~/utils/messages";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { AppForm, SubmitButton } from "~/components/app-form";
import { FieldErrorText, FormError, FormKeyField, TextAreaField } from "~/components/forms";
import { useI18n } from "~/components/i18n";
import qualityStyles from "../components/quality/quality.css?url";
import { AttachmentPicker, StatusBadge, type RejectedFile } from "~/components/tickets/ticket-ui";
import ticketStyles from "../components/tickets/tickets.css?url";
import { complaintFormSchema } from "~/modules/quality/complaint-form";
import { complaintTicketChoices, fileComplaint } from "~/modules/quality/complaints.server";
import { parseUploadForm } from "~/modules/tickets/uploads.server";
import { requireCustomer } from "~/modules/accounts/auth.server";
import { handleAppError } from "~/utils/errors.server";
import { parseForm } from "~/utils/forms";
import { IDEMPOTENCY_FIELD, idempotencyKeyOf, newFormKey } from "~/utils/idempotency.server";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "title.fileAComplaint") }];
export const links: LinksFunction = () => [
  { rel: "stylesheet", href: ticketStyles },
  { rel: "stylesheet", href: qualityStyles },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireCustomer(request);
  const url = new URL(request.url);
  const tickets = await complaintTicketChoices(user);
  // ?ticket=<id> or ?number=1042 preselects (from the CSAT page or a ticket page).
  const preselected = url.searchParams.getAll("ticket");
  const numbers = url.searchParams.getAll("number").map(Number);
  return { tickets, preselected: tickets.filter((t) => preselected.includes(t.id) || numbers.includes(t.number)).map((t) => t.id), formKey: newFormKey() };
}

type Result = Omit<ActionResult<{ values: Record<string, string>; ticketIds: string[]; rejectedFiles: RejectedFile[] }>, "ok">;

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireCustomer(request);
  const { formData, uploads, rejected } = await parseUploadForm(request);
  const ticketIds = formData.getAll("ticketIds").filter((v): v is string => typeof v === "string");
  const parsed = parseForm(complaintFormSchema, formData);
  const fail = (r: Partial<Result>, status = 400) =>
    data<Result>({ formError: "", fieldErrors: {}, values: parsed.values, ticketIds, rejectedFiles: [], ...r }, { status });
  if (!parsed.ok || rejected.length > 0) return fail({ fieldErrors: parsed.ok ? {} : parsed.fieldErrors, rejectedFiles: rejected });
  try {
    const complaint = await fileComplaint(user, parsed.data, uploads, new Date(), idempotencyKeyOf(formData.get(IDEMPOTENCY_FIELD), user.id));
    return redirect(`/portal/complaints/${complaint.id}?filed=1`);
  } catch (error) {
    const failure = handleAppError(error, parsed.values);
    return fail({ formError: failure.data.formError, fieldErrors: failure.data.fieldErrors }, failure.init?.status ?? 400);
  }
}

export default function NewComplaint() {
  const { tickets, preselected, formKey } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, date } = useI18n();
  const chosen = new Set(result?.ticketIds ?? preselected);
  return (
    <>
      <p>
        <Link to="/portal/complaints">← {t("complaints.title")}</Link>
      </p>
      <h1>{t("complaints.newTitle")}</h1>
      <p className="muted">{t("complaints.intro")}</p>
      <FormError message={result?.formError} />
      {tickets.length === 0 ? (
        <p className="card">{t("complaints.noTickets")}</p>
      ) : (
        <AppForm method="post" encType="multipart/form-data" className="card" schema={complaintFormSchema} result={result} formError="none">
          <FormKeyField value={formKey} />
          <fieldset aria-describedby="tickets-hint tickets-error">
            <legend>{t("complaints.chooseTickets")}</legend>
            <p className="hint" id="tickets-hint">
              {t("complaints.chooseTicketsHint")}
            </p>
            <ul className="checkbox-list">
              {tickets.map((ticket) => (
                <li key={ticket.id}>
                  <label>
                    <input type="checkbox" name="ticketIds" value={ticket.id} defaultChecked={chosen.has(ticket.id)} />
                    <span>
                      #{ticket.number} {ticket.subject} <StatusBadge status={ticket.status} /> <span className="muted">{date(ticket.createdAt)}</span>
                    </span>
                  </label>
                </li>
              ))}
            </ul>
            <FieldErrorText name="ticketIds" id="tickets-error" />
          </fieldset>
          <TextAreaField
            label={t("complaints.description")}
            name="description"
            hint={t("complaints.descriptionHint")}
            required
            rows={8}
            defaultValue={result?.values.description}
          />
          <AttachmentPicker rejected={result?.rejectedFiles} />
          <p>
            <SubmitButton>{t("complaints.submit")}</SubmitButton>
          </p>
        </AppForm>
      )}
    </>
  );
}
