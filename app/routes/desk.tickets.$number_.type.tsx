import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import type { ActionResult } from "~/utils/messages";
import { pageTitle } from "~/utils/i18n";
import { useActionData, useLoaderData } from "@remix-run/react";
import { AppForm, SubmitButton } from "~/components/app-form";
import { Notice, SelectField, TextAreaField } from "~/components/forms";
import { useI18n } from "~/components/i18n";
import { BackToTicket } from "~/components/tickets/ticket-ui";
import { TicketServicePanel } from "~/components/services/service-ui";
import { formatSplit } from "~/components/time/format";
import type { MessageKey } from "~/locales/en";
import { RECLASSIFY_TYPES, reclassifySchema } from "~/modules/services/catalogue";
import { reclassifyTicket, ticketServiceInfo } from "~/modules/services/requests.server";
import { findTicket } from "~/modules/tickets/tickets.server";
import { requirePermission } from "~/modules/accounts/auth.server";
import { db } from "~/utils/db.server";
import { handleAppError, notFound } from "~/utils/errors.server";
import { parseForm } from "~/utils/forms";
import { breadcrumbs } from "~/components/breadcrumbs";

export const meta: MetaFunction = ({ matches, params }) => [{ title: pageTitle(matches, "services.reclassify.title", { number: params.number ?? "" }) }];

function ticketNumber(value: string | undefined): number {
  if (!value || !/^\d{1,9}$/.test(value)) notFound();
  return Number(value);
}

/** Staff change a ticket's type (question ↔ paid service ↔ bug report) with a reason; logged time is re-split. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "update:ticket:any");
  const number = ticketNumber(params.number);
  try {
    const ticket = await findTicket(db, user, number);
    return { ticket: { number: ticket.number, subject: ticket.subject, type: ticket.type }, info: await ticketServiceInfo(user, number) };
  } catch (error) {
    throw handleAppError(error);
  }
}

type Result =
  | { ok: true; toType: string; split: { free: number; prepaid: number; billable: number; notCharged: number } }
  | ActionResult<{ ok: false; values: Record<string, string> }>;

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "update:ticket:any");
  const number = ticketNumber(params.number);
  const parsed = parseForm(reclassifySchema, await request.formData());
  if (!parsed.ok) return data<Result>({ ok: false, formError: "", fieldErrors: parsed.fieldErrors, values: parsed.values }, { status: 400 });
  try {
    const done = await reclassifyTicket(user, number, parsed.data);
    return data<Result>({ ok: true, toType: done.toType, split: done.splitAfter });
  } catch (error) {
    const failure = handleAppError(error, parsed.values);
    return data<Result>({ ok: false, formError: failure.data.formError, fieldErrors: failure.data.fieldErrors, values: parsed.values }, failure.init ?? undefined);
  }
}

/** Breadcrumbs above the heading (the shell draws them). */
export const handle = breadcrumbs<typeof loader>((d, { t }) => [{ to: "/desk/tickets", label: t("nav.queues") }, { to: `/desk/tickets/${d.ticket.number}`, label: `#${d.ticket.number}` }, { label: t("crumbs.type") }]);

export default function ReclassifyTicket() {
  const { ticket, info } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as Result | undefined;
  const { t } = useI18n();
  const failed = result && !result.ok ? result : undefined;
  const typeName = (type: string) => t(`ticket.type.${type}` as MessageKey);
  return (
    <>
      <BackToTicket ticket={ticket} />
      <h1>{t("services.reclassify.title", { number: ticket.number })}</h1>
      {result?.ok ? <Notice>{t("services.reclassify.done", { type: typeName(result.toType), split: formatSplit(t, result.split) || t("services.ticket.noTime") })}</Notice> : null}
      <p className="muted">{t("services.reclassify.intro")}</p>
      <p>{t("services.reclassify.current", { type: typeName(ticket.type) })}</p>
      <AppForm method="post" className="card" schema={reclassifySchema} result={failed}>
        <SelectField label={t("services.reclassify.type")} name="type" required defaultValue={failed?.values.type ?? RECLASSIFY_TYPES.find((x) => x !== ticket.type)}>
          {RECLASSIFY_TYPES.map((type) => (
            <option key={type} value={type} disabled={type === ticket.type}>
              {typeName(type)}
            </option>
          ))}
        </SelectField>
        <TextAreaField label={t("services.reclassify.reason")} name="reason" rows={3} required defaultValue={failed?.values.reason} />
        <SubmitButton>{t("services.reclassify.submit")}</SubmitButton>
      </AppForm>
      <TicketServicePanel info={info} />
    </>
  );
}
