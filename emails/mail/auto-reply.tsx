import { Button, Text } from "@react-email/components";
import { button, EmailLayout, paragraph, type EmailLocale } from "../_components/layout";

export type MailAutoReplyEmailProps = {
  locale: EmailLocale;
  /** Why no ticket was opened: an unknown sender, or the support gate refused (reason worded for the reader). */
  kind: "unknown_sender" | "refused";
  subject: string;
  reason: string | null;
  renewUrl: string | null;
  portalUrl: string;
};

const copy = {
  en: (p: MailAutoReplyEmailProps) => ({
    subject: `Re: ${p.subject || "your message"}`,
    intro:
      p.kind === "unknown_sender"
        ? "Thank you for writing to us. We could not open a support ticket because this address is not registered as a contact of any of our customers."
        : "Thank you for writing to us. We could not open a support ticket for your message:",
    next:
      p.kind === "unknown_sender"
        ? "Please write from the address your organisation registered with us, or ask your organisation's primary contact to add you."
        : "Nothing you wrote is lost: once this is resolved, simply send your message again.",
    renew: "Renew support",
    portal: "Open the support portal",
    automatic: "This is an automatic reply.",
  }),
  ru: (p: MailAutoReplyEmailProps) => ({
    subject: `Re: ${p.subject || "ваше письмо"}`,
    intro:
      p.kind === "unknown_sender"
        ? "Спасибо за письмо. Мы не смогли открыть обращение: этот адрес не зарегистрирован как контакт ни одного из наших клиентов."
        : "Спасибо за письмо. Мы не смогли открыть обращение по вашему письму:",
    next:
      p.kind === "unknown_sender"
        ? "Пожалуйста, напишите с адреса, который ваша организация указала у нас, или попросите основное контактное лицо организации добавить вас."
        : "Ваше письмо не потеряется: когда вопрос будет решён, просто отправьте его ещё раз.",
    renew: "Продлить поддержку",
    portal: "Открыть портал поддержки",
    automatic: "Это автоматический ответ.",
  }),
};

export const mailAutoReplySubject = (p: MailAutoReplyEmailProps) => copy[p.locale](p).subject;

export default function MailAutoReplyEmail(props: MailAutoReplyEmailProps) {
  const c = copy[props.locale](props);
  return (
    <EmailLayout preview={c.intro} locale={props.locale}>
      <Text style={paragraph}>{c.intro}</Text>
      {props.reason ? <Text style={{ ...paragraph, fontWeight: 700 }}>{props.reason}</Text> : null}
      <Text style={paragraph}>{c.next}</Text>
      <Button href={props.renewUrl ?? props.portalUrl} style={button}>
        {props.renewUrl ? c.renew : c.portal}
      </Button>
      <Text style={paragraph}>{c.automatic}</Text>
    </EmailLayout>
  );
}

MailAutoReplyEmail.PreviewProps = {
  locale: "en",
  kind: "refused",
  subject: "Checkout page shows an error",
  reason: "Support for this licence ended on 1 June 2026. The software keeps working, but new updates and support need a renewal: one more year costs 6,000.00 ₽.",
  renewUrl: "http://localhost:3000/renew?key=KD-7F3QK-M2X9D-TP4VH-8RWNC-Q",
  portalUrl: "http://localhost:3000/portal",
} satisfies MailAutoReplyEmailProps;
