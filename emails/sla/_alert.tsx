import { Button, Text } from "@react-email/components";
import { button, EmailLayout, paragraph, type EmailLocale } from "../_components/layout";
import { CLOCK_LABELS } from "../tickets/copy";

export type SlaAlertEmailProps = {
  locale: EmailLocale;
  name: string;
  number: number;
  subject: string;
  organisationName: string;
  clock: "first_response" | "next_response" | "resolution";
  /** The due moment, already formatted in the reader's time zone. */
  dueAt: string;
  /** "1 h 12 min" left (warning) or "overdue by 20 min" (breach), in business time. */
  left: string;
  assigneeName: string | null;
  url: string;
};

type Kind = "warning" | "breach";

const copy = {
  en: (p: SlaAlertEmailProps, kind: Kind) => ({
    subject:
      kind === "warning"
        ? `[#${p.number}] SLA warning: ${CLOCK_LABELS.en[p.clock]} due ${p.dueAt}`
        : `[#${p.number}] SLA breached: ${CLOCK_LABELS.en[p.clock]} was due ${p.dueAt}`,
    greeting: `Hello ${p.name},`,
    body:
      kind === "warning"
        ? `Ticket #${p.number} "${p.subject}" (${p.organisationName}) has used 75 % of its ${CLOCK_LABELS.en[p.clock]} target. Business time left: ${p.left}. Due: ${p.dueAt}.`
        : `Ticket #${p.number} "${p.subject}" (${p.organisationName}) has breached its ${CLOCK_LABELS.en[p.clock]} target (due ${p.dueAt}; ${p.left} in business time).`,
    assignee: p.assigneeName ? `Assigned to ${p.assigneeName}.` : "Nobody has claimed it yet.",
    action: "Open the ticket",
  }),
  ru: (p: SlaAlertEmailProps, kind: Kind) => ({
    subject:
      kind === "warning"
        ? `[#${p.number}] SLA: скоро срок — ${CLOCK_LABELS.ru[p.clock]} до ${p.dueAt}`
        : `[#${p.number}] SLA нарушен: ${CLOCK_LABELS.ru[p.clock]} — срок ${p.dueAt}`,
    greeting: `Здравствуйте, ${p.name}!`,
    body:
      kind === "warning"
        ? `По обращению №${p.number} «${p.subject}» (${p.organisationName}) израсходовано 75 % срока (${CLOCK_LABELS.ru[p.clock]}). Осталось рабочего времени: ${p.left}. Срок: ${p.dueAt}.`
        : `По обращению №${p.number} «${p.subject}» (${p.organisationName}) нарушен срок (${CLOCK_LABELS.ru[p.clock]}): срок был ${p.dueAt}; ${p.left} рабочего времени.`,
    assignee: p.assigneeName ? `Исполнитель: ${p.assigneeName}.` : "Обращение ещё никто не взял.",
    action: "Открыть обращение",
  }),
};

function SlaAlert({ props, kind }: { props: SlaAlertEmailProps; kind: Kind }) {
  const c = copy[props.locale](props, kind);
  return (
    <EmailLayout preview={c.body} locale={props.locale}>
      <Text style={paragraph}>{c.greeting}</Text>
      <Text style={paragraph}>{c.body}</Text>
      <Text style={paragraph}>{c.assignee}</Text>
      <Button href={props.url} style={button}>
        {c.action}
      </Button>
    </EmailLayout>
  );
}

export const slaWarningSubject = (p: SlaAlertEmailProps) => copy[p.locale](p, "warning").subject;
export const slaBreachSubject = (p: SlaAlertEmailProps) => copy[p.locale](p, "breach").subject;

const preview = {
  locale: "en",
  name: "Tatiana Lead",
  number: 1042,
  subject: "Checkout page shows an error",
  organisationName: "Romashka LLC",
  clock: "first_response",
  dueAt: "Mon 13:30 MSK",
  left: "1 h",
  assigneeName: "Egor Engineer",
  url: "http://localhost:3000/desk/tickets/1042",
} satisfies SlaAlertEmailProps;

export function SlaWarningEmail(props: SlaAlertEmailProps) {
  return <SlaAlert props={props} kind="warning" />;
}
SlaWarningEmail.PreviewProps = preview;

export function SlaBreachEmail(props: SlaAlertEmailProps) {
  return <SlaAlert props={props} kind="breach" />;
}
SlaBreachEmail.PreviewProps = { ...preview, left: "overdue by 20 min" };
