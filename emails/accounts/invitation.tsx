import { Button, Text } from "@react-email/components";
import { button, EmailLayout, paragraph, type EmailLocale } from "../_components/layout";

export type InvitationEmailProps = {
  locale: EmailLocale;
  name: string;
  invitedBy: string;
  organisationName: string | null;
  acceptUrl: string;
  expiresInDays: number;
};

const copy = {
  en: (p: InvitationEmailProps) => ({
    subject: "You are invited to Keydesk",
    greeting: `Hello ${p.name},`,
    body: `${p.invitedBy} invited you to Keydesk${p.organisationName ? ` for ${p.organisationName}` : ""}. Choose a password to start.`,
    action: "Set my password",
    expiry: `The link works once and expires in ${p.expiresInDays} days.`,
  }),
  ru: (p: InvitationEmailProps) => ({
    subject: "Приглашение в Keydesk",
    greeting: `Здравствуйте, ${p.name}!`,
    body: `${p.invitedBy} приглашает вас в Keydesk${p.organisationName ? ` от имени ${p.organisationName}` : ""}. Задайте пароль, чтобы начать.`,
    action: "Задать пароль",
    expiry: `Ссылка одноразовая и действует ${p.expiresInDays} дн.`,
  }),
};

export const invitationSubject = (p: InvitationEmailProps) => copy[p.locale](p).subject;

export default function InvitationEmail(props: InvitationEmailProps) {
  const c = copy[props.locale](props);
  return (
    <EmailLayout preview={c.body} locale={props.locale} title={c.subject}>
      <Text style={paragraph}>{c.greeting}</Text>
      <Text style={paragraph}>{c.body}</Text>
      <Button href={props.acceptUrl} style={button}>
        {c.action}
      </Button>
      <Text style={paragraph}>{c.expiry}</Text>
    </EmailLayout>
  );
}

InvitationEmail.PreviewProps = {
  locale: "en",
  name: "Anna Petrova",
  invitedBy: "Keydesk admin",
  organisationName: "Romashka LLC",
  acceptUrl: "http://localhost:3000/invitation/abc",
  expiresInDays: 7,
} satisfies InvitationEmailProps;
