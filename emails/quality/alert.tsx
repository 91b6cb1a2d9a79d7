import { Button, Text } from "@react-email/components";
import { button, EmailLayout, paragraph, type EmailLocale } from "../_components/layout";
import { CLOCK_LABELS, excerpt } from "./copy";

/**
 * One template for everything the quality team is alerted to: a low CSAT, a new or reopened
 * complaint, an escalation by staff, and complaint deadlines (warning at 75 %, breach).
 */
export type QualityAlertKind = "low_csat" | "new_complaint" | "escalated" | "customer_reply" | "deadline_warn" | "deadline_breach";

export type QualityAlertEmailProps = {
  locale: EmailLocale;
  name: string;
  kind: QualityAlertKind;
  /** The complaint subject, or "#1042 Checkout page shows an error" for a ticket. */
  title: string;
  organisationName: string;
  /** Lines such as the ratings, or the customer's words (cut). */
  details: string[];
  /** Deadline alerts: which clock and when it is / was due (formatted). */
  clock?: "acknowledge" | "answer";
  dueAt?: string;
  url: string;
};

const headline = {
  en: (p: QualityAlertEmailProps) => {
    const clock = p.clock ? CLOCK_LABELS.en[p.clock] : "";
    switch (p.kind) {
      case "low_csat":
        return { subject: `Low satisfaction rating: ${p.title}`, body: `${p.organisationName} rated ${p.title} 2 or lower on at least one question.` };
      case "new_complaint":
        return { subject: `New complaint: ${p.title}`, body: `${p.organisationName} filed a complaint. It needs an acknowledgement within 1 business day.` };
      case "escalated":
        return { subject: `Escalated to quality: ${p.title}`, body: `A member of staff escalated a request of ${p.organisationName} to quality.` };
      case "customer_reply":
        return { subject: `Complaint reopened: ${p.title}`, body: `${p.organisationName} is not satisfied with the answer and replied. The complaint is back under investigation.` };
      case "deadline_warn":
        return { subject: `Complaint ${clock} due soon: ${p.title}`, body: `The ${clock} of this complaint (${p.organisationName}) has used 75 % of its target. Due: ${p.dueAt ?? "—"}.` };
      case "deadline_breach":
        return { subject: `Complaint ${clock} overdue: ${p.title}`, body: `The ${clock} of this complaint (${p.organisationName}) is overdue. It was due ${p.dueAt ?? "—"}.` };
    }
  },
  ru: (p: QualityAlertEmailProps) => {
    const clock = p.clock ? CLOCK_LABELS.ru[p.clock] : "";
    switch (p.kind) {
      case "low_csat":
        return { subject: `Низкая оценка: ${p.title}`, body: `${p.organisationName} поставили оценку 2 или ниже хотя бы по одному вопросу (${p.title}).` };
      case "new_complaint":
        return { subject: `Новая жалоба: ${p.title}`, body: `${p.organisationName} подали жалобу. Получение нужно подтвердить в течение 1 рабочего дня.` };
      case "escalated":
        return { subject: `Передано в отдел качества: ${p.title}`, body: `Сотрудник передал обращение организации ${p.organisationName} в отдел качества.` };
      case "customer_reply":
        return { subject: `Жалоба открыта повторно: ${p.title}`, body: `${p.organisationName} не согласны с ответом и возразили. Жалоба снова на рассмотрении.` };
      case "deadline_warn":
        return { subject: `Скоро срок по жалобе (${clock}): ${p.title}`, body: `По жалобе (${p.organisationName}) израсходовано 75 % срока (${clock}). Срок: ${p.dueAt ?? "—"}.` };
      case "deadline_breach":
        return { subject: `Просрочено по жалобе (${clock}): ${p.title}`, body: `По жалобе (${p.organisationName}) просрочен срок (${clock}): ${p.dueAt ?? "—"}.` };
    }
  },
};

const ACTION: Record<EmailLocale, string> = { en: "Open in the quality desk", ru: "Открыть в отделе качества" };
const GREETING: Record<EmailLocale, (name: string) => string> = { en: (n) => `Hello ${n},`, ru: (n) => `Здравствуйте, ${n}!` };

export const qualityAlertSubject = (p: QualityAlertEmailProps) => headline[p.locale](p).subject;

export default function QualityAlertEmail(props: QualityAlertEmailProps) {
  const h = headline[props.locale](props);
  return (
    <EmailLayout preview={h.body} locale={props.locale}>
      <Text style={paragraph}>{GREETING[props.locale](props.name)}</Text>
      <Text style={paragraph}>{h.body}</Text>
      {props.details.map((line, i) => (
        <Text key={i} style={{ ...paragraph, whiteSpace: "pre-wrap", margin: "0 0 6px" }}>
          {excerpt(line, 800)}
        </Text>
      ))}
      <Button href={props.url} style={button}>
        {ACTION[props.locale]}
      </Button>
    </EmailLayout>
  );
}

QualityAlertEmail.PreviewProps = {
  locale: "en",
  name: "Quinn Quality",
  kind: "low_csat",
  title: "#1042 Checkout page shows an error",
  organisationName: "Romashka LLC",
  details: ["How fast we got to you: 1/5", "Comment: nobody answered for two days"],
  url: "http://localhost:3000/desk/quality/csat",
} satisfies QualityAlertEmailProps;
