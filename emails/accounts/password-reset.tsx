import { Button, Text } from "@react-email/components";
import { button, EmailLayout, paragraph, type EmailLocale } from "../_components/layout";

export type PasswordResetEmailProps = { locale: EmailLocale; name: string; resetUrl: string; expiresInMinutes: number };

const copy = {
  en: (p: PasswordResetEmailProps) => ({
    subject: "Reset your Keydesk password",
    greeting: `Hello ${p.name},`,
    body: "Someone asked to reset the password of your Keydesk account. If it was you, choose a new password:",
    action: "Choose a new password",
    expiry: `The link works once and expires in ${p.expiresInMinutes} minutes. If you did not ask, ignore this email: your password stays as it is.`,
  }),
  ru: (p: PasswordResetEmailProps) => ({
    subject: "Сброс пароля Keydesk",
    greeting: `Здравствуйте, ${p.name}!`,
    body: "Поступил запрос на сброс пароля вашей учётной записи Keydesk. Если это были вы, задайте новый пароль:",
    action: "Задать новый пароль",
    expiry: `Ссылка одноразовая и действует ${p.expiresInMinutes} мин. Если вы не запрашивали сброс, просто проигнорируйте письмо.`,
  }),
};

export const passwordResetSubject = (p: PasswordResetEmailProps) => copy[p.locale](p).subject;

export default function PasswordResetEmail(props: PasswordResetEmailProps) {
  const c = copy[props.locale](props);
  return (
    <EmailLayout preview={c.body} locale={props.locale} title={c.subject}>
      <Text style={paragraph}>{c.greeting}</Text>
      <Text style={paragraph}>{c.body}</Text>
      <Button href={props.resetUrl} style={button}>
        {c.action}
      </Button>
      <Text style={paragraph}>{c.expiry}</Text>
    </EmailLayout>
  );
}

PasswordResetEmail.PreviewProps = {
  locale: "en",
  name: "Anna Petrova",
  resetUrl: "http://localhost:3000/reset-password/abc",
  expiresInMinutes: 60,
} satisfies PasswordResetEmailProps;
