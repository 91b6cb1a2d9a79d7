import { Button, Text } from "@react-email/components";
import { button, EmailLayout, paragraph, type EmailLocale } from "../_components/layout";

export type ReviewInvitationEmailProps = {
  locale: EmailLocale;
  name: string;
  productName: string;
  reason: "activation" | "csat";
  url: string;
};

const copy = {
  en: (p: ReviewInvitationEmailProps) => ({
    subject: `How has ${p.productName} worked for you?`,
    greeting: `Hello ${p.name},`,
    body:
      p.reason === "activation"
        ? `You have been using ${p.productName} for a month now. Other companies choosing a module would value your story.`
        : `Thank you for your kind ratings of our support. Other companies choosing ${p.productName} would value your story.`,
    prompts: "The review has four short parts: your situation before, why you chose the module, the results after (with a few before → after figures), and what you liked about our support. Your organisation's name is shown only if you agree.",
    action: "Write a review",
  }),
  ru: (p: ReviewInvitationEmailProps) => ({
    subject: `Как вам работается с ${p.productName}?`,
    greeting: `Здравствуйте, ${p.name}!`,
    body:
      p.reason === "activation"
        ? `Вы пользуетесь модулем ${p.productName} уже месяц. Другим компаниям, выбирающим модуль, будет полезен ваш опыт.`
        : `Спасибо за высокие оценки нашей поддержки. Другим компаниям, выбирающим ${p.productName}, будет полезен ваш опыт.`,
    prompts: "Отзыв состоит из четырёх коротких частей: ситуация до внедрения, почему выбрали модуль, результаты после (с парой показателей «было → стало») и что понравилось в нашей поддержке. Название организации показываем только с вашего согласия.",
    action: "Написать отзыв",
  }),
};

export const reviewInvitationSubject = (p: ReviewInvitationEmailProps) => copy[p.locale](p).subject;

export default function ReviewInvitationEmail(props: ReviewInvitationEmailProps) {
  const c = copy[props.locale](props);
  return (
    <EmailLayout preview={c.body} locale={props.locale}>
      <Text style={paragraph}>{c.greeting}</Text>
      <Text style={paragraph}>{c.body}</Text>
      <Text style={paragraph}>{c.prompts}</Text>
      <Button href={props.url} style={button}>
        {c.action}
      </Button>
    </EmailLayout>
  );
}

ReviewInvitationEmail.PreviewProps = {
  locale: "en",
  name: "Clara Smirnova",
  productName: "Exchange with 1C",
  reason: "activation",
  url: "http://localhost:3000/portal/reviews/exchange-1c",
} satisfies ReviewInvitationEmailProps;
