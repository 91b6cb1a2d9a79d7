import { Button, Text } from "@react-email/components";
import { button, EmailLayout, paragraph, type EmailLocale } from "../_components/layout";

export type ReviewPublishedEmailProps = { locale: EmailLocale; name: string; productName: string; url: string };
export type ReviewRejectedEmailProps = { locale: EmailLocale; name: string; productName: string; reason: string; url: string };

const published = {
  en: (p: ReviewPublishedEmailProps) => ({
    subject: `Your review of ${p.productName} is published`,
    greeting: `Hello ${p.name},`,
    body: `Thank you: your review of ${p.productName} is now on the product page. If you edit it, it goes back to moderation before it shows again.`,
    action: "See it on the product page",
  }),
  ru: (p: ReviewPublishedEmailProps) => ({
    subject: `Ваш отзыв о ${p.productName} опубликован`,
    greeting: `Здравствуйте, ${p.name}!`,
    body: `Спасибо: ваш отзыв о ${p.productName} опубликован на странице продукта. Если вы его измените, он снова пройдёт модерацию перед публикацией.`,
    action: "Посмотреть на странице продукта",
  }),
};

const rejected = {
  en: (p: ReviewRejectedEmailProps) => ({
    subject: `Your review of ${p.productName} needs a change`,
    greeting: `Hello ${p.name},`,
    body: `We could not publish your review of ${p.productName} as it is. The moderator's reason:`,
    after: "You can edit the review and submit it again.",
    action: "Edit the review",
  }),
  ru: (p: ReviewRejectedEmailProps) => ({
    subject: `Отзыв о ${p.productName} нужно поправить`,
    greeting: `Здравствуйте, ${p.name}!`,
    body: `Мы не можем опубликовать ваш отзыв о ${p.productName} в текущем виде. Причина, указанная модератором:`,
    after: "Вы можете исправить отзыв и отправить его снова.",
    action: "Исправить отзыв",
  }),
};

export const reviewPublishedSubject = (p: ReviewPublishedEmailProps) => published[p.locale](p).subject;
export const reviewRejectedSubject = (p: ReviewRejectedEmailProps) => rejected[p.locale](p).subject;

export function ReviewPublishedEmail(props: ReviewPublishedEmailProps) {
  const c = published[props.locale](props);
  return (
    <EmailLayout preview={c.body} locale={props.locale}>
      <Text style={paragraph}>{c.greeting}</Text>
      <Text style={paragraph}>{c.body}</Text>
      <Button href={props.url} style={button}>
        {c.action}
      </Button>
    </EmailLayout>
  );
}
ReviewPublishedEmail.PreviewProps = {
  locale: "en",
  name: "Clara Smirnova",
  productName: "Exchange with 1C",
  url: "http://localhost:3000/products/exchange-1c",
} satisfies ReviewPublishedEmailProps;

export function ReviewRejectedEmail(props: ReviewRejectedEmailProps) {
  const c = rejected[props.locale](props);
  return (
    <EmailLayout preview={c.body} locale={props.locale}>
      <Text style={paragraph}>{c.greeting}</Text>
      <Text style={paragraph}>{c.body}</Text>
      <Text style={{ ...paragraph, whiteSpace: "pre-wrap", borderLeft: "3px solid #d5d9e0", paddingLeft: "10px" }}>{props.reason}</Text>
      <Text style={paragraph}>{c.after}</Text>
      <Button href={props.url} style={button}>
        {c.action}
      </Button>
    </EmailLayout>
  );
}
ReviewRejectedEmail.PreviewProps = {
  locale: "en",
  name: "Clara Smirnova",
  productName: "Exchange with 1C",
  reason: "Please remove the engineer's phone number from the support section.",
  url: "http://localhost:3000/portal/reviews/exchange-1c",
} satisfies ReviewRejectedEmailProps;
