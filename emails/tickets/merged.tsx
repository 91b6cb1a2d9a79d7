import { Button, Text } from "@react-email/components";
import { button, EmailLayout, paragraph, type EmailLocale } from "../_components/layout";

export type TicketMergedEmailProps = {
  locale: EmailLocale;
  name: string;
  /** The duplicate that was merged (and closed). */
  number: number;
  subject: string;
  /** The ticket the conversation continues in. */
  targetNumber: number;
  url: string;
};

const copy = {
  en: (p: TicketMergedEmailProps) => ({
    subject: `[#${p.number}] Merged into #${p.targetNumber}: ${p.subject}`,
    greeting: `Hello ${p.name},`,
    body: `Ticket #${p.number} "${p.subject}" was about the same matter as ticket #${p.targetNumber}, so we joined them. Its messages and files are now in #${p.targetNumber}.`,
    extra: `Please continue the conversation in ticket #${p.targetNumber}.`,
    action: `Open ticket #${p.targetNumber}`,
  }),
  ru: (p: TicketMergedEmailProps) => ({
    subject: `[#${p.number}] Объединено с №${p.targetNumber}: ${p.subject}`,
    greeting: `Здравствуйте, ${p.name}!`,
    body: `Обращение №${p.number} «${p.subject}» касалось того же, что и обращение №${p.targetNumber}, поэтому мы их объединили. Его сообщения и файлы теперь в №${p.targetNumber}.`,
    extra: `Пожалуйста, продолжайте переписку в обращении №${p.targetNumber}.`,
    action: `Открыть обращение №${p.targetNumber}`,
  }),
};

export const ticketMergedSubject = (p: TicketMergedEmailProps) => copy[p.locale](p).subject;

export default function TicketMergedEmail(props: TicketMergedEmailProps) {
  const c = copy[props.locale](props);
  return (
    <EmailLayout preview={c.body} locale={props.locale}>
      <Text style={paragraph}>{c.greeting}</Text>
      <Text style={paragraph}>{c.body}</Text>
      <Text style={paragraph}>{c.extra}</Text>
      <Button href={props.url} style={button}>
        {c.action}
      </Button>
    </EmailLayout>
  );
}

TicketMergedEmail.PreviewProps = {
  locale: "en",
  name: "Anna Petrova",
  number: 1043,
  subject: "Checkout page shows an error",
  targetNumber: 1042,
  url: "http://localhost:3000/portal/tickets/1042",
} satisfies TicketMergedEmailProps;
