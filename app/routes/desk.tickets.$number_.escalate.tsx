import { pageTitle } from "~/utils/i18n";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import type { FieldErrors } from "~/utils/messages";
import { useActionData, useLoaderData } from "@remix-run/react";
import { AppForm, SubmitButton } from "~/components/app-form";
import { Notice, TextAreaField } from "~/components/forms";
import { useI18n } from "~/components/i18n";
import { BackToTicket } from "~/components/tickets/ticket-ui";
import { can } from "~/modules/accounts/permissions";
import { escalateTicket } from "~/modules/quality/complaints.server";
import { findTicket } from "~/modules/tickets/tickets.server";
import { requireStaff } from "~/modules/accounts/auth.server";
import { db } from "~/utils/db.server";
import { handleAppError, notFound } from "~/utils/errors.server";
import { breadcrumbs } from "~/components/breadcrumbs";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "title.escalateToQuality") }];

function ticketNumber(value: string | undefined): number {
  if (!value || !/^\d{1,9}$/.test(value)) notFound();
  return Number(value);
}

async function requireEscalator(request: Request) {
  const user = await requireStaff(request);
  if (!can(user, "escalate:ticket:any") && !can(user, "update:complaint:any")) throw new Response("Forbidden", { status: 403 });
  return user;
}

/** "Escalate to quality": a staff member hands a ticket to the quality team with a note. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireEscalator(request);
  try {
    const ticket = await findTicket(db, user, ticketNumber(params.number));
    return { ticket: { number: ticket.number, subject: ticket.subject } };
  } catch (error) {
    throw handleAppError(error);
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireEscalator(request);
  const note = String((await request.formData()).get("note") ?? "");
  try {
    await escalateTicket(user, ticketNumber(params.number), note);
    return { ok: true as const, formError: "", fieldErrors: {} as FieldErrors, note: "" };
  } catch (error) {
    const failure = handleAppError(error);
    return data({ ok: false as const, formError: failure.data.formError, fieldErrors: failure.data.fieldErrors, note }, failure.init ?? undefined);
  }
}

/** Breadcrumbs above the heading (the shell draws them). */
export const handle = breadcrumbs<typeof loader>((d, { t }) => [{ to: "/desk/tickets", label: t("nav.queues") }, { to: `/desk/tickets/${d.ticket.number}`, label: `#${d.ticket.number}` }, { label: t("crumbs.escalate") }]);

export default function EscalateTicket() {
  const { ticket } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useI18n();
  return (
    <>
      <BackToTicket ticket={ticket} />
      <h1>{t("escalate.title", { number: ticket.number })}</h1>
      {result?.ok ? (
        <Notice>{t("escalate.done")}</Notice>
      ) : (
        <>
          <p className="muted">{t("escalate.intro")}</p>
          <AppForm method="post" className="card" result={result}>
            <TextAreaField label={t("escalate.note")} name="note" hint={t("escalate.noteHint")} rows={6} required defaultValue={result?.note} />
            <SubmitButton>{t("escalate.submit")}</SubmitButton>
          </AppForm>
        </>
      )}
    </>
  );
}
