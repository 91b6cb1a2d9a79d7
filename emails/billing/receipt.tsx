import { Button, Text } from "@react-email/components";
import { button, EmailLayout, paragraph, type EmailLocale } from "../_components/layout";

export type ReceiptEmailProps = {
  locale: EmailLocale;
  buyerName: string | null;
  orderNumber: number;
  kind: "new_licence" | "renewal" | "prepaid_hours" | "support_plan";
  /** The product; for prepaid hours and support plans the worded line ("Prepaid support hours: 10"). */
  productName: string;
  /** Already formatted for the locale, e.g. "12 345,00 ₽". */
  amount: string;
  paidOn: string;
  /** Renewals: the new end of support, formatted; null before the first activation. */
  supportUntil: string | null;
  orderUrl: string;
};

const copy = {
  en: (p: ReceiptEmailProps) => ({
    subject: `Receipt for order ${p.orderNumber}: ${p.productName}`,
    greeting: p.buyerName ? `Hello ${p.buyerName},` : "Hello,",
    body: `We received your payment of ${p.amount} on ${p.paidOn} for order ${p.orderNumber}: ${
      p.kind === "renewal" ? `one more year of updates and support for ${p.productName}` : p.kind === "prepaid_hours" || p.kind === "support_plan" ? p.productName : `a licence for ${p.productName}`
    }. Thank you.`,
    documents: "The receipt and the certificate of completion (PDF) are on the order page.",
    renewal:
      p.kind === "renewal"
        ? p.supportUntil
          ? `Updates and support now run until ${p.supportUntil}.`
          : "The year is added to your term, which starts when you activate the licence on your site."
        : p.kind === "support_plan" && p.supportUntil
          ? `The plan now runs until ${p.supportUntil}.`
          : null,
    action: "View the order",
  }),
  ru: (p: ReceiptEmailProps) => ({
    subject: `Квитанция по заказу ${p.orderNumber}: ${p.productName}`,
    greeting: p.buyerName ? `Здравствуйте, ${p.buyerName}!` : "Здравствуйте!",
    body: `Мы получили оплату ${p.amount} (${p.paidOn}) по заказу ${p.orderNumber}: ${
      p.kind === "renewal" ? `ещё один год обновлений и поддержки ${p.productName}` : p.kind === "prepaid_hours" || p.kind === "support_plan" ? p.productName : `лицензия на ${p.productName}`
    }. Спасибо!`,
    documents: "Квитанция и акт (PDF) — на странице заказа.",
    renewal:
      p.kind === "renewal"
        ? p.supportUntil
          ? `Обновления и поддержка теперь действуют до ${p.supportUntil}.`
          : "Год добавлен к сроку, который начнётся после активации лицензии на сайте."
        : p.kind === "support_plan" && p.supportUntil
          ? `План теперь действует до ${p.supportUntil}.`
          : null,
    action: "Открыть заказ",
  }),
};

export const receiptSubject = (p: ReceiptEmailProps) => copy[p.locale](p).subject;

export default function ReceiptEmail(props: ReceiptEmailProps) {
  const c = copy[props.locale](props);
  return (
    <EmailLayout preview={c.body} locale={props.locale}>
      <Text style={paragraph}>{c.greeting}</Text>
      <Text style={paragraph}>{c.body}</Text>
      {c.renewal ? <Text style={paragraph}>{c.renewal}</Text> : null}
      <Text style={paragraph}>{c.documents}</Text>
      <Button href={props.orderUrl} style={button}>
        {c.action}
      </Button>
    </EmailLayout>
  );
}

ReceiptEmail.PreviewProps = {
  locale: "en",
  buyerName: "Anna Petrova",
  orderNumber: 10042,
  kind: "renewal",
  productName: "SEO Booster",
  amount: "₽6,000.00",
  paidOn: "1 June 2026",
  supportUntil: "1 June 2027",
  orderUrl: "http://localhost:3000/orders/00000000-0000-4000-8000-000000000000",
} satisfies ReceiptEmailProps;
