import { Button, Text } from "@react-email/components";
import { button, EmailLayout, paragraph, type EmailLocale } from "../_components/layout";
import { excerpt, OUTCOME_LABELS, type ComplaintOutcomeCode } from "./copy";

export type ComplaintAnsweredEmailProps = {
  locale: EmailLocale;
  name: string;
  subject: string;
  outcome: ComplaintOutcomeCode;
  answer: string;
  /** One customer-facing sentence per remedy (describeRemedy). */
  remedies: string[];
  /** False once the customer has used their one "not satisfied" reply. */
  canReply: boolean;
  url: string;
};

const copy = {
  en: (p: ComplaintAnsweredEmailProps) => ({
    subject: `Answer to your complaint: ${p.subject}`,
    greeting: `Hello ${p.name},`,
    outcome: `Our decision: ${OUTCOME_LABELS.en[p.outcome]}.`,
    remediesTitle: "What we have done:",
    reply: p.canReply
      ? "If you are not satisfied with this answer, you can reply once on the complaint page and we will look at it again."
      : "This is our answer to your reply.",
    action: "Read the answer",
  }),
  ru: (p: ComplaintAnsweredEmailProps) => ({
    subject: `Ответ на вашу жалобу: ${p.subject}`,
    greeting: `Здравствуйте, ${p.name}!`,
    outcome: `Наше решение: ${OUTCOME_LABELS.ru[p.outcome]}.`,
    remediesTitle: "Что мы сделали:",
    reply: p.canReply
      ? "Если ответ вас не устраивает, вы можете один раз ответить на странице жалобы — мы рассмотрим её повторно."
      : "Это наш ответ на ваше возражение.",
    action: "Прочитать ответ",
  }),
};

export const complaintAnsweredSubject = (p: ComplaintAnsweredEmailProps) => copy[p.locale](p).subject;

export default function ComplaintAnsweredEmail(props: ComplaintAnsweredEmailProps) {
  const c = copy[props.locale](props);
  return (
    <EmailLayout preview={c.outcome} locale={props.locale}>
      <Text style={paragraph}>{c.greeting}</Text>
      <Text style={{ ...paragraph, fontWeight: 700 }}>{c.outcome}</Text>
      <Text style={{ ...paragraph, whiteSpace: "pre-wrap" }}>{excerpt(props.answer)}</Text>
      {props.remedies.length > 0 ? (
        <>
          <Text style={paragraph}>{c.remediesTitle}</Text>
          {props.remedies.map((r, i) => (
            <Text key={i} style={{ ...paragraph, margin: "0 0 4px 12px" }}>
              • {r}
            </Text>
          ))}
        </>
      ) : null}
      <Text style={paragraph}>{c.reply}</Text>
      <Button href={props.url} style={button}>
        {c.action}
      </Button>
    </EmailLayout>
  );
}

ComplaintAnsweredEmail.PreviewProps = {
  locale: "en",
  name: "Anna Petrova",
  subject: "Complaint on requests #1042, #1043",
  outcome: "upheld",
  answer: "We reviewed both requests. The first response came two business days late and the engineer did not read your logs.",
  remedies: ["Support extended by 30 days"],
  canReply: true,
  url: "http://localhost:3000/portal/complaints/00000000-0000-0000-0000-000000000000",
} satisfies ComplaintAnsweredEmailProps;
