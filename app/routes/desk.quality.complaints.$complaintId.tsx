import { data, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import type { FieldErrors, FormMessage } from "~/utils/messages";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect, useRef, type ReactNode } from "react";
import { z } from "zod";
import { FormError, Notice, SelectField, TextAreaField, TextField } from "~/components/forms";
import { useI18n } from "~/components/i18n";
import { ComplaintStatusBadge, DeadlineBadge, OutcomeText } from "~/components/quality/complaint-badges";
import qualityStyles from "../components/quality/quality.css?url";
import { AttachmentLinks, PriorityBadge, StatusBadge } from "~/components/tickets/ticket-ui";
import ticketStyles from "../components/tickets/tickets.css?url";
import type { MessageKey } from "~/locales/en";
import { COMPLAINT_OUTCOMES, type ComplaintOutcome } from "~/modules/quality/complaint-state";
import { CSAT_RATING_KEYS } from "~/modules/quality/csat";
import {
  advanceComplaint,
  assignComplaint,
  complaintSummary,
  qualityStaffChoices,
  recordFindings,
} from "~/modules/quality/complaints.server";
import { investigationTickets, type InvestigationTicket } from "~/modules/quality/investigation.server";
import { shareQualityNote } from "~/modules/quality/quality-notes.server";
import { describeRemedy, remedySchema } from "~/modules/quality/remedies";
import { applyRemedy, remedyChoices } from "~/modules/quality/remedies.server";
import { rootCauseLabel } from "~/modules/quality/root-causes";
import { formatFileSize } from "~/modules/tickets/file-types";
import { requirePermission } from "~/modules/accounts/auth.server";
import { handleAppError } from "~/utils/errors.server";
import { formValues } from "~/utils/forms";
import { breadcrumbs } from "~/components/breadcrumbs";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.complaint.subject} · Quality · Keydesk` : "Complaint · Keydesk" }];
export const links: LinksFunction = () => [
  { rel: "stylesheet", href: ticketStyles },
  { rel: "stylesheet", href: qualityStyles },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:complaint:any");
  const id = params.complaintId ?? "";
  try {
    const now = new Date();
    const summary = await complaintSummary(user, id, now);
    const [tickets, choices, staff] = await Promise.all([
      investigationTickets(user, id),
      summary.canApplyRemedy ? remedyChoices(user, id) : Promise.resolve(null),
      qualityStaffChoices(),
    ]);
    const { complaint, state } = summary;
    return {
      complaint: {
        id: complaint.id,
        subject: complaint.subject,
        description: complaint.description,
        status: complaint.status,
        raisedByStaff: complaint.raisedByStaff,
        rootCauses: complaint.rootCauses,
        correctiveActions: complaint.correctiveActions,
        createdAt: complaint.createdAt,
      },
      state: { answers: state.answers, customerReply: state.customerReply, acknowledgedAt: state.acknowledgedAt },
      organisation: summary.organisation,
      author: summary.author,
      assignee: summary.assignee,
      files: summary.files,
      remedies: summary.remedies.map((r) => ({
        id: r.id,
        type: r.type,
        text: r.remedy ? describeRemedy(r.remedy, user.locale) : r.type,
        effect: (r.details.effect ?? null) as Record<string, unknown> | null,
        appliedAt: r.appliedAt,
        appliedByName: r.appliedByName,
      })),
      rootCauses: summary.rootCauses,
      deadlines: summary.deadlines,
      allowed: summary.allowed,
      canUpdate: summary.canUpdate,
      canApplyRemedy: summary.canApplyRemedy,
      tickets,
      choices,
      staff,
    };
  } catch (error) {
    throw handleAppError(error);
  }
}

const step = z.object({ intent: z.enum(["acknowledge", "startInvestigation", "close"]) });
const answerSchema = z.object({ outcome: z.enum(COMPLAINT_OUTCOMES), text: z.string().default("") });
const assignSchema = z.object({ assigneeId: z.string().default("") });
const noteSchema = z.object({ ticketId: z.string().default(""), body: z.string().default("") });

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
    if (step.safeParse({ intent }).success) {
      await advanceComplaint(user, id, { type: intent as "acknowledge" | "startInvestigation" | "close" });
    } else if (intent === "answer") {
      const parsed = answerSchema.safeParse(fields);
      if (!parsed.success) return result({ fieldErrors: { outcome: ["complaint.error.chooseDecision"] } }, 400);
      await advanceComplaint(user, id, { type: "answer", outcome: parsed.data.outcome as ComplaintOutcome, text: parsed.data.text });
    } else if (intent === "findings") {
      const rootCauses = form.getAll("rootCauses").filter((v): v is string => typeof v === "string");
      await recordFindings(user, id, { rootCauses, correctiveActions: String(form.get("correctiveActions") ?? "") });
    } else if (intent === "assign") {
      const parsed = assignSchema.parse(fields);
      await assignComplaint(user, id, parsed.assigneeId || null);
    } else if (intent === "note") {
      const parsed = noteSchema.parse(fields);
      await shareQualityNote(user, id, parsed.ticketId, parsed.body);
    } else if (intent === "remedy") {
      const parsed = remedySchema.safeParse(fields);
      if (!parsed.success) {
        const fieldErrors: Record<string, string[]> = {};
        for (const issue of parsed.error.issues) (fieldErrors[issue.path.join(".") || "_form"] ??= []).push(issue.message);
        return result({ formError: "Check the remedy's fields.", fieldErrors }, 400);
      }
      await applyRemedy(user, id, parsed.data);
    } else {
      throw new Response("Bad request", { status: 400 });
    }
    return result({});
  } catch (error) {
    const failure = handleAppError(error, values);
    return result({ formError: failure.data.formError, fieldErrors: failure.data.fieldErrors }, failure.init?.status ?? 400);
  }
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

/** Breadcrumbs above the heading (the shell draws them). */
export const handle = breadcrumbs<typeof loader>((d, { t }) => [{ to: "/desk/quality", label: t("nav.complaints") }, { label: d.complaint.subject }]);

export default function ComplaintWorkspace() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t, dateTime, locale } = useI18n();
  const busy = navigation.state !== "idle";
  const failed = result && !result.ok ? result : null;
  const errorsFor = (intent: string) => (failed?.intent === intent ? failed.fieldErrors : {});
  const answering = d.allowed.includes("answer");
  const remediesOpen = d.complaint.status === "acknowledged" || d.complaint.status === "investigating";
  return (
    <>
      <p>
        <Link to="/desk/quality">← {t("workspace.back")}</Link>
      </p>
      <div className="ticket-head">
        <h1>{d.complaint.subject}</h1>
        <ComplaintStatusBadge status={d.complaint.status} />
        {d.complaint.raisedByStaff ? <span className="badge">{t("quality.staffRaised")}</span> : null}
      </div>
      {result?.ok ? <Notice>{t("workspace.done")}</Notice> : null}
      <FormError message={failed?.formError} />
      {d.complaint.raisedByStaff ? <p className="alert alert-warn">{t("workspace.internalComplaint")}</p> : null}

      <div className="workspace">
        <div>
          <section className="card" aria-labelledby="claim-title">
            <h2 id="claim-title" style={{ marginTop: 0 }}>
              {t("workspace.claim")}
            </h2>
            <p className="muted">
              {t("workspace.from")}: {d.author?.name ?? "—"} ({d.organisation.name}) · {dateTime(d.complaint.createdAt)}
            </p>
            <p className="pre-wrap">{d.complaint.description}</p>
            {d.files.length > 0 ? (
              <ul className="attachment-list" aria-label={t("workspace.files")}>
                {d.files.map((f) => (
                  <li key={f.id}>
                    <a href={`/desk/quality/complaints/${d.complaint.id}/files/${f.id}`}>
                      {f.fileName} <span className="muted">({formatFileSize(f.size)})</span>
                    </a>
                  </li>
                ))}
              </ul>
            ) : null}
          </section>

          {d.state.answers.length > 0 || d.state.customerReply ? (
            <section className="card" aria-labelledby="answers-title">
              <h2 id="answers-title" style={{ marginTop: 0 }}>
                {t("workspace.answers")}
              </h2>
              {d.state.answers.map((a, i) => (
                <div key={i} className="answer-box">
                  <p>
                    <strong>
                      <OutcomeText outcome={a.outcome} />
                    </strong>{" "}
                    <span className="muted">{dateTime(a.answeredAt)}</span>
                  </p>
                  <p className="pre-wrap">{a.text}</p>
                </div>
              ))}
              {d.state.customerReply ? (
                <div className="reply-box">
                  <p>
                    <strong>{t("workspace.customerReply")}</strong> <span className="muted">{dateTime(d.state.customerReply.repliedAt)}</span>
                  </p>
                  <p className="pre-wrap">{d.state.customerReply.text}</p>
                </div>
              ) : null}
            </section>
          ) : null}

          <h2>{t("workspace.tickets")}</h2>
          {d.tickets.map((ticket) => (
            <TicketDossier key={ticket.id} ticket={ticket} canShare={d.canUpdate && d.complaint.status !== "closed"} errors={errorsFor("note")} busy={busy} />
          ))}
        </div>

        <aside className="side" aria-label={t("workspace.title")}>
          <section className="card" aria-labelledby="deadlines-title">
            <h2 id="deadlines-title">{t("workspace.deadlines")}</h2>
            <ul className="deadline-list">
              {d.deadlines.map((dl) => (
                <li key={dl.clock}>
                  <DeadlineBadge clock={dl.clock} status={dl.status} at={dl.metAt ?? dl.dueAt} />
                </li>
              ))}
            </ul>
            {d.canUpdate && d.allowed.some((a) => a !== "answer") ? (
              <div className="inline-form" style={{ marginTop: 10 }}>
                {d.allowed.includes("acknowledge") ? <StepButton intent="acknowledge" label={t("workspace.acknowledge")} busy={busy} /> : null}
                {d.allowed.includes("startInvestigation") ? <StepButton intent="startInvestigation" label={t("workspace.startInvestigation")} busy={busy} /> : null}
                {d.allowed.includes("close") ? <StepButton intent="close" label={t("workspace.close")} busy={busy} secondary /> : null}
              </div>
            ) : null}
          </section>

          {d.canUpdate ? (
            <section className="card" aria-labelledby="owner-title">
              <h2 id="owner-title">{t("workspace.owner")}</h2>
              <Form method="post" className="inline-form">
                <input type="hidden" name="intent" value="assign" />
                <SelectField label={t("workspace.owner")} name="assigneeId" defaultValue={d.assignee?.id ?? ""} errors={errorsFor("assign").assigneeId}>
                  <option value="">{t("workspace.unassigned")}</option>
                  {d.staff.map((s) => (
                    <option key={s.id} value={s.id}>
                      {s.name}
                    </option>
                  ))}
                </SelectField>
                <button type="submit" className="secondary" disabled={busy}>
                  {t("workspace.assign")}
                </button>
              </Form>
            </section>
          ) : null}

          <section className="card" aria-labelledby="findings-title">
            <h2 id="findings-title">{t("workspace.findings")}</h2>
            {d.canUpdate && d.complaint.status !== "closed" ? (
              <Form method="post">
                <input type="hidden" name="intent" value="findings" />
                <fieldset>
                  <legend>{t("workspace.rootCauses")}</legend>
                  {d.rootCauses
                    .filter((c) => !c.archived || d.complaint.rootCauses.includes(c.code))
                    .map((c) => (
                      <label key={c.code} style={{ display: "block", fontWeight: "normal" }}>
                        <input type="checkbox" name="rootCauses" value={c.code} defaultChecked={d.complaint.rootCauses.includes(c.code)} /> {c[locale]}
                      </label>
                    ))}
                  {errorsFor("findings").rootCauses ? <p className="field-error">{errorsFor("findings").rootCauses!.join(" ")}</p> : null}
                </fieldset>
                <TextAreaField
                  label={t("workspace.correctiveActions")}
                  name="correctiveActions"
                  hint={t("workspace.correctiveHint")}
                  rows={4}
                  defaultValue={d.complaint.correctiveActions}
                  errors={errorsFor("findings").correctiveActions}
                />
                <button type="submit" className="secondary" disabled={busy}>
                  {t("workspace.saveFindings")}
                </button>
              </Form>
            ) : (
              <>
                <p>
                  {t("workspace.rootCauses")}:{" "}
                  {d.complaint.rootCauses.length ? d.complaint.rootCauses.map((c) => rootCauseLabel(d.rootCauses, c, locale)).join(", ") : t("rootCauses.none")}
                </p>
                {d.complaint.correctiveActions ? <p className="pre-wrap">{d.complaint.correctiveActions}</p> : null}
              </>
            )}
          </section>

          <RemediesPanel d={d} busy={busy} errors={errorsFor("remedy")} open={remediesOpen} />

          {d.canUpdate && answering ? <AnswerForm raisedByStaff={d.complaint.raisedByStaff} busy={busy} errors={errorsFor("answer")} values={failed?.intent === "answer" ? failed.values : {}} /> : null}
        </aside>
      </div>
    </>
  );
}

function StepButton({ intent, label, busy, secondary }: { intent: string; label: string; busy: boolean; secondary?: boolean }) {
  return (
    <Form method="post" className="inline">
      <input type="hidden" name="intent" value={intent} />
      <button type="submit" className={secondary ? "secondary" : undefined} disabled={busy}>
        {label}
      </button>
    </Form>
  );
}

function AnswerForm({ raisedByStaff, busy, errors, values }: { raisedByStaff: boolean; busy: boolean; errors: FieldErrors; values: Record<string, string> }) {
  const { t } = useI18n();
  return (
    <section className="card" aria-labelledby="answer-title">
      <h2 id="answer-title">{raisedByStaff ? t("workspace.answerStaff") : t("workspace.answerTitle")}</h2>
      <Form method="post" noValidate>
        <input type="hidden" name="intent" value="answer" />
        <fieldset aria-invalid={errors.outcome ? true : undefined}>
          <legend>{t("complaints.outcome")}</legend>
          {COMPLAINT_OUTCOMES.map((o) => (
            <label key={o} style={{ display: "block", fontWeight: "normal" }}>
              <input type="radio" name="outcome" value={o} defaultChecked={values.outcome === o} /> {t(`complaint.outcome.${o}` as MessageKey)}
            </label>
          ))}
          {errors.outcome ? <p className="field-error">{errors.outcome.join(" ")}</p> : null}
        </fieldset>
        <TextAreaField label={t("workspace.answerText")} name="text" hint={t("workspace.answerHint")} rows={8} required defaultValue={values.text} errors={errors.text} />
        <button type="submit" disabled={busy}>
          {t("workspace.sendAnswer")}
        </button>
      </Form>
    </section>
  );
}

function RemediesPanel({ d, busy, errors, open }: { d: LoaderData; busy: boolean; errors: FieldErrors; open: boolean }) {
  const { t, dateTime, date } = useI18n();
  const choices = d.choices;
  return (
    <section className="card" aria-labelledby="remedies-title">
      <h2 id="remedies-title">{t("workspace.remedies")}</h2>
      {d.remedies.length === 0 ? (
        <p className="muted">{t("workspace.noRemedies")}</p>
      ) : (
        <ul className="plain-list">
          {d.remedies.map((r) => (
            <li key={r.id}>
              <strong>{r.text}</strong>
              {r.type === "extend_support" && typeof r.effect?.supportUntil === "string" ? (
                <> — {t("workspace.supportUntil", { date: date(r.effect.supportUntil) })}</>
              ) : null}
              <br />
              <span className="muted">{t("workspace.appliedBy", { name: r.appliedByName ?? "—", date: dateTime(r.appliedAt) })}</span>
            </li>
          ))}
        </ul>
      )}
      {!d.canApplyRemedy || !choices ? null : !open ? (
        <p className="muted">{t("workspace.remediesClosed")}</p>
      ) : (
        <>
          <p className="hint">{t("workspace.remediesHint")}</p>
          <h3>{t("workspace.extendSupport")}</h3>
          {choices.licences.length === 0 ? (
            <p className="muted">{t("workspace.noLicences")}</p>
          ) : (
            <RemedyForm type="extend_support" busy={busy}>
              <SelectField label={t("workspace.licence")} name="licenceId" errors={errors.licenceId} defaultValue={choices.preselectedLicenceId ?? undefined}>
                {choices.licences.map((l) => (
                  <option key={l.id} value={l.id}>
                    {l.label} ({t("workspace.supportUntil", { date: date(l.supportUntil) })})
                  </option>
                ))}
              </SelectField>
              <TextField label={t("workspace.days")} name="days" type="number" min={1} max={3650} defaultValue="30" required errors={errors.days} />
            </RemedyForm>
          )}
          <h3>{t("workspace.creditPrepaid")}</h3>
          <RemedyForm type="credit_prepaid" busy={busy}>
            <input type="hidden" name="organisationId" value={choices.organisationId} />
            <TextField label={t("workspace.minutes")} name="minutes" type="number" min={1} defaultValue="60" required errors={errors.minutes} />
          </RemedyForm>
          <h3>{t("workspace.cancelBillable")}</h3>
          {choices.timeEntries.length === 0 ? (
            <p className="muted">{t("workspace.noBillable")}</p>
          ) : (
            <RemedyForm type="cancel_billable" busy={busy}>
              <SelectField label={t("workspace.timeEntry")} name="timeEntryId" errors={errors.timeEntryId}>
                {choices.timeEntries.map((e) => (
                  <option key={e.id} value={e.id}>
                    #{e.ticketNumber} · {dateTime(e.startedAt)} · {e.billableMinutes} / {e.minutes} min {e.note ? `· ${e.note.slice(0, 40)}` : ""}
                  </option>
                ))}
              </SelectField>
            </RemedyForm>
          )}
          <h3>{t("workspace.reassign")}</h3>
          <RemedyForm type="reassign_ticket" busy={busy}>
            <SelectField label={t("workspace.ticket")} name="ticketId" errors={errors.ticketId}>
              {choices.tickets.map((tk) => (
                <option key={tk.id} value={tk.id}>
                  #{tk.number}
                </option>
              ))}
            </SelectField>
            <SelectField label={t("workspace.assignee")} name="assigneeId" errors={errors.assigneeId}>
              {choices.engineers.map((e) => (
                <option key={e.id} value={e.id}>
                  {e.name}
                </option>
              ))}
            </SelectField>
          </RemedyForm>
        </>
      )}
    </section>
  );
}

/** One remedy: its own fields, the hidden intent and type, and the shared "Apply" button. */
function RemedyForm({ type, busy, children }: { type: string; busy: boolean; children: ReactNode }) {
  const { t } = useI18n();
  return (
    <Form method="post">
      <input type="hidden" name="intent" value="remedy" />
      <input type="hidden" name="type" value={type} />
      {children}
      <button type="submit" className="secondary" disabled={busy}>
        {t("workspace.apply")}
      </button>
    </Form>
  );
}

function TicketDossier({ ticket, canShare, errors, busy }: { ticket: InvestigationTicket; canShare: boolean; errors: FieldErrors; busy: boolean }) {
  const { t, dateTime } = useI18n();
  const formRef = useRef<HTMLFormElement>(null);
  const navigation = useNavigation();
  useEffect(() => {
    if (navigation.state === "idle") formRef.current?.reset();
  }, [navigation.state, ticket.qualityNotes.length]);
  const headingId = `ticket-${ticket.number}`;
  return (
    <section className="ticket-dossier" aria-labelledby={headingId}>
      <h3 id={headingId}>
        #{ticket.number} {ticket.subject}
      </h3>
      <p>
        <StatusBadge status={ticket.status} /> <PriorityBadge priority={ticket.priority} /> <span className="badge">{t(`ticket.type.${ticket.type}` as MessageKey)}</span>{" "}
        <a href={`/desk/tickets/${ticket.number}`}>{t("workspace.openOnDesk")}</a>
      </p>
      <dl className="facts">
        <dt>{t("workspace.requester")}</dt>
        <dd>{ticket.requesterName}</dd>
        <dt>{t("workspace.engineer")}</dt>
        <dd>{ticket.assigneeName ?? "—"}</dd>
        <dt>{t("workspace.product")}</dt>
        <dd>{ticket.productName ?? "—"}</dd>
        <dt>{t("workspace.licence")}</dt>
        <dd>{ticket.licenceKey ?? "—"}</dd>
        {ticket.siteAddress ? (
          <>
            <dt>{t("workspace.site")}</dt>
            <dd>{ticket.siteAddress}</dd>
          </>
        ) : null}
        <dt>{t("workspace.received")}</dt>
        <dd>{dateTime(ticket.createdAt)}</dd>
      </dl>
      <h4>{t("workspace.descriptionOfTicket")}</h4>
      <p className="pre-wrap">{ticket.description}</p>
      {ticket.stepsToReproduce ? (
        <>
          <h4>{t("workspace.steps")}</h4>
          <p className="pre-wrap">{ticket.stepsToReproduce}</p>
        </>
      ) : null}
      <AttachmentLinks files={ticket.otherFiles} />

      <h4>{t("workspace.conversation")}</h4>
      {ticket.messages.length === 0 ? (
        <p className="muted">{t("workspace.noMessages")}</p>
      ) : (
        <ol className="messages">
          {ticket.messages.map((m) => (
            <li key={m.id} className={m.internal ? "internal" : m.fromStaff ? "staff" : undefined}>
              <header>
                <strong>{m.authorName}</strong> · {dateTime(m.createdAt)} ·{" "}
                {m.internal ? <span className="badge internal">{t("workspace.internal")}</span> : <span className="muted">{t("workspace.public")}</span>}
              </header>
              <p className="pre-wrap" style={{ margin: 0 }}>
                {m.body}
              </p>
              <AttachmentLinks files={m.files} />
            </li>
          ))}
        </ol>
      )}

      <h4>{t("workspace.time")}</h4>
      {ticket.timeEntries.length === 0 ? (
        <p className="muted">{t("workspace.noTime")}</p>
      ) : (
        <div className="table-wrap">
          <table className="compact">
            <thead>
              <tr>
                <th scope="col">{t("workspace.received")}</th>
                <th scope="col">{t("workspace.engineer")}</th>
                <th scope="col">{t("workspace.minutes")}</th>
                <th scope="col">{t("workspace.split")}</th>
              </tr>
            </thead>
            <tbody>
              {ticket.timeEntries.map((e) => (
                <tr key={e.id}>
                  <td>{dateTime(e.startedAt)}</td>
                  <td>{e.engineerName}</td>
                  <td>
                    {e.minutes}
                    {e.note ? <div className="muted">{e.note}</div> : null}
                  </td>
                  <td>
                    {e.freeMinutes} / {e.prepaidMinutes} / {e.billableMinutes} / {e.notChargedMinutes}
                    {e.billableCancelledAt ? <> <span className="badge ok">{t("workspace.cancelled")}</span></> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <h4>{t("workspace.sla")}</h4>
      {ticket.slaEvents.length === 0 ? (
        <p className="muted">{t("workspace.noSla")}</p>
      ) : (
        <ul className="history">
          {ticket.slaEvents.map((e) => (
            <li key={e.id}>
              {dateTime(e.at)} — {t(`sla.clock.${e.clock}` as MessageKey)}: {t(`sla.event.${e.type}` as MessageKey)}
            </li>
          ))}
        </ul>
      )}

      <h4>{t("workspace.csat")}</h4>
      {ticket.csat ? (
        <>
          <ul className="history">
            {CSAT_RATING_KEYS.map((k) => (
              <li key={k}>
                {t(`csat.${k}` as MessageKey)}: <strong className={ticket.csat![k] <= 2 ? "badge danger" : undefined}>{ticket.csat![k]}/5</strong>
              </li>
            ))}
          </ul>
          {ticket.csat.comment ? <p className="pre-wrap">{ticket.csat.comment}</p> : null}
          <p className="muted">{t("csat.ratedBy", { name: ticket.csat.authorName, date: dateTime(ticket.csat.submittedAt) })}</p>
        </>
      ) : (
        <p className="muted">{t("workspace.noCsat")}</p>
      )}

      <h4>{t("workspace.notes")}</h4>
      <p className="hint">{t("workspace.noteHint")}</p>
      {ticket.qualityNotes.length > 0 ? (
        <ul className="plain-list">
          {ticket.qualityNotes.map((n) => (
            <li key={n.id}>
              <p className="pre-wrap" style={{ margin: 0 }}>
                {n.body}
              </p>
              <span className="muted">{t("notes.by", { name: n.authorName, date: dateTime(n.createdAt) })}</span>
            </li>
          ))}
        </ul>
      ) : null}
      {canShare ? (
        <Form method="post" ref={formRef}>
          <input type="hidden" name="intent" value="note" />
          <input type="hidden" name="ticketId" value={ticket.id} />
          <TextAreaField label={`${t("workspace.shareNote")} (#${ticket.number})`} name="body" rows={3} errors={errors.body} />
          <button type="submit" className="secondary" disabled={busy}>
            {t("workspace.shareNote")}
          </button>
        </Form>
      ) : null}
    </section>
  );
}
