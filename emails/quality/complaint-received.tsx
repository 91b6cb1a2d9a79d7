import { Button, Text } from "@react-email/components";
import { button, EmailLayout, paragraph, type EmailLocale } from "../_components/layout";

export type ComplaintReceivedEmailProps = {
  locale: EmailLocale;
  name: string;
  subject: string;
  /** Already formatted in the reader's time zone. */
  acknowledgeBy: string;
  answerBy: string;
  url: string;
};

const copy = {
  en: (p: ComplaintReceivedEmailProps) => ({
    subject: `We received your complaint: ${p.subject}`,
    greeting: `Hello ${p.name},`,
    body: `Your complaint "${p.subject}" has reached our quality team, who work independently of the engineers on your requests.`,
    promise: `We will confirm that we are looking into it by ${p.acknowledgeBy} and answer in writing by ${p.answerBy} (business hours).`,
    action: "Follow your complaint",
  }),
  ru: (p: ComplaintReceivedEmailProps) => ({
    subject: `Мы получили вашу жалобу: ${p.subject}`,
    greeting: `Здравствуйте, ${p.name}!`,
    body: `Ваша жалоба «${p.subject}» передана в отдел качества, который работает независимо от специалистов, ведущих ваши обращения.`,
    promise: `Мы подтвердим, что взяли её в работу, до ${p.acknowledgeBy} и дадим письменный ответ до ${p.answerBy} (в рабочее время).`,
    action: "Следить за жалобой",
  }),
};

export const complaintReceivedSubject = (p: ComplaintReceivedEmailProps) => copy[p.locale](p).subject;

export default function ComplaintReceivedEmail(props: ComplaintReceivedEmailProps) {
  const c = copy[props.locale](props);
  return (
    <EmailLayout preview={c.body} locale={props.locale}>
      <Text style={paragraph}>{c.greeting}</Text>
      <Text style={paragraph}>{c.body}</Text>
      <Text style={paragraph}>{c.promise}</Text>
      <Button href={props.url} style={button}>
        {c.action}
      </Button>
    </EmailLayout>
  );
}

ComplaintReceivedEmail.PreviewProps = {
  locale: "en",
  name: "Anna Petrova",
  subject: "Complaint on requests #1042, #1043",
  acknowledgeBy: "Tue 3 Mar, 13:30 MSK",
  answerBy: "Thu 5 Mar, 13:30 MSK",
  url: "http://localhost:3000/portal/complaints/00000000-0000-0000-0000-000000000000",
} satisfies ComplaintReceivedEmailProps;
