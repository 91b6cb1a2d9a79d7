import { complaintSubjectIn } from "~/modules/quality/complaint-form";
import { matchesLocale, pageTitle } from "~/utils/i18n";
import { data, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import type { FieldErrors, FormMessage } from "~/utils/messages";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { FormError, Notice } from "~/components/forms";
import { useI18n } from "~/components/i18n";
import { AnswerForm } from "~/components/complaint/answer-form";
import { ComplaintAnswers, ComplaintClaim } from "~/components/complaint/complaint-claim";
import { DeadlinesPanel, OwnerPanel } from "~/components/complaint/complaint-steps";
import { FindingsPanel } from "~/components/complaint/findings-panel";
import { RemediesPanel } from "~/components/complaint/remedies-panel";
import { TicketDossier } from "~/components/complaint/ticket-dossier";
import { ComplaintStatusBadge } from "~/components/quality/complaint-badges";
import qualityStyles from "../components/quality/quality.css?url";
import ticketStyles from "../components/tickets/tickets.css?url";
import { complaintAnswerSchema, complaintAssignSchema, isComplaintStep, parseRemedyForm, qualityNoteSchema } from "~/modules/quality/complaint-actions";
import { complaintWorkspace } from "~/modules/quality/complaint-workspace.server";
import { advanceComplaint, assignComplaint, recordFindings } from "~/modules/quality/complaints.server";
import { shareQualityNote } from "~/modules/quality/quality-notes.server";
import { applyRemedy } from "~/modules/quality/remedies.server";
import { requirePermission } from "~/modules/accounts/auth.server";
import { handleAppError } from "~/utils/errors.server";
import { formValues, parseForm } from "~/utils/forms";
import { breadcrumbs } from "~/components/breadcrumbs";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  data ? [{ title: `${complaintSubjectIn(data.complaint.subject, matchesLocale(matches))} · Keydesk` }] : [{ title: pageTitle(matches, "nav.complaints") }];
export const links: LinksFunction = () => [
  { rel: "stylesheet", href: ticketStyles },
  { rel: "stylesheet", href: qualityStyles },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:complaint:any");
  try {
    return await complaintWorkspace(user, params.complaintId ?? "");
  } catch (error) {
    throw handleAppError(error);
  }
}

type Result = { ok: boolean; intent: string; formError: FormMessage; fieldErrors: FieldErrors; values: Record<string, string> };

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "read:complaint:any");
  const id = params.complaintId ?? "";
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const values = formValues(form);
  const result = (r: Partial<Result>, status = 200) => data<Result>({ ok: status < 400, intent, formError: "", fieldErrors: {}, values: status < 400 ? {} : values, ...r }, { status });
  const fields = Object.fromEntries(form);
  try {
    if (isComplaintStep(intent)) {
      await advanceComplaint(user, id, { type: intent });
    } else if (intent === "answer") {
      const parsed = parseForm(complaintAnswerSchema, form);
      if (!parsed.ok) return result({ fieldErrors: parsed.fieldErrors }, 400);
      await advanceComplaint(user, id, { type: "answer", outcome: parsed.data.outcome, text: parsed.data.text });
    } else if (intent === "findings") {
      const rootCauses = form.getAll("rootCauses").filter((v): v is string => typeof v === "string");
      await recordFindings(user, id, { rootCauses, correctiveActions: String(form.get("correctiveActions") ?? "") });
    } else if (intent === "assign") {
      await assignComplaint(user, id, complaintAssignSchema.parse(fields).assigneeId || null);
    } else if (intent === "note") {
      const note = qualityNoteSchema.parse(fields);
      await shareQualityNote(user, id, note.ticketId, note.body);
    } else if (intent === "remedy") {
      const parsed = parseRemedyForm(fields);
      if (!parsed.ok) return result({ formError: "complaint.error.checkRemedy", fieldErrors: parsed.fieldErrors }, 400);
      await applyRemedy(user, id, parsed.remedy);
    } else {
      throw new Response("Bad request", { status: 400 });
    }
    return result({});
  } catch (error) {
    const failure = handleAppError(error, values);
    return result({ formError: failure.data.formError, fieldErrors: failure.data.fieldErrors }, failure.init?.status ?? 400);
  }
}

/** Breadcrumbs above the heading (the shell draws them). */
export const handle = breadcrumbs<typeof loader>((d, { t, locale }) => [{ to: "/desk/quality", label: t("nav.complaints") }, { label: complaintSubjectIn(d.complaint.subject, locale) }]);

export default function ComplaintWorkspace() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, locale } = useI18n();
  const failed = result && !result.ok ? result : null;
  const answering = d.allowed.includes("answer");
  const remediesOpen = d.complaint.status === "acknowledged" || d.complaint.status === "investigating";
  return (
    <>
      <p>
        <Link to="/desk/quality">← {t("workspace.back")}</Link>
      </p>
      <div className="ticket-head">
        <h1>{complaintSubjectIn(d.complaint.subject, locale)}</h1>
        <ComplaintStatusBadge status={d.complaint.status} />
        {d.complaint.raisedByStaff ? <span className="badge">{t("quality.staffRaised")}</span> : null}
      </div>
      {result?.ok ? <Notice>{t("workspace.done")}</Notice> : null}
      {/* The error of any of the page's forms, said in one place. */}
      <FormError message={failed?.formError} />
      {d.complaint.raisedByStaff ? <p className="alert alert-warn">{t("workspace.internalComplaint")}</p> : null}

      <div className="workspace">
        <div>
          <ComplaintClaim d={d} />
          <ComplaintAnswers state={d.state} />

          <h2>{t("workspace.tickets")}</h2>
          {d.tickets.map((ticket) => (
            <TicketDossier key={ticket.id} ticket={ticket} canShare={d.canUpdate && d.complaint.status !== "closed"} result={result} />
          ))}
        </div>

        <aside className="side" aria-label={t("workspace.title")}>
          <DeadlinesPanel d={d} />
          {d.canUpdate ? <OwnerPanel d={d} result={result} /> : null}
          <FindingsPanel d={d} result={result} />
          <RemediesPanel d={d} result={result} open={remediesOpen} />

          {d.canUpdate && answering ? <AnswerForm raisedByStaff={d.complaint.raisedByStaff} result={result} /> : null}
        </aside>
      </div>
    </>
  );
}
