import { complaintSubjectIn } from "~/modules/quality/complaint-form";
import { matchesLocale, pageTitle } from "~/utils/i18n";
import { data, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import type { FieldErrors } from "~/utils/messages";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { AppForm, SubmitButton } from "~/components/app-form";
import { z } from "zod";
import { FormError, Notice, TextAreaField } from "~/components/forms";
import { useI18n } from "~/components/i18n";
import { ComplaintStatusBadge, OutcomeText } from "~/components/quality/complaint-badges";
import qualityStyles from "../components/quality/quality.css?url";
import { acceptComplaintAnswer, getCustomerComplaint, replyToComplaint } from "~/modules/quality/complaints.server";
import { formatFileSize } from "~/modules/tickets/file-types";
import { requireCustomer } from "~/modules/accounts/auth.server";
import { handleAppError } from "~/utils/errors.server";
import { breadcrumbs } from "~/components/breadcrumbs";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  data ? [{ title: `${complaintSubjectIn(data.complaint.subject, matchesLocale(matches))} · Keydesk` }] : [{ title: pageTitle(matches, "nav.complaints") }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: qualityStyles }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireCustomer(request);
  try {
    return { complaint: await getCustomerComplaint(user, params.complaintId ?? "", user.locale) };
  } catch (error) {
    throw handleAppError(error);
  }
}

const actionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("reply"), text: z.string().default("") }),
  z.object({ intent: z.literal("accept") }),
]);

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireCustomer(request);
  const parsed = actionSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) throw new Response("Bad request", { status: 400 });
  try {
    if (parsed.data.intent === "reply") await replyToComplaint(user, params.complaintId ?? "", parsed.data.text);
    else await acceptComplaintAnswer(user, params.complaintId ?? "");
    return { ok: true as const, intent: parsed.data.intent, formError: "", fieldErrors: {} as FieldErrors };
  } catch (error) {
    const failure = handleAppError(error, parsed.data.intent === "reply" ? { text: parsed.data.text } : {});
    return data({ ok: false as const, intent: parsed.data.intent, formError: failure.data.formError, fieldErrors: failure.data.fieldErrors, values: failure.data.values }, failure.init ?? undefined);
  }
}

/** Breadcrumbs above the heading (the shell draws them). */
export const handle = breadcrumbs<typeof loader>((d, { t, locale }) => [{ to: "/portal/complaints", label: t("nav.complaints") }, { label: complaintSubjectIn(d.complaint.subject, locale) }]);

