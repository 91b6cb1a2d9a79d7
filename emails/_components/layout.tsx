import { Body, Container, Head, Hr, Html, Preview, Section, Text } from "@react-email/components";
import type { ReactNode } from "react";

export type EmailLocale = "en" | "ru";

const FOOTER: Record<EmailLocale, string> = {
  en: "Keydesk support desk. You receive this email because of your account or request with us.",
  ru: "Служба поддержки Keydesk. Вы получили это письмо, потому что у вас есть учётная запись или обращение у нас.",
};

/** The shared frame of every Keydesk email: plain, readable without images, one column. */
export function EmailLayout({
  preview,
  locale,
  title = "Keydesk",
  children,
}: {
  preview: string;
  locale: EmailLocale;
  /** The document title (mail clients and screen readers show it); the subject is a good one. */
  title?: string;
  children: ReactNode;
}) {
  return (
    <Html lang={locale}>
      <Head>
        <title>{title}</title>
      </Head>
      <Preview>{preview}</Preview>
      <Body style={{ backgroundColor: "#f5f6f8", fontFamily: "Helvetica, Arial, sans-serif", color: "#1b1f24" }}>
        <Container style={{ backgroundColor: "#ffffff", padding: "24px", maxWidth: "560px", margin: "24px auto" }}>
          <Text style={{ fontSize: "18px", fontWeight: 700, margin: 0 }}>Keydesk</Text>
          <Section style={{ marginTop: "16px" }}>{children}</Section>
          <Hr />
          <Text style={{ fontSize: "12px", color: "#5b6470" }}>{FOOTER[locale]}</Text>
        </Container>
      </Body>
    </Html>
  );
}

export const paragraph = { fontSize: "15px", lineHeight: "22px" } as const;
export const button = {
  backgroundColor: "#1f5fbf",
  color: "#ffffff",
  padding: "10px 16px",
  borderRadius: "4px",
  textDecoration: "none",
  display: "inline-block",
} as const;
