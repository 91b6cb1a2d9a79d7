import { Button, Text } from "@react-email/components";
import { button, EmailLayout, paragraph, type EmailLocale } from "../_components/layout";

export type ComplaintAcknowledgedEmailProps = {
  locale: EmailLocale;
  name: string;
  subject: string;
  answerBy: string;
  url: string;
};

const copy = {
  en: (p: ComplaintAcknowledgedEmailProps) => ({
    subject: `Your complaint is being looked into: ${p.subject}`,
    greeting: `Hello ${p.name},`,
    body: `Our quality team has taken up your complaint "${p.subject}". They will read the full history of your requests and answer in writing by ${p.answerBy} (business hours).`,
    action: "Follow your complaint",
  }),
  ru: (p: ComplaintAcknowledgedEmailProps) => ({
    subject: `Ваша жалоба принята в работу: ${p.subject}`,
    greeting: `Здравствуйте, ${p.name}!`,
    body: `Отдел качества принял в работу вашу жалобу «${p.subject}». Мы изучим всю историю ваших обращений и ответим письменно до ${p.answerBy} (в рабочее время).`,
    action: "Следить за жалобой",
  }),
};

export const complaintAcknowledgedSubject = (p: ComplaintAcknowledgedEmailProps) => copy[p.locale](p).subject;

export default function ComplaintAcknowledgedEmail(props: ComplaintAcknowledgedEmailProps) {
  const c = copy[props.locale](props);
  return (
    <EmailLayout preview={c.body} locale={props.locale}>
      <Text style={paragraph}>{c.greeting}</Text>
      <Text style={paragraph}>{c.body}</Text>
      <Button href={props.url} style={button}>
        {c.action}
      </Button>
    </EmailLayout>
  );
}

ComplaintAcknowledgedEmail.PreviewProps = {
  locale: "en",
  name: "Anna Petrova",
  subject: "Complaint on requests #1042, #1043",
  answerBy: "Thu 5 Mar, 13:30 MSK",
  url: "http://localhost:3000/portal/complaints/00000000-0000-0000-0000-000000000000",
} satisfies ComplaintAcknowledgedEmailProps;