export default function CustomerComplaint() {
  const { complaint } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { t, dateTime, date, locale } = useI18n();
  const latest = complaint.answers.at(-1) ?? null;
  const earlier = complaint.answers.slice(0, -1);
  return (
    <>
      <p>
        <Link to="/portal/complaints">← {t("complaints.title")}</Link>
      </p>
      {params.get("filed") ? <Notice>{t("complaints.received")}</Notice> : null}
      {result?.ok ? <Notice>{result.intent === "reply" ? t("complaints.replied") : t("complaints.accepted")}</Notice> : null}
      <FormError message={result && !result.ok ? result.formError : null} />
      <h1>{complaintSubjectIn(complaint.subject, locale)}</h1>
      <dl className="facts card">
        <dt>{t("complaints.status")}</dt>
        <dd>
          <ComplaintStatusBadge status={complaint.status} />
        </dd>
        <dt>{t("complaints.filed")}</dt>
        <dd>
          {dateTime(complaint.createdAt)} · {complaint.authorName}
        </dd>
        <dt>{complaint.acknowledgedAt ? t("complaints.acknowledged") : t("complaints.acknowledgeBy")}</dt>
        <dd>{complaint.acknowledgedAt ? dateTime(complaint.acknowledgedAt) : dateTime(complaint.acknowledgeDueAt)}</dd>
        {complaint.status !== "answered" && complaint.status !== "closed" ? (
          <>
            <dt>{t("complaints.answerBy")}</dt>
            <dd>{dateTime(complaint.answerDueAt)}</dd>
          </>
        ) : null}
        {complaint.closedAt ? (
          <>
            <dt>{t("complaint.status.closed")}</dt>
            <dd>{dateTime(complaint.closedAt)}</dd>
          </>
        ) : null}
        <dt>{t("complaints.requests")}</dt>
        <dd>
          {complaint.tickets.map((ticket, i) => (
            <span key={ticket.number}>
              {i > 0 ? ", " : null}
              <Link to={`/portal/tickets/${ticket.number}`}>
                #{ticket.number} {ticket.subject}
              </Link>
            </span>
          ))}
        </dd>
      </dl>

      <section aria-labelledby="claim-title">
        <h2 id="claim-title">{t("complaints.yourComplaint")}</h2>
        <div className="card">
          <p className="pre-wrap" style={{ marginTop: 0 }}>
            {complaint.description}
          </p>
          {complaint.files.length > 0 ? (
            <ul className="attachment-list" aria-label={t("workspace.files")}>
              {complaint.files.map((f) => (
                <li key={f.id}>
                  <a href={`/portal/complaints/${complaint.id}/files/${f.id}`}>
                    {f.fileName} <span className="muted">({formatFileSize(f.size)})</span>
                  </a>
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      </section>

      {earlier.map((answer, i) => (
        <section key={i} aria-label={t("complaints.firstAnswer")}>
          <h2>{t("complaints.firstAnswer")}</h2>
          <div className="answer-box">
            <p>
              <strong>
                {t("complaints.outcome")}: <OutcomeText outcome={answer.outcome} />
              </strong>{" "}
              <span className="muted">{dateTime(answer.answeredAt)}</span>
            </p>
            <p className="pre-wrap">{answer.text}</p>
          </div>
        </section>
      ))}
      {complaint.customerReply ? (
        <section aria-labelledby="reply-title">
          <h2 id="reply-title">{t("complaints.yourReply")}</h2>
          <div className="reply-box">
            <p className="muted">{dateTime(complaint.customerReply.repliedAt)}</p>
            <p className="pre-wrap">{complaint.customerReply.text}</p>
          </div>
        </section>
      ) : null}
      {latest && (complaint.status === "answered" || complaint.status === "closed") ? (
        <section aria-labelledby="answer-title">
          <h2 id="answer-title">{t("complaints.answer")}</h2>
          <div className="answer-box">
            <p>
              <strong>
                {t("complaints.outcome")}: <OutcomeText outcome={latest.outcome} />
              </strong>{" "}
              <span className="muted">{dateTime(latest.answeredAt)}</span>
            </p>
            <p className="pre-wrap">{latest.text}</p>
            {complaint.remedies.length > 0 ? (
              <>
                <h3>{t("complaints.remedies")}</h3>
                <ul>
                  {complaint.remedies.map((r) => (
                    <li key={r.id}>
                      {r.text}
                      {r.supportUntil ? <> — {t("complaints.supportNowUntil", { date: date(r.supportUntil) })}</> : null}
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
          </div>
        </section>
      ) : complaint.status !== "closed" ? (
        <p className="card">{t("complaints.waitingAnswer")}</p>
      ) : null}

      {complaint.canAccept ? (
        <AppForm method="post" className="card" intent="accept" schema={actionSchema} result={result} formError="none">
          <SubmitButton className="secondary">{t("complaints.accept")}</SubmitButton>
        </AppForm>
      ) : null}
      {complaint.canReply ? (
        <section className="card" aria-labelledby="reply-form-title">
          <h2 id="reply-form-title" style={{ marginTop: 0 }}>
            {t("complaints.reply")}
          </h2>
          <p className="muted">{t("complaints.replyHint")}</p>
          <AppForm method="post" intent="reply" schema={actionSchema} result={result} formError="none">
            <TextAreaField
              label={t("complaints.replyText")}
              name="text"
              required
              rows={5}
              defaultValue={result && !result.ok ? result.values?.text : undefined}
            />
            <SubmitButton>{t("complaints.sendReply")}</SubmitButton>
          </AppForm>
        </section>
      ) : null}
    </>
  );
}
