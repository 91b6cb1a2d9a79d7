import { Button, Text } from "@react-email/components";
import { button, EmailLayout, paragraph, type EmailLocale } from "../_components/layout";

export type RenewalReminderEmailProps = {
  locale: EmailLocale;
  kind: "days_30" | "days_7" | "day_0";
  productName: string;
  licenceKey: string;
  host: string | null;
  /** Formatted end of support. */
  endsOn: string;
  /** Formatted renewal price (50 % of today's list price). */
  renewalPrice: string;
  renewUrl: string;
};

const copy = {
  en: (p: RenewalReminderEmailProps) => ({
    subject:
      p.kind === "day_0"
        ? `Updates and support for ${p.productName} ended today`
        : `Updates and support for ${p.productName} end on ${p.endsOn}`,
    body:
      (p.kind === "day_0"
        ? `The year of updates and support for ${p.productName}${p.host ? ` on ${p.host}` : ""} ended on ${p.endsOn}. The software keeps working; new releases and technical support need a renewal.`
        : `The year of updates and support for ${p.productName}${p.host ? ` on ${p.host}` : ""} ends on ${p.endsOn}. Renewing before then adds a full year from that date.`) +
      ` Renewal: one more year for ${p.renewalPrice} (50 % of today's price).`,
    key: `Licence key: ${p.licenceKey}`,
    action: "Renew now",
  }),
  ru: (p: RenewalReminderEmailProps) => ({
    subject:
      p.kind === "day_0"
        ? `Обновления и поддержка ${p.productName} закончились сегодня`
        : `Обновления и поддержка ${p.productName} заканчиваются ${p.endsOn}`,
    body:
      (p.kind === "day_0"
        ? `Год обновлений и поддержки ${p.productName}${p.host ? ` на ${p.host}` : ""} закончился ${p.endsOn}. Программа продолжает работать; новые версии и техническая поддержка доступны после продления.`
        : `Год обновлений и поддержки ${p.productName}${p.host ? ` на ${p.host}` : ""} заканчивается ${p.endsOn}. Продление до этой даты добавит полный год от неё.`) +
      ` Продление: ещё один год за ${p.renewalPrice} (50 % текущей цены).`,
    key: `Лицензионный ключ: ${p.licenceKey}`,
    action: "Продлить",
  }),
};

export const renewalReminderSubject = (p: RenewalReminderEmailProps) => copy[p.locale](p).subject;

export default function RenewalReminderEmail(props: RenewalReminderEmailProps) {
  const c = copy[props.locale](props);
  return (
    <EmailLayout preview={c.subject} locale={props.locale}>
      <Text style={paragraph}>{c.body}</Text>
      <Text style={paragraph}>{c.key}</Text>
      <Button href={props.renewUrl} style={button}>
        {c.action}
      </Button>
    </EmailLayout>
  );
}

RenewalReminderEmail.PreviewProps = {
  locale: "en",
  kind: "days_7",
  productName: "SEO Booster",
  licenceKey: "KD-7F3QK-M2X9D-TP4VH-8RWNC-Q",
  host: "shop.example.com",
  endsOn: "1 June 2026",
  renewalPrice: "₽6,000.00",
  renewUrl: "http://localhost:3000/renew?key=KD-7F3QK-M2X9D-TP4VH-8RWNC-Q",
} satisfies RenewalReminderEmailProps;
