import { Button, Text } from "@react-email/components";
import { button, EmailLayout, paragraph, type EmailLocale } from "../_components/layout";

export type InvoiceReminderEmailProps = {
  locale: EmailLocale;
  buyerName: string | null;
  orderNumber: number;
  /** Already formatted for the locale. */
  amount: string;
  issuedOn: string;
  dueOn: string;
  invoiceUrl: string;
};

const copy = {
  en: (p: InvoiceReminderEmailProps) => ({
    subject: `Reminder: invoice ${p.orderNumber} is not paid yet`,
    greeting: p.buyerName ? `Hello ${p.buyerName},` : "Hello,",
    body: `Invoice ${p.orderNumber} of ${p.issuedOn} for ${p.amount} is still open; it is due on ${p.dueOn}. If you have already paid, thank you — please ignore this email.`,
    action: "Open the invoice",
  }),
  ru: (p: InvoiceReminderEmailProps) => ({
    subject: `Напоминание: счёт ${p.orderNumber} ещё не оплачен`,
    greeting: p.buyerName ? `Здравствуйте, ${p.buyerName}!` : "Здравствуйте!",
    body: `Счёт ${p.orderNumber} от ${p.issuedOn} на ${p.amount} ещё не оплачен; срок оплаты — ${p.dueOn}. Если вы уже оплатили его, спасибо — просто не обращайте внимания на это письмо.`,
    action: "Открыть счёт",
  }),
};

export const invoiceReminderSubject = (p: InvoiceReminderEmailProps) => copy[p.locale](p).subject;

export default function InvoiceReminderEmail(props: InvoiceReminderEmailProps) {
  const c = copy[props.locale](props);
  return (
    <EmailLayout preview={c.body} locale={props.locale}>
      <Text style={paragraph}>{c.greeting}</Text>
      <Text style={paragraph}>{c.body}</Text>
      <Button href={props.invoiceUrl} style={button}>
        {c.action}
      </Button>
    </EmailLayout>
  );
}

InvoiceReminderEmail.PreviewProps = {
  locale: "en",
  buyerName: "Anna Petrova",
  orderNumber: 10042,
  amount: "₽6,000.00",
  issuedOn: "1 June 2026",
  dueOn: "11 June 2026",
  invoiceUrl: "http://localhost:3000/orders/00000000-0000-4000-8000-000000000000",
} satisfies InvoiceReminderEmailProps;
