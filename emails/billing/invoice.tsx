import { Button, Text } from "@react-email/components";
import { button, EmailLayout, paragraph, type EmailLocale } from "../_components/layout";

export type InvoiceEmailProps = {
  locale: EmailLocale;
  buyerName: string | null;
  orderNumber: number;
  /** For a support plan, `productName` is the worded line ("Priority support plan, 12 months"). */
  kind: "new_licence" | "renewal" | "support_plan";
  productName: string;
  amount: string;
  invoiceUrl: string;
};

const copy = {
  en: (p: InvoiceEmailProps) => ({
    subject: `Invoice ${p.orderNumber}: ${p.productName}`,
    greeting: p.buyerName ? `Hello ${p.buyerName},` : "Hello,",
    body: `Here is invoice ${p.orderNumber} for ${
      p.kind === "renewal" ? `one more year of updates and support for ${p.productName}` : p.kind === "support_plan" ? p.productName : `a licence for ${p.productName}`
    }: ${p.amount}. Please pay by bank transfer with the details on the invoice and quote its number.`,
    after: "As soon as we see the payment, we confirm it by email.",
    action: "Open the invoice",
  }),
  ru: (p: InvoiceEmailProps) => ({
    subject: `Счёт ${p.orderNumber}: ${p.productName}`,
    greeting: p.buyerName ? `Здравствуйте, ${p.buyerName}!` : "Здравствуйте!",
    body: `Направляем счёт ${p.orderNumber} на ${
      p.kind === "renewal" ? `ещё один год обновлений и поддержки ${p.productName}` : p.kind === "support_plan" ? p.productName : `лицензию ${p.productName}`
    }: ${p.amount}. Оплатите его банковским переводом по реквизитам в счёте и укажите номер счёта.`,
    after: "Как только оплата поступит, мы подтвердим её письмом.",
    action: "Открыть счёт",
  }),
};

export const invoiceSubject = (p: InvoiceEmailProps) => copy[p.locale](p).subject;

export default function InvoiceEmail(props: InvoiceEmailProps) {
  const c = copy[props.locale](props);
  return (
    <EmailLayout preview={c.body} locale={props.locale}>
      <Text style={paragraph}>{c.greeting}</Text>
      <Text style={paragraph}>{c.body}</Text>
      <Button href={props.invoiceUrl} style={button}>
        {c.action}
      </Button>
      <Text style={paragraph}>{c.after}</Text>
    </EmailLayout>
  );
}

InvoiceEmail.PreviewProps = {
  locale: "en",
  buyerName: "Anna Petrova",
  orderNumber: 10042,
  kind: "new_licence",
  productName: "SEO Booster",
  amount: "₽12,000.00",
  invoiceUrl: "http://localhost:3000/orders/00000000-0000-4000-8000-000000000000",
} satisfies InvoiceEmailProps;
