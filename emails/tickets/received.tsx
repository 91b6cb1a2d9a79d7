import { Button, Text } from "@react-email/components";
import { button, EmailLayout, paragraph, type EmailLocale } from "../_components/layout";

export type TicketReceivedEmailProps = {
  locale: EmailLocale;
  name: string;
  number: number;
  subject: string;
  /** The response promise, already worded for the reader ("We answer within 4 business hours — by Mon 13:30 MSK"). */
  promise: string | null;
  url: string;
};

const copy = {
  en: (p: TicketReceivedEmailProps) => ({
    subject: `[#${p.number}] We received your ticket: ${p.subject}`,
    greeting: `Hello ${p.name},`,
    body: `Your ticket #${p.number} "${p.subject}" has reached our support team.`,
    action: "Open the ticket",
    reply: "Add details or files on the ticket page; everything stays in one place.",
  }),
  ru: (p: TicketReceivedEmailProps) => ({
    subject: `[#${p.number}] Обращение получено: ${p.subject}`,
    greeting: `Здравствуйте, ${p.name}!`,
    body: `Ваше обращение №${p.number} «${p.subject}» получено службой поддержки.`,
    action: "Открыть обращение",
    reply: "Дополнения и файлы добавляйте на странице обращения — так вся переписка будет в одном месте.",
  }),
};

export const ticketReceivedSubject = (p: TicketReceivedEmailProps) => copy[p.locale](p).subject;

export default function TicketReceivedEmail(props: TicketReceivedEmailProps) {
  const c = copy[props.locale](props);
  return (
    <EmailLayout preview={c.body} locale={props.locale}>
      <Text style={paragraph}>{c.greeting}</Text>
      <Text style={paragraph}>{c.body}</Text>
      {props.promise ? <Text style={{ ...paragraph, fontWeight: 700 }}>{props.promise}</Text> : null}
      <Button href={props.url} style={button}>
        {c.action}
      </Button>
      <Text style={paragraph}>{c.reply}</Text>
    </EmailLayout>
  );
}

TicketReceivedEmail.PreviewProps = {
  locale: "en",
  name: "Anna Petrova",
  number: 1042,
  subject: "Checkout page shows an error",
  promise: "We answer within 4 business hours — by Mon 13:30 MSK",
  url: "http://localhost:3000/portal/tickets/1042",
} satisfies TicketReceivedEmailProps;
