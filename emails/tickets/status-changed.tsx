import { Button, Text } from "@react-email/components";
import { button, EmailLayout, paragraph, type EmailLocale } from "../_components/layout";
import { STATUS_LABELS, type TicketStatusCode } from "./copy";

export type TicketStatusChangedEmailProps = {
  locale: EmailLocale;
  name: string;
  number: number;
  subject: string;
  status: TicketStatusCode;
  /** Days until a solved ticket closes by itself (shown with "solved"). */
  autoCloseDays: number;
  url: string;
};

const copy = {
  en: (p: TicketStatusChangedEmailProps) => ({
    subject: `[#${p.number}] ${STATUS_LABELS.en[p.status]}: ${p.subject}`,
    greeting: `Hello ${p.name},`,
    body: `Ticket #${p.number} "${p.subject}" is now: ${STATUS_LABELS.en[p.status]}.`,
    extra:
      p.status === "solved"
        ? `If the problem is not solved, reply on the ticket page and it reopens. Otherwise it closes by itself in ${p.autoCloseDays} days.`
        : p.status === "closed"
          ? "If you need more help, reply on the ticket page: we will open a follow-up ticket linked to this one."
          : p.status === "pending"
            ? "We are waiting for your reply; the ticket continues as soon as you answer."
            : null,
    action: "Open the ticket",
  }),
  ru: (p: TicketStatusChangedEmailProps) => ({
    subject: `[#${p.number}] ${STATUS_LABELS.ru[p.status]}: ${p.subject}`,
    greeting: `Здравствуйте, ${p.name}!`,
    body: `Статус обращения №${p.number} «${p.subject}»: ${STATUS_LABELS.ru[p.status]}.`,
    extra:
      p.status === "solved"
        ? `Если проблема не решена, ответьте на странице обращения — оно откроется снова. Иначе оно закроется автоматически через ${p.autoCloseDays} дн.`
        : p.status === "closed"
          ? "Если нужна помощь, ответьте на странице обращения — мы откроем новое обращение, связанное с этим."
          : p.status === "pending"
            ? "Мы ждём вашего ответа; работа продолжится, как только вы ответите."
            : null,
    action: "Открыть обращение",
  }),
};

export const ticketStatusChangedSubject = (p: TicketStatusChangedEmailProps) => copy[p.locale](p).subject;

export default function TicketStatusChangedEmail(props: TicketStatusChangedEmailProps) {
  const c = copy[props.locale](props);
  return (
    <EmailLayout preview={c.body} locale={props.locale}>
      <Text style={paragraph}>{c.greeting}</Text>
      <Text style={paragraph}>{c.body}</Text>
      {c.extra ? <Text style={paragraph}>{c.extra}</Text> : null}
      <Button href={props.url} style={button}>
        {c.action}
      </Button>
    </EmailLayout>
  );
}

TicketStatusChangedEmail.PreviewProps = {
  locale: "en",
  name: "Anna Petrova",
  number: 1042,
  subject: "Checkout page shows an error",
  status: "solved",
  autoCloseDays: 7,
  url: "http://localhost:3000/portal/tickets/1042",
} satisfies TicketStatusChangedEmailProps;
