import { Text } from "@react-email/components";
import { EmailLayout, paragraph, type EmailLocale } from "../_components/layout";

export type SecurityNoticeKind = "new_device" | "two_factor_enabled" | "two_factor_disabled" | "password_changed";

export type SecurityNoticeEmailProps = {
  locale: EmailLocale;
  name: string;
  kind: SecurityNoticeKind;
  /** Already formatted in the user's time zone. */
  when: string;
  device: string;
  ipAddress: string;
  profileUrl: string;
};

const what = {
  en: {
    new_device: "You signed in to Keydesk from a new browser or device.",
    two_factor_enabled: "Two-factor sign-in was turned on for your Keydesk account.",
    two_factor_disabled: "Two-factor sign-in was turned off for your Keydesk account.",
    password_changed: "The password of your Keydesk account was changed. Your other sessions were ended.",
  },
  ru: {
    new_device: "Выполнен вход в Keydesk с нового браузера или устройства.",
    two_factor_enabled: "Для вашей учётной записи Keydesk включена двухфакторная аутентификация.",
    two_factor_disabled: "Для вашей учётной записи Keydesk отключена двухфакторная аутентификация.",
    password_changed: "Пароль вашей учётной записи Keydesk изменён. Другие сеансы завершены.",
  },
} satisfies Record<EmailLocale, Record<SecurityNoticeKind, string>>;

const copy = {
  en: (p: SecurityNoticeEmailProps) => ({
    subject: p.kind === "new_device" ? "New sign-in to Keydesk" : "Security change on your Keydesk account",
    greeting: `Hello ${p.name},`,
    details: `When: ${p.when}. Browser: ${p.device || "unknown"}. Address: ${p.ipAddress}.`,
    advice: `If this was not you, reset your password at once and end the other sessions on your profile: ${p.profileUrl}`,
  }),
  ru: (p: SecurityNoticeEmailProps) => ({
    subject: p.kind === "new_device" ? "Новый вход в Keydesk" : "Изменение безопасности учётной записи Keydesk",
    greeting: `Здравствуйте, ${p.name}!`,
    details: `Когда: ${p.when}. Браузер: ${p.device || "неизвестен"}. Адрес: ${p.ipAddress}.`,
    advice: `Если это были не вы, сразу смените пароль и завершите другие сеансы в профиле: ${p.profileUrl}`,
  }),
};

export const securityNoticeSubject = (p: SecurityNoticeEmailProps) => copy[p.locale](p).subject;

export default function SecurityNoticeEmail(props: SecurityNoticeEmailProps) {
  const c = copy[props.locale](props);
  const body = what[props.locale][props.kind];
  return (
    <EmailLayout preview={body} locale={props.locale} title={c.subject}>
      <Text style={paragraph}>{c.greeting}</Text>
      <Text style={paragraph}>{body}</Text>
      <Text style={paragraph}>{c.details}</Text>
      <Text style={paragraph}>{c.advice}</Text>
    </EmailLayout>
  );
}

SecurityNoticeEmail.PreviewProps = {
  locale: "en",
  name: "Egor Engineer",
  kind: "new_device",
  when: "2 Dec 2026, 09:15",
  device: "Firefox on Linux",
  ipAddress: "203.0.113.7",
  profileUrl: "http://localhost:3000/profile/sessions",
} satisfies SecurityNoticeEmailProps;
