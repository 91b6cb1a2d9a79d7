import { Button, Text } from "@react-email/components";
import { button, EmailLayout, paragraph, type EmailLocale } from "../_components/layout";

export type PlanEndingEmailProps = {
  locale: EmailLocale;
  organisationName: string;
  planName: string;
  /** The plan the organisation returns to (the default plan). */
  fallbackPlanName: string;
  /** Formatted end of the bought term. */
  endsOn: string;
  /** Formatted price of one more term, or null when the plan is no longer for sale. */
  price: string | null;
  planUrl: string;
};

const copy = {
  en: (p: PlanEndingEmailProps) => ({
    subject: `The ${p.planName} support plan of ${p.organisationName} ends on ${p.endsOn}`,
    body: `The ${p.planName} support plan of ${p.organisationName} ends on ${p.endsOn}; after that your tickets are answered within the ${p.fallbackPlanName} plan's times.`,
    offer: p.price ? `Buying it again before then adds a full term from that date: ${p.price}.` : null,
    action: "See the plan",
  }),
  ru: (p: PlanEndingEmailProps) => ({
    subject: `План поддержки «${p.planName}» для ${p.organisationName} заканчивается ${p.endsOn}`,
    body: `План поддержки «${p.planName}» для ${p.organisationName} заканчивается ${p.endsOn}; после этого на ваши обращения мы отвечаем в сроки плана «${p.fallbackPlanName}».`,
    offer: p.price ? `Покупка до этой даты добавит полный срок от неё: ${p.price}.` : null,
    action: "Открыть план",
  }),
};

export const planEndingSubject = (p: PlanEndingEmailProps) => copy[p.locale](p).subject;

export default function PlanEndingEmail(props: PlanEndingEmailProps) {
  const c = copy[props.locale](props);
  return (
    <EmailLayout preview={c.subject} locale={props.locale} title={c.subject}>
      <Text style={paragraph}>{c.body}</Text>
      {c.offer ? <Text style={paragraph}>{c.offer}</Text> : null}
      <Button href={props.planUrl} style={button}>
        {c.action}
      </Button>
    </EmailLayout>
  );
}

PlanEndingEmail.PreviewProps = {
  locale: "en",
  organisationName: "Acme LLC",
  planName: "Priority",
  fallbackPlanName: "Standard",
  endsOn: "1 June 2026",
  price: "₽60,000.00",
  planUrl: "http://localhost:3000/portal/plan",
} satisfies PlanEndingEmailProps;
