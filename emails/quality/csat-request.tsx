import { Button, Text } from "@react-email/components";
import { button, EmailLayout, paragraph, type EmailLocale } from "../_components/layout";

export type CsatRequestEmailProps = {
  locale: EmailLocale;
  name: string;
  number: number;
  subject: string;
  url: string;
};

const copy = {
  en: (p: CsatRequestEmailProps) => ({
    subject: `[#${p.number}] How did we do?`,
    greeting: `Hello ${p.name},`,
    body: `Your request #${p.number} "${p.subject}" is solved. Please take a minute to rate four things: how fast we got to you, how fast the engineer understood the problem, the speed and quality of the answer, and how comfortable it was to work with us.`,
    note: "You can change your rating for 7 days. A low rating goes straight to our quality team.",
    action: "Rate this request",
  }),
  ru: (p: CsatRequestEmailProps) => ({
    subject: `[#${p.number}] Оцените нашу работу`,
    greeting: `Здравствуйте, ${p.name}!`,
    body: `Ваше обращение №${p.number} «${p.subject}» решено. Пожалуйста, оцените четыре вещи: как быстро мы взялись за обращение, как быстро специалист понял проблему, скорость и качество ответа и насколько комфортно было с нами работать.`,
    note: "Оценку можно изменить в течение 7 дней. Низкая оценка сразу попадает в отдел качества.",
    action: "Оценить обращение",
  }),
};

export const csatRequestSubject = (p: CsatRequestEmailProps) => copy[p.locale](p).subject;

export default function CsatRequestEmail(props: CsatRequestEmailProps) {
  const c = copy[props.locale](props);
  return (
    <EmailLayout preview={c.body} locale={props.locale}>
      <Text style={paragraph}>{c.greeting}</Text>
      <Text style={paragraph}>{c.body}</Text>
      <Text style={paragraph}>{c.note}</Text>
      <Button href={props.url} style={button}>
        {c.action}
      </Button>
    </EmailLayout>
  );
}

CsatRequestEmail.PreviewProps = {
  locale: "en",
  name: "Anna Petrova",
  number: 1042,
  subject: "Checkout page shows an error",
  url: "http://localhost:3000/portal/csat/1042",
} satisfies CsatRequestEmailProps;
