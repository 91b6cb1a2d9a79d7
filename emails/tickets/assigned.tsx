import { Button, Text } from "@react-email/components";
import { translate } from "~/utils/i18n";
import { button, EmailLayout, paragraph, type EmailLocale } from "../_components/layout";

export type TicketAssignedEmailProps = {
  locale: EmailLocale;
  name: string;
  /** assigned: to you (it had nobody); reassigned_to_you: from `previousName`; reassigned_away: from you to `assigneeName`. */
  kind: "assigned" | "reassigned_to_you" | "reassigned_away";
  number: number;
  subject: string;
  organisationName: string;
  actorName: string;
  previousName: string | null;
  assigneeName: string | null;
  /** The SLA due moment in the reader's zone, when a clock runs. */
  due: string | null;
  url: string;
};

const KEYS = {
  assigned: { subject: "notifications.email.assigned.subject", body: "notifications.email.assigned.body" },
  reassigned_to_you: { subject: "notifications.email.reassignedTo.subject", body: "notifications.email.reassignedTo.body" },
  reassigned_away: { subject: "notifications.email.reassignedAway.subject", body: "notifications.email.reassignedAway.body" },
} as const;

function params(p: TicketAssignedEmailProps) {
  return {
    number: p.number,
    subject: p.subject,
    organisation: p.organisationName,
    actor: p.actorName || translate(p.locale, "notifications.email.system"),
    previous: p.previousName ?? "—",
    assignee: p.assigneeName ?? "—",
  };
}

export const ticketAssignedSubject = (p: TicketAssignedEmailProps) => translate(p.locale, KEYS[p.kind].subject, params(p));

/** "Assigned to you", "reassigned to you", or the note to the engineer a ticket was moved away from. */
export default function TicketAssignedEmail(props: TicketAssignedEmailProps) {
  const body = translate(props.locale, KEYS[props.kind].body, params(props));
  return (
    <EmailLayout preview={body} locale={props.locale} title={ticketAssignedSubject(props)}>
      <Text style={paragraph}>{translate(props.locale, "notifications.email.greeting", { name: props.name })}</Text>
      <Text style={paragraph}>{body}</Text>
      {props.due && props.kind !== "reassigned_away" ? <Text style={paragraph}>{translate(props.locale, "notifications.email.due", { due: props.due })}</Text> : null}
      <Button href={props.url} style={button}>
        {translate(props.locale, "notifications.email.open")}
      </Button>
    </EmailLayout>
  );
}

TicketAssignedEmail.PreviewProps = {
  locale: "en",
  name: "Egor Engineer",
  kind: "reassigned_to_you",
  number: 1042,
  subject: "Checkout page shows an error",
  organisationName: "Romashka LLC",
  actorName: "Tatiana Lead",
  previousName: "Ivan Engineer",
  assigneeName: "Egor Engineer",
  due: "Mon 13:30 MSK",
  url: "http://localhost:3000/desk/tickets/1042",
} satisfies TicketAssignedEmailProps;
