import { Button, Text } from "@react-email/components";
import { button, EmailLayout, paragraph, type EmailLocale } from "../_components/layout";
import { excerpt, STATUS_LABELS, type TicketStatusCode } from "./copy";

export type TicketRepliedEmailProps = {
  locale: EmailLocale;
  name: string;
  number: number;
  subject: string;
  authorName: string;
  body: string;
  /** Set when the same action changed the status ("reply and set pending"). */
  status: TicketStatusCode | null;
  /** customer: our engineer answered; staff: the customer wrote on an assigned ticket. */
  audience: "customer" | "staff";
  url: string;
};

const copy = {
  en: (p: TicketRepliedEmailProps) => ({
    subject: p.audience === "customer" ? `[#${p.number}] New reply: ${p.subject}` : `[#${p.number}] The customer replied: ${p.subject}`,
    greeting: `Hello ${p.name},`,
    intro: `${p.authorName} wrote on ticket #${p.number}:`,
    status: p.status ? `The ticket is now: ${STATUS_LABELS.en[p.status]}.` : null,
    action: p.audience === "customer" ? "Reply on the ticket page" : "Open the ticket",
  }),
  ru: (p: TicketRepliedEmailProps) => ({
    subject: p.audience === "customer" ? `[#${p.number}] Новый ответ: ${p.subject}` : `[#${p.number}] Ответ клиента: ${p.subject}`,
    greeting: `Здравствуйте, ${p.name}!`,
    intro: `${p.authorName} пишет в обращении №${p.number}:`,
    status: p.status ? `Статус обращения: ${STATUS_LABELS.ru[p.status]}.` : null,
    action: p.audience === "customer" ? "Ответить на странице обращения" : "Открыть обращение",
  }),
};

export const ticketRepliedSubject = (p: TicketRepliedEmailProps) => copy[p.locale](p).subject;

export default function TicketRepliedEmail(props: TicketRepliedEmailProps) {
  const c = copy[props.locale](props);
  return (
    <EmailLayout preview={c.intro} locale={props.locale}>
      <Text style={paragraph}>{c.greeting}</Text>
      <Text style={paragraph}>{c.intro}</Text>
      <Text style={{ ...paragraph, whiteSpace: "pre-wrap", borderLeft: "3px solid #d5d9e0", paddingLeft: "12px" }}>{excerpt(props.body)}</Text>
      {c.status ? <Text style={paragraph}>{c.status}</Text> : null}
      <Button href={props.url} style={button}>
        {c.action}
      </Button>
    </EmailLayout>
  );
}

TicketRepliedEmail.PreviewProps = {
  locale: "en",
  name: "Anna Petrova",
  number: 1042,
  subject: "Checkout page shows an error",
  authorName: "Egor Engineer",
  body: "Thank you! Could you send the PHP error log from the server?",
  status: "pending",
  audience: "customer",
  url: "http://localhost:3000/portal/tickets/1042",
} satisfies TicketRepliedEmailProps;
