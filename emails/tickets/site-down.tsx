import { Button, Text } from "@react-email/components";
import { translate } from "~/utils/i18n";
import { button, EmailLayout, paragraph, type EmailLocale } from "../_components/layout";

export type SiteDownEmailProps = {
  locale: EmailLocale;
  name: string;
  number: number;
  subject: string;
  organisationName: string;
  priority: "high" | "urgent";
  /** The SLA due moment in the reader's zone, when a clock runs. */
  due: string | null;
  url: string;
};

function params(p: SiteDownEmailProps) {
  return { number: p.number, subject: p.subject, organisation: p.organisationName, priority: translate(p.locale, `ticket.priority.${p.priority}`) };
}

export const siteDownSubject = (p: SiteDownEmailProps) => translate(p.locale, "notifications.email.siteDown.subject", params(p));

/** To the on-call engineer and every team lead at once: a customer's site is down (cannot be turned off). */
export default function SiteDownEmail(props: SiteDownEmailProps) {
  const body = translate(props.locale, "notifications.email.siteDown.body", params(props));
  return (
    <EmailLayout preview={body} locale={props.locale} title={siteDownSubject(props)}>
      <Text style={paragraph}>{translate(props.locale, "notifications.email.greeting", { name: props.name })}</Text>
      <Text style={paragraph}>{body}</Text>
      {props.due ? <Text style={paragraph}>{translate(props.locale, "notifications.email.due", { due: props.due })}</Text> : null}
      <Button href={props.url} style={button}>
        {translate(props.locale, "notifications.email.open")}
      </Button>
    </EmailLayout>
  );
}

SiteDownEmail.PreviewProps = {
  locale: "en",
  name: "Olga On-call",
  number: 1042,
  subject: "The shop does not open",
  organisationName: "Romashka LLC",
  priority: "urgent",
  due: "Mon 10:30 MSK",
  url: "http://localhost:3000/desk/tickets/1042",
} satisfies SiteDownEmailProps;
