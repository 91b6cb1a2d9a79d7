import { Button, Text } from "@react-email/components";
import { button, EmailLayout, paragraph, type EmailLocale } from "../_components/layout";

export type LicenceIssuedEmailProps = {
  locale: EmailLocale;
  buyerName: string | null;
  productName: string;
  /** The dashed key, e.g. KD-7F3QK-M2X9D-TP4VH-8RWNC-Q. */
  licenceKey: string;
  free: boolean;
  portalUrl: string;
};

const copy = {
  en: (p: LicenceIssuedEmailProps) => ({
    subject: `Your licence key for ${p.productName}`,
    greeting: p.buyerName ? `Hello ${p.buyerName},` : "Hello,",
    body: `Your licence for ${p.productName} is ready. Your key:`,
    term: p.free
      ? "This product is free: updates are included; we accept bug reports without a response-time commitment."
      : "Activate the key on your production site: your year of updates and technical support starts then. Development hosts (localhost, *.local, *.test, dev.*, staging.*) are free and do not start it.",
    action: "Open your licences",
  }),
  ru: (p: LicenceIssuedEmailProps) => ({
    subject: `Лицензионный ключ для ${p.productName}`,
    greeting: p.buyerName ? `Здравствуйте, ${p.buyerName}!` : "Здравствуйте!",
    body: `Ваша лицензия на ${p.productName} готова. Ключ:`,
    term: p.free
      ? "Это бесплатный продукт: обновления включены; сообщения об ошибках принимаются без гарантии срока ответа."
      : "Активируйте ключ на рабочем сайте — с этого момента начнётся год обновлений и технической поддержки. Тестовые адреса (localhost, *.local, *.test, dev.*, staging.*) бесплатны и срок не запускают.",
    action: "Открыть лицензии",
  }),
};

export const licenceIssuedSubject = (p: LicenceIssuedEmailProps) => copy[p.locale](p).subject;

export default function LicenceIssuedEmail(props: LicenceIssuedEmailProps) {
  const c = copy[props.locale](props);
  return (
    <EmailLayout preview={`${c.body} ${props.licenceKey}`} locale={props.locale}>
      <Text style={paragraph}>{c.greeting}</Text>
      <Text style={paragraph}>{c.body}</Text>
      <Text style={{ ...paragraph, fontFamily: "Menlo, Consolas, monospace", fontSize: "18px", fontWeight: 700 }}>{props.licenceKey}</Text>
      <Text style={paragraph}>{c.term}</Text>
      <Button href={props.portalUrl} style={button}>
        {c.action}
      </Button>
    </EmailLayout>
  );
}

LicenceIssuedEmail.PreviewProps = {
  locale: "en",
  buyerName: "Anna Petrova",
  productName: "SEO Booster",
  licenceKey: "KD-7F3QK-M2X9D-TP4VH-8RWNC-Q",
  free: false,
  portalUrl: "http://localhost:3000/portal/licences",
} satisfies LicenceIssuedEmailProps;
